// mpctl: global flags → command table → exit code.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "base/strings.h"
#include "cli.h"
#include "commands.h"

namespace po = boost::program_options;

namespace mpctl::cli {

po::options_description GlobalOptionsDescription(GlobalOptions* global) {
  po::options_description options("global options (before the command)");
  // clang-format off
  options.add_options()
      ("help,h", "print this help")
      ("version", "print the version")
      ("verbose,v", po::bool_switch(&global->verbose),
       "log each API request on stderr (method, path, status, time; never secrets)")
      ("ca-file", po::value(&global->ca_file)->value_name("FILE"),
       "also trust the CA certificates in FILE (PEM) for TLS")
      ("max-response-mib", po::value(&global->max_response_mib)
                               ->default_value(global->max_response_mib)->value_name("N"),
       "largest API response read, in MiB (lists of clients or scopes: 8 times more); a "
       "larger one fails the command");
  // clang-format on
  return options;
}

namespace {

void PrintHelp(std::ostream& out, const po::options_description& options) {
  out << "usage: mpctl [global options] <command> [options]\n\n"
         "Keeps Maskinporten clients, keys and scopes in Git, described by a YAML manifest.\n\n"
         "commands:\n";
  for (const auto& command : Commands()) {
    std::string name = command.name;
    out << "  " << name << std::string(name.size() < 12 ? 12 - name.size() : 1, ' ')
        << command.summary << "\n";
  }
  out << "\n"
      << options << "\n"
      << "exit codes:\n"
         "  0  success\n"
         "  1  error (the message says what was and was not done)\n"
         "  2  plan --detailed-exitcode: the plan was made and changes are pending;\n"
         "     check: drift or a key expiring soon; diff-env: the environments differ\n\n"
         "Run 'mpctl <command> --help' for a command's options.\n";
}

// The index of the command name in `args`: the first word that is not a global flag or the
// value of one.
std::size_t CommandIndex(const std::vector<std::string>& args) {
  std::size_t i = 0;
  while (i < args.size() && base::StartsWith(args[i], "-")) {
    i += args[i] == "--ca-file" || args[i] == "--max-response-mib" ? 2 : 1;
  }
  return i;
}

int Run(const std::vector<std::string>& args) {
  GlobalOptions global;
  po::options_description options = GlobalOptionsDescription(&global);
  std::size_t command_at = std::min(CommandIndex(args), args.size());
  po::variables_map variables;
  try {
    std::vector<std::string> global_args(args.begin(), args.begin() + command_at);
    po::store(po::command_line_parser(global_args).options(options).run(), variables);
    po::notify(variables);
  } catch (const po::unknown_option& e) {
    return Fail("unknown option '" + e.get_option_name() + "'; see 'mpctl --help'");
  } catch (const po::error& e) {
    return Fail(std::string(e.what()) + "; see 'mpctl --help'");
  }
  if (variables.count("help")) {
    PrintHelp(std::cout, options);
    return kExitOk;
  }
  if (variables.count("version")) {
    std::cout << "mpctl " << MPCTL_VERSION << "\n";
    return kExitOk;
  }
  if (command_at == args.size()) {
    PrintHelp(std::cerr, options);
    return Fail("no command given");
  }
  const std::string& name = args[command_at];
  std::vector<std::string> names;
  for (const auto& command : Commands()) {
    if (name == command.name) {
      return command.run(command, global,
                         std::vector<std::string>(args.begin() + command_at + 1, args.end()));
    }
    names.push_back(command.name);
  }
  auto match = base::ClosestMatch(name, names);
  return Fail("unknown command '" + name + "'; " +
              (match ? "did you mean '" + *match + "'?" : "see 'mpctl --help'"));
}

}  // namespace
}  // namespace mpctl::cli

int main(int argc, char** argv) {
  try {
    return mpctl::cli::Run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::cerr << "mpctl: error: internal: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "mpctl: error: internal: unknown exception\n";
  }
  return mpctl::cli::kExitError;
}
