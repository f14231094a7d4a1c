#include "planner/diff.h"

#include <algorithm>
#include <tuple>

#include "plan/fingerprint.h"
#include "planner/context.h"

namespace mpctl::planner {

namespace {

bool ByAddress(const plan::Message& a, const plan::Message& b) {
  return std::tie(a.address, a.message) < std::tie(b.address, b.message);
}

}  // namespace

std::string QuotedList(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " and " : ", ";
    out += "'" + values[i] + "'";
  }
  return out;
}

void ProtectEntries(const std::vector<model::DesiredState>& states, DiffOptions& options) {
  for (const model::DesiredState& state : states) {
    for (const model::DesiredClient& c : state.clients) {
      if (c.prevent_destroy) options.protected_clients.insert(c.name);
    }
    for (const model::DesiredScope& s : state.scopes) {
      if (s.prevent_destroy) options.protected_scopes.insert(s.name);
    }
  }
}

plan::EnvironmentPlan Diff(const model::DesiredState& desired, const model::LiveState& live,
                           const DiffOptions& options) {
  plan::EnvironmentPlan out;
  out.name = desired.environment.name;
  out.organization = desired.environment.organization;
  out.api_url = desired.environment.api_url;
  out.live_fingerprint = plan::LiveFingerprint(desired, live);
  Context ctx{desired, live, options, out};
  DiffScopes(ctx);
  DiffClients(ctx);
  CheckUsableScopes(ctx);

  // The applier's order (design §6), so that every consumer of a plan (renderers, applier,
  // reviewers) sees the same sequence.
  std::ranges::stable_sort(out.actions, [](const plan::Action& a, const plan::Action& b) {
    return std::make_tuple(plan::StageOf(a), std::cref(a.address), std::cref(a.client_id)) <
           std::make_tuple(plan::StageOf(b), std::cref(b.address), std::cref(b.client_id));
  });
  std::ranges::sort(out.warnings, ByAddress);
  std::ranges::sort(out.errors, ByAddress);
  out.errors.erase(std::unique(out.errors.begin(), out.errors.end(),
                               [](const auto& a, const auto& b) {
                                 return a.address == b.address && a.message == b.message;
                               }),
                   out.errors.end());
  std::ranges::sort(out.orphans, [](const plan::Orphan& a, const plan::Orphan& b) {
    return std::tie(a.address, a.client_id) < std::tie(b.address, b.client_id);
  });
  std::ranges::sort(out.unmanaged, [](const plan::Unmanaged& a, const plan::Unmanaged& b) {
    return std::tie(a.client_id, a.client_name) < std::tie(b.client_id, b.client_name);
  });
  plan::CountActions(out);
  out.summary.unmanaged = static_cast<int>(out.unmanaged.size());
  out.summary.orphaned = static_cast<int>(out.orphans.size());
  return out;
}

}  // namespace mpctl::planner
