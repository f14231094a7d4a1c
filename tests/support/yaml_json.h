// Test support: YAML → JSON, to check manifests against schemas/manifest.schema.json.
#pragma once

#include <rapidjson/document.h>

#include <string>

namespace mpctl::testing {

/// Converts the first YAML document of `yaml` into `out`. Plain scalars that read as null,
/// true/false or a whole number become those JSON types; everything else is a string.
/// False, with `error` set, when the text is not YAML.
bool YamlToJson(const std::string& yaml, rapidjson::Document* out, std::string* error);

}  // namespace mpctl::testing
