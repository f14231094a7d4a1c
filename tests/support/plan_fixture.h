// Test support: runs the planner over a golden case directory: manifest.yaml (read by the
// real loader), live.json (support/state_json.h) and options.json.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "plan/plan.h"

namespace mpctl::testing {

/// The whole file, or an error naming it.
base::Result<std::string> ReadText(const std::filesystem::path& path);

/// How a golden case asks to be planned and rendered (options.json: "now", "prune",
/// "show_unmanaged", "plan_environments").
struct CaseOptions {
  bool show_unmanaged = false;
};

/// Loads `dir`/manifest.yaml (every ${VAR} resolves to a placeholder; keys come from
/// tests/golden/keys) and diffs each environment (or those in "plan_environments") against
/// the live state of the same name in live.json (absent: empty). With base.yaml beside it,
/// causes are attributed against it (as `plan --base-file base.yaml` does). Protection by prevent_destroy
/// is gathered from every environment. tool_version is "golden" so version bumps do not
/// touch golden files.
base::Result<plan::Plan> PlanCase(const std::filesystem::path& dir, CaseOptions* case_options);

}  // namespace mpctl::testing
