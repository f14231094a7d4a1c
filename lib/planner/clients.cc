// Client entries: which live client belongs to which entry (design §2), and what to change.
#include <algorithm>
#include <map>
#include <set>

#include "base/strings.h"
#include "model/claims.h"
#include "model/ownership.h"
#include "planner/context.h"

namespace mpctl::planner {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::Change;
using plan::ResourceType;

std::string Address(const std::string& name) { return "client." + name; }

plan::ClientFields DesiredFields(const model::DesiredClient& d) {
  return {d.display_name, d.description, SortedSet(d.scopes)};
}

plan::ClientFields LiveFields(const model::LiveClient& l) {
  return {l.client_name, model::StripOwnershipTag(l.description), SortedSet(l.scopes)};
}

// The trailing tag as written in the live description, or "" when there is none.
std::string LiveTag(const model::LiveClient& l) {
  std::string stripped = model::StripOwnershipTag(l.description);
  return std::string(base::Trim(std::string_view(l.description).substr(stripped.size())));
}

void AddScalarChange(std::vector<Change>& changes, const std::string& path, const std::string& from,
                     const std::string& to) {
  if (from == to) return;
  Change c;
  c.path = path;
  c.from = from;
  c.to = to;
  changes.push_back(std::move(c));
}

void PlanCreate(Context& ctx, const model::DesiredClient& d,
                const std::vector<const model::LiveClient*>& unmanaged) {
  Action a;
  a.address = Address(d.name);
  a.type = ResourceType::kClient;
  a.kind = ActionKind::kCreate;
  a.name = d.name;
  a.ownership_tag = model::OwnershipTag(ctx.desired.owner, d.name);
  a.client.after = DesiredFields(d);
  ctx.out.actions.push_back(std::move(a));
  for (const model::LiveClient* l : unmanaged) {
    if (l->client_name == d.display_name) {
      ctx.Warn(Address(d.name), "unmanaged client '" + l->client_id + "' has the same name '" +
                                    d.display_name +
                                    "', a likely duplicate; to adopt it, pin "
                                    "it with client_id under overrides." +
                                    ctx.out.name);
    }
  }
  DiffKeys(ctx, d, nullptr);
}

void PlanUpdate(Context& ctx, const model::DesiredClient& d, const model::LiveClient& l) {
  if (!l.integration_type.empty() && l.integration_type != model::kMaskinporten) {
    ctx.Fail(Address(d.name), "client '" + l.client_id + "' has integration_type '" +
                                  l.integration_type + "'; mpctl manages only '" +
                                  model::kMaskinporten + "' clients");
    return;
  }
  std::vector<Change> changes;
  AddScalarChange(changes, "client_name", l.client_name, d.display_name);
  AddScalarChange(changes, "description", model::StripOwnershipTag(l.description), d.description);
  std::string tag = model::OwnershipTag(ctx.desired.owner, d.name);
  AddScalarChange(changes, "ownership tag", LiveTag(l), tag);
  std::vector<std::string> want = SortedSet(d.scopes), have = SortedSet(l.scopes);
  if (want != have) {
    Change c;
    c.path = "scopes";
    c.add = Minus(want, have);
    c.remove = Minus(have, want);
    changes.push_back(std::move(c));
  }
  std::size_t actions_before = ctx.out.actions.size();
  if (!changes.empty()) {
    Action a;
    a.address = Address(d.name);
    a.type = ResourceType::kClient;
    a.kind = ActionKind::kUpdate;
    a.name = d.name;
    a.client_id = l.client_id;
    a.ownership_tag = tag;
    a.client.before = LiveFields(l);
    a.client.after = DesiredFields(d);
    a.changes = std::move(changes);
    ctx.out.actions.push_back(std::move(a));
  }
  DiffKeys(ctx, d, &l);
  if (ctx.out.actions.size() == actions_before) ctx.Unchanged();
}

// "'id' (created 2026-..., keys 'k1', 'k2')" for the duplicate error.
std::string Described(const model::LiveClient& l) {
  std::string keys = !l.keys           ? "keys not read"
                     : l.keys->empty() ? "no keys"
                                       : "keys " + QuotedList([&] {
                                           std::vector<std::string> kids;
                                           for (const auto& k : *l.keys) kids.push_back(k.kid);
                                           return kids;
                                         }());
  return "'" + l.client_id + "' (created " + (l.created.empty() ? "unknown" : l.created) + ", " +
         keys + ")";
}

// Several live clients carry one entry's tag (a lost answer or concurrent applies made them).
// Every run agrees on the one to keep; with --resolve-duplicates the others are deleted.
void PlanDuplicates(Context& ctx, const model::DesiredClient& d,
                    std::vector<const model::LiveClient*> claimed) {
  std::ranges::sort(claimed,
                    [](const auto* a, const auto* b) { return model::KeptBefore(*a, *b); });
  if (d.pinned_client_id) {  // a pin says which one
    std::ranges::stable_partition(
        claimed, [&](const auto* l) { return l->client_id == *d.pinned_client_id; });
  }
  const model::LiveClient& kept = *claimed.front();
  std::vector<std::string> described, others;
  for (const model::LiveClient* l : claimed) described.push_back(Described(*l));
  for (std::size_t i = 1; i < claimed.size(); ++i) others.push_back(claimed[i]->client_id);
  std::string address = Address(d.name);
  if (!ctx.options.resolve_duplicates) {
    ctx.Fail(address, "live clients " + base::Join(described, ", ") +
                          " claim this entry; mpctl would keep '" + kept.client_id +
                          (d.pinned_client_id ? "' (pinned)" : "' (the oldest)") +
                          ": run apply --resolve-duplicates to delete " + QuotedList(others) +
                          ", or pin the right one with client_id");
    return;
  }
  if (ctx.options.protected_clients.contains(d.name)) {
    ctx.Fail(address, "prevent_destroy is set for '" + d.name +
                          "', but --resolve-duplicates would delete " + QuotedList(others) +
                          "; delete them by hand or remove prevent_destroy");
    return;
  }
  PlanUpdate(ctx, d, kept);
  for (std::size_t i = 1; i < claimed.size(); ++i) {
    Action a;
    a.address = address;
    a.type = ResourceType::kClient;
    a.kind = ActionKind::kDelete;
    a.name = d.name;
    a.client_id = claimed[i]->client_id;
    a.client.before = LiveFields(*claimed[i]);
    ctx.out.actions.push_back(std::move(a));
  }
}

void PlanOrphan(Context& ctx, const std::string& name, const model::LiveClient& l) {
  std::string address = Address(name);
  if (ctx.options.prune == Prune::kNo) {
    ctx.Orphan(address, l.client_id);
    ctx.Warn(address, "client '" + l.client_id + "' is tagged for '" + name +
                          "', which is not in the manifest for this environment; left in place "
                          "(plan with --prune to delete it)");
    return;
  }
  if (ctx.options.protected_clients.contains(name)) {
    ctx.Fail(address, "prevent_destroy is set for '" + name +
                          "', but --prune would delete "
                          "client '" +
                          l.client_id +
                          "'; add the entry to this environment or "
                          "remove prevent_destroy");
    return;
  }
  Action a;
  a.address = address;
  a.type = ResourceType::kClient;
  a.kind = ActionKind::kDelete;
  a.name = name;
  a.client_id = l.client_id;
  a.client.before = LiveFields(l);
  ctx.out.actions.push_back(std::move(a));
}

}  // namespace

void DiffClients(Context& ctx) {
  std::set<std::string> entries;
  for (const model::DesiredClient& d : ctx.desired.clients) entries.insert(d.name);
  // Sorted by id, so claims and messages do not depend on the list order of `ctx.live` (the
  // portal's list comes sorted; a LiveState made otherwise, as in tests, need not).
  std::vector<const model::LiveClient*> live;
  for (const model::LiveClient& l : ctx.live.clients) live.push_back(&l);
  std::ranges::sort(live, {}, &model::LiveClient::client_id);

  const model::Ownership ownership = model::Ownership::Of(ctx.desired);
  std::map<std::string, std::vector<const model::LiveClient*>> claims;   // entry → clients
  std::map<std::string, std::vector<const model::LiveClient*>> orphans;  // gone entry → clients
  std::vector<const model::LiveClient*> unmanaged;
  for (const model::LiveClient* l : live) {
    std::optional<model::Claim> claim = model::ClaimOf(*l, ownership);
    if (!claim) {
      unmanaged.push_back(l);
      ctx.out.unmanaged.push_back({l->client_id, l->client_name});
    } else if (claim->by == model::Claim::By::kPin || entries.contains(claim->entry)) {
      claims[claim->entry].push_back(l);
    } else {
      orphans[claim->entry].push_back(l);
    }
  }

  auto both = [](const std::vector<const model::LiveClient*>& clients) {
    std::vector<std::string> ids;
    for (const model::LiveClient* l : clients) ids.push_back(l->client_id);
    return QuotedList(ids);
  };
  for (const model::DesiredClient& d : ctx.desired.clients) {
    const auto& claimed = claims[d.name];
    if (d.pinned_client_id && std::ranges::none_of(claimed, [&](const auto* l) {
          return l->client_id == *d.pinned_client_id;
        })) {
      ctx.Fail(Address(d.name), "pinned client_id '" + *d.pinned_client_id +
                                    "' is not an active client of organisation '" +
                                    ctx.desired.environment.organization +
                                    "'; fix the id or remove the pin");
    } else if (claimed.size() > 1) {
      PlanDuplicates(ctx, d, claimed);
    } else if (claimed.empty()) {
      PlanCreate(ctx, d, unmanaged);
    } else {
      PlanUpdate(ctx, d, *claimed.front());
    }
  }
  for (const auto& [name, clients] : orphans) {
    if (clients.size() > 1) {
      ctx.Fail(Address(name), "live clients " + both(clients) + " carry the tag of '" + name +
                                  "', which is not in the manifest; delete the "
                                  "duplicates by hand");
      continue;
    }
    PlanOrphan(ctx, name, *clients.front());
  }
}

}  // namespace mpctl::planner
