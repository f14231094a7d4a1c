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

/// REF or FILE as given: the plan's `base`.
std::string BaseName(const BaseFlags& flags);

/// The desired state of `environment` in `base` (from LoadBaseOrReport); nullopt when the base
/// does not declare it (new in this change).
std::optional<model::DesiredState> BaseOf(const std::vector<model::DesiredState>& base,
                                          const std::string& environment);

}  // namespace mpctl::cli
