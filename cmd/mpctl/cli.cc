#include "cli.h"

#include <iostream>

#include "base/sanitize.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

std::map<std::string, CommandDoc>* help_capture = nullptr;

}  // namespace

void SetHelpCapture(std::map<std::string, CommandDoc>* capture) { help_capture = capture; }

std::vector<OptionDoc> DescribeOptions(const po::options_description& options) {
  std::vector<OptionDoc> out;
  for (const auto& option : options.options()) {
    OptionDoc doc;
    doc.long_name = option->long_name();
    std::string shortest =
        option->canonical_display_name(po::command_line_style::allow_dash_for_short);
    if (shortest.size() == 2 && shortest[0] == '-') doc.short_name = shortest.substr(1);
    if (option->semantic()->max_tokens() > 0) {
      // name() is "FILE" or, with a default, "FILE (=mpctl.yaml)".
      std::string name = option->semantic()->name();
      auto at = name.find(" (=");
      if (at != std::string::npos && name.back() == ')') {
        doc.default_value = name.substr(at + 3, name.size() - at - 4);
        name.resize(at);
      }
      doc.value_name = name;
    }
    doc.description = option->description();
    out.push_back(std::move(doc));
  }
  return out;
}

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
      if (help_capture != nullptr) {
        (*help_capture)[name] = {command.usage, command.footer, DescribeOptions(flags.options)};
        return kExitOk;
      }
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
  // Messages quote server answers and files: scrubbed, escaped, bounded (README "Security").
  std::cerr << "mpctl: error: " << base::Printable(message, base::kMaxMessageChars) << "\n";
  return kExitError;
}

}  // namespace mpctl::cli
