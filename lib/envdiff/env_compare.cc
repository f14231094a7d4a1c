#include "envdiff/env_compare.h"

#include <algorithm>

#include "base/sets.h"
#include "base/strings.h"
#include "model/claims.h"
#include "model/ownership.h"

namespace mpctl::envdiff {
namespace {

// A key as compared: its kid and material (the thumbprint), never the material itself.
std::vector<std::string> KeyValues(const std::vector<model::PublicKey>& keys) {
  std::vector<std::string> values;
  for (const auto& key : keys) values.push_back(key.kid + " " + key.thumbprint.substr(0, 12));
  return base::SortedSet(values);
}

const char* TrueFalse(bool value) { return value ? "true" : "false"; }

ResourceFields DesiredScopeFields(const model::DesiredScope& s) {
  return {{"description", {s.description}},
          {"long_description", {s.long_description}},
          {"visibility", {model::ToApiString(s.visibility)}},
          {"allowed_integration_types", base::SortedSet(s.allowed_integration_types)},
          {"token_lifetime_seconds",
           {s.token_lifetime_seconds ? std::to_string(*s.token_lifetime_seconds) : "default"}},
          {"accessible_for_all", {TrueFalse(s.accessible_for_all)}},
          {"consumers", base::SortedSet(s.consumers)}};
}

bool IsList(const std::string& field) {
  return field == "scopes" || field == "keys" || field == "consumers" ||
         field == "allowed_integration_types";
}

std::string Quoted(const std::vector<std::string>& values) {
  std::vector<std::string> quoted;
  for (const auto& v : values) quoted.push_back("'" + v + "'");
  return base::Join(quoted, ", ");
}

std::string DescribeDifference(const std::string& field, const std::vector<std::string>& a,
                               const std::string& name_a, const std::vector<std::string>& b,
                               const std::string& name_b) {
  if (!IsList(field)) {
    return name_a + " " + Quoted(a) + ", " + name_b + " " + Quoted(b);
  }
  std::vector<std::string> parts;
  auto only_a = base::Minus(a, b);
  auto only_b = base::Minus(b, a);
  if (!only_a.empty()) parts.push_back(name_a + " only " + Quoted(only_a));
  if (!only_b.empty()) parts.push_back(name_b + " only " + Quoted(only_b));
  return base::Join(parts, "; ");
}

void AddClientFields(const manifest::RawClientFields& f, std::set<std::string>& fields) {
  // description defaults to display_name, so overriding the one can change the other.
  if (f.display_name) fields.insert({"display_name", "description"});
  if (f.description) fields.insert("description");
  if (f.scopes) fields.insert("scopes");
  if (f.keys) fields.insert("keys");
}

void AddScopeFields(const manifest::RawScopeFields& f, std::set<std::string>& fields) {
  if (f.description) fields.insert("description");
  if (f.long_description) fields.insert("long_description");
  if (f.visibility) fields.insert("visibility");
  if (f.allowed_integration_types) fields.insert("allowed_integration_types");
  if (f.token_lifetime_seconds) fields.insert("token_lifetime_seconds");
  if (f.accessible_for_all) fields.insert("accessible_for_all");
  if (f.consumers) fields.insert("consumers");
}

std::set<std::string> Names(const manifest::TextList& list) {
  std::set<std::string> names;
  for (const auto& item : list.value) names.insert(item.value);
  return names;
}

}  // namespace

const model::LiveClient* ClaimedLiveClient(const model::DesiredState& desired,
                                           const model::DesiredClient& entry,
                                           const model::LiveState& live) {
  const model::Ownership ownership = model::Ownership::Of(desired);
  for (const auto& client : live.clients) {
    std::optional<model::Claim> claim = model::ClaimOf(client, ownership);
    if (claim && claim->entry == entry.name) return &client;
  }
  return nullptr;
}

EnvironmentView DesiredView(const model::DesiredState& desired) {
  EnvironmentView view;
  for (const auto& c : desired.clients) {
    view["client." + c.name] = {{"display_name", {c.display_name}},
                                {"description", {c.description}},
                                {"scopes", base::SortedSet(c.scopes)},
                                {"keys", KeyValues(c.keys)}};
  }
  for (const auto& s : desired.scopes) view["scope." + s.name] = DesiredScopeFields(s);
  return view;
}

EnvironmentView LiveView(const model::DesiredState& desired, const model::LiveState& live) {
  EnvironmentView view;
  for (const auto& entry : desired.clients) {
    const model::LiveClient* l = ClaimedLiveClient(desired, entry, live);
    if (l == nullptr) continue;
    ResourceFields fields = {{"display_name", {l->client_name}},
                             {"description", {model::StripOwnershipTag(l->description)}},
                             {"scopes", base::SortedSet(l->scopes)}};
    if (l->keys) fields["keys"] = KeyValues(*l->keys);
    view["client." + entry.name] = std::move(fields);
  }
  for (const auto& entry : desired.scopes) {
    for (const auto& s : live.owned_scopes) {
      if (s.name != entry.name || !s.active) continue;
      std::vector<std::string> consumers;
      for (const auto& access : live.granted_access) {
        if (access.scope == s.name && access.state == model::AccessState::kApproved) {
          consumers.push_back(access.consumer_orgno);
        }
      }
      view["scope." + s.name] = {
          {"description", {s.description}},
          {"long_description", {s.long_description}},
          {"visibility", {s.visibility}},
          {"allowed_integration_types", base::SortedSet(s.allowed_integration_types)},
          {"token_lifetime_seconds", {std::to_string(s.at_max_age)}},
          {"accessible_for_all", {TrueFalse(s.accessible_for_all)}},
          {"consumers", base::SortedSet(consumers)}};
    }
  }
  return view;
}

DeclaredDifferences FindDeclared(const manifest::RawManifest& raw) {
  DeclaredDifferences declared;
  for (const auto& c : raw.clients) {
    std::string address = "client." + c.name;
    for (const auto& o : c.overrides)
      AddClientFields(o.fields, declared.overridden[address][o.environment]);
    if (c.environments) declared.environments[address] = Names(*c.environments);
  }
  for (const auto& s : raw.scopes) {
    std::string address = "scope." + s.name;
    for (const auto& o : s.overrides)
      AddScopeFields(o.fields, declared.overridden[address][o.environment]);
    if (s.environments) declared.environments[address] = Names(*s.environments);
  }
  return declared;
}

std::vector<EnvDifference> Compare(const EnvironmentView& a, const std::string& name_a,
                                   const EnvironmentView& b, const std::string& name_b,
                                   const DeclaredDifferences& declared) {
  std::set<std::string> addresses;
  for (const auto& [address, fields] : a) addresses.insert(address);
  for (const auto& [address, fields] : b) addresses.insert(address);
  std::vector<EnvDifference> out;
  for (const auto& address : addresses) {
    auto in_a = a.find(address);
    auto in_b = b.find(address);
    if (in_a == a.end() || in_b == b.end()) {
      const std::string& present = in_a != a.end() ? name_a : name_b;
      const std::string& absent = in_a != a.end() ? name_b : name_a;
      EnvDifference d{address, "", "only in " + present, ""};
      auto listed = declared.environments.find(address);
      if (listed != declared.environments.end() && !listed->second.contains(absent)) {
        std::vector<std::string> names(listed->second.begin(), listed->second.end());
        d.text += " (environments: [" + base::Join(names, ", ") + "])";
      }
      out.push_back(std::move(d));
      continue;
    }
    std::set<std::string> fields;
    for (const auto& [field, value] : in_a->second) fields.insert(field);
    for (const auto& [field, value] : in_b->second) fields.insert(field);
    auto overrides = declared.overridden.find(address);
    for (const auto& field : fields) {
      static const std::vector<std::string> kNone;
      auto va = in_a->second.find(field);
      auto vb = in_b->second.find(field);
      const auto& value_a = va == in_a->second.end() ? kNone : va->second;
      const auto& value_b = vb == in_b->second.end() ? kNone : vb->second;
      if (value_a == value_b) continue;
      EnvDifference d{address, field, DescribeDifference(field, value_a, name_a, value_b, name_b),
                      ""};
      if (overrides != declared.overridden.end()) {
        for (const std::string& env : {name_a, name_b}) {
          auto set = overrides->second.find(env);
          if (d.declared_by.empty() && set != overrides->second.end() &&
              set->second.contains(field)) {
            d.declared_by = "overrides." + env + "." + field;
          }
        }
      }
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace mpctl::envdiff
