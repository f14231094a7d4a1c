// cmd/mpctl: flags → command table → exit code. Each subcommand is one cmd_<name>.cc with
// one line in commands.cc; helpers shared by subcommands live here.
#pragma once

#include <boost/program_options.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

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
};

/// One subcommand. `run` gets the arguments after the command's name and returns the exit code.
struct Command {
  const char* name;
  const char* summary;  // one line for `mpctl --help`
  int (*run)(const GlobalOptions& global, const std::vector<std::string>& args);
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
/// footer and options in `(*capture)[command]` instead of printing them.
void SetHelpCapture(std::map<std::string, CommandDoc>* capture);

/// Parses a command's `args` against `options` (and `positional`, if any). On --help prints
/// `usage`, the options and `footer` to stdout and returns kExitOk; on a bad flag prints
/// "mpctl: error: ...; see 'mpctl <command> --help'" to stderr and returns kExitError;
/// returns nullopt when the command should run with the parsed `variables`. `hidden` (may be
/// null) holds options parsed but left out of --help, e.g. the targets of `positional`.
std::optional<int> ParseCommandLine(
    const std::string& command, const std::string& usage, const std::string& footer,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description* positional,
    const std::vector<std::string>& args, boost::program_options::variables_map* variables,
    const boost::program_options::options_description* hidden = nullptr);

/// "1 client", "3 clients".
std::string Count(std::size_t n, const std::string& singular, const std::string& plural);

/// Prints "mpctl: error: <message>" to stderr and returns kExitError.
int Fail(const std::string& message);

}  // namespace mpctl::cli
