#pragma once

#include <vector>

#include "cli.h"

namespace mpctl::cli {

/// Every subcommand, in the order `mpctl --help` lists them.
const std::vector<Command>& Commands();

// The entries, each defined in its cmd_<name>.cc beside its handler.
extern const Command kValidateCommand;
extern const Command kPlanCommand;
extern const Command kApplyCommand;
extern const Command kCheckCommand;
extern const Command kDiffEnvCommand;
extern const Command kImportCommand;
extern const Command kKeysCommand;

}  // namespace mpctl::cli
