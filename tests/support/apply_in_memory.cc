#include "support/apply_in_memory.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "applier/applier.h"

namespace mpctl::testing {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::FieldValue;

const std::string& Text(const Action& a, const char* field) {
  return std::get<std::string>(a.after.at(field));
}
const std::vector<std::string>& List(const Action& a, const char* field) {
  return std::get<std::vector<std::string>>(a.after.at(field));
}

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
  s.prefix = Text(a, "prefix");
  s.subscope = Text(a, "subscope");
  s.name = s.prefix + ":" + s.subscope;
  s.description = Text(a, "description");
  s.long_description = Text(a, "long_description");
  s.visibility = Text(a, "visibility");
  s.allowed_integration_types = List(a, "allowed_integration_types");
  s.accessible_for_all = std::get<bool>(a.after.at("accessible_for_all"));
  if (auto it = a.after.find("at_max_age"); it != a.after.end()) {
    s.at_max_age = std::get<std::int64_t>(it->second);
  }
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
    c->active = false;
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
