// mpctl validate: loads the manifest as plan would, without calling any API.
#include <iostream>

#include "base/strings.h"
#include "commands.h"
#include "manifest/manifest.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

std::size_t KeyCount(const model::DesiredState& state) {
  std::size_t keys = 0;
  for (const auto& client : state.clients) keys += client.keys.size();
  return keys;
}

std::string Summary(const model::DesiredState& state) {
  std::size_t keys = KeyCount(state);
  return state.environment.name + ": organization " + state.environment.organization + ", " +
         Count(state.clients.size(), "client", "clients") + ", " + Count(keys, "key", "keys") +
         ", " + Count(state.scopes.size(), "scope", "scopes");
}

// GitHub workflow command escaping: '%', CR and LF always; ':' and ',' in properties too.
std::string GithubEscape(const std::string& text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Message(const base::Diagnostic& d) {
  std::string text = d.path.empty() ? d.message : d.path + ": " + d.message;
  if (!d.hint.empty()) text += " (" + d.hint + ")";
  return text;
}

// "::error file=F,line=L,col=C::path: message (hint)", one per problem: GitHub Actions shows
// each on the pull request's diff. Line and col are left out when unknown.
std::string Github(const base::Diagnostics& diagnostics, const std::string& fallback_file) {
  std::string out;
  for (const base::Diagnostic& d : diagnostics.items()) {
    const std::string& file = d.location.file.empty() ? fallback_file : d.location.file;
    out += "::error file=" + GithubEscape(file, true);
    if (d.location.line > 0) out += ",line=" + std::to_string(d.location.line);
    if (d.location.column > 0) out += ",col=" + std::to_string(d.location.column);
    out += ",title=mpctl validate::" + GithubEscape(Message(d), false) + "\n";
  }
  return out;
}

// {"valid": bool, "errors": [...], "environments": [...]}, documented in docs/commands.md.
std::string Json(const base::Diagnostics& diagnostics, const manifest::Manifest* manifest,
                 const std::string& fallback_file) {
  std::string out =
      "{\n  \"valid\": " + std::string(manifest ? "true" : "false") + ",\n  \"errors\": [";
  const auto& items = diagnostics.items();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const base::Diagnostic& d = items[i];
    out += std::string(i ? "," : "") + "\n    {\"file\": " +
           base::JsonQuote(d.location.file.empty() ? fallback_file : d.location.file) +
           ", \"line\": " + std::to_string(d.location.line) +
           ", \"column\": " + std::to_string(d.location.column) +
           ", \"path\": " + base::JsonQuote(d.path) +
           ", \"message\": " + base::JsonQuote(d.message) +
           ", \"hint\": " + base::JsonQuote(d.hint) + "}";
  }
  out += std::string(items.empty() ? "" : "\n  ") + "],\n  \"environments\": [";
  if (manifest) {
    for (std::size_t i = 0; i < manifest->states.size(); ++i) {
      const model::DesiredState& state = manifest->states[i];
      out += std::string(i ? "," : "") +
             "\n    {\"name\": " + base::JsonQuote(state.environment.name) +
             ", \"organization\": " + base::JsonQuote(state.environment.organization) +
             ", \"clients\": " + std::to_string(state.clients.size()) +
             ", \"keys\": " + std::to_string(KeyCount(state)) +
             ", \"scopes\": " + std::to_string(state.scopes.size()) + "}";
    }
    if (!manifest->states.empty()) out += "\n  ";
  }
  return out + "]\n}\n";
}

}  // namespace

int RunValidate(const Command& self, const GlobalOptions& /*global*/,
                const std::vector<std::string>& args) {
  std::string file;
  std::vector<std::string> environments;
  std::string format = "text";
  CommandFlags line;
  // clang-format off
  line.options.add_options()
      ("file,f", po::value(&file)->default_value("mpctl.yaml")->value_name("FILE"),
       "the manifest to check")
      ("env,e", po::value(&environments)->value_name("ENV"),
       "summarise only this environment, and need only its ${VAR}s (repeatable; default: "
       "every one); the others are still checked apart from their variables")
      ("format", po::value(&format)->default_value(format)->value_name("text|json|github"),
       "text: problems on stderr; json: one document on stdout, for tools; github: one "
       "'::error file=...,line=...,col=...::' annotation per problem on stdout")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  if (format != "text" && format != "json" && format != "github") {
    return Fail("--format: '" + format + "' is not one of text, json, github");
  }

  manifest::LoadOptions load_options;
  load_options.environments = environments;
  manifest::LoadResult result = manifest::LoadManifest(file, load_options);
  if (format == "json") {
    std::cout << Json(result.diagnostics, result.manifest ? &*result.manifest : nullptr, file);
  } else if (format == "github") {
    std::cout << Github(result.diagnostics, file);
  }
  if (!result.manifest) {
    if (format == "text") std::cerr << result.diagnostics.ToString();
    return Fail(Count(result.diagnostics.size(), "error", "errors") + " in " + file);
  }
  for (base::Diagnostic warning : result.warnings.items()) {
    warning.message = "warning: " + warning.message;
    std::cerr << warning.ToString() << "\n";
  }
  if (format != "text") return kExitOk;
  for (const auto& state : result.manifest->states) std::cout << Summary(state) << "\n";
  return kExitOk;
}

extern const Command kValidateCommand = {
    .name = "validate",
    .summary = "check a manifest, offline, and list every problem in it",
    .usage =
        "usage: mpctl validate [-f FILE] [-e ENV]... [--format text|json|github]\n\n"
        "Checks the manifest without calling any API: structure, names, orgnos, scopes,\n"
        "kids, key material, ${VAR} references and referenced files. Prints one summary\n"
        "line per environment, or every problem as file:line:col: path: message.",
    .footer =
        "exit codes:\n"
        "  0  the manifest is valid\n"
        "  1  it is not (every problem is listed on stderr), or the command line is wrong\n",
    .run = RunValidate};

}  // namespace mpctl::cli
