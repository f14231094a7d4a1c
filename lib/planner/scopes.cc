// Provider scopes, their grants, and whether the organisation may use the scopes its clients
// ask for (portal-api.md §6).
#include <algorithm>
#include <map>
#include <set>

#include "planner/context.h"

namespace mpctl::planner {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::Change;
using plan::FieldValue;
using plan::ResourceType;

std::string Address(const std::string& scope) { return "scope." + scope; }
std::string AccessAddress(const std::string& scope, const std::string& orgno) {
  return Address(scope) + ".access." + orgno;
}

plan::ScopeFields DesiredFields(const model::DesiredScope& d) {
  return {.prefix = d.prefix,
          .subscope = d.subscope,
          .description = d.description,
          .long_description = d.long_description,
          .visibility = std::string(model::ToApiString(d.visibility)),
          .allowed_integration_types = SortedSet(d.allowed_integration_types),
          .accessible_for_all = d.accessible_for_all,
          .active = true,
          .at_max_age = d.token_lifetime_seconds};
}

plan::ScopeFields LiveFields(const model::LiveScope& l) {
  return {.prefix = l.prefix,
          .subscope = l.subscope,
          .description = l.description,
          .long_description = l.long_description,
          .visibility = l.visibility,
          .allowed_integration_types = SortedSet(l.allowed_integration_types),
          .accessible_for_all = l.accessible_for_all,
          .active = l.active,
          .at_max_age = l.at_max_age};
}

// Changes for every field the manifest sets; at_max_age only when it sets token_lifetime.
std::vector<Change> ScopeChanges(const model::DesiredScope& d, const model::LiveScope& l) {
  std::vector<plan::NamedField> want = plan::NamedFields(DesiredFields(d));
  std::vector<plan::NamedField> have = plan::NamedFields(LiveFields(l));
  std::vector<Change> changes;
  for (const auto& [path, value] : want) {
    // The live side has every field (at_max_age included).
    const FieldValue& current = std::ranges::find(have, path, &plan::NamedField::name)->value;
    if (current == value) continue;
    Change c;
    c.path = path;
    if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
      const auto& old = std::get<std::vector<std::string>>(current);
      c.add = Minus(*list, old);
      c.remove = Minus(old, *list);
    } else {
      c.from = current;
      c.to = value;
    }
    changes.push_back(std::move(c));
  }
  return changes;
}

void DiffScope(Context& ctx, const model::DesiredScope& d, const model::LiveScope* l) {
  Action a;
  a.address = Address(d.name);
  a.type = ResourceType::kScope;
  a.name = d.name;
  a.scope.after = DesiredFields(d);
  if (l == nullptr) {
    a.kind = ActionKind::kCreate;
    ctx.out.actions.push_back(std::move(a));
    return;
  }
  a.changes = ScopeChanges(d, *l);
  if (a.changes.empty()) {
    ctx.Unchanged();
    return;
  }
  a.kind = ActionKind::kUpdate;
  a.scope.before = LiveFields(*l);
  ctx.out.actions.push_back(std::move(a));
}

void GrantAction(Context& ctx, const std::string& scope, const std::string& orgno,
                 ActionKind kind) {
  Action a;
  a.address = AccessAddress(scope, orgno);
  a.type = ResourceType::kScopeAccess;
  a.kind = kind;
  a.name = scope;
  a.consumer_orgno = orgno;
  ctx.out.actions.push_back(std::move(a));
}

// The consumers listed for a declared scope are its full set, exactly like a client's scopes:
// missing grants are created and grants to consumers it no longer lists are revoked, without
// --prune (which is for whole entries that left the manifest).
void DiffGrants(Context& ctx, const model::DesiredScope& d) {
  std::vector<std::string> approved;
  for (const model::ScopeAccess& g : ctx.live.granted_access) {
    if (g.scope == d.name && g.state == model::AccessState::kApproved) {
      approved.push_back(g.consumer_orgno);
    }
  }
  approved = SortedSet(std::move(approved));
  std::vector<std::string> want = SortedSet(d.consumers);
  for (const std::string& orgno : want) {
    if (std::ranges::binary_search(approved, orgno)) {
      ctx.Unchanged();
    } else {
      GrantAction(ctx, d.name, orgno, ActionKind::kCreate);
    }
  }
  for (const std::string& orgno : Minus(approved, want)) {
    GrantAction(ctx, d.name, orgno, ActionKind::kDelete);
  }
}

void PlanOrphanScope(Context& ctx, const model::LiveScope& l) {
  std::string address = Address(l.name);
  if (ctx.options.prune == Prune::kNo) {
    ctx.Orphan(address, "");
    ctx.Warn(address, "scope '" + l.name + "' is owned by organisation '" +
                          ctx.desired.environment.organization +
                          "' but not in the manifest; left active "
                          "(plan with --prune to deactivate it)");
    return;
  }
  if (ctx.options.protected_scopes.contains(l.name)) {
    ctx.Fail(address, "prevent_destroy is set for '" + l.name +
                          "', but --prune would "
                          "deactivate it; add the scope to this environment or remove "
                          "prevent_destroy");
    return;
  }
  Action a;
  a.address = address;
  a.type = ResourceType::kScope;
  a.kind = ActionKind::kDelete;
  a.name = l.name;
  a.scope.before = LiveFields(l);
  ctx.out.actions.push_back(std::move(a));
}

}  // namespace

// Owned scopes are managed only when the manifest declares at least one scope; then every
// active owned scope it does not list is an orphan.
void DiffScopes(Context& ctx) {
  if (!ctx.desired.manages_scopes()) return;
  std::map<std::string, const model::LiveScope*> owned;
  for (const model::LiveScope& l : ctx.live.owned_scopes) owned[l.name] = &l;
  std::set<std::string> wanted;
  for (const model::DesiredScope& d : ctx.desired.scopes) {
    wanted.insert(d.name);
    auto it = owned.find(d.name);
    DiffScope(ctx, d, it == owned.end() ? nullptr : it->second);
    DiffGrants(ctx, d);
  }
  for (const auto& [name, l] : owned) {
    if (l->active && !wanted.contains(name)) PlanOrphanScope(ctx, *l);
  }
}

void CheckUsableScopes(Context& ctx) {
  if (!ctx.live.scopes_read) return;
  std::set<std::string> usable;
  for (const model::DesiredScope& d : ctx.desired.scopes) usable.insert(d.name);
  for (const model::LiveScope& l : ctx.live.owned_scopes) {
    if (l.active) usable.insert(l.name);
  }
  for (const model::ScopeAccess& a : ctx.live.access_to_us) {
    if (a.state == model::AccessState::kApproved) usable.insert(a.scope);
  }
  for (const model::LiveScope& l : ctx.live.public_scopes) {
    if (l.active && (l.accessible_for_all || !l.delegation_source.empty())) usable.insert(l.name);
  }
  for (const model::DesiredClient& d : ctx.desired.clients) {
    for (const std::string& scope : SortedSet(d.scopes)) {
      if (usable.contains(scope)) continue;
      ctx.Fail("client." + d.name,
               "scope '" + scope + "' cannot be used by organisation '" +
                   ctx.desired.environment.organization +
                   "': it is not owned by it, granted to it, open to "
                   "all or delegable; ask the scope's owner for access or remove the scope");
    }
  }
}

}  // namespace mpctl::planner
