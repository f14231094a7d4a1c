#include "commands.h"

namespace mpctl::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {kValidateCommand, kPlanCommand,    kApplyCommand,
                                                 kCheckCommand,    kDiffEnvCommand, kImportCommand,
                                                 kKeysCommand};
  return kCommands;
}

}  // namespace mpctl::cli
