#include "support/plan_fixture.h"

#include <fstream>
#include <sstream>

#include "base/sha256.h"
#include "planner/diff.h"

namespace mpctl::testing {

base::Result<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::MakeError(base::ErrorCode::kNotFound, "cannot read '" + path.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

base::Result<plan::Plan> PlanCase(const std::filesystem::path& dir, DesiredFile* desired_out) {
  auto desired_text = ReadText(dir / "desired.json");
  if (!desired_text.ok()) return desired_text.error();
  auto live_text = ReadText(dir / "live.json");
  if (!live_text.ok()) return live_text.error();
  auto desired = ReadDesiredJson(*desired_text);
  if (!desired.ok()) return desired.error().WithContext("desired.json");
  auto live = ReadLiveJson(*live_text);
  if (!live.ok()) return live.error().WithContext("live.json");
  plan::Plan plan;
  plan.tool_version = "golden";
  plan.manifest_path = "desired.json";
  plan.manifest_sha256 = base::Sha256Hex(*desired_text);
  for (const model::DesiredState& env : desired->environments) {
    model::LiveState state;
    if (auto it = live->find(env.environment.name); it != live->end()) state = it->second;
    plan.environments.push_back(planner::Diff(env, state, desired->options));
  }
  if (desired_out != nullptr) *desired_out = std::move(*desired);
  return plan;
}

}  // namespace mpctl::testing
