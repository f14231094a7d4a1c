#pragma once

#include <vector>

#include "cli.h"

namespace mpctl::cli {

/// Every subcommand, in the order `mpctl --help` lists them.
const std::vector<Command>& Commands();

int RunValidate(const GlobalOptions& global, const std::vector<std::string>& args);
int RunPlan(const GlobalOptions& global, const std::vector<std::string>& args);
int RunApply(const GlobalOptions& global, const std::vector<std::string>& args);
int RunCheck(const GlobalOptions& global, const std::vector<std::string>& args);
int RunDiffEnv(const GlobalOptions& global, const std::vector<std::string>& args);
int RunImport(const GlobalOptions& global, const std::vector<std::string>& args);
int RunKeys(const GlobalOptions& global, const std::vector<std::string>& args);

}  // namespace mpctl::cli
