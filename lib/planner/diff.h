// lib/planner: Diff() turns a desired and a live state into the plan for one environment:
// ownership matching, field and key diffs, warnings, errors, ordering. Pure: no I/O, no clock,
// no portal, auth or crypto; "now" comes in through DiffOptions.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/state.h"
#include "plan/plan.h"

namespace mpctl::planner {

using plan::Prune;

inline constexpr std::int64_t kDay = 24 * 60 * 60;

struct DiffOptions {
  Prune prune = Prune::kNo;
  /// `--resolve-duplicates`: when several live clients claim one entry, keep the one every
  /// run keeps (model::KeptBefore) and plan deleting the others (never past prevent_destroy).
  bool resolve_duplicates = false;
  /// Epoch seconds; key expiry is judged against it. Callers pass the clock's reading.
  std::int64_t now = 0;
  /// Warn about kept keys that expire within this many seconds (`--expiry-within`).
  std::int64_t expiry_within_seconds = 30 * kDay;
  /// Warn when a key registered less than this long ago is removed (new keys propagate slowly).
  std::int64_t min_key_age_seconds = 600;
  /// Entry names with `prevent_destroy` anywhere in the manifest, including entries not
  /// deployed to this environment: deleting their live client or scope is an error.
  std::set<std::string> protected_clients;
  std::set<std::string> protected_scopes;
  // Hand edits (`--base`) are told apart after Diff, by planner/cause.h.
};

/// Adds to `options.protected_clients/protected_scopes` every entry that has prevent_destroy in
/// any of `states` (pass every environment the manifest resolved, not only the planned one).
void ProtectEntries(const std::vector<model::DesiredState>& states, DiffOptions& options);

/// The plan for `desired.environment` given `live`. Never fails: problems that forbid applying
/// (two live clients claiming one entry, a pin to a missing client, an unusable scope, a
/// prevent_destroy violation) are listed in `errors`. Actions come in applier order: provider
/// scopes (create/update) → grants → client creates → client updates → key sets →
/// revocations → client deletes → scope deactivations; ties by address. Same inputs in any
/// list order give the same plan.
plan::EnvironmentPlan Diff(const model::DesiredState& desired, const model::LiveState& live,
                           const DiffOptions& options);

}  // namespace mpctl::planner
