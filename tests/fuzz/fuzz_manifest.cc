// libFuzzer target: the manifest loader and validator on arbitrary YAML text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "manifest/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  mpctl::manifest::LoadOptions options;
  auto result = mpctl::manifest::LoadManifestFromString(text, "fuzz.yaml", "/nonexistent", options);
  (void)result.diagnostics.ToString();
  return 0;
}
