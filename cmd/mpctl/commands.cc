#include "commands.h"

namespace mpctl::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      kValidateCommand, kPlanCommand,   kApplyCommand, kOutputCommand,     kCheckCommand,
      kDiffEnvCommand,  kImportCommand, kKeysCommand,  kCompletionCommand, kManCommand};
  return kCommands;
}

}  // namespace mpctl::cli
