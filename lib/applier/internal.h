// Internal to lib/applier: what the checker, the scheduler and the performer share.
#pragma once

#include <string>
#include <vector>

#include "applier/applier.h"
#include "applier/client_list.h"

namespace mpctl::applier {

/// What one action needs besides itself.
struct PerformContext {
  portal::PortalApi& api;
  const plan::EnvironmentPlan& plan;
  const ApplyOptions& options;
  SharedClientList& clients;  // the tag lookups of concurrent creates share their lists
};

/// Performs `action` (already checked by CheckPlan). `created_client_id`: the id of the
/// client created in this run for a key set whose action has no client_id. Never throws;
/// the result is kDone or kFailed.
ActionResult Perform(const PerformContext& ctx, const plan::Action& action,
                     const std::string& created_client_id);

}  // namespace mpctl::applier
