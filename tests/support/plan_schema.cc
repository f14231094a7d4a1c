#include "support/plan_schema.h"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include "support/plan_fixture.h"

namespace mpctl::testing {

std::optional<std::string> SchemaViolation(const std::string& schema_file,
                                           const std::string& json) {
  auto schema_text = ReadText(std::filesystem::path(MPCTL_SOURCE_DIR) / schema_file);
  if (!schema_text.ok()) return schema_text.error().message;
  rapidjson::Document schema_doc;
  schema_doc.Parse(schema_text->c_str());
  if (schema_doc.HasParseError()) return schema_file + " is not JSON";
  rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError()) return "not JSON";
  rapidjson::SchemaValidator validator(schema);
  if (doc.Accept(validator)) return std::nullopt;
  rapidjson::StringBuffer where;
  validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
  return std::string(where.GetString()) + " violates '" + validator.GetInvalidSchemaKeyword() + "'";
}

std::optional<std::string> PlanSchemaViolation(const std::string& json) {
  return SchemaViolation("schemas/plan.schema.json", json);
}

}  // namespace mpctl::testing
