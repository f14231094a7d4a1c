// lib/manifest: reads an mpctl/v1 manifest (YAML) into one model::DesiredState per
// environment, reporting every problem with file:line:col and JSON path. Uses model, crypto
// and base only; yaml-cpp stays inside this module's .cc files.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/file_reader.h"
#include "manifest/interpolate.h"
#include "model/state.h"

namespace mpctl::manifest {

/// How to load a manifest.
struct LoadOptions {
  /// Environments to resolve (`-e`); empty means every declared one. `${VAR}` is expanded,
  /// and key variables are read, only for these; the others are still checked otherwise.
  std::vector<std::string> environments;
  /// Environment variable lookup; unset means the process environment.
  GetenvFunction getenv;
  /// Reads the manifest and key files; null means the real file system. Not owned.
  const base::FileReader* reader = nullptr;
};

/// A manifest that loaded without a single problem.
struct Manifest {
  std::string path;                            // as given, e.g. "mpctl.yaml"
  std::string sha256;                          // lower-case hex of the file's bytes
  std::string owner;                           // empty when the manifest sets none
  std::vector<std::string> environment_names;  // every declared environment, in file order
  std::vector<model::DesiredState> states;     // the selected environments, in file order
  /// Entry names with `lifecycle.prevent_destroy` in any environment, selected or not (also
  /// entries deployed to none): `-e prod` must not lift the protection an entry has in test.
  std::set<std::string> protected_clients;
  std::set<std::string> protected_scopes;
};

/// `manifest` is set exactly when `diagnostics` is empty; diagnostics are sorted by position.
struct LoadResult {
  std::optional<Manifest> manifest;
  base::Diagnostics diagnostics;
  /// Doubts that never stop loading (e.g. a key with alg RS384), sorted by position.
  base::Diagnostics warnings;
};

/// Reads and resolves the manifest at `path`. Key and admin files are relative to its
/// directory. A missing or unreadable manifest is one diagnostic naming it.
LoadResult LoadManifest(const std::string& path, const LoadOptions& options);

/// Like LoadManifest for `text` that has already been read: errors name `display_path`, and
/// relative file names are resolved against `base_dir` ("" for the working directory).
LoadResult LoadManifestFromString(const std::string& text, const std::string& display_path,
                                  const std::string& base_dir, const LoadOptions& options);

}  // namespace mpctl::manifest
