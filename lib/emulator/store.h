// The state file: the whole State as one JSON document, written atomically (temp file, fsync,
// rename) before a write request is answered, so an acknowledged write survives kill -9.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/secret.h"
#include "emulator/types.h"

namespace mpctl::emulator {

/// What the state file holds: the state and the emulator's token-signing key (PEM), so
/// access tokens stay valid across restarts. The file is written with mode 0600.
struct StoredState {
  State state;
  base::Secret signing_key_pem;
};

/// The state file's JSON text.
std::string SerializeState(const State& state, const base::Secret& signing_key_pem);

/// Parses a state file's text; kInvalidInput naming `origin` when it is not one.
base::Result<StoredState> ParseState(std::string_view json, std::string_view origin);

/// Reads `path`: nullopt when it does not exist yet, an error when it cannot be parsed.
base::Result<std::optional<StoredState>> LoadStateFile(const std::string& path);

/// Writes `path` atomically (mode 0600).
base::Status SaveStateFile(const std::string& path, const State& state,
                           const base::Secret& signing_key_pem);

}  // namespace mpctl::emulator
