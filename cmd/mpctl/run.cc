#include "run.h"

#include "base/clock.h"
#include "planner/cause.h"

namespace mpctl::cli {

plan::Plan Run::Plan() const {
  plan::Plan out = header;
  out.environments.clear();
  for (const EnvironmentRun& environment : environments)
    out.environments.push_back(environment.plan);
  return out;
}

Run NewRun(manifest::Manifest manifest, planner::DiffOptions diff) {
  Run run;
  run.header.tool_version = MPCTL_VERSION;
  run.header.manifest_path = manifest.path;
  run.header.manifest_sha256 = manifest.sha256;
  run.header.prune = diff.prune == planner::Prune::kYes;
  run.manifest = std::move(manifest);
  run.diff = std::move(diff);
  return run;
}

bool ReadEnvironments(Run& run, const GlobalOptions& global, const PipelineFlags& flags,
                      const std::string& error_suffix) {
  for (const model::DesiredState& desired : run.manifest.states) {
    auto live = ReadLiveState(desired, global, flags);
    if (!live.ok()) {
      Fail(live.error().message + error_suffix);
      return false;
    }
    run.environments.push_back({desired, std::nullopt, std::move(*live), {}});
  }
  return true;
}

void PlanEnvironments(Run& run) {
  planner::DiffOptions options = run.diff;
  planner::ProtectEntries(run.manifest.states, options);
  for (EnvironmentRun& environment : run.environments) {
    planner::BaseState base{environment.base ? &*environment.base : nullptr};
    environment.plan = planner::PlanEnvironment(environment.desired, environment.live, options,
                                                run.header.base.empty() ? nullptr : &base);
  }
}

std::optional<Run> PlanOrReport(const GlobalOptions& global, const RunFlags& flags) {
  auto manifest = LoadManifestOrReport(flags.pipeline);
  if (!manifest) return std::nullopt;
  std::optional<std::vector<model::DesiredState>> base_states;
  if (flags.base.given()) {
    base_states = LoadBaseOrReport(flags.base, flags.pipeline, *manifest);
    if (!base_states) return std::nullopt;
  }
  auto diff = MakeDiffOptions(*manifest, flags.diff, base::SystemClock().NowSeconds());
  if (!diff.ok()) {
    Fail(diff.error().message);
    return std::nullopt;
  }
  Run run = NewRun(std::move(*manifest), std::move(*diff));
  if (!ReadEnvironments(run, global, flags.pipeline, flags.read_error_suffix)) return std::nullopt;
  if (base_states) {
    run.header.base = BaseName(flags.base);
    for (EnvironmentRun& environment : run.environments) {
      environment.base = BaseOf(*base_states, environment.desired.environment.name);
    }
  }
  PlanEnvironments(run);
  return run;
}

}  // namespace mpctl::cli
