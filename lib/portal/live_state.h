#pragma once

#include <set>
#include <string>

#include "base/result.h"
#include "base/worker_pool.h"
#include "model/claims.h"
#include "model/client.h"
#include "model/state.h"
#include "portal/log_sink.h"
#include "portal/portal_api.h"

namespace mpctl::portal {

/// Which clients are ours and what else to read (design.md §2).
struct LiveReadOptions {
  std::string organization;          // copied into LiveState::organization
  std::string owner;                 // the manifest's `owner:`: namespace of ownership tags
  std::set<std::string> pinned_ids;  // client ids pinned by the manifest for this environment
  /// Read owned scopes with their access, /scopes/all and /scopes/access/all (needs
  /// idporten:scopes.read).
  bool read_scopes = false;
  int parallelism = base::kDefaultParallelism;  // concurrent requests; at least 1
  /// Told (with -v) when the admin token does not say which organisation it acts for.
  LogSink log;
};

/// Fails (kDenied) when the admin token acts for another organisation than `organization`,
/// naming both numbers: caught before any plan is shown instead of as a 403 halfway through
/// an apply. When the token does not say (no `consumer` claim, an opaque token), tells `log`
/// and succeeds.
base::Status CheckActingOrganization(PortalApi& api, const std::string& organization,
                                     const LogSink& log);

/// `options.owner` and `options.pinned_ids` as the ownership rule takes them.
model::Ownership OwnershipOf(const LiveReadOptions& options);

/// True when model::ClaimOf() claims `client`: pinned, or tagged in `options.owner`'s namespace
/// (`client` comes from ListClients, which lists active clients only).
bool IsManaged(const model::LiveClient& client, const LiveReadOptions& options);

/// Reads one environment: CheckActingOrganization() first (when `organization` is set), then one
/// list of clients, then the key sets of managed clients only
/// (unmanaged clients are never read in detail and keep `keys` unset), in parallel with at
/// most `parallelism` requests in flight; with `read_scopes`, the scope lists as well. GETs
/// only. The first failure (in list order) is returned after in-flight requests finish.
base::Result<model::LiveState> FetchLiveState(PortalApi& api, const LiveReadOptions& options);

}  // namespace mpctl::portal
