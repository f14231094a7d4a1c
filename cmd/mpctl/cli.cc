#include "cli.h"

#include <iostream>

namespace po = boost::program_options;

namespace mpctl::cli {

std::optional<int> ParseCommandLine(const Command& command, const CommandFlags& flags,
                                    const std::vector<std::string>& args,
                                    po::variables_map* variables) {
  const std::string name = command.name;
  const std::string see = "; see 'mpctl " + name + " --help'";
  try {
    po::options_description parsed;
    parsed.add(flags.options);
    parsed.add(flags.hidden);
    po::command_line_parser parser(args);
    parser.options(parsed);
    parser.positional(flags.positional);
    po::store(parser.run(), *variables);
    if (variables->count("help")) {
      std::cout << command.usage << "\n\n" << flags.options << "\n" << command.footer;
      return kExitOk;
    }
    po::notify(*variables);
  } catch (const po::unknown_option& e) {
    return Fail("unknown option '" + e.get_option_name() + "' for '" + name + "'" + see);
  } catch (const po::too_many_positional_options_error&) {
    return Fail("unexpected argument for '" + name + "'" + see);
  } catch (const po::error& e) {
    return Fail(std::string(e.what()) + see);
  }
  return std::nullopt;
}

std::string Count(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

int Fail(const std::string& message) {
  std::cerr << "mpctl: error: " << message << "\n";
  return kExitError;
}

}  // namespace mpctl::cli
