// mpctl check: a gate for scheduled pipelines. Exit 0 when every selected environment matches
// the manifest and no key of a managed client expires within --expiry-within; 2 otherwise.
#include <algorithm>
#include <iostream>

#include "base/clock.h"
#include "base/sanitize.h"
#include "base/strings.h"
#include "commands.h"
#include "envdiff/env_compare.h"
#include "pipeline.h"
#include "plan/words.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

struct EnvironmentVerdict {
  std::size_t expiring = 0;
  std::size_t pending = 0;
};

// Prints the keys of every managed client with their days left, then the pending changes.
EnvironmentVerdict Report(const model::DesiredState& desired, const model::LiveState& live,
                          const plan::EnvironmentPlan& plan, std::int64_t now,
                          std::int64_t window) {
  EnvironmentVerdict verdict;
  std::cout << desired.environment.name << " (organization " << desired.environment.organization
            << "):\n";
  for (const auto& entry : desired.clients) {
    const model::LiveClient* client = envdiff::ClaimedLiveClient(desired, entry, live);
    std::string address = "client." + entry.name;
    if (client == nullptr || !client->keys) continue;
    if (client->keys->empty()) std::cout << "  " << address << ": no keys\n";
    std::vector<model::PublicKey> keys = *client->keys;
    std::ranges::sort(keys, {}, &model::PublicKey::kid);
    for (const auto& key : keys) {
      std::cout << "  " << address << ": key '" << key.kid << "' ";
      if (!key.exp) {
        std::cout << "has no expiry\n";
        continue;
      }
      std::int64_t left = *key.exp - now;
      if (left <= 0) {
        std::cout << "EXPIRED " << base::FormatDate(*key.exp) << "\n";
      } else {
        std::cout << "expires " << base::FormatDate(*key.exp) << " (" << plan::DayCount(left) << ")"
                  << (left <= window ? "  EXPIRES SOON" : "") << "\n";
      }
      if (left <= window) ++verdict.expiring;
    }
  }
  for (const auto& action : plan.actions) {
    std::vector<std::string> paths;
    for (const auto& change : action.changes) paths.push_back(change.path);
    std::cout << "  drift: " << plan::Symbol(action.kind) << " " << action.address
              << (paths.empty() ? "" : " (" + base::Join(paths, ", ") + ")") << "\n";
    ++verdict.pending;
  }
  return verdict;
}

}  // namespace

int RunCheck(const Command& self, const GlobalOptions& global,
             const std::vector<std::string>& args) {
  PipelineFlags flags;
  std::string expiry_within;
  CommandFlags line;
  AddPipelineFlags(line.options, &flags);
  // clang-format off
  line.options.add_options()
      ("expiry-within", po::value(&expiry_within)->default_value("30d")->value_name("DURATION"),
       "fail when a key of a managed client expires within this long (e.g. 30d, 12h, 2w)")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  std::optional<manifest::Manifest> manifest = LoadManifestOrReport(flags);
  if (!manifest) return kExitError;
  std::int64_t now = base::SystemClock().NowSeconds();
  DiffFlags diff_flags;
  diff_flags.expiry_within = expiry_within;
  base::Result<planner::DiffOptions> diff_options = MakeDiffOptions(*manifest, diff_flags, now);
  if (!diff_options.ok()) return Fail(diff_options.error().message);
  base::Result<std::vector<model::LiveState>> live = ReadLiveStates(*manifest, global, flags);
  if (!live.ok()) return Fail(live.error().message);
  plan::Plan plan = MakePlan(*manifest, *live, *diff_options);
  std::size_t expiring = 0;
  std::size_t pending = 0;
  for (std::size_t i = 0; i < plan.environments.size(); ++i) {
    const plan::EnvironmentPlan& environment = plan.environments[i];
    if (!environment.errors.empty()) {
      for (const auto& e : environment.errors) {
        std::cerr << base::Printable(environment.name + ": " + e.address + ": " + e.message,
                                     base::kMaxMessageChars)
                  << "\n";
      }
      return Fail(environment.name + ": the plan has " +
                  Count(environment.errors.size(), "error", "errors") + "; nothing was judged");
    }
    EnvironmentVerdict verdict = Report(manifest->states[i], (*live)[i], environment, now,
                                        diff_options->expiry_within_seconds);
    expiring += verdict.expiring;
    pending += verdict.pending;
  }
  if (expiring == 0 && pending == 0) {
    std::cout << "check passed: the portal matches the manifest; no key expires within "
              << expiry_within << "\n";
    return kExitOk;
  }
  std::cout << "check failed: " << Count(expiring, "key expires", "keys expire") << " within "
            << expiry_within << ", " << Count(pending, "change", "changes") << " pending\n";
  return kExitChanges;
}

extern const Command kCheckCommand = {
    .name = "check",
    .summary = "exit 2 on drift or keys expiring soon: a gate for scheduled pipelines",
    .usage =
        "usage: mpctl check [-f FILE] [-e ENV]... [--expiry-within 30d]\n\n"
        "A gate for scheduled pipelines. Reads each environment from the portal (GETs only)\n"
        "and reports, per managed client, its keys with the days they have left, then every\n"
        "change a plan would make (drift between the manifest and the portal).",
    .footer =
        "exit codes:\n"
        "  0  the portal matches the manifest and no key expires within the window\n"
        "  1  error (bad manifest, portal unreachable, a plan error); nothing was judged\n"
        "  2  drift, or a key expires within the window (or has expired)\n",
    .run = RunCheck};

}  // namespace mpctl::cli
