#include "plan/fields.h"

#include <algorithm>
#include <functional>

namespace mpctl::plan {

namespace {

// One row per field: its JSON name, whether a plan must give it, how to read it from the
// struct (nullopt: absent) and how to set it. Rows are sorted by name.
template <typename Fields>
struct Row {
  const char* name;
  bool required;
  std::function<std::optional<FieldValue>(const Fields&)> get;
  std::function<bool(Fields&, FieldValue&)> set;  // false: wrong value type
};

template <typename Fields, typename T>
Row<Fields> Plain(const char* name, bool required, T Fields::*member) {
  return {name, required,
          [member](const Fields& f) -> std::optional<FieldValue> { return f.*member; },
          [member](Fields& f, FieldValue& v) {
            T* value = std::get_if<T>(&v);
            if (value == nullptr) return false;
            f.*member = std::move(*value);
            return true;
          }};
}

const std::vector<Row<ClientFields>>& ClientRows() {
  static const std::vector<Row<ClientFields>> rows = {
      Plain("client_name", true, &ClientFields::client_name),
      Plain("description", true, &ClientFields::description),
      Plain("scopes", true, &ClientFields::scopes),
  };
  return rows;
}

const std::vector<Row<ScopeFields>>& ScopeRows() {
  static const std::vector<Row<ScopeFields>> rows = {
      Plain("accessible_for_all", false, &ScopeFields::accessible_for_all),
      Plain("active", false, &ScopeFields::active),
      Plain("allowed_integration_types", true, &ScopeFields::allowed_integration_types),
      {"at_max_age", false,
       [](const ScopeFields& f) -> std::optional<FieldValue> {
         if (!f.at_max_age) return std::nullopt;
         return *f.at_max_age;
       },
       [](ScopeFields& f, FieldValue& v) {
         const auto* value = std::get_if<std::int64_t>(&v);
         if (value == nullptr) return false;
         f.at_max_age = *value;
         return true;
       }},
      Plain("description", true, &ScopeFields::description),
      Plain("long_description", false, &ScopeFields::long_description),
      Plain("prefix", true, &ScopeFields::prefix),
      Plain("subscope", true, &ScopeFields::subscope),
      Plain("visibility", true, &ScopeFields::visibility),
  };
  return rows;
}

template <typename Fields>
std::vector<NamedField> Named(const std::vector<Row<Fields>>& rows, const Fields& fields) {
  std::vector<NamedField> out;
  for (const auto& row : rows) {
    if (auto value = row.get(fields)) out.push_back({row.name, std::move(*value)});
  }
  return out;
}

std::string Expected(const FieldValue& like) {
  if (std::holds_alternative<std::string>(like)) return "expected a string";
  if (std::holds_alternative<std::int64_t>(like)) return "expected an integer";
  if (std::holds_alternative<bool>(like)) return "expected true or false";
  return "expected an array of strings";
}

template <typename Fields>
std::string Set(const std::vector<Row<Fields>>& rows, const char* what, Fields& fields,
                const std::string& name, FieldValue value) {
  auto row = std::ranges::find_if(rows, [&](const auto& r) { return name == r.name; });
  if (row == rows.end()) return std::string("not a field of a ") + what;
  // The value type the field wants, from a default-constructed struct.
  std::optional<FieldValue> like = row->get(Fields{});
  if (!row->set(fields, value)) return Expected(like ? *like : FieldValue(std::int64_t{0}));
  return "";
}

template <typename Fields>
std::vector<std::string> Required(const std::vector<Row<Fields>>& rows) {
  std::vector<std::string> names;
  for (const auto& row : rows) {
    if (row.required) names.push_back(row.name);
  }
  return names;
}

}  // namespace

std::vector<NamedField> NamedFields(const ClientFields& fields) {
  return Named(ClientRows(), fields);
}

std::vector<NamedField> NamedFields(const ScopeFields& fields) {
  return Named(ScopeRows(), fields);
}

std::vector<NamedField> NamedFields(const Action& action, bool after) {
  const auto& client = after ? action.client.after : action.client.before;
  const auto& scope = after ? action.scope.after : action.scope.before;
  if (client) return NamedFields(*client);
  if (scope) return NamedFields(*scope);
  return {};
}

std::string SetNamedField(ClientFields& fields, const std::string& name, FieldValue value) {
  return Set(ClientRows(), "client", fields, name, std::move(value));
}

std::string SetNamedField(ScopeFields& fields, const std::string& name, FieldValue value) {
  return Set(ScopeRows(), "scope", fields, name, std::move(value));
}

const std::vector<std::string>& RequiredFieldNames(const ClientFields&) {
  static const std::vector<std::string> names = Required(ClientRows());
  return names;
}

const std::vector<std::string>& RequiredFieldNames(const ScopeFields&) {
  static const std::vector<std::string> names = Required(ScopeRows());
  return names;
}

}  // namespace mpctl::plan
