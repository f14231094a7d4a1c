#pragma once

#include <string_view>

namespace mpctl::manifest {

/// Client entry names and `owner`: [a-z0-9-], 1 to 63 characters.
bool IsValidClientName(std::string_view name);

/// A Norwegian organisation number: 9 digits whose last is the mod-11 check digit of the
/// first eight with the Brønnøysund weights 3, 2, 7, 6, 5, 4, 3, 2.
bool IsValidOrgno(std::string_view orgno);

/// "prefix:subscope": the prefix is [a-z0-9_-]+ and starts with a letter or digit; the
/// subscope is [A-Za-z0-9._/:-]+ (Digdir's real subscopes hold '/', '.' and ':').
bool IsValidScopeName(std::string_view name);

/// Key ids: [A-Za-z0-9._-]+ (portal-api.md §4.3).
bool IsValidKid(std::string_view kid);

/// Environment variable names: [A-Za-z_][A-Za-z0-9_]*.
bool IsValidVariableName(std::string_view name);

}  // namespace mpctl::manifest
