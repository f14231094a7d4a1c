#include <algorithm>

#include "render/render.h"

namespace mpctl::render {

namespace {

// Deletions listed at the top of the comment; more are counted, and all are in the details.
constexpr std::size_t kMaxListedDeletions = 20;

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A code fence longer than any backtick run in `body`, so user text cannot close it.
std::string Fence(const std::string& body) {
  std::size_t longest = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string Callouts(const plan::Plan& plan) {
  std::vector<std::string> deletions;
  std::size_t errors = 0;
  for (const plan::EnvironmentPlan& env : plan.environments) {
    errors += env.errors.size();
    for (const plan::Action& a : env.actions) {
      if (a.kind != plan::ActionKind::kDelete) continue;
      std::string line = "> - `" + a.address + "` in " + env.name;
      if (!a.client_id.empty()) line += " (client `" + a.client_id + "`)";
      deletions.push_back(line + "\n");
    }
  }
  std::string out;
  if (errors > 0) {
    out += "> [!WARNING]\n> The plan has " + Plural(errors, "error", "errors") +
           " and cannot be applied; see the environments below.\n\n";
  }
  if (!deletions.empty()) {
    out += "> [!CAUTION]\n> This plan **deletes " +
           Plural(deletions.size(), "resource", "resources") + "**:\n";
    for (std::size_t i = 0; i < deletions.size() && i < kMaxListedDeletions; ++i)
      out += deletions[i];
    if (deletions.size() > kMaxListedDeletions) {
      out += "> - … and " + std::to_string(deletions.size() - kMaxListedDeletions) +
             " more, listed in the details\n";
    }
    out += "\n";
  }
  return out;
}

std::string Table(const plan::Plan& plan) {
  std::string out =
      "| environment | create | update | delete | unchanged | unmanaged | orphaned | warnings | "
      "errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const plan::EnvironmentPlan& env : plan.environments) {
    const plan::Summary& s = env.summary;
    out += "| " + env.name + " | " + std::to_string(s.create) + " | " + std::to_string(s.update) +
           " | " + (s.del > 0 ? "**" + std::to_string(s.del) + "**" : "0") + " | " +
           std::to_string(s.unchanged) + " | " + std::to_string(s.unmanaged) + " | " +
           std::to_string(s.orphaned) + " | " + std::to_string(env.warnings.size()) + " | " +
           std::to_string(env.errors.size()) + " |\n";
  }
  return out + "\n";
}

std::string DetailsOpen(const plan::EnvironmentPlan& env, const std::string& fence) {
  return "<details><summary><b>" + env.name + "</b>: " + SummaryLine(env.summary) +
         "</summary>\n\n" + fence + "diff\n";
}

std::string DetailsClose(const std::string& fence) { return fence + "\n\n</details>\n\n"; }

std::string TruncationNote(std::size_t max_bytes, std::size_t shown, std::size_t total) {
  return "**Output truncated** to stay under " + std::to_string(max_bytes) +
         " bytes: " + std::to_string(shown) + " of " + std::to_string(total) +
         " environments shown in full. The table above is complete; run `mpctl plan` or read "
         "the saved plan JSON for every detail.\n";
}

}  // namespace

std::string RenderMarkdown(const plan::Plan& plan, const MarkdownOptions& options) {
  std::string out = "### mpctl plan\n\n" + Callouts(plan) + Table(plan);
  TextOptions text{Color::kNever, options.show_unmanaged};
  std::size_t total = plan.environments.size(), shown = 0;
  // Room kept for the note, sized for the largest numbers it can hold.
  std::size_t reserve = TruncationNote(options.max_bytes, total, total).size() + 8;
  bool truncated = false;
  for (const plan::EnvironmentPlan& env : plan.environments) {
    std::string body = RenderEnvironmentText(env, text);
    std::string fence = Fence(body);
    std::string open = DetailsOpen(env, fence), close = DetailsClose(fence);
    std::size_t whole = open.size() + body.size() + close.size();
    if (out.size() + whole + reserve <= options.max_bytes) {
      out += open + body + close;
      ++shown;
      continue;
    }
    truncated = true;
    const std::string cut = "… (cut here: the rest of this environment does not fit)\n";
    std::size_t fixed = out.size() + open.size() + close.size() + cut.size() + reserve;
    if (fixed < options.max_bytes) {
      std::size_t keep = body.rfind('\n', options.max_bytes - fixed);
      body.resize(keep == std::string::npos ? 0 : keep + 1);
      out += open + body + cut + close;
    }
    break;
  }
  if (truncated) {
    out += TruncationNote(options.max_bytes, shown, total);
    if (out.size() > options.max_bytes) {
      // Only a huge header gets here; keep whole lines and still say what happened.
      std::string note = TruncationNote(options.max_bytes, shown, total);
      if (note.size() >= options.max_bytes) return note;
      std::size_t keep = out.rfind('\n', options.max_bytes - note.size() - 1);
      out.resize(keep == std::string::npos ? 0 : keep + 1);
      out += note;
    }
  }
  return out;
}

}  // namespace mpctl::render
