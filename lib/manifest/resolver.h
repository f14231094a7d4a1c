#pragma once

#include <string>

#include "base/diagnostics.h"
#include "manifest/interpolate.h"
#include "manifest/key_loader.h"
#include "manifest/raw_manifest.h"
#include "model/state.h"

namespace mpctl::manifest {

/// What resolving needs from the outside; nothing here is owned.
struct ResolveContext {
  std::string base_dir;       // the manifest's directory, for admin key files
  GetenvFunction getenv;      // for ${VAR}
  KeyLoader* keys = nullptr;  // public key material
  base::Diagnostics* diagnostics = nullptr;
  /// False for an environment that was not selected: its values that name variables, and
  /// its keys read from variables, are skipped instead of checked.
  bool expand_variables = true;
  /// Doubts that do not make the manifest invalid (e.g. alg RS384); may be null.
  base::Diagnostics* warnings = nullptr;
};

/// The desired state of `environment` (one of `manifest.environments`): defaults filled in,
/// `overrides.<env>` applied (lists replace), entries filtered by `environments:`, `${VAR}`
/// interpolated, values checked (orgnos, URLs, scope names, kids and their uniqueness, key
/// count and material, at least one scope). Problems go to `context.diagnostics`; the state
/// is complete only when none were added and `context.expand_variables` is true.
model::DesiredState ResolveEnvironment(const RawManifest& manifest,
                                       const RawEnvironment& environment,
                                       const ResolveContext& context);

}  // namespace mpctl::manifest
