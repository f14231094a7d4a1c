// Every manifest under examples/ validates, and matches schemas/manifest.schema.json.
#include <gtest/gtest.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "manifest/manifest.h"
#include "support/yaml_json.h"

namespace mpctl::manifest {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::string> Examples() {
  std::vector<std::string> out;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(MPCTL_SOURCE_DIR) / "examples")) {
    // Manifests are named mpctl.yaml; other YAML there (the emulator seed) is not one.
    if (entry.path().filename() == "mpctl.yaml") {
      out.push_back(fs::relative(entry.path(), MPCTL_SOURCE_DIR).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

rapidjson::Document SchemaJson() {
  rapidjson::Document document;
  document.Parse(ReadFile(fs::path(MPCTL_SOURCE_DIR) / "schemas/manifest.schema.json"));
  EXPECT_FALSE(document.HasParseError());
  return document;
}

// Built once, in place (a SchemaDocument holds pointers into itself and must not move), and
// destroyed at exit, so LeakSanitizer has nothing to report. The source document is not
// needed after construction.
const rapidjson::SchemaDocument& Schema() {
  static const rapidjson::SchemaDocument schema(SchemaJson());
  return schema;
}

// What schema violations look like: the failing keyword and where, for the failure message.
std::string Describe(const rapidjson::SchemaValidator& validator) {
  rapidjson::StringBuffer where;
  validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
  rapidjson::StringBuffer rule;
  validator.GetInvalidSchemaPointer().StringifyUriFragment(rule);
  return std::string("keyword '") + validator.GetInvalidSchemaKeyword() + "' at " +
         where.GetString() + " (schema " + rule.GetString() + ")";
}

bool MatchesSchema(const std::string& yaml, std::string* problem) {
  rapidjson::Document document;
  if (!testing::YamlToJson(yaml, &document, problem)) return false;
  rapidjson::SchemaValidator validator(Schema());
  if (document.Accept(validator)) return true;
  *problem = Describe(validator);
  return false;
}

TEST(ExamplesTest, ThereAreExamples) { EXPECT_GE(Examples().size(), 3u); }

class ExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleTest, Validates) {
  LoadOptions options;
  options.getenv = [](const std::string& name) -> std::optional<std::string> {
    static const std::map<std::string, std::string> kVariables = {
        {"MPCTL_TEST_ADMIN_CLIENT_ID", "test-admin"},
        {"MPCTL_PROD_ADMIN_CLIENT_ID", "prod-admin"},
        {"MPCTL_TEST_API_URL", "http://127.0.0.1:1/api/v1"},
        {"MPCTL_TEST_AUTH_SERVER", "http://127.0.0.1:1/"}};
    auto found = kVariables.find(name);
    if (found == kVariables.end()) return std::nullopt;
    return found->second;
  };
  LoadResult result = LoadManifest(std::string(MPCTL_SOURCE_DIR) + "/" + GetParam(), options);
  EXPECT_EQ(result.diagnostics.ToString(), "");
  ASSERT_TRUE(result.manifest.has_value());
  EXPECT_FALSE(result.manifest->states.empty());
}

TEST_P(ExampleTest, MatchesTheSchema) {
  std::string problem;
  EXPECT_TRUE(MatchesSchema(ReadFile(fs::path(MPCTL_SOURCE_DIR) / GetParam()), &problem))
      << problem;
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleTest, ::testing::ValuesIn(Examples()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param) name += std::isalnum(c) ? c : '_';
                           return name;
                         });

// The schema accepts what mpctl accepts: every manifest of the plan goldens (all valid, and
// covering provider scopes, overrides, pins and lifecycle) matches it.
TEST(SchemaTest, AcceptsEveryGoldenManifest) {
  int checked = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(MPCTL_SOURCE_DIR) / "tests/golden/plan")) {
    fs::path manifest = entry.path() / "manifest.yaml";
    if (!fs::exists(manifest)) continue;
    std::string problem;
    EXPECT_TRUE(MatchesSchema(ReadFile(manifest), &problem)) << manifest << ": " << problem;
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

// Every field has a description (editors show it), so a reader of the schema alone knows it.
void ExpectDescribed(const rapidjson::Value& node, const std::string& where, int* fields) {
  if (node.IsArray()) {
    for (const auto& item : node.GetArray()) ExpectDescribed(item, where, fields);
    return;
  }
  if (!node.IsObject()) return;
  for (const auto& member : node.GetObject()) {
    std::string name = member.name.GetString();
    if (name == "properties" && member.value.IsObject()) {
      for (const auto& field : member.value.GetObject()) {
        ++*fields;
        EXPECT_TRUE(field.value.IsObject() && field.value.HasMember("description"))
            << where << "." << field.name.GetString() << " has no description";
      }
    }
    ExpectDescribed(member.value, where + "/" + name, fields);
  }
}

TEST(SchemaTest, EveryFieldIsDescribed) {
  rapidjson::Document document;
  document.Parse(ReadFile(fs::path(MPCTL_SOURCE_DIR) / "schemas/manifest.schema.json"));
  ASSERT_FALSE(document.HasParseError());
  int fields = 0;
  ExpectDescribed(document, "", &fields);
  EXPECT_GE(fields, 40);
}

// The schema is not vacuous: it refuses what the loader refuses structurally.
TEST(SchemaTest, RefusesWhatTheLoaderRefuses) {
  const std::string header =
      "apiVersion: mpctl/v1\nenvironments:\n  test:\n    organization: \"310000108\"\n"
      "    admin_client: {client_id: a, token_env: T}\n";
  std::string problem;
  EXPECT_TRUE(MatchesSchema(header + "clients:\n  sync: {scopes: [a:b]}\n", &problem)) << problem;
  EXPECT_TRUE(
      MatchesSchema("apiVersion: mpctl/v1\nenvironments:\n  local:\n"
                    "    organization: ${ORG}\n    admin_client: {token_env: T}\n",
                    &problem))
      << problem;
  for (const std::string& bad : {
           header + "clients:\n  sync: {dispaly_name: x, scopes: [a:b]}\n",
           header + "clients:\n  Sync: {scopes: [a:b]}\n",
           header + "clients:\n  sync: {scopes: []}\n",
           header + "clients:\n  sync: {scopes: [nocolon]}\n",
           header + "scopes:\n  \"Pay:x\": {description: d}\n",
           header.substr(0, header.find("    admin")) + "    admin_client: {key_file: k}\n",
           header + "clients:\n  sync: {scopes: [a:b], keys: [{kid: k, pem: x, env: Y}]}\n",
           header + "clients:\n  sync: {scopes: [a:b], keys: [{pem: x}]}\n",
           header + "scopes:\n  \"a:b\": {description: d, visibility: secret}\n",
           std::string("apiVersion: mpctl/v2\nenvironments: {}\n"),
       }) {
    EXPECT_FALSE(MatchesSchema(bad, &problem)) << bad;
  }
}

}  // namespace
}  // namespace mpctl::manifest
