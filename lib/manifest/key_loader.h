#pragma once

#include <map>
#include <string>
#include <utility>

#include "base/file_reader.h"
#include "base/result.h"
#include "crypto/keys.h"
#include "manifest/interpolate.h"
#include "manifest/raw_manifest.h"

namespace mpctl::manifest {

/// Reads the public key material of `keys:` entries, refusing private keys. Remembers each
/// file's and variable's outcome, so a key shared by many clients or environments is parsed
/// once. Does not own `reader`, which must outlive it.
class KeyLoader {
 public:
  KeyLoader(std::string base_dir, const base::FileReader* reader, GetenvFunction getenv)
      : base_dir_(std::move(base_dir)), reader_(reader), getenv_(std::move(getenv)) {}

  /// The key from `source` and `material` (a file name relative to the manifest's directory,
  /// PEM text, JWK JSON, or a variable name; already interpolated). Errors (kInvalidInput,
  /// kNotFound) name the file or variable and never quote key material.
  base::Result<crypto::ParsedPublicKey> Load(KeySource source, const std::string& material);

 private:
  base::Result<crypto::ParsedPublicKey> LoadUncached(KeySource source, const std::string& material);

  std::string base_dir_;
  const base::FileReader* reader_;
  GetenvFunction getenv_;
  std::map<std::pair<KeySource, std::string>, base::Result<crypto::ParsedPublicKey>> cache_;
};

/// `file` (as written in the manifest) relative to `base_dir`; absolute names stay as they are.
std::string ResolvePath(const std::string& base_dir, const std::string& file);

}  // namespace mpctl::manifest
