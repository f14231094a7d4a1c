#include "commands.h"

namespace mpctl::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"validate", "check a manifest, offline, and list every problem in it", RunValidate},
  };
  return kCommands;
}

}  // namespace mpctl::cli
