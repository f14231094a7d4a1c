// The manifest as written (manifest/raw_manifest.h), for commands that need to know what the
// file says per environment (overrides, environments: lists) or every entry's name.
#pragma once

#include <string>

#include "base/result.h"
#include "manifest/raw_manifest.h"

namespace mpctl::cli {

/// Reads and parses `path`, which LoadManifest already accepted; kInvalidInput when it cannot
/// be read or no longer parses (it changed in between).
base::Result<manifest::RawManifest> ReadRawManifest(const std::string& path);

}  // namespace mpctl::cli
