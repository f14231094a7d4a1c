// lib/envdiff: comparing two environments resource by resource (mpctl diff-env, and the
// claimed-client lookup of mpctl check). Pure: uses manifest (what the manifest declares
// differs on purpose), model and base. A "view" flattens one
// environment's clients and provider scopes, desired or live, into comparable field values;
// Compare() lists how two views differ and which differences the manifest declares.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "manifest/raw_manifest.h"
#include "model/state.h"

namespace mpctl::envdiff {

/// Field name → value (a scalar is a one-element list; lists are sorted).
using ResourceFields = std::map<std::string, std::vector<std::string>>;
/// Address ("client.<name>", "scope.<name>") → fields.
using EnvironmentView = std::map<std::string, ResourceFields>;

/// The live client that model::ClaimOf() gives to `entry` of `desired` (pin first, then the
/// ownership tag in `desired.owner`'s namespace; `live` lists active clients only); nullptr
/// when none.
const model::LiveClient* ClaimedLiveClient(const model::DesiredState& desired,
                                           const model::DesiredClient& entry,
                                           const model::LiveState& live);

/// The desired state's clients and provider scopes.
EnvironmentView DesiredView(const model::DesiredState& desired);

/// The live clients and owned scopes that `desired`'s entries claim (pin, then ownership tag
/// in `desired.owner`'s namespace), under the entries' addresses. Unclaimed ones are left out.
EnvironmentView LiveView(const model::DesiredState& desired, const model::LiveState& live);

/// What the manifest says differs on purpose between environments: for each address, the
/// fields some `overrides.<env>` sets (by environment), and the environments its
/// `environments:` list names (absent: every one).
struct DeclaredDifferences {
  std::map<std::string, std::map<std::string, std::set<std::string>>> overridden;
  std::map<std::string, std::set<std::string>> environments;
};
DeclaredDifferences FindDeclared(const manifest::RawManifest& raw);

struct EnvDifference {
  std::string address;
  std::string field;        // empty: the resource exists in only one environment
  std::string text;         // e.g. "test 'a', prod 'b'" or "only in test"
  std::string declared_by;  // e.g. "overrides.prod.keys"; empty: not declared
};

/// The differences between `a` (environment `name_a`) and `b`, ordered by address and field.
std::vector<EnvDifference> Compare(const EnvironmentView& a, const std::string& name_a,
                                   const EnvironmentView& b, const std::string& name_b,
                                   const DeclaredDifferences& declared);

}  // namespace mpctl::envdiff
