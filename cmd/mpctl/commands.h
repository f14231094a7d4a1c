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

int RunValidate(const GlobalOptions& global, const std::vector<std::string>& args);
int RunPlan(const GlobalOptions& global, const std::vector<std::string>& args);
int RunApply(const GlobalOptions& global, const std::vector<std::string>& args);
int RunOutput(const GlobalOptions& global, const std::vector<std::string>& args);
int RunCheck(const GlobalOptions& global, const std::vector<std::string>& args);
int RunDiffEnv(const GlobalOptions& global, const std::vector<std::string>& args);
int RunImport(const GlobalOptions& global, const std::vector<std::string>& args);
int RunCompletion(const GlobalOptions& global, const std::vector<std::string>& args);
int RunMan(const GlobalOptions& global, const std::vector<std::string>& args);
int RunKeys(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace mpctl::cli
