#include "commands.h"

namespace mpctl::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"validate", "check a manifest, offline, and list every problem in it", RunValidate},
      {"plan", "show what apply would change in each environment (reads only)", RunPlan},
      {"apply", "make the planned changes (or apply a saved plan)", RunApply},
      {"check", "exit 2 on drift or keys expiring soon: a gate for scheduled pipelines",
       RunCheck},
      {"diff-env", "compare two environments: what differs beyond the declared overrides",
       RunDiffEnv},
      {"import", "print manifest entries for clients made by hand (to adopt them)", RunImport},
      {"keys", "generate a key pair for a client, or inspect key material (offline)", RunKeys},
  };
  return kCommands;
}

}  // namespace mpctl::cli
