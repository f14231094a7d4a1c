#include "commands.h"

namespace mpctl::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"validate", "check a manifest, offline, and list every problem in it", RunValidate},
      {"plan", "show what apply would change in each environment (reads only)", RunPlan},
      {"apply", "make the planned changes (or apply a saved plan)", RunApply},
  };
  return kCommands;
}

}  // namespace mpctl::cli
