#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "manifest/raw_manifest.h"

namespace mpctl::manifest {

/// Looks up an environment variable; nullopt when it is not set.
using GetenvFunction = std::function<std::optional<std::string>(const std::string&)>;

/// `text` with every `${NAME}` replaced by the variable's value; `$${` stands for a literal
/// `${`. An unset or empty variable, a bad name or a missing `}` is reported (each one) at
/// `text`'s origin, and the result is then nullopt.
std::optional<std::string> Interpolate(const Text& text, const GetenvFunction& getenv,
                                       base::Diagnostics* diagnostics);

}  // namespace mpctl::manifest
