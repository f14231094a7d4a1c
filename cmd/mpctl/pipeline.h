// cmd/mpctl: the steps the commands that read the portal share: load the manifest for the
// selected environments, connect to each and read its live state (GETs only, read scopes only).
// run.h chains them, with the diff, for plan, apply and check.
//
//   PipelineFlags flags;                                 // filled by AddPipelineFlags
//   auto manifest = LoadManifestOrReport(flags);         // problems already on stderr
//   auto live = ReadLiveState(manifest->states[0], global, flags);
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/admin_scopes.h"
#include "base/result.h"
#include "base/worker_pool.h"
#include "cli.h"
#include "manifest/manifest.h"
#include "model/state.h"
#include "planner/diff.h"
#include "portal/connect.h"

namespace mpctl::cli {

/// Which manifest, which environments and how to talk to the portal.
struct PipelineFlags {
  std::string file = "mpctl.yaml";              // -f
  std::vector<std::string> environments;        // -e (empty: every environment)
  int parallelism = base::kDefaultParallelism;  // --parallelism: requests in flight per environment
  int retry_max = 5;                            // --retry-max: attempts per request
  std::string retry_timeout = "60s";            // --retry-timeout: all attempts of one request
  std::int64_t retry_timeout_seconds = 60;      // retry_timeout, parsed when the flags are
};

/// What Diff is asked to do.
struct DiffFlags {
  bool prune = false;                 // --prune
  bool resolve_duplicates = false;    // --resolve-duplicates
  std::string expiry_within = "30d";  // --expiry-within
  std::string min_key_age = "10m";    // --min-key-age
};

/// Adds -f/--file, -e/--env, --parallelism, --retry-max and --retry-timeout.
void AddPipelineFlags(boost::program_options::options_description& options, PipelineFlags* flags);
/// Adds --prune, --expiry-within and --min-key-age.
void AddDiffFlags(boost::program_options::options_description& options, DiffFlags* flags);

/// Seconds in a duration such as "30d", "12h", "10m", "90s", "2w". kInvalidInput naming `flag`
/// and the value when it is not one; a bare number is refused with "did you mean
/// <value><usual_unit>?" (it used to mean seconds, which surprised everyone).
base::Result<std::int64_t> ParseDuration(const std::string& flag, const std::string& value,
                                         char usual_unit);

/// Loads `flags.file` for `flags.environments`. On problems prints each (file:line:col) and
/// "mpctl: error: N errors in FILE" to stderr and returns nullopt.
std::optional<manifest::Manifest> LoadManifestOrReport(const PipelineFlags& flags);

/// The scopes a run needs to read `desired`: dcr.read, and scopes.read when the manifest
/// declares provider scopes or clients (whose scopes are checked against /scopes/all and
/// /scopes/access/all).
auth::ScopeNeeds ReadNeeds(const model::DesiredState& desired);

/// ConnectOptions from the global flags (-v, --ca-file) and `flags`, asking for `needs`.
portal::ConnectOptions MakeConnectOptions(const GlobalOptions& global, const PipelineFlags& flags,
                                          const auth::ScopeNeeds& needs);

/// The client ids `desired` pins (overrides.<env>.client_id).
std::set<std::string> PinnedClientIds(const model::DesiredState& desired);

/// Connects to `desired.environment` with `needs` (default: ReadNeeds()) and reads its live
/// state. Errors say which environment ("reading environment 'test': ...").
base::Result<model::LiveState> ReadLiveState(const model::DesiredState& desired,
                                             const GlobalOptions& global,
                                             const PipelineFlags& flags,
                                             std::optional<auth::ScopeNeeds> needs = {});

/// DiffOptions from `flags`, `now` (epoch seconds) and the manifest's prevent_destroy entries
/// (of every environment, selected or not). kInvalidInput for a bad duration.
base::Result<planner::DiffOptions> MakeDiffOptions(const manifest::Manifest& manifest,
                                                   const DiffFlags& flags, std::int64_t now);

}  // namespace mpctl::cli
