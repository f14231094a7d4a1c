// lib/applier: executes one environment's plan against the portal: the only code that writes.
// It never re-decides what to do; it refuses an unsafe plan before the first request. Uses
// plan, portal, model and base; never the planner, the manifest or a renderer.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/worker_pool.h"
#include "model/state.h"
#include "plan/plan.h"
#include "portal/portal_api.h"

namespace mpctl::applier {

/// Whether delete actions may run (`--prune`, or a saved plan made with it).
using plan::Prune;

/// Actions in progress per request in flight (ApplyOptions::parallelism).
inline constexpr int kActionsPerRequest = 4;

struct ApplyOptions {
  /// `--parallelism`: requests in flight at once, at least 1. The transport keeps that bound
  /// (portal::ConnectOptions::max_in_flight); the applier runs up to kActionsPerRequest times
  /// as many actions at once, because a create spends most of its time waiting for a shared
  /// list of clients, which holds a thread but no connection. With 1, one action at a time, in
  /// plan order.
  int parallelism = base::kDefaultParallelism;
  Prune prune = Prune::kNo;
  /// The manifest's `owner:` (namespace of ownership tags); "" when it sets none.
  std::string owner;
  /// The live state the plan was made from or checked against, read just before. Writes go
  /// only to clients it shows as claimed (pinned in `pinned_client_ids` or tagged in `owner`'s
  /// namespace); keys kept in a set are sent back as it shows them. Not owned; required.
  const model::LiveState* live = nullptr;
  std::set<std::string> pinned_client_ids;
  /// Entry names with `lifecycle.prevent_destroy`: deleting them is refused.
  std::set<std::string> protected_clients;
  std::set<std::string> protected_scopes;
  /// `--resolve-duplicates`: a client delete is allowed without Prune::kYes when the live
  /// state shows another client claiming the same entry that the plan keeps.
  bool resolve_duplicates = false;
  /// How many POSTs a create may take in all, each after a lookup found nothing (a POST whose
  /// outcome is unknown is always looked up before it is sent again).
  int create_attempts = 3;
};

enum class Outcome { kDone, kFailed, kNotAttempted };

/// What happened to one action.
struct ActionResult {
  std::string address;
  plan::ResourceType type = plan::ResourceType::kClient;
  plan::ActionKind kind = plan::ActionKind::kCreate;
  Outcome outcome = Outcome::kNotAttempted;
  /// The client's id: the new one for a created client (also when found by its tag).
  std::string client_id;
  /// kFailed: the error (method, path, status, correlation_id, the API's message).
  /// kNotAttempted: why. kDone: a note, e.g. that a create was found by its tag; often "".
  std::string message;
  int writes = 0;  // write calls made for this action (each may be retried by the portal layer)
};

/// The outcome of Execute(): one result per action, in plan order.
struct ApplyResult {
  std::vector<ActionResult> actions;

  int Count(Outcome outcome) const;
  /// Write calls made, over every action.
  int writes() const;
  /// True when every action is done.
  bool ok() const { return Count(Outcome::kDone) == static_cast<int>(actions.size()); }
};

/// Told about progress, from worker threads but never from two at once.
class Observer {
 public:
  virtual ~Observer() = default;
  /// `result` finished (done or failed); `finished` of `total` actions have.
  virtual void OnFinished(const ActionResult& result, int finished, int total) = 0;
};

/// An Observer that ignores everything.
class SilentObserver final : public Observer {
 public:
  void OnFinished(const ActionResult&, int, int) override {}
};

/// Every reason `plan` must not be executed, checked before any request: plan errors, deletes
/// without Prune::kYes or of a prevent_destroy entry, writes to a client the live state does
/// not show as ours (or that the plan lists as unmanaged), a wrong ownership tag, key sets
/// without key material (a saved plan not given ReattachKeyMaterial), missing fields. Ok when
/// there are none; otherwise kDenied (unsafe) or kInvalidInput (malformed), one line per reason.
base::Status CheckPlan(const plan::EnvironmentPlan& plan, const ApplyOptions& options);

/// The client a create or update `action` writes: its name and scopes, the organization, and
/// its description with the ownership tag of `owner` and the entry name appended (design
/// §10). The tests' in-memory apply writes clients through this too.
portal::ClientSpec ClientSpecOf(const plan::Action& action, std::string_view owner,
                                const std::string& organization);

/// Executes `plan` on `api`: CheckPlan() first (its error, and no request, when it fails),
/// then every action as soon as what it needs is done (see ApplyOptions::parallelism): a new
/// client's key set after its create, a grant and a client using a new scope after that scope,
/// and every deletion after every action of an earlier stage of design.md §6 (provider scopes
/// → grants → client creates → client updates → key sets → revocations → client deletes →
/// scope deactivations). A failure stops exactly what depends on it, transitively (every
/// deletion waits for all other changes to succeed); other work carries on.
/// Calls: one POST per new client, one PUT (full client, tag in description) per changed
/// client, one POST /jwks (the whole set) or DELETE /jwks (empty set) per key change. A create
/// whose outcome is unknown is looked up (by tag; scopes by name) before any new POST.
base::Result<ApplyResult> Execute(const plan::EnvironmentPlan& plan, portal::PortalApi& api,
                                  Observer& observer, const ApplyOptions& options);

}  // namespace mpctl::applier
