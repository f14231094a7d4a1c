// Behaviour switches of the emulator core (portal-api.md §9: inferred rules are switchable).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mpctl::emulator {

/// "spec": 200 everywhere (S1); "observed": 201 on client create and POST jwks, 204 on
/// client delete (seen on the Altinn variant, S8).
enum class StatusProfile { kSpec, kObserved };
/// GET /clients/{id}/jwks of a client without keys: 404 or {"keys":[]}.
enum class NoKeys { k404, kEmpty };
/// strict: Maskinporten field combination and required names enforced; lenient: only types.
enum class Validation { kStrict, kLenient };
/// After a soft delete, GET/PUT/DELETE /clients/{id}: 404, or the client with active:false.
enum class DeletedClients { k404, kVisible };
/// PUT /clients/{id}: fields omitted from the body keep their value, or reset to defaults.
enum class PutOmitted { kKeep, kReset };

/// How admin clients may authenticate at /token (portal-api.md §2.1, open question 12): either
/// way, only a business certificate (x5c, chain checked against the seed's
/// certificate_authorities), or only a registered key (kid).
enum class AdminAuth { kAny, kCertificate, kKey };
/// A collection path with a trailing slash ("/api/v1/clients/"): 404, or the same as without.
enum class TrailingSlash { k404, kAccept };

/// Options of the emulator core. Socket-level options (port, TLS, latency, threads) are in
/// ServerOptions.
struct Options {
  std::string api_prefix = "/api/v1";
  std::string issuer;  // empty: the server's base URL with a trailing slash
  StatusProfile status_profile = StatusProfile::kSpec;
  NoKeys no_keys = NoKeys::k404;
  Validation validation = Validation::kStrict;
  DeletedClients deleted_clients = DeletedClients::k404;
  PutOmitted put_omitted = PutOmitted::kKeep;
  AdminAuth admin_auth = AdminAuth::kAny;
  TrailingSlash trailing_slash = TrailingSlash::k404;
  bool require_content_type = true;  // writes with a body need Content-Type: application/json
  std::vector<std::string> algs = {"RS256", "RS384", "RS512"};  // JWK alg values accepted
  bool write_implies_read = false;  // dcr.write grants dcr.read, scopes.write scopes.read
  bool empty_list_errors = false;   // empty lists answer 404 "... does not have any ..."
  std::int64_t propagation_delay_seconds = 0;
  double fault_rate = 0.0;
  std::uint64_t fault_seed = 0;
  bool fault_token = false;  // faults on /token too (by default only /api/...)
  /// Routes ("POST /api/v1/clients") whose next successful request loses its answer: one
  /// entry per lost answer (--lose-answer; more via POST /__emulator/faults).
  std::vector<std::string> lose_answers;
  std::string state_file;  // empty: state in memory only
};

}  // namespace mpctl::emulator
