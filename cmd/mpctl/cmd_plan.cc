// mpctl plan: reads the live state of the selected environments and prints what apply would do.
#include <filesystem>
#include <iostream>

#include "base/file_reader.h"
#include "commands.h"
#include "plan/plan_json.h"
#include "run.h"
#include "terminal.h"

namespace po = boost::program_options;

namespace mpctl::cli {
namespace {

struct PlanFlags {
  std::string out;
  std::string format = "text";
  bool detailed_exitcode = false;
  bool show_unmanaged = false;
  bool no_color = false;
  std::size_t max_bytes = 60000;
};

// `manifest` as a path relative to the directory of the plan file `out`, which is how
// 'mpctl apply' reads it, so that 'cd .. && mpctl apply proj/plan.json' finds it; absolute when
// no relative path leads there.
std::string ManifestPathFrom(const std::string& out, const std::string& manifest) {
  std::error_code ec;
  auto from = std::filesystem::absolute(std::filesystem::path(out), ec).parent_path();
  auto to = std::filesystem::absolute(std::filesystem::path(manifest), ec);
  if (ec) return manifest;
  auto relative = to.lexically_normal().lexically_relative(from.lexically_normal());
  return relative.empty() ? to.lexically_normal().string() : relative.string();
}

}  // namespace

int RunPlan(const Command& self, const GlobalOptions& global,
            const std::vector<std::string>& args) {
  RunFlags run_flags;
  run_flags.read_error_suffix = "; nothing was changed";
  PlanFlags flags;
  CommandFlags line;
  AddPipelineFlags(line.options, &run_flags.pipeline);
  AddDiffFlags(line.options, &run_flags.diff);
  AddBaseFlags(line.options, &run_flags.base);
  // clang-format off
  line.options.add_options()
      ("out", po::value(&flags.out)->value_name("FILE"),
       "also save the plan as JSON, for 'mpctl apply FILE'")
      ("format", po::value(&flags.format)->default_value(flags.format)
                     ->value_name("text|markdown|json"),
       "how to print the plan on stdout (json: nothing else on stdout)")
      ("detailed-exitcode", po::bool_switch(&flags.detailed_exitcode),
       "exit 2 when changes are pending (0: none, 1: error)")
      ("show-unmanaged", po::bool_switch(&flags.show_unmanaged),
       "list the clients mpctl does not manage (neither pinned nor tagged)")
      ("no-color", po::bool_switch(&flags.no_color),
       "no colour (also when NO_COLOR is set or stdout is not a terminal)")
      ("max-bytes", po::value(&flags.max_bytes)->default_value(flags.max_bytes)
                        ->value_name("N"),
       "upper bound on --format markdown output (a pull-request comment)")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  if (flags.format != "text" && flags.format != "markdown" && flags.format != "json") {
    return Fail("--format: '" + flags.format + "' is not one of text, markdown, json");
  }

  std::optional<Run> run = PlanOrReport(global, run_flags);
  if (!run) return kExitError;
  plan::Plan plan = run->Plan();
  if (!flags.out.empty()) plan.manifest_path = ManifestPathFrom(flags.out, run->manifest.path);

  render::ShowUnmanaged show =
      flags.show_unmanaged ? render::ShowUnmanaged::kYes : render::ShowUnmanaged::kNo;
  if (flags.format == "json") {
    std::cout << render::RenderJson(plan);
  } else if (flags.format == "markdown") {
    std::cout << render::RenderMarkdown(plan, {flags.max_bytes, show});
  } else {
    std::cout << render::RenderText(plan, {OutputColor(flags.no_color), show});
  }
  std::cout.flush();
  if (!flags.out.empty()) {
    auto written = base::WriteFileAtomically(flags.out, plan::WritePlanJson(plan));
    if (!written.ok()) return Fail("saving the plan: " + written.error().message);
    std::cerr << "Saved the plan to '" << flags.out << "'; apply it with 'mpctl apply " << flags.out
              << "'.\n";
  }
  if (plan.has_errors()) {
    std::size_t errors = 0;
    for (const auto& env : plan.environments) errors += env.errors.size();
    return Fail("the plan has " + Count(errors, "error", "errors") +
                "; nothing can be applied until they are fixed");
  }
  return plan.has_changes() && flags.detailed_exitcode ? kExitChanges : kExitOk;
}

extern const Command kPlanCommand = {
    .name = "plan",
    .summary = "show what apply would change in each environment (reads only)",
    .usage =
        "usage: mpctl plan [-f FILE] [-e ENV]... [--out FILE] [--format text|markdown|json]\n"
        "                  [--prune] [--detailed-exitcode] [--show-unmanaged]\n"
        "                  [--base REF | --base-file FILE] [options]\n\n"
        "Reads the live state of each selected environment (GET requests, read scopes only)\n"
        "and prints what 'mpctl apply' would change: + create, ~ update, - delete. With\n"
        "--base, each change also says whether the manifest asked for it since REF or apply\n"
        "reverts a change made outside mpctl (listed under 'Changed outside mpctl').",
    .footer =
        "exit codes:\n"
        "  0  the plan was made and nothing needs to change\n"
        "  1  error: the manifest, the portal or the plan itself failed (nothing is changed)\n"
        "  2  with --detailed-exitcode: the plan was made and changes are pending\n",
    .run = RunPlan};

}  // namespace mpctl::cli
