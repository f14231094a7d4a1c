// The emulator's data model: what Digdir's self-service API and Maskinporten hold. These are
// the emulator's own types; it shares nothing with lib/model, lib/portal or lib/plan, so a
// misread field on the client side cannot hide in the emulator.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mpctl::emulator {

/// Epoch milliseconds; every timestamp the emulator stores.
using Millis = std::int64_t;

/// An organisation known to the emulator (seeded). `name` fills `*_organization_name`.
struct Organisation {
  std::string orgno;
  std::string name;
  std::vector<std::string> prefixes;  // scope prefixes this organisation owns
};

/// A registered public key (JWK). Invariant: kty is "RSA", use is "sig", n/e base64url.
struct Jwk {
  std::string kid;
  std::string alg = "RS256";
  std::string n;
  std::string e;
  std::vector<std::string> x5c;   // standard base64 DER, leaf first (optional)
  std::int64_t exp = 0;           // epoch seconds
  Millis created = 0;
  Millis last_updated = 0;
  Millis usable_from = 0;         // the key works at /token from here (propagation delay)
};

/// A Digdir-managed admin client: authenticates to /token and gets admin scopes.
struct AdminClient {
  std::string client_id;
  std::string orgno;
  std::vector<std::string> scopes;  // admin scopes granted by Digdir
  std::vector<Jwk> keys;
  std::int64_t access_token_lifetime = 120;  // seconds, expires_in of its tokens
};

/// A client registration made through the admin API (or seeded).
struct Client {
  std::string client_id;
  std::string client_name;
  std::string description;
  std::string client_orgno;
  std::string supplier_orgno;
  bool active = true;
  std::string integration_type;
  std::string application_type;
  std::string token_endpoint_auth_method;
  std::vector<std::string> grant_types;
  std::vector<std::string> scopes;
  std::int64_t access_token_lifetime = 120;
  std::int64_t authorization_lifetime = 7200;
  std::int64_t refresh_token_lifetime = 600;
  std::string refresh_token_usage = "ONETIME";
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  Millis created = 0;
  Millis last_updated = 0;
  std::uint64_t sequence = 0;  // creation order; lists are returned in this order
  std::vector<Jwk> keys;
  Millis jwks_created = 0;
  Millis jwks_last_updated = 0;
};

/// A scope (API) owned by an organisation. Invariant: name == prefix + ":" + subscope.
struct Scope {
  std::string name;
  std::string prefix;
  std::string subscope;
  std::string description;
  std::string long_description;
  bool active = true;
  std::string visibility = "PUBLIC";
  std::string token_type = "SELF_CONTAINED";
  std::vector<std::string> allowed_integration_types;
  std::int64_t at_max_age = 0;
  std::int64_t authorization_max_lifetime = 0;
  bool requires_user_consent = false;
  bool requires_user_authentication = false;
  bool requires_pseudonymous_tokens = false;
  bool accessible_for_all = false;
  std::string delegation_source;
  std::string enforced_aud_for_access_token;
  std::string owner_orgno;
  Millis created = 0;
  Millis last_updated = 0;
};

/// An access grant of a scope to a consumer organisation. Only "APPROVED" is access.
struct Access {
  std::string scope;
  std::string consumer_orgno;
  std::string state = "APPROVED";  // REQUESTED | APPROVED | DENIED
  Millis created = 0;
  Millis last_updated = 0;
  Millis usable_from = 0;  // the grant works at /token from here (propagation delay)
};

/// A source of Altinn delegations, e.g. {"altinn", "https://tt02.altinn.no/"}.
struct DelegationSource {
  std::string name;
  std::string issuer;
};

/// Everything the emulator persists. Maps are keyed by id/name so output order is stable.
struct State {
  std::map<std::string, Organisation> organisations;   // by orgno
  std::map<std::string, AdminClient> admin_clients;    // by client_id
  /// By client_id. Shared with copies of the State (the write path's copy for rollback):
  /// a client is never changed in place, a write puts a changed copy in its place
  /// (ChangeOwnClient), so copying the State copies pointers, not every client.
  std::map<std::string, std::shared_ptr<const Client>> clients;
  std::map<std::string, Scope> scopes;                 // by name
  std::map<std::pair<std::string, std::string>, Access> access;  // by (scope, consumer)
  std::vector<DelegationSource> delegation_sources;
  std::vector<std::string> certificate_authorities;  // PEM; trust anchors for x5c chains
  std::uint64_t next_sequence = 1;
};

}  // namespace mpctl::emulator
