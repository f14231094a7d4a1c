#include "plan/saved.h"

#include "plan/compare.h"

namespace mpctl::plan {

std::optional<Staleness> CheckSavedManifest(const Plan& saved, const std::string& manifest_sha256) {
  if (saved.manifest_sha256 == manifest_sha256) return std::nullopt;
  return Staleness{Staleness::Kind::kManifestChanged, "", ""};
}

std::optional<Staleness> CheckSavedAgainst(const Plan& saved, const Plan& now) {
  if (auto manifest = CheckSavedManifest(saved, now.manifest_sha256)) return manifest;
  if (now.environments.size() != saved.environments.size()) {
    return Staleness{Staleness::Kind::kActionsDiffer, "",
                     "a plan made now covers " + std::to_string(now.environments.size()) +
                         " environments, the saved plan " +
                         std::to_string(saved.environments.size())};
  }
  for (std::size_t i = 0; i < saved.environments.size(); ++i) {
    if (saved.environments[i].live_fingerprint != now.environments[i].live_fingerprint) {
      return Staleness{Staleness::Kind::kLiveChanged, saved.environments[i].name, ""};
    }
  }
  for (std::size_t i = 0; i < saved.environments.size(); ++i) {
    if (auto difference = FirstActionDifference(saved.environments[i], now.environments[i])) {
      return Staleness{Staleness::Kind::kActionsDiffer, saved.environments[i].name, *difference};
    }
  }
  return std::nullopt;
}

}  // namespace mpctl::plan
