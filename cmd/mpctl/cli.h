// cmd/mpctl: flags → command table → exit code. Each subcommand is one cmd_<name>.cc with
// one line in commands.cc; helpers shared by subcommands live here.
#pragma once

#include <boost/program_options.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "auth/discovery.h"

namespace mpctl::cli {

/// Exit codes shared by every command (design.md §4).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
/// The command worked and found something to do: changes pending (`plan
/// --detailed-exitcode`), drift or an expiring key (`check`), differences (`diff-env`).
inline constexpr int kExitChanges = 2;

/// Flags given before the command name; every command receives them.
struct GlobalOptions {
  bool verbose = false;      // -v: request log on stderr (never secrets)
  std::string ca_file;       // --ca-file: extra CA certificates for TLS
  int max_response_mib = 4;  // --max-response-mib: response size limit (lists: 8 times)
  /// The auth servers' metadata, discovered once per run (apply connects twice).
  std::shared_ptr<auth::DiscoveryCache> discovery = std::make_shared<auth::DiscoveryCache>();
};

/// One (sub)command, as the command table lists it: each cmd_<name>.cc defines its entry
/// beside its handler. `run` gets its own entry (for --help), the global options and the
/// arguments after the command's name, and returns the exit code.
struct Command {
  const char* name;          // "plan", "keys generate"
  const char* summary = "";  // one line for `mpctl --help` (top-level commands only)
  const char* usage = "";    // --help: printed before the options
  const char* footer = "";   // --help: printed after the options (the exit codes)
  int (*run)(const Command& self, const GlobalOptions& global,
             const std::vector<std::string>& args) = nullptr;
  /// Words `run` takes as its first argument, each with its own --help (e.g. keys'
  /// "generate inspect"); empty when there are none.
  std::vector<std::string> subcommands = {};
};

/// One flag as --help shows it; the completions and man pages are made from these.
struct OptionDoc {
  std::string long_name;    // "file"
  std::string short_name;   // "f", or ""
  std::string value_name;   // "FILE", "text|json|env", or "" for a switch
  std::string description;  // as --help prints it
  std::string default_value;
};

/// What `mpctl <command> --help` prints, as data.
struct CommandDoc {
  std::string usage;
  std::string footer;
  std::vector<OptionDoc> options;
};

/// The flags of `options`, in --help order.
std::vector<OptionDoc> DescribeOptions(const boost::program_options::options_description& options);

/// While set (non-null), ParseCommandLine answers --help by storing the command's usage,
/// footer and options in `(*capture)[command.name]` instead of printing them.
void SetHelpCapture(std::map<std::string, CommandDoc>* capture);

/// The flags a handler declares before parsing: `options` are listed by --help, `hidden` are
/// parsed but not listed (the targets of `positional`).
struct CommandFlags {
  boost::program_options::options_description options{"options"};
  boost::program_options::options_description hidden;
  boost::program_options::positional_options_description positional;
};

/// Parses `args` against `flags`. On --help prints `command.usage`, the options and
/// `command.footer` to stdout and returns kExitOk; on a bad flag prints "mpctl: error: ...;
/// see 'mpctl <command> --help'" to stderr and returns kExitError; returns nullopt when the
/// command should run with the parsed `variables`.
std::optional<int> ParseCommandLine(const Command& command, const CommandFlags& flags,
                                    const std::vector<std::string>& args,
                                    boost::program_options::variables_map* variables);

/// "1 client", "3 clients".
std::string Count(std::size_t n, const std::string& singular, const std::string& plural);

/// Prints "mpctl: error: <message>" to stderr and returns kExitError.
int Fail(const std::string& message);

}  // namespace mpctl::cli
