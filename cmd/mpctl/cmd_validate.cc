// mpctl validate: loads the manifest as plan would, without calling any API.
#include <iostream>

#include "commands.h"
#include "manifest/manifest.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

std::string Summary(const model::DesiredState& state) {
  std::size_t keys = 0;
  for (const auto& client : state.clients) keys += client.keys.size();
  return state.environment.name + ": organization " + state.environment.organization + ", " +
         Count(state.clients.size(), "client", "clients") + ", " + Count(keys, "key", "keys") +
         ", " + Count(state.scopes.size(), "scope", "scopes");
}

}  // namespace

int RunValidate(const Command& self, const GlobalOptions& /*global*/,
                const std::vector<std::string>& args) {
  std::string file;
  std::vector<std::string> environments;
  CommandFlags line;
  // clang-format off
  line.options.add_options()
      ("file,f", po::value(&file)->default_value("mpctl.yaml")->value_name("FILE"),
       "the manifest to check")
      ("env,e", po::value(&environments)->value_name("ENV"),
       "summarise only this environment, and need only its ${VAR}s (repeatable; default: "
       "every one); the others are still checked apart from their variables")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }

  manifest::LoadOptions load_options;
  load_options.environments = environments;
  manifest::LoadResult result = manifest::LoadManifest(file, load_options);
  if (!result.manifest) {
    std::cerr << result.diagnostics.ToString();
    return Fail(Count(result.diagnostics.size(), "error", "errors") + " in " + file);
  }
  for (const auto& state : result.manifest->states) std::cout << Summary(state) << "\n";
  return kExitOk;
}

extern const Command kValidateCommand = {
    .name = "validate",
    .summary = "check a manifest, offline, and list every problem in it",
    .usage =
        "usage: mpctl validate [-f FILE] [-e ENV]...\n\n"
        "Checks the manifest without calling any API: structure, names, orgnos, scopes,\n"
        "kids, key material, ${VAR} references and referenced files. Prints one summary\n"
        "line per environment, or every problem as file:line:col: path: message.",
    .footer =
        "exit codes:\n"
        "  0  the manifest is valid\n"
        "  1  it is not (every problem is listed on stderr), or the command line is wrong\n",
    .run = RunValidate};

}  // namespace mpctl::cli
