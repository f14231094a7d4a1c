#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>

#include "portal/live_state.h"

namespace po = boost::program_options;

namespace mpctl::cli {

void AddPipelineFlags(po::options_description& options, PipelineFlags* flags) {
  // clang-format off
  options.add_options()
      ("file,f", po::value(&flags->file)->default_value(flags->file)->value_name("FILE"),
       "the manifest")
      ("env,e", po::value(&flags->environments)->value_name("ENV"),
       "only this environment (repeatable; default: every one); ${VAR} is expanded only for "
       "the environments selected")
      ("parallelism", po::value(&flags->parallelism)->default_value(flags->parallelism)
                          ->value_name("N"),
       "API requests in flight at once per environment")
      ("retry-max", po::value(&flags->retry_max)->default_value(flags->retry_max)
                        ->value_name("N"),
       "attempts per request (429, 5xx, timeouts, dropped connections)")
      ("retry-timeout", po::value(&flags->retry_timeout_seconds)
                            ->default_value(flags->retry_timeout_seconds)->value_name("SECONDS"),
       "time limit for all attempts of one request");
  // clang-format on
}

void AddDiffFlags(po::options_description& options, DiffFlags* flags) {
  // clang-format off
  options.add_options()
      ("prune", po::bool_switch(&flags->prune),
       "delete orphans: clients tagged by this manifest whose entry is gone, owned scopes and "
       "grants it no longer lists (never past prevent_destroy)")
      ("expiry-within", po::value(&flags->expiry_within)->default_value(flags->expiry_within)
                            ->value_name("DURATION"),
       "warn about keys expiring within this long (e.g. 30d, 12h)")
      ("min-key-age", po::value(&flags->min_key_age)->default_value(flags->min_key_age)
                          ->value_name("DURATION"),
       "warn when a key registered less than this long ago is removed");
  // clang-format on
}

base::Result<std::int64_t> ParseDuration(const std::string& flag, const std::string& value) {
  auto bad = [&]() {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "--" + flag + ": '" + value +
                               "' is not a duration; write a number with s, m, h, d or w "
                               "(e.g. 30d)");
  };
  if (value.empty()) return bad();
  std::size_t digits = 0;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9 || value.size() - digits > 1) return bad();
  std::int64_t number = std::stoll(value.substr(0, digits));
  if (digits == value.size()) return number;
  switch (value.back()) {
    case 's':
      return number;
    case 'm':
      return number * 60;
    case 'h':
      return number * 3600;
    case 'd':
      return number * planner::kDay;
    case 'w':
      return number * 7 * planner::kDay;
    default:
      return bad();
  }
}

std::optional<manifest::Manifest> LoadManifestOrReport(const PipelineFlags& flags) {
  manifest::LoadOptions options;
  options.environments = flags.environments;
  manifest::LoadResult result = manifest::LoadManifest(flags.file, options);
  if (!result.manifest) {
    std::cerr << result.diagnostics.ToString();
    Fail(Count(result.diagnostics.size(), "error", "errors") + " in " + flags.file);
    return std::nullopt;
  }
  return std::move(result.manifest);
}

auth::ScopeNeeds ReadNeeds(const model::DesiredState& desired) {
  auth::ScopeNeeds needs;
  needs.read_scopes = desired.manages_scopes() || !desired.clients.empty();
  return needs;
}

portal::ConnectOptions MakeConnectOptions(const GlobalOptions& global, const PipelineFlags& flags,
                                          const auth::ScopeNeeds& needs) {
  portal::ConnectOptions options;
  options.ca_file = global.ca_file;
  options.max_response_bytes =
      static_cast<std::size_t>(std::clamp(global.max_response_mib, 1, 4096)) << 20;
  options.needs = needs;
  options.retry.max_attempts = std::max(1, flags.retry_max);
  options.retry.total = std::chrono::seconds(std::max(1, flags.retry_timeout_seconds));
  if (global.verbose) options.log = portal::StderrLogSink();
  return options;
}

std::set<std::string> PinnedClientIds(const model::DesiredState& desired) {
  std::set<std::string> ids;
  for (const auto& client : desired.clients) {
    if (client.pinned_client_id) ids.insert(*client.pinned_client_id);
  }
  return ids;
}

base::Result<model::LiveState> ReadLiveState(const model::DesiredState& desired,
                                             const GlobalOptions& global,
                                             const PipelineFlags& flags) {
  const std::string context = "reading environment '" + desired.environment.name + "'";
  auth::ScopeNeeds needs = ReadNeeds(desired);
  auto api = portal::Connect(desired.environment, MakeConnectOptions(global, flags, needs));
  if (!api.ok()) return api.error().WithContext(context);
  portal::LiveReadOptions read;
  read.organization = desired.environment.organization;
  read.owner = desired.owner;
  read.pinned_ids = PinnedClientIds(desired);
  read.read_scopes = needs.read_scopes;
  read.parallelism = std::max(1, flags.parallelism);
  auto live = portal::FetchLiveState(**api, read);
  if (!live.ok()) return live.error().WithContext(context);
  return live;
}

base::Result<std::vector<model::LiveState>> ReadLiveStates(const manifest::Manifest& manifest,
                                                           const GlobalOptions& global,
                                                           const PipelineFlags& flags) {
  std::vector<model::LiveState> states;
  for (const auto& desired : manifest.states) {
    auto live = ReadLiveState(desired, global, flags);
    if (!live.ok()) return live.error();
    states.push_back(std::move(live.value()));
  }
  return states;
}

base::Result<planner::DiffOptions> MakeDiffOptions(const manifest::Manifest& manifest,
                                                   const DiffFlags& flags, std::int64_t now) {
  planner::DiffOptions options;
  options.prune = flags.prune ? planner::Prune::kYes : planner::Prune::kNo;
  options.now = now;
  auto expiry = ParseDuration("expiry-within", flags.expiry_within);
  if (!expiry.ok()) return expiry.error();
  options.expiry_within_seconds = *expiry;
  auto min_age = ParseDuration("min-key-age", flags.min_key_age);
  if (!min_age.ok()) return min_age.error();
  options.min_key_age_seconds = *min_age;
  // Only the loaded environments are known here; an entry deployed to none of them cannot
  // have a live object in them either, unless it was removed from their `environments:`.
  planner::ProtectEntries(manifest.states, options);
  return options;
}

plan::Plan MakePlan(const manifest::Manifest& manifest, const std::vector<model::LiveState>& live,
                    const planner::DiffOptions& options) {
  std::map<std::string, model::LiveState> live_by_env;
  for (std::size_t i = 0; i < manifest.states.size() && i < live.size(); ++i) {
    live_by_env[manifest.states[i].environment.name] = live[i];
  }
  return planner::MakePlan({MPCTL_VERSION, manifest.path, manifest.sha256}, manifest.states,
                           live_by_env, options);
}

}  // namespace mpctl::cli
