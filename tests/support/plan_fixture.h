// Test support: runs the planner over a golden case directory (desired.json + live.json).
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "plan/plan.h"
#include "support/state_json.h"

namespace mpctl::testing {

/// The whole file, or an error naming it.
base::Result<std::string> ReadText(const std::filesystem::path& path);

/// Reads `dir`/desired.json and `dir`/live.json and diffs every environment of the desired
/// file against the live state of the same name (an absent one counts as empty). The plan's
/// tool_version is "golden" so version bumps do not touch golden files.
base::Result<plan::Plan> PlanCase(const std::filesystem::path& dir, DesiredFile* desired_out);

}  // namespace mpctl::testing
