// Sets of strings kept as sorted vectors without duplicates: the form the planner, the plan
// fingerprint, token caching and environment comparison compare lists in.
#pragma once

#include <string>
#include <vector>

namespace mpctl::base {

/// `values` sorted and without duplicates.
std::vector<std::string> SortedSet(std::vector<std::string> values);

/// Elements of sorted `a` that are not in sorted `b`, in order.
std::vector<std::string> Minus(const std::vector<std::string>& a,
                               const std::vector<std::string>& b);

}  // namespace mpctl::base
