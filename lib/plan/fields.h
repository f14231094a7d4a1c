// Internal to lib/plan: the plan JSON names of the typed fields of ClientFields and ScopeFields,
// in one table per type, so that writing (NamedFields), reading (the codec) and the set of
// required fields cannot drift apart.
#pragma once

#include <string>
#include <vector>

#include "plan/plan.h"

namespace mpctl::plan {

/// Sets the field called `name` of `fields` to `value`. "" when done, otherwise the problem
/// ("expected a string", "not a field of a client").
std::string SetNamedField(ClientFields& fields, const std::string& name, FieldValue value);
std::string SetNamedField(ScopeFields& fields, const std::string& name, FieldValue value);

/// The names a plan must give for each type (the others have defaults).
const std::vector<std::string>& RequiredFieldNames(const ClientFields&);
const std::vector<std::string>& RequiredFieldNames(const ScopeFields&);

}  // namespace mpctl::plan
