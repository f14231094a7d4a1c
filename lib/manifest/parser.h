#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "manifest/raw_manifest.h"

namespace mpctl::manifest {

/// Parses manifest text (YAML, format mpctl/v1) into its raw form, checking structure only:
/// YAML syntax, duplicate keys, unknown fields, value types, required fields, names of
/// clients, scopes and environments, references to environments, and the shape of keys and
/// admin credentials. Values are neither interpolated nor checked here (see resolver.h).
/// Every problem is added to `diagnostics`, located in `file`; the result is nullopt only
/// when the text is not a YAML map, and is otherwise usable even when problems were found.
std::optional<RawManifest> ParseManifest(std::string_view text, const std::string& file,
                                         base::Diagnostics* diagnostics);

}  // namespace mpctl::manifest
