#pragma once

#include <string>
#include <string_view>

#include "base/file_reader.h"
#include "base/result.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// Parses a seed (YAML, format in docs/emulator.md): organisations, admin_clients,
/// delegation_sources, scopes, access, clients. `${VAR}` in any string is replaced by the
/// environment variable VAR; `public_key_file:` is read relative to `base_dir` via `files`.
/// Every error reads "origin:line:col: path: message". `now` stamps created/last_updated.
base::Result<State> ParseSeed(std::string_view yaml, const std::string& origin,
                              const std::string& base_dir, const base::FileReader& files,
                              Millis now);

/// Reads and parses the seed file `path`.
base::Result<State> LoadSeedFile(const std::string& path, Millis now);

}  // namespace mpctl::emulator
