#include "raw_manifest_file.h"

#include "base/file_reader.h"
#include "manifest/parser.h"

namespace mpctl::cli {

base::Result<manifest::RawManifest> ReadRawManifest(const std::string& path) {
  base::Result<std::string> text = base::DiskFileReader().Read(path);
  if (!text.ok()) return text.error();
  base::Diagnostics diagnostics;
  std::optional<manifest::RawManifest> raw = manifest::ParseManifest(*text, path, &diagnostics);
  if (!raw || !diagnostics.empty()) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "'" + path + "' changed while mpctl was reading it; run again");
  }
  return std::move(*raw);
}

}  // namespace mpctl::cli
