// lib/emulator: a local stand-in for Maskinporten's token endpoint and Digdir's self-service
// API (portal-api.md §9). Uses only crypto and base; shares no code with portal/ or plan/.
// Emulator is the socket-free core (Handle(Request) -> Response); server.h serves it over HTTP.
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "emulator/api.h"
#include "emulator/clock.h"
#include "emulator/faults.h"
#include "emulator/http.h"
#include "emulator/options.h"
#include "emulator/stats.h"
#include "emulator/store.h"
#include "emulator/token.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// The emulator's core. Thread-safe: reads share a lock, writes take it exclusively and are
/// persisted (when a state file is configured) before they are answered.
class Emulator {
 public:
  /// Builds the emulator. With `options.state_file` set and the file present, the state and
  /// the token-signing key come from it; otherwise from `seed` and a new key (and the file is
  /// created). `seed` is also what POST /__emulator/reset restores. `clock` must outlive this.
  static base::Result<std::unique_ptr<Emulator>> Create(Options options, State seed,
                                                        const base::Clock& clock);

  /// Sets the base URL ("http://127.0.0.1:8080", no trailing slash) once the port is known;
  /// the issuer is this plus "/" unless Options::issuer overrides it. Call before Handle().
  void SetBaseUrl(const std::string& base_url);
  const std::string& issuer() const { return issuer_; }

  /// Answers one request.
  Response Handle(const Request& request);

  /// The emulator's clock (tests move it with SetNow).
  EmulatorClock& clock() { return clock_; }
  /// A copy of the current state.
  State Snapshot() const;
  const Stats& stats() const { return stats_; }
  Stats& stats() { return stats_; }

 private:
  struct Route {
    std::string method;
    std::string pattern;                 // e.g. "/api/v1/clients/{id}/jwks"
    std::vector<std::string> segments;   // pattern split on '/'
    Handler handler;
    std::vector<std::string> any_scope;  // admin scopes, any of which allows it; empty: open
    bool write = false;
  };

  Emulator(Options options, State seed, StoredState stored, TokenSigner signer,
           const base::Clock& clock);
  void AddRoutes();
  void AddRoute(std::string method, const std::string& pattern, Handler handler,
                std::vector<std::string> any_scope, bool write);
  std::vector<std::string> ReadScopes(const std::string& read, const std::string& write) const;
  const Route* Match(const std::string& method, const std::string& path,
                     std::vector<std::string>& params, bool& path_known) const;
  std::optional<Response> CheckContentType(const Route& route, const Request& request) const;
  Response HandleSpecial(const Request& request);
  Response HandleApi(const Route& route, const Request& request, std::vector<std::string> params);
  std::optional<Caller> Authenticate(const Request& request) const;
  base::Status Persist();

  // Token side and inspection endpoints (emulator_token.cc, emulator_admin.cc).
  Response HandleToken(const Request& request);
  Response WellKnown() const;
  Response HandleReset();
  Response HandleClock(const Request& request);
  Response HandleFaults(const Request& request);

  Options options_;
  EmulatorClock clock_;
  FaultInjector faults_;
  LostAnswers lost_answers_;
  Stats stats_;
  JtiCache jtis_;
  TokenSigner signer_;
  std::string base_url_;
  std::string issuer_;
  std::string v2_prefix_;
  std::vector<Route> routes_;

  mutable std::shared_mutex mu_;  // guards state_
  const State seed_;
  State state_;
};

}  // namespace mpctl::emulator
