#include "manifest/interpolate.h"

#include "manifest/rules.h"
#include "manifest/wording.h"

namespace mpctl::manifest {

std::optional<std::string> Interpolate(const Text& text, const GetenvFunction& getenv,
                                       base::Diagnostics* diagnostics) {
  const std::string& in = text.value;
  std::string out;
  bool ok = true;
  auto report = [&](std::string message, std::string hint = "") {
    diagnostics->Add(text.origin.location, text.origin.path, std::move(message), std::move(hint));
    ok = false;
  };
  std::size_t i = 0;
  while (i < in.size()) {
    if (in.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (in.compare(i, 2, "${") != 0) {
      out += in[i++];
      continue;
    }
    std::size_t close = in.find('}', i + 2);
    if (close == std::string::npos) {
      report("'${' without a closing '}'", "write '$${' for a literal '${'");
      break;
    }
    std::string name = in.substr(i + 2, close - i - 2);
    i = close + 1;
    if (!IsValidVariableName(name)) {
      report("'${" + name + "}' does not name an environment variable", kVariableHint);
      continue;
    }
    std::optional<std::string> value = getenv(name);
    if (!value || value->empty()) {
      report("environment variable '" + name + "' is not set or empty");
      continue;
    }
    out += *value;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace mpctl::manifest
