#include "base/diagnostics.h"

#include <algorithm>
#include <tuple>

#include "base/sanitize.h"

namespace mpctl::base {

std::string Diagnostic::ToString() const {
  std::string out;
  if (!location.file.empty()) {
    out += location.file;
    if (location.line > 0) {
      out += ":" + std::to_string(location.line);
      if (location.column > 0) out += ":" + std::to_string(location.column);
    }
    out += ": ";
  }
  if (!path.empty()) out += path + ": ";
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

void Diagnostics::Sort() {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.location.file, d.location.line, d.location.column, d.path, d.message, d.hint);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(
      std::unique(items_.begin(), items_.end(),
                  [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
      items_.end());
}

std::string Diagnostics::ToString() const {
  std::string out;
  std::size_t shown = 0;
  for (const auto& d : items_) {
    if (shown == kMaxPrinted) {
      out += "… and " + std::to_string(items_.size() - shown) + " more\n";
      break;
    }
    // Messages quote file contents: no control characters, no endless lines.
    out += Truncate(EscapeControl(d.ToString()), kMaxMessageChars) + "\n";
    ++shown;
  }
  return out;
}

}  // namespace mpctl::base
