// cmd/mpctl: `--base REF` / `--base-file FILE` for plan, apply and check: the manifest as last
// reviewed (at the target branch), against which each change gets its cause (planner/cause.h).
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "manifest/manifest.h"
#include "model/state.h"
#include "pipeline.h"
#include "plan/plan.h"
#include "planner/diff.h"

namespace mpctl::cli {

struct BaseFlags {
  std::string ref;   // --base: a Git revision of the repository holding the manifest
  std::string file;  // --base-file: a plain manifest file (key files relative to it, on disk)
  bool given() const { return !ref.empty() || !file.empty(); }
};

/// Adds --base and --base-file.
void AddBaseFlags(boost::program_options::options_description& options, BaseFlags* flags);

/// The base manifest's desired states for the environments `manifest` selected (an
/// environment it does not declare is left out: new in this change). Read at revision
/// `flags.ref` (the manifest and every file it references) or from `flags.file`. On problems
/// prints them to stderr and returns nullopt. Call only when flags.given().
std::optional<std::vector<model::DesiredState>> LoadBaseOrReport(
    const BaseFlags& flags, const PipelineFlags& pipeline, const manifest::Manifest& manifest);

/// Sets the cause of every change of `plan` (made by MakePlan from `manifest` and `live`)
/// against `base`.
void AttributeCauses(plan::Plan& plan, const BaseFlags& flags,
                     const std::vector<model::DesiredState>& base,
                     const manifest::Manifest& manifest, const std::vector<model::LiveState>& live,
                     const planner::DiffOptions& options);

}  // namespace mpctl::cli
