#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"

namespace mpctl::manifest {

/// Hints shared by the parser and the resolver, so one rule is worded one way.
inline constexpr char kNameHint[] = "use 1 to 63 of a-z, 0-9 and '-'";
inline constexpr char kKidHint[] = "use letters, digits, '.', '_' and '-'";
inline constexpr char kVariableHint[] = "use letters, digits and '_', not starting with a digit";
inline constexpr char kScopeHint[] = "use 'prefix:subscope'";

/// A user value as messages quote it: 'value'.
inline std::string Quoted(std::string_view value) { return "'" + std::string(value) + "'"; }

/// "line:col", for messages that point at another place in the same file.
inline std::string Position(const base::SourceLocation& at) {
  return std::to_string(at.line) + ":" + std::to_string(at.column);
}

/// "did you mean 'x'?" when `word` looks like a typo of one of `candidates`, else "".
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

/// The hint for an unknown environment name: DidYouMean, else "declared: test, prod".
std::string EnvironmentHint(std::string_view name, const std::vector<std::string>& declared);

}  // namespace mpctl::manifest
