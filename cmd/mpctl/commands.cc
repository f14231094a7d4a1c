#include "commands.h"

namespace mpctl::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"validate", "check a manifest, offline, and list every problem in it", RunValidate},
      {"plan", "show what apply would change in each environment (reads only)", RunPlan},
      {"apply", "make the planned changes (or apply a saved plan)", RunApply},
      {"output", "print the managed clients' ids, scopes and key kids (to wire applications)",
       RunOutput},
      {"check", "exit 2 on drift or keys expiring soon: a gate for scheduled pipelines", RunCheck},
      {"diff-env", "compare two environments: what differs beyond the declared overrides",
       RunDiffEnv},
      {"import", "print manifest entries for clients made by hand (to adopt them)", RunImport},
      {"keys",
       "generate a key pair for a client, or inspect key material (offline)",
       RunKeys,
       {"generate", "inspect"}},
      {"completion", "print a shell completion script for bash, zsh or fish", RunCompletion},
      {"man", "print the manual page mpctl(1) (roff; view it with 'mpctl man | man -l -')", RunMan},
  };
  return kCommands;
}

}  // namespace mpctl::cli
