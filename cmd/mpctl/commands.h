#pragma once

#include <vector>

#include "cli.h"

namespace mpctl::cli {

/// Every subcommand, in the order `mpctl --help` lists them.
const std::vector<Command>& Commands();

/// The global flags (before the command), bound to `global`.
boost::program_options::options_description GlobalOptionsDescription(GlobalOptions* global);

/// Every command's --help as data, keyed "validate", "keys generate", ...: what the
/// completions and the man page are made from, so they cannot drift from --help.
std::map<std::string, CommandDoc> CommandDocs();

// The entries, each defined in its cmd_<name>.cc beside its handler.
extern const Command kValidateCommand;
extern const Command kPlanCommand;
extern const Command kApplyCommand;
extern const Command kOutputCommand;
extern const Command kCheckCommand;
extern const Command kDiffEnvCommand;
extern const Command kImportCommand;
extern const Command kKeysCommand;
extern const Command kCompletionCommand;
extern const Command kManCommand;

}  // namespace mpctl::cli
