#include "manifest/wording.h"

#include "base/strings.h"

namespace mpctl::manifest {

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = base::ClosestMatch(word, candidates);
  return match ? "did you mean " + Quoted(*match) + "?" : "";
}

std::string EnvironmentHint(std::string_view name, const std::vector<std::string>& declared) {
  std::string hint = DidYouMean(name, declared);
  if (hint.empty() && !declared.empty()) hint = "declared: " + base::Join(declared, ", ");
  return hint;
}

}  // namespace mpctl::manifest
