// mpctl apply: plans (or reads a saved plan and checks it is still current), asks, and
// executes the plan environment by environment.
#include <filesystem>
#include <iostream>

#include "applier/applier.h"
#include "base/clock.h"
#include "base/file_reader.h"
#include "base/sanitize.h"
#include "commands.h"
#include "plan/key_material.h"
#include "plan/plan_json.h"
#include "plan/saved.h"
#include "plan/words.h"
#include "run.h"
#include "terminal.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

// Prints the error like Fail() and gives the caller nothing to prepare.
std::nullopt_t Refuse(const std::string& message) {
  Fail(message);
  return std::nullopt;
}

// One line per finished action on stderr: "[3/12] test: client.a created (id 1b2c...)".
class ProgressPrinter final : public applier::Observer {
 public:
  explicit ProgressPrinter(std::string environment) : environment_(std::move(environment)) {}
  void OnFinished(const applier::ActionResult& r, int finished, int total) override {
    std::string line = "[" + std::to_string(finished) + "/" + std::to_string(total) + "] " +
                       environment_ + ": " + r.address + " ";
    if (r.outcome == applier::Outcome::kDone) {
      line += plan::Participle(r.type, r.kind);
      if (r.kind == plan::ActionKind::kCreate && r.type == plan::ResourceType::kClient) {
        line += " (client_id " + r.client_id + ")";
      }
      if (!r.message.empty()) line += "; " + r.message;
    } else {
      line += "FAILED: " + r.message;
    }
    std::cerr << base::Printable(line, base::kMaxMessageChars) + "\n" << std::flush;
  }

 private:
  std::string environment_;
};

auth::ScopeNeeds WriteNeeds(const model::DesiredState& desired, const plan::EnvironmentPlan& env) {
  auth::ScopeNeeds needs = ReadNeeds(desired);
  for (const auto& action : env.actions) {
    bool scope = action.type == plan::ResourceType::kScope ||
                 action.type == plan::ResourceType::kScopeAccess;
    (scope ? needs.write_scopes : needs.write_clients) = true;
  }
  return needs;
}

const model::DesiredState* StateNamed(const manifest::Manifest& manifest, const std::string& name) {
  for (const auto& state : manifest.states) {
    if (state.environment.name == name) return &state;
  }
  return nullptr;
}

// Prints what failed and what was not attempted, then the error line. Returns kExitError.
int ReportFailure(const std::vector<std::pair<std::string, applier::ApplyResult>>& results,
                  const std::vector<std::string>& skipped_environments) {
  int done = 0, failed = 0, skipped = 0;
  std::string details;
  for (const auto& [env, result] : results) {
    done += result.Count(applier::Outcome::kDone);
    failed += result.Count(applier::Outcome::kFailed);
    skipped += result.Count(applier::Outcome::kNotAttempted);
    for (const auto& r : result.actions) {
      if (r.outcome == applier::Outcome::kFailed) {
        details += "  failed: " + env + ": " + r.address + ": " + r.message + "\n";
      } else if (r.outcome == applier::Outcome::kNotAttempted) {
        details += "  not attempted: " + env + ": " + r.address + " (" + r.message + ")\n";
      }
    }
  }
  for (const auto& env : skipped_environments) {
    details += "  not attempted: environment '" + env + "' (an earlier environment failed)\n";
  }
  std::cerr << "\nApply failed: " << done << " done, " << failed << " failed, " << skipped
            << " not attempted.\n"
            << details;
  return Fail(
      "apply did not finish; what is done stays done; run 'mpctl apply' again to "
      "finish (it plans from the live state)");
}

int Execute(const GlobalOptions& global, const PipelineFlags& flags, const Run& run) {
  std::vector<std::pair<std::string, applier::ApplyResult>> results;
  std::vector<std::string> skipped;
  int done = 0;
  for (const EnvironmentRun& environment : run.environments) {
    const plan::EnvironmentPlan& env = environment.plan;
    if (!env.has_changes()) continue;
    if (!results.empty() && !results.back().second.ok()) {
      skipped.push_back(env.name);
      continue;
    }
    const model::DesiredState& desired = environment.desired;
    auto api = portal::Connect(desired.environment,
                               MakeConnectOptions(global, flags, WriteNeeds(desired, env)));
    if (!api.ok()) return Fail(api.error().message);
    applier::ApplyOptions options;
    options.parallelism = flags.parallelism;
    // Deletions of whole entries run only when the plan was made with --prune (and reviewed).
    options.prune = run.header.prune ? applier::Prune::kYes : applier::Prune::kNo;
    options.owner = run.manifest.owner;
    options.live = &environment.live;
    options.pinned_client_ids = PinnedClientIds(desired);
    options.protected_clients = run.diff.protected_clients;
    options.resolve_duplicates = run.diff.resolve_duplicates;
    options.protected_scopes = run.diff.protected_scopes;
    ProgressPrinter progress(env.name);
    auto result = applier::Execute(env, **api, progress, options);
    if (!result.ok()) {
      std::string before =
          done > 0 ? " (" + std::to_string(done) + " changes in earlier environments are done)"
                   : "";
      return Fail(result.error().message + "; nothing was changed in '" + env.name + "'" + before);
    }
    done += result->Count(applier::Outcome::kDone);
    results.emplace_back(env.name, std::move(*result));
  }
  if (!skipped.empty() || (!results.empty() && !results.back().second.ok())) {
    return ReportFailure(results, skipped);
  }
  std::cout << "\nApply complete: " << Count(done, "change", "changes") << " made.\n";
  return kExitOk;
}

// Asks on the terminal; true only for "yes".
bool Confirmed() {
  std::cout << "\nDo you want to apply these changes? Only 'yes' is accepted: " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "yes";
}

// The manifest a saved plan names: a relative manifest_path is relative to the plan file's
// directory (plan --out writes it so), so the plan applies from any working directory.
std::string ManifestOfSavedPlan(const std::string& plan_path, const std::string& manifest_path) {
  std::filesystem::path manifest(manifest_path);
  if (manifest.is_absolute()) return manifest_path;
  std::filesystem::path dir = std::filesystem::path(plan_path).parent_path();
  return dir.empty() ? manifest_path : (dir / manifest).lexically_normal().string();
}

// A saved plan, checked against the manifest it names and the live state now, and re-made from
// both: it is applied only when its actions are exactly those of a plan made now, so a plan
// edited by hand (or written by a bug) cannot do anything a reviewer was not shown.
std::optional<Run> LoadSaved(const GlobalOptions& global, PipelineFlags flags,
                             const std::string& path) {
  auto text = base::DiskFileReader().Read(path);
  if (!text.ok()) return Refuse("reading the saved plan: " + text.error().message);
  auto plan = plan::ReadPlanJson(*text);
  if (!plan.ok()) {
    return Refuse("'" + path + "' is not a saved plan: " + plan.error().message);
  }
  const std::string stale = "the saved plan '" + path + "' is stale: ";
  const std::string remedy =
      "; make a new one with 'mpctl plan --out " + path + "' (nothing was changed)";
  flags.file = ManifestOfSavedPlan(path, plan->manifest_path);
  flags.environments.clear();
  for (const auto& env : plan->environments) flags.environments.push_back(env.name);
  auto manifest = LoadManifestOrReport(flags);
  if (!manifest) return std::nullopt;
  if (plan::CheckSavedManifest(*plan, manifest->sha256)) {
    return Refuse(stale + "the manifest '" + flags.file + "' has changed since the plan was made" +
                  remedy);
  }
  DiffFlags diff_flags;
  diff_flags.prune = plan->prune;
  auto diff = MakeDiffOptions(*manifest, diff_flags, base::SystemClock().NowSeconds());
  if (!diff.ok()) return Refuse(diff.error().message);
  Run run = NewRun(std::move(*manifest), std::move(*diff));
  for (const auto& env : plan->environments) {
    if (StateNamed(run.manifest, env.name) == nullptr) {
      return Refuse(stale + "the manifest has no environment '" + env.name + "'" + remedy);
    }
  }
  if (!ReadEnvironments(run, global, flags, "; nothing was changed")) return std::nullopt;
  PlanEnvironments(run);
  if (auto why = plan::CheckSavedAgainst(*plan, run.Plan())) {
    switch (why->kind) {
      case plan::Staleness::Kind::kManifestChanged:
        return Refuse(stale + "the manifest '" + flags.file +
                      "' has changed since the plan was made" + remedy);
      case plan::Staleness::Kind::kLiveChanged:
        return Refuse(stale + "the live state of environment '" + why->environment +
                      "' has changed since the plan was made" + remedy);
      case plan::Staleness::Kind::kActionsDiffer:
        return Refuse("the saved plan '" + path + "' does not match a plan made now from '" +
                      flags.file + "' and the live state of environment '" + why->environment +
                      "': " + why->difference +
                      "; was it edited? make a new one with 'mpctl plan --out " + path +
                      "' (nothing was changed)");
    }
  }
  auto attached = plan::ReattachKeyMaterial(*plan, run.manifest.states);
  if (!attached.ok()) return Refuse(stale + attached.error().message + remedy);
  // What runs is the saved plan as reviewed, with its key material.
  for (plan::EnvironmentPlan& saved : plan->environments) {
    for (EnvironmentRun& environment : run.environments) {
      if (environment.desired.environment.name == saved.name) environment.plan = std::move(saved);
    }
  }
  plan->environments.clear();
  run.header = std::move(*plan);
  return run;
}

}  // namespace

int RunApply(const Command& self, const GlobalOptions& global,
             const std::vector<std::string>& args) {
  RunFlags flags;
  flags.read_error_suffix = "; nothing was changed";
  bool auto_approve = false;
  bool no_color = false;
  std::string saved;
  CommandFlags line;
  AddPipelineFlags(line.options, &flags.pipeline);
  AddDiffFlags(line.options, &flags.diff);
  AddBaseFlags(line.options, &flags.base);
  // clang-format off
  line.options.add_options()
      ("auto-approve", po::bool_switch(&auto_approve),
       "apply without asking (needed when stdin is not a terminal)")
      ("no-color", po::bool_switch(&no_color),
       "no colour (also when NO_COLOR is set or stdout is not a terminal)")
      ("help,h", "print this help");
  // clang-format on
  // clang-format off
  line.hidden.add_options()("plan-file", po::value(&saved));
  // clang-format on
  line.positional.add("plan-file", 1);
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }

  std::optional<Run> run;
  if (!saved.empty()) {
    if (!variables["file"].defaulted() || !flags.pipeline.environments.empty() ||
        flags.diff.prune || flags.base.given()) {
      return Fail(
          "a saved plan fixes the manifest, the environments, --prune and --base; drop -f, "
          "-e, --prune and --base, or plan again");
    }
    run = LoadSaved(global, flags.pipeline, saved);
  } else {
    run = PlanOrReport(global, flags);
  }
  if (!run) return kExitError;
  const plan::Plan plan = run->Plan();
  std::cout << render::RenderText(plan, {OutputColor(no_color), render::ShowUnmanaged::kNo})
            << std::flush;
  if (plan.has_errors()) {
    return Fail("the plan has errors; nothing was changed");
  }
  if (!plan.has_changes()) return kExitOk;
  if (saved.empty() && !auto_approve) {
    if (!StdinIsTerminal()) {
      return Fail(
          "not applying without confirmation: stdin is not a terminal; use "
          "--auto-approve, or save the plan with 'mpctl plan --out plan.json' and run "
          "'mpctl apply plan.json' (nothing was changed)");
    }
    if (!Confirmed()) return Fail("apply cancelled; nothing was changed");
  }
  return Execute(global, flags.pipeline, *run);
}

extern const Command kApplyCommand = {
    .name = "apply",
    .summary = "make the planned changes (or apply a saved plan)",
    .usage =
        "usage: mpctl apply [-f FILE] [-e ENV]... [--prune] [--auto-approve]\n"
        "                   [--base REF | --base-file FILE] [options]\n"
        "       mpctl apply PLAN.json [--parallelism N]\n\n"
        "Plans, shows the plan, asks for 'yes' and makes exactly those changes. With a plan\n"
        "saved by 'mpctl plan --out', applies that plan without asking, from any directory,\n"
        "after checking that neither the manifest nor the live state changed since and that a\n"
        "plan made now has the same actions (it refuses a stale or edited plan). --base\n"
        "shows, before asking, which changes revert edits made outside mpctl.",
    .footer =
        "exit codes:\n"
        "  0  every change was made (or there was nothing to change)\n"
        "  1  error: nothing, or only part, was changed (the message says which); running\n"
        "     apply again continues from the live state\n",
    .run = RunApply};

}  // namespace mpctl::cli
