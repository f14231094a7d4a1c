// cmd/mpctl: one planned run of plan, apply or check: the manifest, and per selected environment
// what the manifest wants, what the portal has and the plan between them, kept together in one
// struct so that nothing pairs them up by index.
//
//   RunFlags flags;                                   // filled by AddPipelineFlags etc.
//   std::optional<Run> run = PlanOrReport(global, flags);  // problems already on stderr
//   std::cout << render::RenderText(run->Plan(), ...);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base_manifest.h"
#include "cli.h"
#include "manifest/manifest.h"
#include "model/state.h"
#include "pipeline.h"
#include "plan/plan.h"
#include "planner/diff.h"

namespace mpctl::cli {

/// One selected environment on its way through a run.
struct EnvironmentRun {
  model::DesiredState desired;
  /// With --base: the environment as last reviewed; nullopt without --base or when the base
  /// does not declare it (new in this change).
  std::optional<model::DesiredState> base;
  model::LiveState live;
  plan::EnvironmentPlan plan;
};

/// A planned run over the selected environments, in the manifest's order.
struct Run {
  manifest::Manifest manifest;
  planner::DiffOptions diff;  // what the plans were made with (prevent_destroy names, prune)
  /// The plan's header: tool version, manifest path and SHA-256, prune, base; its
  /// `environments` stay empty (each is in `environments[i].plan`).
  plan::Plan header;
  std::vector<EnvironmentRun> environments;

  /// `header` with the plan of every environment, in order: what is printed and saved.
  plan::Plan Plan() const;
};

/// A run of `manifest` made with `diff`, with no environments yet; its header names the
/// manifest (path, SHA-256) and the tool version.
Run NewRun(manifest::Manifest manifest, planner::DiffOptions diff);

/// Reads the live state of every environment of `run.manifest` into `run.environments` (no base,
/// no plan yet). On an error prints it with `error_suffix` appended and returns false.
bool ReadEnvironments(Run& run, const GlobalOptions& global, const PipelineFlags& flags,
                      const std::string& error_suffix);

/// What PlanOrReport is asked to do.
struct RunFlags {
  PipelineFlags pipeline;
  DiffFlags diff;
  BaseFlags base;
  /// Appended to the error when reading an environment fails ("; nothing was changed").
  std::string read_error_suffix;
};

/// Loads the manifest (and the base manifest with --base), reads the live state of every
/// selected environment and plans each, with causes under --base. On problems prints them to
/// stderr and returns nullopt.
std::optional<Run> PlanOrReport(const GlobalOptions& global, const RunFlags& flags);

/// Diffs every environment of `run` (setting its `plan`) with `run.diff`, and attributes the
/// causes of its changes when `run.header.base` is set (--base).
void PlanEnvironments(Run& run);

}  // namespace mpctl::cli
