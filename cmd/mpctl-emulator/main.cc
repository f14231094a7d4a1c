// mpctl-emulator: flags -> emulator::Server. Prints "listening on URL" when ready and stops
// cleanly (exit 0) on SIGINT or SIGTERM.
#include <signal.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/strings.h"
#include "emulator/seed.h"
#include "emulator/server.h"

namespace po = boost::program_options;
using namespace mpctl;

namespace {

struct Flags {
  emulator::Options options;
  emulator::ServerOptions server;
  std::string seed_file;
  std::string status_profile = "spec";
  std::string no_keys = "404";
  std::string validation = "strict";
  std::string deleted_clients = "404";
  std::string put_omitted = "keep";
  std::string admin_auth = "any";
  std::string trailing_slash = "404";
  std::string require_content_type = "on";
  std::string algs = "RS256,RS384,RS512";
  std::int64_t now = 0;
  bool fault_seed_given = false;
};

po::options_description Describe(Flags& f) {
  po::options_description d(
      "Usage: mpctl-emulator [options]\n\n"
      "A local stand-in for Maskinporten's token endpoint and Digdir's self-service API.\n"
      "Prints 'listening on http://HOST:PORT' when ready; SIGINT/SIGTERM stop it (exit 0).\n\n"
      "Options");
  auto& o = f.options;
  auto& s = f.server;
  d.add_options()
      ("help,h", "print this help and exit")
      ("host", po::value(&s.host)->default_value("127.0.0.1"), "address to listen on")
      ("port", po::value(&s.port)->default_value(0), "port; 0 picks a free one")
      ("threads", po::value(&s.threads)->default_value(64),
       "worker threads; keep above the client's parallelism")
      ("state", po::value(&o.state_file),
       "state file (JSON), loaded at start and written atomically before each write is "
       "answered; without it the state lives in memory")
      ("seed", po::value(&f.seed_file),
       "seed file (YAML): organisations, admin clients, scopes, access, clients; used when the "
       "state file does not exist yet, and by POST /__emulator/reset")
      ("api-prefix", po::value(&o.api_prefix)->default_value("/api/v1"),
       "path prefix of the admin API (/api/v2 is derived for POST .../clients/{id}/key)")
      ("issuer", po::value(&o.issuer),
       "issuer (and required grant aud); default http(s)://HOST:PORT/")
      ("tls-cert", po::value(&s.tls_cert_file), "PEM certificate: serve HTTPS (with --tls-key)")
      ("tls-key", po::value(&s.tls_key_file), "PEM private key of --tls-cert")
      ("latency", po::value(&s.latency_ms)->default_value(0),
       "milliseconds added to every request (not /__emulator)")
      ("latency-jitter", po::value(&s.latency_jitter_ms)->default_value(0),
       "plus a random 0..MS on top of --latency")
      ("fault-rate", po::value(&o.fault_rate)->default_value(0.0),
       "probability 0..1 of a fault per /api request: 500, 503, 429 (Retry-After) or a dropped "
       "connection (the request takes effect, the answer is lost)")
      ("fault-seed", po::value(&o.fault_seed),
       "seed of the fault sequence; the same seed and requests give the same faults "
       "(default: random)")
      ("fault-token", po::bool_switch(&o.fault_token), "inject faults on /token too")
      ("lose-answer", po::value(&o.lose_answers)->composing(),
       "ROUTE, e.g. 'POST /api/v1/clients': the next successful request of that route takes "
       "effect and its connection is closed before any byte of the answer (repeat for more; "
       "also POST /__emulator/faults {\"lose_answer\": ROUTE, \"count\": N})")
      ("status-profile", po::value(&f.status_profile)->default_value("spec"),
       "spec: 200 everywhere; observed: 201 on client create and POST jwks, 204 on client "
       "delete")
      ("no-keys", po::value(&f.no_keys)->default_value("404"),
       "GET .../jwks of a client without keys: 404 or empty ({\"keys\":[]})")
      ("validation", po::value(&f.validation)->default_value("strict"),
       "strict: Maskinporten clients need client_name, description, web, private_key_jwt and "
       "jwt-bearer; lenient: those default and only types are checked")
      ("deleted-clients", po::value(&f.deleted_clients)->default_value("404"),
       "after DELETE, GET/PUT/DELETE /clients/{id}: 404, or visible (active:false)")
      ("put-omitted", po::value(&f.put_omitted)->default_value("keep"),
       "PUT /clients/{id}: omitted fields keep their value (keep) or reset to defaults (reset)")
      ("admin-auth", po::value(&f.admin_auth)->default_value("any"),
       "how admin clients sign in at /token: any (a registered key by kid, or an x5c "
       "certificate), certificate (x5c only, chain checked against the seed's "
       "certificate_authorities and the admin client's orgno), key (kid only)")
      ("require-content-type", po::value(&f.require_content_type)->default_value("on"),
       "on: a write with a body needs Content-Type: application/json, else 415; off: any "
       "Content-Type is read as JSON")
      ("trailing-slash", po::value(&f.trailing_slash)->default_value("404"),
       "admin API paths with a trailing slash (/api/v1/clients/): 404, or accept (answered "
       "as without the slash)")
      ("algs", po::value(&f.algs)->default_value("RS256,RS384,RS512"),
       "comma-separated JWK alg values accepted when keys are registered (of RS256, RS384, "
       "RS512)")
      ("write-implies-read", po::bool_switch(&o.write_implies_read),
       "dcr.write also allows dcr reads, scopes.write scopes reads (default: strict)")
      ("empty-list-errors", po::bool_switch(&o.empty_list_errors),
       "empty lists of scopes, accesses and prefixes answer 404 '... does not have any ...'")
      ("propagation-delay", po::value(&o.propagation_delay_seconds)->default_value(0),
       "seconds before a new key or access grant works at /token")
      ("now", po::value(&f.now),
       "start the emulator's clock at this epoch second (also POST /__emulator/clock)");
  return d;
}

template <typename Enum>
bool Choose(const std::string& flag, const std::string& value, const char* a, Enum ea,
            const char* b, Enum eb, Enum& out) {
  if (value == a) {
    out = ea;
  } else if (value == b) {
    out = eb;
  } else {
    std::cerr << "mpctl-emulator: error: --" << flag << " '" << value << "' is not " << a
              << " or " << b << "\n";
    return false;
  }
  return true;
}

int Run(int argc, char** argv) {
  Flags f;
  po::options_description description = Describe(f);
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, description), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "mpctl-emulator: error: " << e.what() << "; see --help\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << description << "\n";
    return 0;
  }
  auto& o = f.options;
  if (!Choose("status-profile", f.status_profile, "spec", emulator::StatusProfile::kSpec,
              "observed", emulator::StatusProfile::kObserved, o.status_profile) ||
      !Choose("no-keys", f.no_keys, "404", emulator::NoKeys::k404, "empty",
              emulator::NoKeys::kEmpty, o.no_keys) ||
      !Choose("validation", f.validation, "strict", emulator::Validation::kStrict, "lenient",
              emulator::Validation::kLenient, o.validation) ||
      !Choose("deleted-clients", f.deleted_clients, "404", emulator::DeletedClients::k404,
              "visible", emulator::DeletedClients::kVisible, o.deleted_clients) ||
      !Choose("put-omitted", f.put_omitted, "keep", emulator::PutOmitted::kKeep, "reset",
              emulator::PutOmitted::kReset, o.put_omitted) ||
      !Choose("trailing-slash", f.trailing_slash, "404", emulator::TrailingSlash::k404, "accept",
              emulator::TrailingSlash::kAccept, o.trailing_slash) ||
      !Choose("require-content-type", f.require_content_type, "on", true, "off", false,
              o.require_content_type)) {
    return 2;
  }
  if (f.admin_auth == "any") {
    o.admin_auth = emulator::AdminAuth::kAny;
  } else if (f.admin_auth == "certificate") {
    o.admin_auth = emulator::AdminAuth::kCertificate;
  } else if (f.admin_auth == "key") {
    o.admin_auth = emulator::AdminAuth::kKey;
  } else {
    std::cerr << "mpctl-emulator: error: --admin-auth '" << f.admin_auth
              << "' is not any, certificate or key\n";
    return 2;
  }
  o.algs.clear();
  for (const std::string& alg : base::Split(f.algs, ',')) {
    std::string name(base::Trim(alg));
    if (name != "RS256" && name != "RS384" && name != "RS512") {
      std::cerr << "mpctl-emulator: error: --algs: '" << name
                << "' is not RS256, RS384 or RS512; give a comma-separated list of them\n";
      return 2;
    }
    o.algs.push_back(name);
  }
  if (o.fault_rate < 0 || o.fault_rate > 1) {
    std::cerr << "mpctl-emulator: error: --fault-rate must be between 0 and 1\n";
    return 2;
  }
  if (!vm.count("fault-seed")) o.fault_seed = std::random_device{}();

  base::SystemClock system_clock;
  emulator::State seed;
  if (!f.seed_file.empty()) {
    auto loaded = emulator::LoadSeedFile(f.seed_file, system_clock.NowSeconds() * 1000);
    if (!loaded.ok()) {
      std::cerr << "mpctl-emulator: error: " << loaded.error().message << "\n";
      return 1;
    }
    seed = std::move(loaded).value();
  } else {
    seed.delegation_sources.push_back({"altinn", "https://tt02.altinn.no/"});
  }
  auto core = emulator::Emulator::Create(o, std::move(seed), system_clock);
  if (!core.ok()) {
    std::cerr << "mpctl-emulator: error: " << core.error().message << "\n";
    return 1;
  }
  if (vm.count("now")) (*core)->clock().SetNow(f.now);

  // Block the stop signals before any thread starts; one thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  f.server.latency_seed = o.fault_seed;
  auto server = emulator::Server::Bind(f.server, std::move(core).value());
  if (!server.ok()) {
    std::cerr << "mpctl-emulator: error: " << server.error().message << "\n";
    return 1;
  }
  std::thread waiter([&stop_signals, s = server->get()] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    s->Stop();
  });
  std::printf("listening on %s\n", (*server)->base_url().c_str());
  std::fflush(stdout);
  (*server)->Run();
  // Run() also returns if listening fails; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "mpctl-emulator: error: internal: " << e.what() << "\n";
    return 1;
  }
}
