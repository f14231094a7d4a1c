#include "plan/key_material.h"

#include <algorithm>

namespace mpctl::plan {

namespace {

base::Error Stale(const Action& action, const std::string& message) {
  return base::MakeError(base::ErrorCode::kConflict, action.address + ": " + message +
                                                         "; the manifest changed since the "
                                                         "plan was made, make the plan again");
}

}  // namespace

base::Status ReattachKeyMaterial(EnvironmentPlan& plan, const model::DesiredState& desired) {
  for (Action& action : plan.actions) {
    if (action.type != ResourceType::kClientKeys) continue;
    auto client = std::ranges::find(desired.clients, action.name, &model::DesiredClient::name);
    if (client == desired.clients.end()) {
      return Stale(action, "client '" + action.name + "' is not in the manifest");
    }
    for (model::PublicKey& key : action.keys) {
      auto source = std::ranges::find(client->keys, key.kid, &model::PublicKey::kid);
      if (source == client->keys.end()) {
        return Stale(action, "key '" + key.kid + "' is not in the manifest");
      }
      if (source->thumbprint != key.thumbprint) {
        return Stale(action, "key '" + key.kid + "' has other key material in the manifest");
      }
      key = *source;
    }
  }
  return base::OkStatus();
}

base::Status ReattachKeyMaterial(Plan& plan, const std::vector<model::DesiredState>& desired) {
  for (EnvironmentPlan& env : plan.environments) {
    auto state = std::ranges::find_if(
        desired, [&](const model::DesiredState& d) { return d.environment.name == env.name; });
    if (state == desired.end()) {
      return base::MakeError(base::ErrorCode::kConflict,
                             "environment '" + env.name + "' of the plan is not in the manifest");
    }
    base::Status status = ReattachKeyMaterial(env, *state);
    if (!status.ok()) return status.error().WithContext("environment '" + env.name + "'");
  }
  return base::OkStatus();
}

}  // namespace mpctl::plan
