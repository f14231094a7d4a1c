#include "manifest/rules.h"

#include <algorithm>

namespace mpctl::manifest {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

template <typename Pred>
bool AllOf(std::string_view text, Pred pred) {
  return !text.empty() && std::all_of(text.begin(), text.end(), pred);
}

}  // namespace

bool IsValidClientName(std::string_view name) {
  return name.size() <= 63 &&
         AllOf(name, [](char c) { return IsLower(c) || IsDigit(c) || c == '-'; });
}

bool IsValidOrgno(std::string_view orgno) {
  if (orgno.size() != 9 || !AllOf(orgno, IsDigit)) return false;
  static constexpr int kWeights[] = {3, 2, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (orgno[i] - '0') * kWeights[i];
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == orgno[8] - '0';
}

bool IsValidScopeName(std::string_view name) {
  auto colon = name.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view prefix = name.substr(0, colon);
  std::string_view subscope = name.substr(colon + 1);
  return AllOf(prefix, [](char c) { return IsLower(c) || IsDigit(c) || c == '_' || c == '-'; }) &&
         (IsLower(prefix[0]) || IsDigit(prefix[0])) && AllOf(subscope, [](char c) {
           return IsLower(c) || IsUpper(c) || IsDigit(c) || c == '.' || c == '_' || c == '/' ||
                  c == ':' || c == '-';
         });
}

bool IsValidKid(std::string_view kid) {
  return AllOf(kid, [](char c) {
    return IsLower(c) || IsUpper(c) || IsDigit(c) || c == '.' || c == '_' || c == '-';
  });
}

bool IsValidVariableName(std::string_view name) {
  return AllOf(name, [](char c) { return IsLower(c) || IsUpper(c) || IsDigit(c) || c == '_'; }) &&
         !IsDigit(name[0]);
}

}  // namespace mpctl::manifest
