// mpctl diff-env ENV_A ENV_B: how two environments differ, in the manifest (after overrides)
// and, with --live, in the portal; differences the manifest declares do not count.
#include <iostream>

#include "commands.h"
#include "envdiff/env_compare.h"
#include "pipeline.h"
#include "raw_manifest_file.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

// Prints one comparison; returns the number of differences that are not declared.
std::size_t Report(const std::string& title,
                   const std::vector<envdiff::EnvDifference>& differences) {
  std::cout << title << ":\n";
  std::size_t undeclared = 0;
  for (bool declared : {false, true}) {
    for (const auto& d : differences) {
      if (d.declared_by.empty() == declared) continue;
      std::cout << (declared ? "  declared  " : "  differs   ") << d.address
                << (d.field.empty() ? "" : " " + d.field) << ": " << d.text;
      if (declared) std::cout << "  (" << d.declared_by << ")";
      std::cout << "\n";
      if (!declared) ++undeclared;
    }
  }
  if (differences.empty()) std::cout << "  no differences\n";
  return undeclared;
}

std::string Totals(std::size_t undeclared, std::size_t declared) {
  return Count(undeclared, "difference", "differences") + ", " + std::to_string(declared) +
         " declared";
}

}  // namespace

int RunDiffEnv(const Command& self, const GlobalOptions& global,
               const std::vector<std::string>& args) {
  std::string file;
  std::vector<std::string> names;
  bool live = false;
  CommandFlags line;
  // clang-format off
  line.options.add_options()
      ("file,f", po::value(&file)->default_value("mpctl.yaml")->value_name("FILE"),
       "the manifest")
      ("live", po::bool_switch(&live),
       "also read both environments from the portal (GETs only) and compare what is deployed")
      ("help,h", "print this help");
  // clang-format on
  line.hidden.add_options()("envs", po::value(&names));
  line.positional.add("envs", 2);
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  if (names.size() != 2) return Fail("give two environments; see 'mpctl diff-env --help'");
  if (names[0] == names[1]) return Fail("give two different environments");

  PipelineFlags flags;
  flags.file = file;
  flags.environments = names;
  std::optional<manifest::Manifest> manifest = LoadManifestOrReport(flags);
  if (!manifest) return kExitError;
  base::Result<manifest::RawManifest> raw = ReadRawManifest(file);
  if (!raw.ok()) return Fail(raw.error().message);
  envdiff::DeclaredDifferences declared = envdiff::FindDeclared(*raw);

  const model::DesiredState* a = nullptr;
  const model::DesiredState* b = nullptr;
  for (const auto& state : manifest->states) {
    if (state.environment.name == names[0]) a = &state;
    if (state.environment.name == names[1]) b = &state;
  }
  if (a == nullptr || b == nullptr) return Fail("internal: environments were not resolved");

  auto desired = envdiff::Compare(envdiff::DesiredView(*a), names[0], envdiff::DesiredView(*b),
                                  names[1], declared);
  std::size_t undeclared =
      Report("desired state, " + names[0] + " vs " + names[1] + " (after overrides)", desired);
  std::string summary = "desired: " + Totals(undeclared, desired.size() - undeclared);
  if (live) {
    auto live_a = ReadLiveState(*a, global, flags);
    if (!live_a.ok()) return Fail(live_a.error().message);
    auto live_b = ReadLiveState(*b, global, flags);
    if (!live_b.ok()) return Fail(live_b.error().message);
    auto differences = envdiff::Compare(envdiff::LiveView(*a, *live_a), names[0],
                                        envdiff::LiveView(*b, *live_b), names[1], declared);
    std::size_t live_undeclared =
        Report("live state, " + names[0] + " vs " + names[1], differences);
    undeclared += live_undeclared;
    summary += "; live: " + Totals(live_undeclared, differences.size() - live_undeclared);
  }
  std::cout << summary << "\n";
  return undeclared == 0 ? kExitOk : kExitChanges;
}

extern const Command kDiffEnvCommand = {
    .name = "diff-env",
    .summary = "compare two environments: what differs beyond the declared overrides",
    .usage =
        "usage: mpctl diff-env ENV_A ENV_B [-f FILE] [--live]\n\n"
        "Compares two environments entry by entry: clients and provider scopes present in only\n"
        "one, and differing names, descriptions, scopes, keys and scope settings; first as the\n"
        "manifest wants them (after overrides), then, with --live, as they are deployed\n"
        "(the clients and scopes the manifest's entries claim in each environment).\n"
        "A field that differs is 'declared' when that entry sets it under overrides.ENV_A or\n"
        "overrides.ENV_B: it is listed but does not count. A client or scope that exists in\n"
        "only one of the two always counts, also when its environments: list says so (the\n"
        "question is 'does ENV_B get everything ENV_A has?'). Pinned ids are never compared.",
    .footer =
        "exit codes:\n"
        "  0  the environments are identical apart from declared differences\n"
        "  1  error (bad manifest, unknown environment, portal unreachable)\n"
        "  2  they differ in a way the manifest does not declare\n",
    .run = RunDiffEnv};

}  // namespace mpctl::cli
