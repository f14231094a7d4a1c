#include "support/apply_in_memory.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "applier/applier.h"

namespace mpctl::testing {

namespace {

using plan::Action;
using plan::ActionKind;

model::LiveClient* FindClient(model::LiveState& live, const std::string& id) {
  auto it = std::ranges::find(live.clients, id, &model::LiveClient::client_id);
  return it == live.clients.end() ? nullptr : &*it;
}

void WriteClient(model::LiveClient& c, const Action& a, const std::string& owner) {
  portal::ClientSpec spec = applier::ClientSpecOf(a, owner, c.client_orgno);
  c.client_name = spec.client_name;
  c.description = spec.description;
  c.scopes = spec.scopes;
}

void WriteScope(model::LiveScope& s, const Action& a) {
  ASSERT_TRUE(a.scope.after.has_value()) << a.address;
  const plan::ScopeFields& after = *a.scope.after;
  s.prefix = after.prefix;
  s.subscope = after.subscope;
  s.name = s.prefix + ":" + s.subscope;
  s.description = after.description;
  s.long_description = after.long_description;
  s.visibility = after.visibility;
  s.allowed_integration_types = after.allowed_integration_types;
  s.accessible_for_all = after.accessible_for_all;
  if (after.at_max_age) s.at_max_age = *after.at_max_age;
  s.active = true;
}

void ApplyClient(const Action& a, model::LiveState& live, const std::string& owner) {
  if (a.kind == ActionKind::kCreate) {
    model::LiveClient c;
    c.client_id = "new-" + a.name;
    c.integration_type = model::kMaskinporten;
    c.client_orgno = live.organization;
    c.keys.emplace();
    WriteClient(c, a, owner);
    live.clients.push_back(std::move(c));
    return;
  }
  model::LiveClient* c = FindClient(live, a.client_id);
  ASSERT_NE(c, nullptr) << a.address;
  if (a.kind == ActionKind::kUpdate) {
    WriteClient(*c, a, owner);
  } else {
    // The portal deactivates a deleted client, and its list (portal::NormalizeClientList)
    // no longer has it.
    std::erase_if(live.clients, [&](const model::LiveClient& l) { return &l == c; });
  }
}

void ApplyKeys(const Action& a, model::LiveState& live) {
  model::LiveClient* c = FindClient(live, a.client_id.empty() ? "new-" + a.name : a.client_id);
  ASSERT_NE(c, nullptr) << a.address;
  c->keys = a.keys;
}

void ApplyScope(const Action& a, model::LiveState& live) {
  auto it = std::ranges::find(live.owned_scopes, a.name, &model::LiveScope::name);
  if (a.kind == ActionKind::kCreate) {
    ASSERT_EQ(it, live.owned_scopes.end()) << a.address;
    live.owned_scopes.emplace_back();
    WriteScope(live.owned_scopes.back(), a);
    return;
  }
  ASSERT_NE(it, live.owned_scopes.end()) << a.address;
  if (a.kind == ActionKind::kUpdate) {
    WriteScope(*it, a);
  } else {
    it->active = false;
  }
}

void ApplyAccess(const Action& a, model::LiveState& live) {
  auto& grants = live.granted_access;
  std::erase_if(grants, [&](const model::ScopeAccess& g) {
    return g.scope == a.name && g.consumer_orgno == a.consumer_orgno;
  });
  grants.push_back({a.name, live.organization, a.consumer_orgno,
                    a.kind == ActionKind::kCreate ? model::AccessState::kApproved
                                                  : model::AccessState::kDenied});
}

}  // namespace

void ApplyInMemory(const plan::EnvironmentPlan& plan, model::LiveState& live,
                   const std::string& owner) {
  for (const Action& a : plan.actions) {
    switch (a.type) {
      case plan::ResourceType::kClient:
        ApplyClient(a, live, owner);
        break;
      case plan::ResourceType::kClientKeys:
        ApplyKeys(a, live);
        break;
      case plan::ResourceType::kScope:
        ApplyScope(a, live);
        break;
      case plan::ResourceType::kScopeAccess:
        ApplyAccess(a, live);
        break;
    }
  }
}

}  // namespace mpctl::testing
