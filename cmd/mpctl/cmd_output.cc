// mpctl output: what applications need after an apply: per environment, the client_id, name,
// scopes and key kids (with expiry) of every client the manifest manages. GETs only.
#include <algorithm>
#include <iostream>
#include <map>

#include "base/strings.h"
#include "commands.h"
#include "model/claims.h"
#include "model/ownership.h"
#include "pipeline.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

struct OutputKey {
  std::string kid;
  std::optional<std::int64_t> exp;
};

// One manifest entry in one environment and the live client that belongs to it, if any.
struct OutputClient {
  std::string name;                      // the manifest entry
  std::optional<std::string> client_id;  // nullopt: not created yet
  std::string client_name;
  std::vector<std::string> scopes;
  std::vector<OutputKey> keys;
};

struct OutputEnvironment {
  std::string name;
  std::string organization;
  std::vector<OutputClient> clients;
};

// The live client of each entry by model::ClaimOf (the pinned one, else the one carrying the
// entry's tag). Two claims on one entry are an error (plan reports them the same way).
base::Result<OutputEnvironment> Match(const model::DesiredState& desired,
                                      const model::LiveState& live) {
  OutputEnvironment out{desired.environment.name, desired.environment.organization, {}};
  const model::Ownership ownership = model::Ownership::Of(desired);
  for (const model::DesiredClient& entry : desired.clients) {
    std::vector<const model::LiveClient*> claims;
    for (const model::LiveClient& client : live.clients) {
      std::optional<model::Claim> claim = model::ClaimOf(client, ownership);
      if (claim && claim->entry == entry.name) claims.push_back(&client);
    }
    if (claims.size() > 1) {
      std::vector<std::string> ids;
      for (const auto* c : claims) ids.push_back("'" + c->client_id + "'");
      std::ranges::sort(ids);
      return base::MakeError(base::ErrorCode::kInvalidInput,
                             "environment '" + out.name + "': live clients " +
                                 base::Join(ids, " and ") + " both claim client '" + entry.name +
                                 "'; run 'mpctl plan' for details");
    }
    OutputClient client{entry.name, std::nullopt, entry.display_name, {}, {}};
    if (!claims.empty()) {
      const model::LiveClient& l = *claims.front();
      client.client_id = l.client_id;
      client.client_name = l.client_name;
      client.scopes = l.scopes;
      std::ranges::sort(client.scopes);
      client.scopes.erase(std::unique(client.scopes.begin(), client.scopes.end()),
                          client.scopes.end());
      if (l.keys) {
        for (const model::PublicKey& k : *l.keys) client.keys.push_back({k.kid, k.exp});
      }
      std::ranges::sort(client.keys, {}, &OutputKey::kid);
    }
    out.clients.push_back(std::move(client));
  }
  return out;
}

// "MPCTL_<ENV>_<CLIENT>_CLIENT_ID": upper case, anything but letters and digits becomes '_'.
std::string EnvName(const std::string& env, const std::string& client) {
  std::string name = "MPCTL_" + env + "_" + client + "_CLIENT_ID";
  for (char& c : name) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      c = '_';
    }
  }
  return name;
}

std::string Text(const std::vector<OutputEnvironment>& environments) {
  std::string out;
  for (const OutputEnvironment& env : environments) {
    if (!out.empty()) out += "\n";
    out += "Environment '" + env.name + "' (organisation " + env.organization + ")\n";
    if (env.clients.empty()) out += "  no clients in the manifest\n";
    for (const OutputClient& c : env.clients) {
      out += "  " + c.name + ": ";
      if (!c.client_id) {
        out += "not created yet (run 'mpctl apply')\n";
        continue;
      }
      out += *c.client_id + "\n    name:   " + base::JsonQuote(c.client_name) + "\n";
      out += "    scopes: " + (c.scopes.empty() ? "-" : base::Join(c.scopes, ", ")) + "\n";
      if (c.keys.empty()) out += "    keys:   -\n";
      for (const OutputKey& k : c.keys) {
        out += "    key:    " + k.kid +
               (k.exp ? " (expires " + base::FormatTimestamp(*k.exp) + ")" : "") + "\n";
      }
    }
  }
  return out;
}

std::string Json(const std::vector<OutputEnvironment>& environments) {
  std::string out = "{\n  \"environments\": [";
  for (std::size_t e = 0; e < environments.size(); ++e) {
    const OutputEnvironment& env = environments[e];
    out += std::string(e ? "," : "") + "\n    {\n      \"name\": " + base::JsonQuote(env.name) +
           ",\n      \"organization\": " + base::JsonQuote(env.organization) +
           ",\n      \"clients\": [";
    for (std::size_t i = 0; i < env.clients.size(); ++i) {
      const OutputClient& c = env.clients[i];
      out += std::string(i ? "," : "") + "\n        {\"name\": " + base::JsonQuote(c.name) +
             ", \"client_id\": " + (c.client_id ? base::JsonQuote(*c.client_id) : "null") +
             ", \"client_name\": " + base::JsonQuote(c.client_name) + ", \"scopes\": [";
      for (std::size_t s = 0; s < c.scopes.size(); ++s) {
        out += (s ? ", " : "") + base::JsonQuote(c.scopes[s]);
      }
      out += "], \"keys\": [";
      for (std::size_t k = 0; k < c.keys.size(); ++k) {
        out += std::string(k ? ", " : "") + "{\"kid\": " + base::JsonQuote(c.keys[k].kid) +
               ", \"expires\": " +
               (c.keys[k].exp ? base::JsonQuote(base::FormatTimestamp(*c.keys[k].exp)) : "null") +
               "}";
      }
      out += "]}";
    }
    out += std::string(env.clients.empty() ? "" : "\n      ") + "]\n    }";
  }
  out += std::string(environments.empty() ? "" : "\n  ") + "]\n}\n";
  return out;
}

std::string Env(const std::vector<OutputEnvironment>& environments) {
  std::string out;
  for (const OutputEnvironment& env : environments) {
    for (const OutputClient& c : env.clients) {
      if (!c.client_id) {
        std::cerr << "mpctl: warning: client '" << c.name << "' does not exist in '" << env.name
                  << "' yet; no " << EnvName(env.name, c.name) << " line (run 'mpctl apply')\n";
        continue;
      }
      out += EnvName(env.name, c.name) + "=" + *c.client_id + "\n";
    }
  }
  return out;
}

}  // namespace

int RunOutput(const Command& self, const GlobalOptions& global,
              const std::vector<std::string>& args) {
  PipelineFlags pipeline;
  std::string format = "text";
  CommandFlags line;
  AddPipelineFlags(line.options, &pipeline);
  // clang-format off
  line.options.add_options()
      ("format", po::value(&format)->default_value(format)->value_name("text|json|env"),
       "text for people, json for tools (schemas/output.schema.json), env for "
       "MPCTL_<ENV>_<CLIENT>_CLIENT_ID=... lines")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  if (format != "text" && format != "json" && format != "env") {
    return Fail("--format: '" + format + "' is not one of text, json, env");
  }
  auto manifest = LoadManifestOrReport(pipeline);
  if (!manifest) return kExitError;
  std::vector<OutputEnvironment> environments;
  for (const model::DesiredState& desired : manifest->states) {
    auto live = ReadLiveState(desired, global, pipeline, auth::ScopeNeeds{});
    if (!live.ok()) return Fail(live.error().message);
    auto matched = Match(desired, *live);
    if (!matched.ok()) return Fail(matched.error().message);
    environments.push_back(std::move(*matched));
  }
  if (format == "json") {
    std::cout << Json(environments);
  } else if (format == "env") {
    std::cout << Env(environments);
  } else {
    std::cout << Text(environments);
  }
  return kExitOk;
}

extern const Command kOutputCommand = {
    .name = "output",
    .summary = "print the managed clients' ids, scopes and key kids (to wire applications)",
    .usage =
        "usage: mpctl output [-f FILE] [-e ENV]... [--format text|json|env] [options]\n\n"
        "Reads each selected environment (GET requests, idporten:dcr.read only) and prints\n"
        "the clients the manifest manages: client_id, name, scopes and key kids with expiry.\n"
        "Entries are sorted by name and keys by kid, so the output is deterministic.",
    .footer =
        "exit codes:\n"
        "  0  printed (entries not created yet are shown as such)\n"
        "  1  error: the manifest, the portal, or two live clients claim one entry\n",
    .run = RunOutput};

}  // namespace mpctl::cli
