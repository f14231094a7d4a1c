#include "plan/fingerprint.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "base/sets.h"
#include "base/strings.h"
#include "crypto/keys.h"
#include "model/claims.h"

namespace mpctl::plan {

namespace {

// Streams facts into the hash in a canonical order. Every value is length-prefixed
// ("5:hello"), so no value can forge a separator and large key moduli are hashed in place.
class Canon {
 public:
  Canon& Add(std::string_view value) {
    std::string prefix = std::to_string(value.size()) + ":";
    hasher_.Update(prefix);
    hasher_.Update(value);
    return *this;
  }
  // A list as a set: sorted, duplicates dropped, counted.
  Canon& AddSet(std::vector<std::string> values) {
    values = base::SortedSet(std::move(values));
    Add(std::to_string(values.size()));
    for (const std::string& v : values) Add(v);
    return *this;
  }
  std::string Hex() { return base::HexEncode(hasher_.Finish()); }

 private:
  crypto::Sha256Hasher hasher_;
};

void AddClient(Canon& canon, const model::LiveClient& c, const std::string& claim) {
  canon.Add("client")
      .Add(c.client_id)
      .Add(claim)
      .Add(c.client_name)
      .Add(c.description)
      .AddSet(c.scopes)
      .Add(c.integration_type);
  if (!c.keys) {
    canon.Add("keys-unread");
    return;
  }
  std::vector<const model::PublicKey*> keys;
  for (const model::PublicKey& k : *c.keys) keys.push_back(&k);
  std::ranges::sort(keys, [](const auto* a, const auto* b) {
    return std::tie(a->kid, a->n, a->e, a->alg, a->use) <
           std::tie(b->kid, b->n, b->e, b->alg, b->use);
  });
  canon.Add(std::to_string(keys.size()));
  for (const model::PublicKey* k : keys)
    canon.Add(k->kid).Add(k->alg).Add(k->use).Add(k->n).Add(k->e);
}

}  // namespace

// Why a fingerprint: `apply PLAN.json` must refuse a saved plan when the portal changed since
// it was made, and the plan file may carry no live key material to compare with. So the plan
// records a hash of exactly the live facts its actions were derived from, and apply hashes a
// fresh read the same way. Two rules keep the hash honest:
// - Everything the planner reads is in (a change there could change the plan), and nothing
//   else is: unclaimed clients, server timestamps and list order would make every saved plan
//   look stale without changing any action.
// - Each claimed client is hashed with how it was claimed ("pin" or "tag:<name>"), so moving
//   a tag from one client to another changes the hash even when the field values do not.
std::string LiveFingerprint(const model::LiveState& live, std::string_view owner,
                            const std::set<std::string>& pinned_client_ids, ScopesManaged scopes) {
  // Claimed clients in id order, so the API's list order does not matter.
  model::Ownership ownership;
  ownership.owner = owner;
  for (const std::string& id : pinned_client_ids) ownership.pins[id] = "";
  std::vector<std::pair<const model::LiveClient*, std::string>> claimed;
  for (const model::LiveClient& c : live.clients) {
    if (std::optional<model::Claim> claim = model::ClaimOf(c, ownership)) {
      claimed.emplace_back(&c, claim->by == model::Claim::By::kPin ? "pin" : "tag:" + claim->entry);
    }
  }
  std::ranges::sort(claimed, [](const auto& a, const auto& b) {
    return std::tie(a.first->client_id, a.second) < std::tie(b.first->client_id, b.second);
  });
  Canon canon;
  canon.Add("organization").Add(live.organization);
  for (const auto& [client, claim] : claimed) AddClient(canon, *client, claim);
  if (scopes == ScopesManaged::kNo) return canon.Hex();

  std::vector<const model::LiveScope*> owned;
  for (const model::LiveScope& s : live.owned_scopes) owned.push_back(&s);
  std::ranges::sort(owned, [](const auto* a, const auto* b) {
    return std::tie(a->name, a->active) < std::tie(b->name, b->active);
  });
  for (const model::LiveScope* s : owned) {
    canon.Add("scope")
        .Add(s->name)
        .Add(s->prefix)
        .Add(s->subscope)
        .Add(s->description)
        .Add(s->long_description)
        .Add(s->visibility)
        .Add(s->active ? "active" : "inactive")
        .AddSet(s->allowed_integration_types)
        .Add(std::to_string(s->at_max_age))
        .Add(s->accessible_for_all ? "all" : "granted")
        .Add(s->delegation_source);
  }
  std::vector<std::tuple<std::string, std::string, std::string>> grants;
  for (const model::ScopeAccess& a : live.granted_access) {
    grants.emplace_back(a.scope, a.consumer_orgno, model::ToApiString(a.state));
  }
  std::ranges::sort(grants);
  for (const auto& [scope, consumer, state] : grants) {
    canon.Add("access").Add(scope).Add(consumer).Add(state);
  }
  return canon.Hex();
}

std::string LiveFingerprint(const model::DesiredState& desired, const model::LiveState& live) {
  std::set<std::string> pins;
  for (const model::DesiredClient& c : desired.clients) {
    if (c.pinned_client_id) pins.insert(*c.pinned_client_id);
  }
  return LiveFingerprint(live, desired.owner, pins,
                         desired.manages_scopes() ? ScopesManaged::kYes : ScopesManaged::kNo);
}

}  // namespace mpctl::plan
