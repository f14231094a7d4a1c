#include "cli.h"

#include <iostream>

#include "base/sanitize.h"

namespace po = boost::program_options;

namespace mpctl::cli {

std::optional<int> ParseCommandLine(const std::string& command, const std::string& usage,
                                    const std::string& footer,
                                    const po::options_description& options,
                                    const po::positional_options_description* positional,
                                    const std::vector<std::string>& args,
                                    po::variables_map* variables,
                                    const po::options_description* hidden) {
  const std::string see = "; see 'mpctl " + command + " --help'";
  try {
    po::options_description parsed;
    parsed.add(options);
    if (hidden) parsed.add(*hidden);
    po::command_line_parser parser(args);
    parser.options(parsed);
    if (positional) {
      parser.positional(*positional);
    } else {
      parser.positional(po::positional_options_description());
    }
    po::store(parser.run(), *variables);
    if (variables->count("help")) {
      std::cout << usage << "\n\n" << options << "\n" << footer;
      return kExitOk;
    }
    po::notify(*variables);
  } catch (const po::unknown_option& e) {
    return Fail("unknown option '" + e.get_option_name() + "' for '" + command + "'" + see);
  } catch (const po::too_many_positional_options_error&) {
    return Fail("unexpected argument for '" + command + "'" + see);
  } catch (const po::error& e) {
    return Fail(std::string(e.what()) + see);
  }
  return std::nullopt;
}

std::string Count(std::size_t n, const std::string& singular, const std::string& plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

int Fail(const std::string& message) {
  // Messages quote server answers and files: scrubbed, escaped, bounded (README "Security").
  std::cerr << "mpctl: error: " << base::Printable(message, base::kMaxMessageChars) << "\n";
  return kExitError;
}

}  // namespace mpctl::cli
