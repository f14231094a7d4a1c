#include "emulator/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
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
  int port = 0;
  std::mutex connections_mu;
  // Requests seen per client address and port, i.e. per connection: more than one means the
  // client reused a keep-alive connection. (A port the client reuses later for a new
  // connection also counts as reused; only the stats say so.)
  std::map<std::string, std::int64_t> requests_per_connection;
};

namespace {

// The address and port of `address` (IPv4 or IPv6), "" when it is neither.
std::string AddressText(const sockaddr_storage& address, int* port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(address);
    *port = ntohs(in.sin_port);
    return inet_ntop(AF_INET, &in.sin_addr, text, sizeof text) ? text : "";
  }
  if (address.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
    *port = ntohs(in6.sin6_port);
    return inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text) ? text : "";
  }
  return "";
}

// Closes the connection `request` came on before any byte of the answer is written: cpp-httplib
// 0.11 gives a handler no way to do that, so the socket is found among the process's open
// descriptors by its two ends and shut down; httplib's write of the answer then fails and it
// closes the socket. The client sees the connection end without a response.
void CloseWithoutAnswer(const httplib::Request& request, int server_port) {
  // The failed write must not kill the process (mpctl-emulator ignores SIGPIPE already).
  std::signal(SIGPIPE, SIG_IGN);
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = 0;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (...) {
      continue;
    }
    sockaddr_storage local{}, peer{};
    socklen_t local_size = sizeof local, peer_size = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
      continue;
    }
    int local_port = 0, peer_port = 0;
    AddressText(local, &local_port);
    std::string peer_address = AddressText(peer, &peer_port);
    if (local_port == server_port && peer_port == request.remote_port &&
        peer_address == request.remote_addr) {
      ::shutdown(fd, SHUT_RDWR);
      return;
    }
  }
}

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

// Connections the kernel queues for accept(): Linux's default somaxconn.
constexpr int kListenBacklog = 4096;

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
  // cpp-httplib listens with a backlog of 5, compiled into Debian's libcpp-httplib (so the
  // CPPHTTPLIB_LISTEN_BACKLOG macro cannot change it). A client that opens more connections
  // at once (mpctl sends every create on a new one) has SYNs dropped and waits for the
  // kernel's 1 s retransmit. Real servers queue far more: the socket is listened on again
  // with a larger backlog once bound (Linux then updates the backlog).
  auto listening = std::make_shared<socket_t>(INVALID_SOCKET);
  http.set_socket_options([listening](socket_t sock) {
    httplib::default_socket_options(sock);
    *listening = sock;
  });

  Emulator* core = emulator.get();
  Impl* state = &impl;
  auto handler = [core, state](const httplib::Request& req, httplib::Response& res) {
    const ServerOptions& o = state->options;
    const bool counted = !base::StartsWith(req.path, "/__emulator/");
    struct InFlight {
      Stats* stats;
      ~InFlight() {
        if (stats != nullptr) stats->RequestEnded();
      }
    } in_flight{counted ? &core->stats() : nullptr};
    if (counted) core->stats().RequestStarted();
    if ((o.latency_ms > 0 || o.latency_jitter_ms > 0) && counted) {
      int delay = o.latency_ms;
      if (o.latency_jitter_ms > 0) {
        std::lock_guard lock(state->jitter_mu);
        delay += static_cast<int>(state->jitter_rng() %
                                  static_cast<std::uint64_t>(o.latency_jitter_ms + 1));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
    Request request = ToRequest(req);
    {
      std::lock_guard lock(state->connections_mu);
      request.reused_connection =
          ++state
                ->requests_per_connection[req.remote_addr + " " + std::to_string(req.remote_port)] >
          1;
    }
    Response response = core->Handle(request);
    if (response.lose_answer) {
      CloseWithoutAnswer(req, state->port);
      res.status = 500;  // never sent: the socket is shut down
      return;
    }
    ToResponse(response, res);
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
  if (*listening != INVALID_SOCKET) ::listen(*listening, kListenBacklog);
  server->port_ = port;
  impl.port = port;
  server->base_url_ = std::string(tls ? "https" : "http") + "://" + options.host + ":" +
                      std::to_string(port);
  emulator->SetBaseUrl(server->base_url_);
  server->emulator_ = std::move(emulator);
  return server;
}

void Server::Run() { impl_->http->listen_after_bind(); }

void Server::Stop() { impl_->http->stop(); }

}  // namespace mpctl::emulator
