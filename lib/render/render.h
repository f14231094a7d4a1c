// lib/render: a Plan as text (terminal), markdown (pull-request comment) or JSON. Pure
// functions of the Plan: they use only facts the plan JSON also carries, so the three views
// cannot disagree. No I/O; the caller decides about colour (TTY, NO_COLOR) and prints.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "plan/plan.h"

namespace mpctl::render {

enum class Color { kNever, kAlways };
/// Whether unmanaged clients are listed (`--show-unmanaged`) or only counted.
enum class ShowUnmanaged { kNo, kYes };

struct TextOptions {
  Color color = Color::kNever;
  ShowUnmanaged show_unmanaged = ShowUnmanaged::kNo;
};

struct MarkdownOptions {
  /// Upper bound on the output's size in bytes (`--max-bytes`); GitHub's comment limit is
  /// 65,536 characters. Details that do not fit are cut with a note saying so.
  std::size_t max_bytes = 60000;
  ShowUnmanaged show_unmanaged = ShowUnmanaged::kNo;
};

/// One thing apply would revert because it was changed outside mpctl (a plan made with
/// --base): a change or a create/delete whose cause is drift or both.
struct DriftItem {
  std::string address;
  std::string what;   // e.g. `scopes: - "x:y"`, "deleted outside mpctl; apply creates it again"
  plan::Cause cause;  // kDrift or kBoth
  std::string adopt;  // the manifest snippet that keeps the live state instead
};

/// The drift of `env`, in action order; empty for a plan made without --base.
std::vector<DriftItem> DriftItems(const plan::EnvironmentPlan& env);

/// The title of the drift block in text and markdown.
inline constexpr char kDriftTitle[] = "Changed outside mpctl \u2014 apply will revert:";

/// Terraform-like text: per environment a header, one block per action (`+` create,
/// `~` update, `-` delete with a DESTROY line), warnings, errors and the summary line.
std::string RenderText(const plan::Plan& plan, const TextOptions& options);

/// The text of one environment (what RenderText prints for it).
std::string RenderEnvironmentText(const plan::EnvironmentPlan& env, const TextOptions& options);

/// "Plan: 1 to create, 2 to update, 0 to delete, 4 unchanged, 2 unmanaged." (plus
/// ", N orphaned" when there are orphans).
std::string SummaryLine(const plan::Summary& summary);

/// The first line of every markdown plan, invisible when rendered: CI recipes find the
/// comment they posted earlier by it and update that comment in place.
inline constexpr char kMarker[] = "<!-- mpctl-plan -->";

/// Markdown for a pull-request comment: kMarker; errors, deletions/revocations (clients,
/// key sets, keys, scopes, access) and warnings listed at the top; a summary table; one
/// collapsible section per environment holding its text in a `diff` block (`~` shown as `!`,
/// every marker moved to column 0 so it is coloured); never longer than `options.max_bytes`
/// (at least 1024 is needed for the summary alone).
std::string RenderMarkdown(const plan::Plan& plan, const MarkdownOptions& options);

/// The plan JSON (plan::WritePlanJson), for `--format json`.
std::string RenderJson(const plan::Plan& plan);

}  // namespace mpctl::render
