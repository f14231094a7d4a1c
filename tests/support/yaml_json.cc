#include "support/yaml_json.h"

#include <yaml-cpp/yaml.h>

#include <regex>

namespace mpctl::testing {
namespace {

rapidjson::Value Convert(const YAML::Node& node, rapidjson::Document::AllocatorType& alloc) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      rapidjson::Value array(rapidjson::kArrayType);
      for (const auto& item : node) array.PushBack(Convert(item, alloc), alloc);
      return array;
    }
    case YAML::NodeType::Map: {
      rapidjson::Value object(rapidjson::kObjectType);
      for (const auto& member : node) {
        rapidjson::Value key(member.first.Scalar(), alloc);
        object.AddMember(key, Convert(member.second, alloc), alloc);
      }
      return object;
    }
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      if (node.Tag() == "?") {  // plain, not quoted: YAML's core schema types apply
        static const std::regex kInteger("[-+]?[0-9]+");
        if (text == "true" || text == "True" || text == "TRUE") return rapidjson::Value(true);
        if (text == "false" || text == "False" || text == "FALSE") return rapidjson::Value(false);
        if (std::regex_match(text, kInteger)) {
          return rapidjson::Value(static_cast<int64_t>(std::stoll(text)));
        }
      }
      return rapidjson::Value(text, alloc);
    }
    default:
      return rapidjson::Value(rapidjson::kNullType);
  }
}

}  // namespace

bool YamlToJson(const std::string& yaml, rapidjson::Document* out, std::string* error) {
  try {
    YAML::Node root = YAML::Load(yaml);
    rapidjson::Value value = Convert(root, out->GetAllocator());
    out->CopyFrom(value, out->GetAllocator());
    return true;
  } catch (const YAML::Exception& e) {
    *error = e.what();
    return false;
  }
}

}  // namespace mpctl::testing
