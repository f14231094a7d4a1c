// Serves an Emulator over HTTP(S) with cpp-httplib: a worker pool, per-request latency, and
// the translation between httplib and the core's Request/Response.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "base/result.h"
#include "emulator/emulator.h"

namespace mpctl::emulator {

/// Socket-level options.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                     // 0: a free port
  int threads = 64;                 // worker pool; keep above the client's parallelism
  int latency_ms = 0;               // added to every request except /__emulator/...
  int latency_jitter_ms = 0;        // plus a uniform 0..jitter
  std::uint64_t latency_seed = 0;   // jitter RNG seed
  std::string tls_cert_file;        // both set: HTTPS
  std::string tls_key_file;
};

/// An HTTP(S) server around an Emulator.
class Server {
 public:
  /// Creates the listening socket (so port() is known) and tells `emulator` its base URL.
  /// Errors: TLS files unusable, address in use.
  static base::Result<std::unique_ptr<Server>> Bind(ServerOptions options,
                                                    std::unique_ptr<Emulator> emulator);
  ~Server();

  /// "http://127.0.0.1:PORT" (or https).
  const std::string& base_url() const { return base_url_; }
  int port() const { return port_; }
  Emulator& emulator() { return *emulator_; }

  /// Serves until Stop(); returns when the server has stopped.
  void Run();
  /// Stops Run() (safe from another thread).
  void Stop();

  struct Impl;

 private:
  Server() = default;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<Emulator> emulator_;
  std::string base_url_;
  int port_ = 0;
};

}  // namespace mpctl::emulator
