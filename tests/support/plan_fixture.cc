#include "support/plan_fixture.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "manifest/manifest.h"
#include "planner/cause.h"
#include "planner/diff.h"
#include "support/state_json.h"

namespace mpctl::testing {

base::Result<std::string> ReadText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return base::MakeError(base::ErrorCode::kNotFound, "cannot read '" + path.string() + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

struct Options {
  planner::DiffOptions diff;
  CaseOptions render;
  std::vector<std::string> environments;  // empty: all
};

base::Result<Options> ReadOptions(const std::filesystem::path& file) {
  Options options;
  if (!std::filesystem::exists(file)) return options;
  auto text = ReadText(file);
  if (!text.ok()) return text.error();
  rapidjson::Document doc;
  doc.Parse(text->c_str());
  if (doc.HasParseError() || !doc.IsObject()) {
    return base::MakeError(base::ErrorCode::kInvalidInput, "options.json is not a JSON object");
  }
  for (const auto& m : doc.GetObject()) {
    std::string key = m.name.GetString();
    if (key == "now" && m.value.IsInt64()) {
      options.diff.now = m.value.GetInt64();
    } else if (key == "prune" && m.value.IsBool()) {
      options.diff.prune = m.value.GetBool() ? planner::Prune::kYes : planner::Prune::kNo;
    } else if (key == "show_unmanaged" && m.value.IsBool()) {
      options.render.show_unmanaged = m.value.GetBool();
    } else if (key == "plan_environments" && m.value.IsArray()) {
      for (const auto& v : m.value.GetArray()) options.environments.push_back(v.GetString());
    } else {
      return base::MakeError(base::ErrorCode::kInvalidInput,
                             "options.json: '" + key + "' is unknown or mistyped");
    }
  }
  return options;
}

}  // namespace

base::Result<plan::Plan> PlanCase(const std::filesystem::path& dir, CaseOptions* case_options) {
  auto options = ReadOptions(dir / "options.json");
  if (!options.ok()) return options.error();
  auto manifest_text = ReadText(dir / "manifest.yaml");
  if (!manifest_text.ok()) return manifest_text.error();
  manifest::LoadOptions load;
  load.getenv = [](const std::string&) { return std::optional<std::string>("golden-placeholder"); };
  manifest::LoadResult loaded =
      manifest::LoadManifestFromString(*manifest_text, "manifest.yaml", dir.string(), load);
  if (!loaded.manifest) {
    std::string all;
    for (const auto& d : loaded.diagnostics.items()) all += d.ToString() + "\n";
    return base::MakeError(base::ErrorCode::kInvalidInput, "manifest.yaml:\n" + all);
  }
  auto live_text = ReadText(dir / "live.json");
  if (!live_text.ok()) return live_text.error();
  auto live = ReadLiveJson(*live_text, dir.parent_path().parent_path() / "keys");
  if (!live.ok()) return live.error().WithContext("live.json");

  // Protection comes from every environment, even those the case does not plan.
  planner::ProtectEntries(loaded.manifest->states, options->diff);
  std::vector<model::DesiredState> planned;
  for (const model::DesiredState& env : loaded.manifest->states) {
    if (options->environments.empty() ||
        std::ranges::find(options->environments, env.environment.name) !=
            options->environments.end()) {
      planned.push_back(env);
    }
  }
  // base.yaml: the manifest as last reviewed; the plan is made as with --base-file base.yaml.
  std::optional<std::vector<model::DesiredState>> base_states;
  if (std::filesystem::exists(dir / "base.yaml")) {
    auto base_text = ReadText(dir / "base.yaml");
    if (!base_text.ok()) return base_text.error();
    manifest::LoadResult base =
        manifest::LoadManifestFromString(*base_text, "base.yaml", dir.string(), load);
    if (!base.manifest) {
      return base::MakeError(base::ErrorCode::kInvalidInput, "base.yaml does not load");
    }
    base_states = std::move(base.manifest->states);
  }
  // Each environment as run.cc plans it: planner::PlanEnvironment.
  plan::Plan plan;
  plan.tool_version = "golden";
  plan.manifest_path = loaded.manifest->path;
  plan.manifest_sha256 = loaded.manifest->sha256;
  plan.prune = options->diff.prune == planner::Prune::kYes;
  if (base_states) plan.base = "base.yaml";
  const model::LiveState empty;
  for (const model::DesiredState& desired : planned) {
    auto it = live->find(desired.environment.name);
    const model::LiveState& state = it == live->end() ? empty : it->second;
    std::optional<planner::BaseState> base;
    if (base_states) {
      auto was = std::ranges::find(*base_states, desired.environment.name,
                                   [](const auto& s) { return s.environment.name; });
      base = planner::BaseState{was == base_states->end() ? nullptr : &*was};
    }
    plan.environments.push_back(
        planner::PlanEnvironment(desired, state, options->diff, base ? &*base : nullptr));
  }
  if (case_options != nullptr) *case_options = options->render;
  return plan;
}

}  // namespace mpctl::testing
