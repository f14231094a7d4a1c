// One action → the fewest portal calls that make it so.
#include <algorithm>
#include <chrono>

#include "applier/internal.h"
#include "base/strings.h"
#include "model/claims.h"
#include "model/ownership.h"

namespace mpctl::applier {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::ResourceType;

ActionResult Done(const Action& a, int writes, std::string client_id = "", std::string note = "") {
  return {a.address, a.type, a.kind, Outcome::kDone, std::move(client_id), std::move(note), writes};
}

ActionResult Failed(const Action& a, int writes, const base::Error& error) {
  return {a.address, a.type, a.kind, Outcome::kFailed, a.client_id, error.message, writes};
}

ActionResult FromStatus(const Action& a, const base::Status& status, std::string client_id) {
  if (!status.ok()) return Failed(a, 1, status.error());
  return Done(a, 1, std::move(client_id));
}

// CheckPlan made sure a create or update has `after`.
model::DesiredScope ScopeOf(const Action& a) {
  const plan::ScopeFields& after = *a.scope.after;
  model::DesiredScope scope;
  scope.prefix = after.prefix;
  scope.subscope = after.subscope;
  scope.name = scope.prefix + ":" + scope.subscope;
  scope.description = after.description;
  scope.long_description = after.long_description;
  scope.visibility = after.visibility == model::ToApiString(model::Visibility::kPrivate)
                         ? model::Visibility::kPrivate
                         : model::Visibility::kPublic;
  scope.allowed_integration_types = after.allowed_integration_types;
  scope.accessible_for_all = after.accessible_for_all;
  scope.token_lifetime_seconds = after.at_max_age;
  return scope;
}

// The live clients that carry the tag of `a`'s entry, by the rule the planner used
// (model::ClaimsByTag): a client the plan would claim must be found here, or a create would
// make a second one. The list was requested after `since` (SharedClientList).
base::Result<std::vector<model::LiveClient>> FindByTag(const PerformContext& ctx, const Action& a,
                                                       SharedClientList::Clock::time_point since) {
  auto clients = ctx.clients.ListedAfter(since);
  if (!clients.ok()) return clients.error();
  std::vector<model::LiveClient> found;
  for (const auto& client : **clients) {
    if (model::ClaimsByTag(client, ctx.options.owner, a.name)) found.push_back(client);
  }
  return found;
}

const model::LiveClient& Winner(const std::vector<model::LiveClient>& clients) {
  return *std::min_element(clients.begin(), clients.end(), model::KeptBefore);
}

std::string Posts(int posts) {
  return std::to_string(posts) + (posts == 1 ? " POST was" : " POSTs were") + " sent";
}

// After this run's POST made `ours`: the tag is listed once more, because another apply may
// have created a client for the entry at the same time. Every run keeps the same winner (the
// oldest); a run deletes its own client when it lost, never another's.
ActionResult Settle(const PerformContext& ctx, const Action& a, int writes,
                    const model::LiveClient& ours) {
  auto listed = FindByTag(ctx, a, SharedClientList::Clock::now());
  if (!listed.ok()) {
    return Done(a, writes, ours.client_id,
                "created; listing '" + a.ownership_tag +
                    "' afterwards to check for a concurrent apply's client failed (" +
                    listed.error().message + "); run plan to check");
  }
  std::vector<model::LiveClient> all = std::move(listed).value();
  if (std::none_of(all.begin(), all.end(),
                   [&](const auto& c) { return c.client_id == ours.client_id; })) {
    all.push_back(ours);
  }
  const model::LiveClient& winner = Winner(all);
  if (winner.client_id == ours.client_id) {
    if (all.size() == 1) return Done(a, writes, ours.client_id);
    return Done(a, writes, ours.client_id,
                std::to_string(all.size()) + " clients carry '" + a.ownership_tag +
                    "'; kept this one, the oldest (the others were made by concurrent applies, "
                    "which delete their own)");
  }
  auto deleted = ctx.api.DeleteClient(ours.client_id);
  ++writes;
  std::string what = "created '" + ours.client_id + "', but '" + winner.client_id + "' carries '" +
                     a.ownership_tag + "' too and is older (a concurrent apply)";
  if (!deleted.ok()) {
    return Failed(a, writes,
                  deleted.error().WithContext(what + "; deleting '" + ours.client_id +
                                              "' failed; plan shows the duplicate and apply "
                                              "--resolve-duplicates removes it"));
  }
  return Done(a, writes, winner.client_id,
              what + "; deleted '" + ours.client_id + "', using '" + winner.client_id + "'");
}

// How old a list the lookup before a client's first POST may use (SharedClientList).
constexpr std::chrono::milliseconds kRecentEnough{1000};

// POST /clients, never twice for one client. The tag is looked up right before every POST
// (another apply may have created the client since the plan was read, or a POST whose outcome
// was unknown may have made it), and listed once more right after a create (Settle).
ActionResult CreateClient(const PerformContext& ctx, const Action& a) {
  portal::ClientSpec spec = ClientSpecOf(a, ctx.options.owner, ctx.plan.organization);
  const int max_posts = std::max(1, ctx.options.create_attempts);
  int writes = 0;
  base::Error last;
  for (int posts = 0;;) {
    // Before the first POST a list up to kRecentEnough old will do: it finds what other applies
    // made since the plan, and Settle's list after the POST catches a create that raced it.
    // After a POST whose answer was lost, only a list requested after it can tell.
    auto now = SharedClientList::Clock::now();
    auto found = FindByTag(ctx, a, posts == 0 ? now - kRecentEnough : now);
    if (!found.ok()) {
      if (posts == 0) {
        return Failed(a, writes,
                      found.error().WithContext("looking for '" + a.ownership_tag +
                                                "' before creating the client; nothing was sent"));
      }
      return Failed(a, writes,
                    last.WithContext(Posts(posts) + "; not sent again, because looking for '" +
                                     a.ownership_tag + "' failed too (" + found.error().message +
                                     "); run apply again, it looks first"));
    }
    if (!found->empty()) {
      const model::LiveClient& winner = Winner(*found);
      std::string note =
          posts == 0
              ? "not created: '" + winner.client_id + "' carries '" + a.ownership_tag +
                    "' (made by another apply since the plan)"
              : "the create's answer was lost (" + Posts(posts) + "); found the client by its tag";
      if (found->size() > 1) {
        note += "; " + std::to_string(found->size()) + " clients carry the tag, using '" +
                winner.client_id + "', the oldest (plan shows the others)";
      }
      return Done(a, writes, winner.client_id, note);
    }
    if (posts >= max_posts) {
      return Failed(a, writes,
                    last.WithContext(Posts(posts) + ", none answered, and no client carries '" +
                                     a.ownership_tag + "'"));
    }
    auto created = ctx.api.CreateClient(spec);
    ++posts;
    ++writes;
    if (created.ok()) return Settle(ctx, a, writes, *created);
    last = created.error();
    if (!created.outcome_unknown()) return Failed(a, writes, last);
  }
}

// POST /scopes, looked up by name after an unknown outcome.
ActionResult CreateScope(const PerformContext& ctx, const Action& a) {
  model::DesiredScope scope = ScopeOf(a);
  int writes = 0;
  base::Error last;
  for (int attempt = 1; attempt <= std::max(1, ctx.options.create_attempts); ++attempt) {
    auto created = ctx.api.CreateScope(scope);
    ++writes;
    if (created.ok()) return Done(a, writes);
    last = created.error();
    if (!created.outcome_unknown()) return Failed(a, writes, last);
    auto found = ctx.api.GetScope(scope.name);
    if (found.ok()) return Done(a, writes, "", "the create's answer was lost; found the scope");
    if (found.error().code != base::ErrorCode::kNotFound) {
      return Failed(a, writes,
                    last.WithContext("not sent again, because looking for the scope "
                                     "failed too (" +
                                     found.error().message + ")"));
    }
  }
  return Failed(a, writes, last);
}

// The set to POST: kept keys as the live state shows them (same kid, same material), new
// and replaced keys from the plan.
std::vector<model::PublicKey> KeysToSend(const PerformContext& ctx, const Action& a,
                                         const std::string& client_id) {
  const model::LiveClient* live = nullptr;
  for (const auto& client : ctx.options.live->clients) {
    if (client.client_id == client_id) live = &client;
  }
  std::vector<model::PublicKey> keys = a.keys;
  if (live == nullptr || !live->keys) return keys;
  for (auto& key : keys) {
    for (const auto& registered : *live->keys) {
      if (registered.kid == key.kid && registered.SameMaterial(key) && registered.alg == key.alg) {
        key = registered;
      }
    }
  }
  return keys;
}

ActionResult PerformKeys(const PerformContext& ctx, const Action& a,
                         const std::string& created_client_id) {
  const std::string& client_id = a.client_id.empty() ? created_client_id : a.client_id;
  if (a.keys.empty()) return FromStatus(a, ctx.api.DeleteKeys(client_id), client_id);
  return FromStatus(a, ctx.api.ReplaceKeys(client_id, KeysToSend(ctx, a, client_id)), client_id);
}

ActionResult PerformClient(const PerformContext& ctx, const Action& a) {
  switch (a.kind) {
    case ActionKind::kCreate:
      return CreateClient(ctx, a);
    case ActionKind::kUpdate:
      return FromStatus(a,
                        ctx.api.UpdateClient(
                            a.client_id, ClientSpecOf(a, ctx.options.owner, ctx.plan.organization)),
                        a.client_id);
    case ActionKind::kDelete:
      return FromStatus(a, ctx.api.DeleteClient(a.client_id), a.client_id);
  }
  return Failed(a, 0, base::MakeError(base::ErrorCode::kInternal, "unknown action"));
}

ActionResult PerformScope(const PerformContext& ctx, const Action& a) {
  switch (a.kind) {
    case ActionKind::kCreate:
      return CreateScope(ctx, a);
    case ActionKind::kUpdate:
      return FromStatus(a, ctx.api.UpdateScope(ScopeOf(a)), "");
    case ActionKind::kDelete:
      return FromStatus(a, ctx.api.DeactivateScope(a.name), "");
  }
  return Failed(a, 0, base::MakeError(base::ErrorCode::kInternal, "unknown action"));
}

}  // namespace

portal::ClientSpec ClientSpecOf(const Action& a, std::string_view owner,
                                const std::string& organization) {
  const plan::ClientFields& after = *a.client.after;  // CheckPlan made sure it is there
  portal::ClientSpec spec;
  spec.client_name = after.client_name;
  spec.description = model::WithOwnershipTag(after.description, owner, a.name);
  spec.scopes = after.scopes;
  spec.client_orgno = organization;
  return spec;
}

ActionResult Perform(const PerformContext& ctx, const Action& a,
                     const std::string& created_client_id) {
  switch (a.type) {
    case ResourceType::kClient:
      return PerformClient(ctx, a);
    case ResourceType::kClientKeys:
      return PerformKeys(ctx, a, created_client_id);
    case ResourceType::kScope:
      return PerformScope(ctx, a);
    case ResourceType::kScopeAccess:
      return FromStatus(a,
                        a.kind == ActionKind::kDelete
                            ? ctx.api.RevokeAccess(a.name, a.consumer_orgno)
                            : ctx.api.GrantAccess(a.name, a.consumer_orgno),
                        "");
  }
  return Failed(a, 0, base::MakeError(base::ErrorCode::kInternal, "unknown resource type"));
}

}  // namespace mpctl::applier
