#include "pipeline.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>

#include "portal/live_state.h"

namespace po = boost::program_options;

namespace mpctl::cli {

namespace {

constexpr int kMaxParallelism = 256;
constexpr int kMaxRetries = 100;

// A notifier that refuses a number outside [low, high], naming the flag.
std::function<void(const int&)> InRange(const char* flag, int low, int high) {
  return [flag, low, high](const int& value) {
    if (value < low || value > high) {
      throw po::error("--" + std::string(flag) + ": " + std::to_string(value) +
                      " is out of range; give " + std::to_string(low) + " to " +
                      std::to_string(high));
    }
  };
}

}  // namespace

void AddPipelineFlags(po::options_description& options, PipelineFlags* flags) {
  // clang-format off
  options.add_options()
      ("file,f", po::value(&flags->file)->default_value(flags->file)->value_name("FILE"),
       "the manifest")
      ("env,e", po::value(&flags->environments)->value_name("ENV"),
       "only this environment (repeatable; default: every one); ${VAR} is expanded only for "
       "the environments selected")
      ("parallelism", po::value(&flags->parallelism)->default_value(flags->parallelism)
                          ->value_name("N")->notifier(InRange("parallelism", 1, kMaxParallelism)),
       "API requests in flight at once per environment (1 to 256)")
      ("retry-max", po::value(&flags->retry_max)->default_value(flags->retry_max)
                        ->value_name("N")->notifier(InRange("retry-max", 1, kMaxRetries)),
       "attempts per request (429, 5xx, timeouts, dropped connections; 1 to 100)")
      ("retry-timeout", po::value(&flags->retry_timeout)->default_value(flags->retry_timeout)
                            ->value_name("DURATION")
                            ->notifier([flags](const std::string& value) {
                              auto seconds = ParseDuration("retry-timeout", value, 's');
                              if (!seconds.ok()) throw po::error(seconds.error().message);
                              flags->retry_timeout_seconds = *seconds;
                            }),
       "time limit for all attempts of one request, waits included (e.g. 60s, 2m)");
  // clang-format on
}

void AddDiffFlags(po::options_description& options, DiffFlags* flags) {
  // clang-format off
  options.add_options()
      ("prune", po::bool_switch(&flags->prune),
       "delete orphans: clients tagged by this manifest whose entry is gone and owned scopes "
       "it no longer lists (never past prevent_destroy; revoking a consumer needs no --prune)")
      ("resolve-duplicates", po::bool_switch(&flags->resolve_duplicates),
       "when several live clients carry one entry's tag, keep the oldest and delete the "
       "others (planned and shown; never past prevent_destroy)")
      ("expiry-within", po::value(&flags->expiry_within)->default_value(flags->expiry_within)
                            ->value_name("DURATION"),
       "warn about keys expiring within this long (e.g. 30d, 12h)")
      ("min-key-age", po::value(&flags->min_key_age)->default_value(flags->min_key_age)
                          ->value_name("DURATION"),
       "warn when a key is removed less than this long after it, or the newest key that "
       "stays, was registered");
  // clang-format on
}

base::Result<std::int64_t> ParseDuration(const std::string& flag, const std::string& value,
                                         char usual_unit) {
  auto bad = [&](const std::string& why) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "--" + flag + ": '" + value + "' " + why);
  };
  const std::string how = "; write a number with s, m, h, d or w (e.g. 30d)";
  if (value.empty()) return bad("is not a duration" + how);
  std::size_t digits = 0;
  while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9 || value.size() - digits > 1) return bad("is not a duration" + how);
  // A bare number was once read as seconds, so "--expiry-within 30" meant 30 seconds, never
  // what its author had in mind: every duration names its unit.
  if (digits == value.size()) {
    return bad("has no unit; did you mean " + value + usual_unit + "?");
  }
  std::int64_t number = std::stoll(value.substr(0, digits));
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
      return bad("is not a duration" + how);
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
  options.max_in_flight = flags.parallelism;
  options.discovery = global.discovery;
  options.retry.max_attempts = flags.retry_max;
  options.retry.total =
      std::chrono::seconds(std::max<std::int64_t>(1, flags.retry_timeout_seconds));
  if (global.verbose) options.log = portal::StderrLogSink();
  options.notice = portal::StderrLogSink();
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
                                             const PipelineFlags& flags,
                                             std::optional<auth::ScopeNeeds> wanted) {
  const std::string context = "reading environment '" + desired.environment.name + "'";
  auth::ScopeNeeds needs = wanted ? *wanted : ReadNeeds(desired);
  auto api = portal::Connect(desired.environment, MakeConnectOptions(global, flags, needs));
  if (!api.ok()) return api.error().WithContext(context);
  portal::LiveReadOptions read;
  read.organization = desired.environment.organization;
  read.owner = desired.owner;
  read.pinned_ids = PinnedClientIds(desired);
  read.read_scopes = needs.read_scopes;
  read.parallelism = flags.parallelism;
  if (global.verbose) read.log = portal::StderrLogSink();
  auto live = portal::FetchLiveState(**api, read);
  if (!live.ok()) return live.error().WithContext(context);
  return live;
}

base::Result<planner::DiffOptions> MakeDiffOptions(const manifest::Manifest& manifest,
                                                   const DiffFlags& flags, std::int64_t now) {
  planner::DiffOptions options;
  options.prune = flags.prune ? planner::Prune::kYes : planner::Prune::kNo;
  options.resolve_duplicates = flags.resolve_duplicates;
  options.now = now;
  auto expiry = ParseDuration("expiry-within", flags.expiry_within, 'd');
  if (!expiry.ok()) return expiry.error();
  options.expiry_within_seconds = *expiry;
  auto min_age = ParseDuration("min-key-age", flags.min_key_age, 'm');
  if (!min_age.ok()) return min_age.error();
  options.min_key_age_seconds = *min_age;
  // From the whole manifest, not only the environments -e selected: a client protected in
  // test and tagged in prod from an earlier deploy must not be pruned by 'apply -e prod'.
  options.protected_clients = manifest.protected_clients;
  options.protected_scopes = manifest.protected_scopes;
  return options;
}

}  // namespace mpctl::cli
