#include "portal/log_sink.h"

#include <cstdio>
#include <mutex>
#include <string>

#include "base/sanitize.h"

namespace mpctl::portal {

LogSink StderrLogSink() {
  return [](std::string_view line) {
    static std::mutex mutex;
    // Paths and ids come from the server: no control characters, nothing secret-looking.
    std::string text = base::Printable(line, base::kMaxMessageChars);
    text += '\n';
    std::lock_guard<std::mutex> lock(mutex);
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
}

}  // namespace mpctl::portal
