// Internal to lib/planner: state shared by the parts of one Diff() call.
#pragma once

#include <string>

#include "base/sets.h"
#include "planner/diff.h"

namespace mpctl::planner {

struct Context {
  const model::DesiredState& desired;
  const model::LiveState& live;
  const DiffOptions& options;
  plan::EnvironmentPlan& out;

  void Warn(std::string address, std::string message) {
    out.warnings.push_back({std::move(address), std::move(message)});
  }
  void Fail(std::string address, std::string message) {
    out.errors.push_back({std::move(address), std::move(message)});
  }
  void Orphan(std::string address, std::string client_id) {
    out.orphans.push_back({std::move(address), std::move(client_id)});
  }
  void Unchanged() { ++out.summary.unchanged; }
};

/// Client entries: ownership matching, client and key-set actions, orphans, unmanaged clients.
void DiffClients(Context& ctx);
/// The key set of one client; `live` is null for a client created by this plan.
void DiffKeys(Context& ctx, const model::DesiredClient& desired, const model::LiveClient* live);
/// Provider scopes and their grants, when the manifest declares scopes.
void DiffScopes(Context& ctx);
/// Errors for client scopes the organisation cannot use (only when live scopes were read).
void CheckUsableScopes(Context& ctx);

using base::Minus;
using base::SortedSet;
/// "'a'", "'a' and 'b'", "'a', 'b' and 'c'".
std::string QuotedList(const std::vector<std::string>& values);

}  // namespace mpctl::planner
