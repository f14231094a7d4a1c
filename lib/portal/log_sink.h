#pragma once

#include <functional>
#include <string_view>

namespace mpctl::portal {

/// Receives one line per HTTP attempt, e.g. "GET /api/v1/clients -> 200 (14 ms, attempt 1)".
/// Lines never hold headers, bodies, tokens, grants or keys. Empty: logging off.
/// Called from several threads; the sink serialises output itself.
using LogSink = std::function<void(std::string_view line)>;

/// A sink that writes each line to stderr, whole lines at a time.
LogSink StderrLogSink();

}  // namespace mpctl::portal
