#pragma once

#include <memory>
#include <string>

#include "auth/admin_scopes.h"
#include "auth/credentials.h"
#include "base/clock.h"
#include "base/file_reader.h"
#include "base/result.h"
#include "model/environment.h"
#include "portal/http_transport.h"
#include "portal/log_sink.h"
#include "portal/portal_api.h"
#include "portal/retry.h"

namespace mpctl::portal {

/// How to reach an environment. Every member has a working default; tests replace the
/// outside world (transport, sleeper, clock, files, environment variables).
struct ConnectOptions {
  std::string ca_file;                 // --ca-file: extra CA bundle for TLS
  auth::ScopeNeeds needs;              // which admin scopes the token asks for (least privilege)
  RetryPolicy retry;                   // --retry-max, --retry-timeout
  LogSink log;                         // -v: one line per request; empty = quiet
  LogSink notice;                      // what a long wait waits for (WaitWatch); empty = quiet
  std::size_t max_response_bytes = 0;  // --max-response-mib; 0 = the transport's default
  int max_in_flight = 0;               // --parallelism: requests in flight at once; 0 = no limit
  std::shared_ptr<HttpTransport> transport;  // default: CurlTransport with the env's timeouts
  std::shared_ptr<Sleeper> sleeper;          // default: RealSleeper
  std::shared_ptr<const base::Clock> clock;  // default: SystemClock
  const base::FileReader* files = nullptr;   // default: the disk; must outlive the call
  auth::EnvLookup env;                       // default: the process environment
  /// Discovery results shared with the run's other connections; default: none.
  std::shared_ptr<auth::DiscoveryCache> discovery;
};

/// A PortalApi for `environment`: its api_url, its admin credentials (key file or variable,
/// PKCS#12 certificate, or token variable, read now, so a missing credential fails before
/// any request), discovery of the token endpoint at `auth_server` on first use.
/// Errors: kInvalidInput for an incomplete environment or unreadable credentials.
base::Result<std::unique_ptr<PortalApi>> Connect(const model::Environment& environment,
                                                 const ConnectOptions& options);

}  // namespace mpctl::portal
