#include "support/plan_builders.h"

#include <algorithm>

#include "model/ownership.h"

namespace mpctl::testing {

model::PublicKey Key(const std::string& kid, const std::string& material, int bits) {
  model::PublicKey key;
  key.kid = kid;
  key.n = "n-" + material;
  key.e = "AQAB";
  key.bits = bits;
  key.thumbprint = "tp-" + material;
  return key;
}

model::DesiredClient DesiredClientOf(const std::string& name, std::vector<std::string> scopes,
                                     std::vector<model::PublicKey> keys) {
  model::DesiredClient c;
  c.name = name;
  c.display_name = name;
  c.description = name;
  std::ranges::sort(scopes);
  c.scopes = std::move(scopes);
  std::ranges::sort(keys, {}, &model::PublicKey::kid);
  c.keys = std::move(keys);
  return c;
}

model::LiveClient LiveClientOf(const std::string& id, const std::string& entry,
                               std::vector<std::string> scopes, std::vector<model::PublicKey> keys,
                               const std::string& owner) {
  model::LiveClient c;
  c.client_id = id;
  c.client_name = entry.empty() ? id : entry;
  c.description = entry.empty() ? c.client_name : model::WithOwnershipTag(entry, owner, entry);
  c.scopes = std::move(scopes);
  c.integration_type = model::kMaskinporten;
  c.client_orgno = "310000108";
  c.keys = std::move(keys);
  return c;
}

model::DesiredState DesiredOf(std::vector<model::DesiredClient> clients) {
  model::DesiredState d;
  d.environment.name = "test";
  d.environment.organization = "310000108";
  d.environment.api_url = "https://api.test.samarbeid.digdir.no/api/v1";
  std::ranges::sort(clients, {}, &model::DesiredClient::name);
  d.clients = std::move(clients);
  return d;
}

model::LiveState LiveOf(std::vector<model::LiveClient> clients) {
  model::LiveState l;
  l.organization = "310000108";
  l.clients = std::move(clients);
  return l;
}

}  // namespace mpctl::testing
