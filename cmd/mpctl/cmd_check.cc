// mpctl check: a gate for scheduled pipelines. Exit 0 when every selected environment matches
// the manifest and no key of a managed client expires within --expiry-within; 2 otherwise.
#include <algorithm>
#include <iostream>

#include "base/sanitize.h"
#include "base/strings.h"
#include "commands.h"
#include "envdiff/env_compare.h"
#include "plan/words.h"
#include "run.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

struct EnvironmentVerdict {
  std::size_t expiring = 0;
  std::size_t pending = 0;   // without --base: every change; with it: the drifted ones
  std::size_t manifest = 0;  // with --base: changes only the manifest asked for
};

// One line per action: "drift: ~ client.a (scopes)". With --base, changes made outside mpctl
// ("changed outside mpctl:") are listed apart from those the manifest asked for since the base
// ("manifest change:"), so a scheduled job alerts on hand edits, not on unapplied work.
void ReportActions(const plan::EnvironmentPlan& plan, EnvironmentVerdict& verdict) {
  for (const auto& action : plan.actions) {
    std::vector<std::string> drifted, asked;
    for (const auto& change : action.changes) {
      bool drift = change.cause && plan::IsDrift(*change.cause);
      auto& list = drift ? drifted : asked;
      if (std::ranges::find(list, change.path) == list.end()) list.push_back(change.path);
    }
    auto line = [&](const char* label, const std::vector<std::string>& paths) {
      std::cout << "  " << label << " " << plan::Symbol(action.kind) << " " << action.address
                << (paths.empty() ? "" : " (" + base::Join(paths, ", ") + ")") << "\n";
    };
    if (!action.cause) {
      line("drift:", asked);
      ++verdict.pending;
      continue;
    }
    bool whole = action.changes.empty();  // a create or delete
    if (whole ? plan::IsDrift(*action.cause) : !drifted.empty()) {
      line("changed outside mpctl:", drifted);
      ++verdict.pending;
    }
    if (whole ? !plan::IsDrift(*action.cause) : !asked.empty()) {
      line("manifest change:", asked);
      ++verdict.manifest;
    }
  }
}

// Prints the keys of every managed client with their days left, then the pending changes.
EnvironmentVerdict Report(const EnvironmentRun& run, std::int64_t now, std::int64_t window) {
  const model::DesiredState& desired = run.desired;
  EnvironmentVerdict verdict;
  std::cout << desired.environment.name << " (organization " << desired.environment.organization
            << "):\n";
  for (const auto& entry : desired.clients) {
    const model::LiveClient* client = envdiff::ClaimedLiveClient(desired, entry, run.live);
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
  ReportActions(run.plan, verdict);
  return verdict;
}

}  // namespace

int RunCheck(const Command& self, const GlobalOptions& global,
             const std::vector<std::string>& args) {
  RunFlags flags;
  CommandFlags line;
  AddPipelineFlags(line.options, &flags.pipeline);
  AddBaseFlags(line.options, &flags.base);
  const std::string& expiry_within = flags.diff.expiry_within;
  // clang-format off
  line.options.add_options()
      ("expiry-within", po::value(&flags.diff.expiry_within)->default_value("30d")
                            ->value_name("DURATION"),
       "fail when a key of a managed client expires within this long (e.g. 30d, 12h, 2w)")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  std::optional<Run> run = PlanOrReport(global, flags);
  if (!run) return kExitError;
  std::size_t expiring = 0;
  std::size_t pending = 0;
  std::size_t manifest_changes = 0;
  for (const EnvironmentRun& environment_run : run->environments) {
    const plan::EnvironmentPlan& environment = environment_run.plan;
    if (!environment.errors.empty()) {
      for (const auto& e : environment.errors) {
        std::cerr << base::Printable(environment.name + ": " + e.address + ": " + e.message,
                                     base::kMaxMessageChars)
                  << "\n";
      }
      return Fail(environment.name + ": the plan has " +
                  Count(environment.errors.size(), "error", "errors") + "; nothing was judged");
    }
    EnvironmentVerdict verdict =
        Report(environment_run, run->diff.now, run->diff.expiry_within_seconds);
    expiring += verdict.expiring;
    pending += verdict.pending;
    manifest_changes += verdict.manifest;
  }
  if (flags.base.given()) {
    // Only hand edits and expiring keys fail: manifest changes are work not yet applied.
    std::string waiting =
        manifest_changes == 0
            ? ""
            : "; " + Count(manifest_changes, "manifest change", "manifest changes") + " since '" +
                  run->header.base + "' not yet applied (not judged)";
    if (expiring == 0 && pending == 0) {
      std::cout << "check passed: nothing was changed outside mpctl; no key expires within "
                << expiry_within << waiting << "\n";
      return kExitOk;
    }
    std::cout << "check failed: " << Count(expiring, "key expires", "keys expire") << " within "
              << expiry_within << ", " << Count(pending, "resource changed", "resources changed")
              << " outside mpctl" << waiting << "\n";
    return kExitChanges;
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
        "usage: mpctl check [-f FILE] [-e ENV]... [--expiry-within 30d]\n"
        "                   [--base REF | --base-file FILE]\n\n"
        "A gate for scheduled pipelines. Reads each environment from the portal (GETs only)\n"
        "and reports, per managed client, its keys with the days they have left, then every\n"
        "change a plan would make (drift between the manifest and the portal). With --base,\n"
        "changes made outside mpctl are listed apart from manifest changes since REF, and only\n"
        "they (and expiring keys) fail the check.",
    .footer =
        "exit codes:\n"
        "  0  the portal matches the manifest and no key expires within the window\n"
        "  1  error (bad manifest, portal unreachable, a plan error); nothing was judged\n"
        "  2  drift (with --base: a change made outside mpctl), or a key expires within the\n"
        "     window (or has expired)\n",
    .run = RunCheck};

}  // namespace mpctl::cli
