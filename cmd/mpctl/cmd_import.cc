// mpctl import: prints manifest entries for clients made by hand, so that mpctl can adopt them.
// Pasted under `clients:`, the entries plan as no change except the ownership tag.
#include <algorithm>
#include <iostream>
#include <set>

#include "base/sanitize.h"
#include "commands.h"
#include "import_entry.h"
#include "pipeline.h"
#include "portal/live_state.h"
#include "raw_manifest_file.h"

namespace po = boost::program_options;

namespace mpctl::cli {

int RunImport(const Command& self, const GlobalOptions& global,
              const std::vector<std::string>& args) {
  PipelineFlags flags;
  std::vector<std::string> ids;
  bool all_unmanaged = false;
  CommandFlags line;
  AddPipelineFlags(line.options, &flags);
  // clang-format off
  line.options.add_options()
      ("all-unmanaged", po::bool_switch(&all_unmanaged),
       "import every Maskinporten client the manifest neither pins nor tags")
      ("help,h", "print this help");
  // clang-format on
  line.hidden.add_options()("client-ids", po::value(&ids));
  line.positional.add("client-ids", -1);
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  if (flags.environments.size() != 1) {
    return Fail("give the environment the clients live in, once: -e ENV");
  }
  const std::string environment = flags.environments.front();
  const std::string& file = flags.file;
  if (all_unmanaged == !ids.empty()) {
    return Fail("give client ids or --all-unmanaged (not both); see 'mpctl import --help'");
  }

  std::optional<manifest::Manifest> manifest = LoadManifestOrReport(flags);
  if (!manifest) return kExitError;
  const model::DesiredState& desired = manifest->states.front();
  base::Result<manifest::RawManifest> raw = ReadRawManifest(file);
  if (!raw.ok()) return Fail(raw.error().message);
  std::set<std::string> taken;
  for (const auto& entry : raw->clients) taken.insert(entry.name);

  auto api =
      portal::Connect(desired.environment, MakeConnectOptions(global, flags, ReadNeeds(desired)));
  if (!api.ok())
    return Fail("connecting to environment '" + environment + "': " + api.error().message);
  auto acting =
      portal::CheckActingOrganization(**api, desired.environment.organization,
                                      global.verbose ? portal::StderrLogSink() : portal::LogSink());
  if (!acting.ok()) return Fail(environment + ": " + acting.error().message);
  auto clients = (*api)->ListClients();
  if (!clients.ok()) return Fail(environment + ": listing clients: " + clients.error().message);
  portal::LiveReadOptions ownership;
  ownership.owner = desired.owner;
  ownership.pinned_ids = PinnedClientIds(desired);

  std::vector<model::LiveClient> chosen;
  for (const auto& client : *clients) {
    bool managed = portal::IsManaged(client, ownership);
    if (all_unmanaged) {
      if (managed) continue;
      if (client.integration_type != model::kMaskinporten) {
        std::cerr << "mpctl: note: skipping client '" << base::Printable(client.client_id)
                  << "': integration type '" << base::Printable(client.integration_type)
                  << "' is not managed by mpctl\n";
        continue;
      }
      chosen.push_back(client);
    }
  }
  for (const auto& id : ids) {
    auto it = std::ranges::find(*clients, id, &model::LiveClient::client_id);
    if (it == clients->end()) {
      return Fail("no active client '" + id + "' in " + environment);
    }
    if (portal::IsManaged(*it, ownership)) {
      return Fail("client '" + id + "' is already managed by " + file +
                  " (pinned or tagged); nothing to import");
    }
    if (it->integration_type != model::kMaskinporten) {
      return Fail("client '" + id + "' has integration type '" + it->integration_type +
                  "'; mpctl manages only maskinporten clients");
    }
    chosen.push_back(*it);
  }

  std::string out;
  for (auto& client : chosen) {
    auto keys = (*api)->GetKeys(client.client_id);
    if (!keys.ok()) {
      return Fail(environment + ": reading the keys of '" + client.client_id +
                  "': " + keys.error().message);
    }
    client.keys = std::move(*keys);
    std::string name = EntryName(client, taken);
    taken.insert(name);
    out += ImportEntryYaml(client, name, environment);
  }
  std::cout << "# mpctl import -e " << environment << ": "
            << Count(chosen.size(), "client", "clients") << ". Paste under 'clients:' in " << file
            << "; 'mpctl plan -e " << environment
            << "' then shows only the ownership tag being added.\n"
            << out;
  return kExitOk;
}

extern const Command kImportCommand = {
    .name = "import",
    .summary = "print manifest entries for clients made by hand (to adopt them)",
    .usage =
        "usage: mpctl import -e ENV [-f FILE] CLIENT_ID...\n"
        "       mpctl import -e ENV [-f FILE] --all-unmanaged\n\n"
        "Reads clients from the portal (GETs only) and prints a manifest entry for each:\n"
        "display_name, description, scopes, public keys as inline JWKs, environments: [ENV]\n"
        "and the overrides.ENV.client_id pin. Paste them under clients: and 'mpctl plan'\n"
        "shows only the ownership tag being added; 'mpctl apply' writes it.",
    .footer =
        "exit codes:\n"
        "  0  the entries were printed (nothing in the portal was changed)\n"
        "  1  error (unknown or already managed client, portal unreachable); nothing printed\n",
    .run = RunImport};

}  // namespace mpctl::cli
