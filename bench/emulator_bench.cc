// GET throughput of the emulator with keep-alive connections, in-process on loopback.
// Usage: emulator_bench [SECONDS=5] [CONNECTIONS=4]
// Serves one organisation with 100 clients of 2 keys each and measures authenticated
// GET /api/v1/clients/{id}/jwks (the request a plan makes per managed client).
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.h"
#include "base/strings.h"
#include "crypto/keys.h"
#include "emulator/server.h"

using namespace mpctl;

namespace {

emulator::Jwk KeyOf(const crypto::PrivateKey& key, const std::string& kid) {
  emulator::Jwk jwk;
  jwk.kid = kid;
  jwk.n = key.Public().n;
  jwk.e = key.Public().e;
  jwk.exp = 4'000'000'000;
  return jwk;
}

std::string Grant(const crypto::PrivateKey& key, const std::string& issuer) {
  std::int64_t now = base::SystemClock().NowSeconds();
  std::string header = R"({"alg":"RS256","kid":"admin"})";
  std::string claims = "{\"aud\":\"" + issuer + "\",\"iss\":\"admin\",\"scope\":"
                       "\"idporten:dcr.read\",\"iat\":" + std::to_string(now) +
                       ",\"exp\":" + std::to_string(now + 60) + ",\"jti\":\"bench\"}";
  std::string input = base::Base64UrlEncode(header) + "." + base::Base64UrlEncode(claims);
  return input + "." + base::Base64UrlEncode(*key.Sign("RS256", input));
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = argc > 1 ? std::atoi(argv[1]) : 5;
  int connections = argc > 2 ? std::atoi(argv[2]) : 4;
  auto key = crypto::PrivateKey::Generate(2048);
  if (!key.ok()) return 1;

  emulator::State seed;
  seed.organisations["310000108"] = {"310000108", "Bench AS", {"bench"}};
  seed.admin_clients["admin"] = {"admin", "310000108", {"idporten:dcr.read"},
                                 {KeyOf(*key, "admin")}, 3600};
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    emulator::Client c;
    c.client_id = "client-" + std::to_string(i);
    c.client_orgno = "310000108";
    c.integration_type = "maskinporten";
    c.keys = {KeyOf(*key, c.client_id + "-a"), KeyOf(*key, c.client_id + "-b")};
    c.sequence = static_cast<std::uint64_t>(i);
    seed.clients[c.client_id] = std::make_shared<const emulator::Client>(c);
    ids.push_back(c.client_id);
  }
  base::SystemClock clock;
  auto core = emulator::Emulator::Create(emulator::Options{}, seed, clock);
  if (!core.ok()) return 1;
  auto server = emulator::Server::Bind(emulator::ServerOptions{}, std::move(core).value());
  if (!server.ok()) return 1;
  std::thread serving([&] { (*server)->Run(); });

  std::string base_url = (*server)->base_url();
  httplib::Client token_client(base_url);
  while (!token_client.Get("/jwk")) std::this_thread::yield();  // until it accepts
  auto token_response = token_client.Post(
      "/token", httplib::Params{{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                {"assertion", Grant(*key, base_url + "/")}});
  std::string body = token_response ? token_response->body : "";
  std::size_t start = body.find("\"access_token\":\"");
  if (start == std::string::npos) {
    std::fprintf(stderr, "no token: %s\n", body.c_str());
    return 1;
  }
  start += 16;
  std::string token = body.substr(start, body.find('"', start) - start);

  std::atomic<bool> stop{false};
  std::atomic<long> done{0}, failed{0};
  std::vector<std::thread> workers;
  auto begin = std::chrono::steady_clock::now();
  for (int c = 0; c < connections; ++c) {
    workers.emplace_back([&, c] {
      httplib::Client http(base_url);
      http.set_keep_alive(true);
      http.set_tcp_nodelay(true);
      httplib::Headers headers{{"Authorization", "Bearer " + token}};
      for (std::size_t i = static_cast<std::size_t>(c); !stop; ++i) {
        auto r = http.Get(("/api/v1/clients/" + ids[i % ids.size()] + "/jwks").c_str(), headers);
        if (r && r->status == 200) {
          ++done;
        } else {
          ++failed;
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& w : workers) w.join();
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::printf("emulator GET /api/v1/clients/{id}/jwks: %ld requests in %.2f s over %d keep-alive "
              "connections = %.0f req/s (%ld failed)\n",
              done.load(), elapsed, connections, static_cast<double>(done.load()) / elapsed,
              failed.load());
  (*server)->Stop();
  serving.join();
  return failed.load() == 0 ? 0 : 1;
}
