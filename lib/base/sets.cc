#include "base/sets.h"

#include <algorithm>
#include <iterator>

namespace mpctl::base {

std::vector<std::string> SortedSet(std::vector<std::string> values) {
  std::ranges::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

std::vector<std::string> Minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::ranges::set_difference(a, b, std::back_inserter(out));
  return out;
}

}  // namespace mpctl::base
