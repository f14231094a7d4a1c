#include "emulator/server.h"

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <random>
#include <thread>

#include "base/strings.h"

namespace mpctl::emulator {

struct Server::Impl {
  std::unique_ptr<httplib::Server> http;
  ServerOptions options;
  std::mutex jitter_mu;
  std::mt19937_64 jitter_rng;
};

namespace {

Request ToRequest(const httplib::Request& in) {
  Request out;
  out.method = in.method;
  out.path = in.path;
  // httplib merges form fields of a urlencoded body into params; keep only the query string's.
  std::string target = in.target;
  std::size_t q = target.find('?');
  if (q != std::string::npos) out.query = ParseForm(std::string_view(target).substr(q + 1));
  for (const auto& [name, value] : in.headers) out.headers[base::ToLower(name)] = value;
  out.body = in.body;
  return out;
}

void ToResponse(const Response& in, httplib::Response& out) {
  out.status = in.status;
  for (const auto& [name, value] : in.headers) out.set_header(name, value);
  if (in.drop_connection) {
    // Announce a body and never send it: the client sees the connection die mid-response.
    out.set_content_provider(
        in.body.size() + 1, in.content_type.empty() ? "application/json" : in.content_type,
        [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  if (!in.content_type.empty()) out.set_content(in.body, in.content_type);
}

}  // namespace

Server::~Server() = default;

base::Result<std::unique_ptr<Server>> Server::Bind(ServerOptions options,
                                                   std::unique_ptr<Emulator> emulator) {
  std::unique_ptr<Server> server(new Server());
  server->impl_ = std::make_unique<Impl>();
  Impl& impl = *server->impl_;
  impl.options = options;
  impl.jitter_rng.seed(options.latency_seed);
  bool tls = !options.tls_cert_file.empty() || !options.tls_key_file.empty();
  if (tls) {
    if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
      return base::MakeError(base::ErrorCode::kInvalidInput,
                             "--tls-cert and --tls-key must be given together");
    }
    auto https = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(),
                                                      options.tls_key_file.c_str());
    if (!https->is_valid()) {
      return base::MakeError(base::ErrorCode::kInvalidInput,
                             "cannot use TLS certificate '" + options.tls_cert_file +
                                 "' with key '" + options.tls_key_file +
                                 "'; give a PEM certificate and its unencrypted PEM key");
    }
    impl.http = std::move(https);
  } else {
    impl.http = std::make_unique<httplib::Server>();
  }
  httplib::Server& http = *impl.http;
  int threads = options.threads > 0 ? options.threads : 1;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_keep_alive_max_count(1000000);
  http.set_tcp_nodelay(true);  // no Nagle delay on small keep-alive responses
  http.set_payload_max_length(16 * 1024 * 1024);

  Emulator* core = emulator.get();
  Impl* state = &impl;
  auto handler = [core, state](const httplib::Request& req, httplib::Response& res) {
    const ServerOptions& o = state->options;
    if ((o.latency_ms > 0 || o.latency_jitter_ms > 0) &&
        !base::StartsWith(req.path, "/__emulator/")) {
      int delay = o.latency_ms;
      if (o.latency_jitter_ms > 0) {
        std::lock_guard lock(state->jitter_mu);
        delay += static_cast<int>(state->jitter_rng() %
                                  static_cast<std::uint64_t>(o.latency_jitter_ms + 1));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
    ToResponse(core->Handle(ToRequest(req)), res);
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);

  int port = options.port == 0 ? http.bind_to_any_port(options.host.c_str())
                               : (http.bind_to_port(options.host.c_str(), options.port)
                                      ? options.port
                                      : -1);
  if (port <= 0) {
    return base::MakeError(base::ErrorCode::kUnavailable,
                           "cannot listen on " + options.host + ":" +
                               std::to_string(options.port) +
                               "; is the port in use? give another --port or 0");
  }
  server->port_ = port;
  server->base_url_ = std::string(tls ? "https" : "http") + "://" + options.host + ":" +
                      std::to_string(port);
  emulator->SetBaseUrl(server->base_url_);
  server->emulator_ = std::move(emulator);
  return server;
}

void Server::Run() { impl_->http->listen_after_bind(); }

void Server::Stop() { impl_->http->stop(); }

}  // namespace mpctl::emulator
