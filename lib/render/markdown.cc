#include <algorithm>
#include <string_view>

#include "base/sanitize.h"
#include "render/render.h"

namespace mpctl::render {

namespace {

// Errors, warnings and removals listed at the top of the comment; more are counted, and all
// are in the details.
constexpr std::size_t kMaxListed = 20;
// The adopt snippets of a PR comment stop here, so that the plan itself still fits.
constexpr std::size_t kMaxSnippetBytes = 8000;

std::string Plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The longest run of backticks in `text`: a code fence or span delimited by a longer run
// cannot be closed by user text.
std::size_t LongestBacktickRun(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// A code fence longer than any backtick run in `body`.
std::string Fence(const std::string& body) {
  return std::string(std::max<std::size_t>(3, LongestBacktickRun(body) + 1), '`');
}

// User text inside markdown (not a code block): control and bidi characters are escaped
// (base::EscapeControl), and characters that could start markup, a link, an HTML tag or a
// table cell are backslash-escaped.
std::string Inline(std::string_view text) {
  std::string out;
  for (char c : base::Truncate(base::EscapeControl(text), base::kMaxMessageChars)) {
    if (std::string_view("\\`*_[]<>|#!&~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// `text` inside HTML (the <summary> line, where markdown escapes are not read): control
// characters escaped and &, <, > as entities.
std::string Html(std::string_view text) {
  std::string out;
  for (char c : base::Truncate(base::EscapeControl(text), base::kMaxServerTextChars)) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

// `text` as an inline code span: backslashes do not escape inside one, so the delimiter is a
// backtick run longer than any in the text (padded when the text starts or ends with one),
// and control characters are escaped first.
std::string Code(std::string_view text) {
  std::string body = base::Truncate(base::EscapeControl(text), base::kMaxServerTextChars);
  std::string ticks(LongestBacktickRun(body) + 1, '`');
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return ticks + (pad ? " " : "") + body + (pad ? " " : "") + ticks;
}

// One "> - ..." line per item, at most kMaxListed of them, then a count of the rest.
std::string Bullets(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < kMaxListed; ++i) out += "> - " + items[i] + "\n";
  if (items.size() > kMaxListed) {
    out +=
        "> - … and " + std::to_string(items.size() - kMaxListed) + " more, listed in the details\n";
  }
  return out;
}

std::string Where(const std::string& address, const std::string& env) {
  return Code(address) + " in " + Inline(env);
}

// What the plan destroys or takes away: deleted clients and key sets, deactivated scopes,
// revoked access and keys removed from a client.
std::vector<std::string> Removals(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::EnvironmentPlan& env : plan.environments) {
    for (const plan::Action& a : env.actions) {
      std::string where = Where(a.address, env.name);
      if (a.kind == plan::ActionKind::kDelete) {
        std::string line = where;
        if (a.type == plan::ResourceType::kScopeAccess) {
          line += ": access of consumer " + Code(a.consumer_orgno) + " **revoked**";
        } else if (a.type == plan::ResourceType::kScope) {
          line += ": scope **deactivated**";
        } else if (a.type == plan::ResourceType::kClientKeys) {
          line += ": every key **removed**";
        } else {
          line += ": client **deleted**";
        }
        if (!a.client_id.empty()) line += " (client " + Code(a.client_id) + ")";
        out.push_back(line);
        continue;
      }
      if (a.type != plan::ResourceType::kClientKeys) continue;
      for (const plan::Change& c : a.changes) {
        for (const std::string& kid : c.remove) {
          out.push_back(where + ": key " + Code(kid) + " **removed**");
        }
      }
    }
  }
  return out;
}

// With --base: what apply reverts because it was changed outside mpctl, first of all, and the
// manifest snippets that would keep those changes instead.
std::string DriftCallout(const plan::Plan& plan) {
  std::vector<std::string> items;
  std::string snippets;
  for (const plan::EnvironmentPlan& env : plan.environments) {
    for (const DriftItem& item : DriftItems(env)) {
      items.push_back(Where(item.address, env.name) + ": " + Inline(item.what));
      if (item.adopt.empty()) continue;
      snippets += "# " + item.address + " in " + env.name + "\n" + item.adopt;
    }
  }
  if (items.empty()) return "";
  std::string out = "> [!WARNING]\n> **" + std::string(kDriftTitle) + "** " +
                    Plural(items.size(), "change", "changes") + " since " + Code(plan.base) +
                    " that the manifest did not ask for:\n" + Bullets(items) + "\n";
  if (!snippets.empty()) {
    // Server values (kids, names) sit in the snippets: no control or bidi character passes.
    snippets = base::EscapeControl(snippets, /*keep_newlines=*/true);
    if (snippets.size() > kMaxSnippetBytes) {
      std::size_t keep = snippets.rfind('\n', kMaxSnippetBytes);
      snippets.resize(keep == std::string::npos ? 0 : keep + 1);
      snippets += "# ... cut here; run 'mpctl plan --base' for every snippet\n";
    }
    std::string fence = Fence(snippets);
    out += "<details><summary>To keep them instead, commit these manifest changes</summary>\n\n" +
           fence + "yaml\n" + snippets + fence + "\n\n</details>\n\n";
  }
  return out;
}

std::string Callouts(const plan::Plan& plan) {
  std::vector<std::string> errors, warnings;
  for (const plan::EnvironmentPlan& env : plan.environments) {
    for (const plan::Message& m : env.errors) {
      errors.push_back(Where(m.address, env.name) + ": " + Inline(m.message));
    }
    for (const plan::Message& m : env.warnings) {
      warnings.push_back(Where(m.address, env.name) + ": " + Inline(m.message));
    }
  }
  std::vector<std::string> removals = Removals(plan);
  std::string out;
  if (!errors.empty()) {
    out += "> [!CAUTION]\n> The plan has **" + Plural(errors.size(), "error", "errors") +
           "** and cannot be applied:\n" + Bullets(errors) + "\n";
  }
  if (!removals.empty()) {
    out += "> [!CAUTION]\n> This plan **deletes or revokes " +
           Plural(removals.size(), "resource", "resources") + "**:\n" + Bullets(removals) + "\n";
  }
  if (!warnings.empty()) {
    out += "> [!WARNING]\n> " + Plural(warnings.size(), "warning", "warnings") + ":\n" +
           Bullets(warnings) + "\n";
  }
  return out;
}

// The environment's text as a `diff` block body: GitHub colours a line by its first
// character, so a marker after indentation (`    + key ...`) moves to column 0 and keeps
// the line's width, and `~` (which diff does not know) becomes `!`, a changed line.
std::string DiffBody(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size() - 1;
    std::string line = text.substr(start, end - start + 1);
    start = end + 1;
    std::size_t indent = line.find_first_not_of(' ');
    // Action and change lines only (indent 0 to 4): deeper lines are adopt snippets (YAML).
    if (indent != std::string::npos && indent <= 4 && indent + 1 < line.size() &&
        line[indent + 1] == ' ' &&
        (line[indent] == '+' || line[indent] == '-' || line[indent] == '~')) {
      char mark = line[indent] == '~' ? '!' : line[indent];
      line = std::string(1, mark) + std::string(indent, ' ') + line.substr(indent + 1);
    }
    out += line;
  }
  return out;
}

std::string Table(const plan::Plan& plan) {
  std::string out =
      "| environment | create | update | delete | unchanged | unmanaged | orphaned | warnings | "
      "errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const plan::EnvironmentPlan& env : plan.environments) {
    const plan::Summary& s = env.summary;
    out += "| " + Inline(env.name) + " | " + std::to_string(s.create) + " | " +
           std::to_string(s.update) + " | " +
           (s.del > 0 ? "**" + std::to_string(s.del) + "**" : "0") + " | " +
           std::to_string(s.unchanged) + " | " + std::to_string(s.unmanaged) + " | " +
           std::to_string(s.orphaned) + " | " + std::to_string(env.warnings.size()) + " | " +
           std::to_string(env.errors.size()) + " |\n";
  }
  return out + "\n";
}

std::string DetailsOpen(const plan::EnvironmentPlan& env, const std::string& fence) {
  return "<details><summary><b>" + Html(env.name) + "</b>: " + SummaryLine(env.summary) +
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
  std::string out = std::string(kMarker) + "\n### mpctl plan\n\n" + DriftCallout(plan) +
                    Callouts(plan) + Table(plan);
  TextOptions text{Color::kNever, options.show_unmanaged};
  std::size_t total = plan.environments.size(), shown = 0;
  // Room kept for the note, sized for the largest numbers it can hold.
  std::size_t reserve = TruncationNote(options.max_bytes, total, total).size() + 8;
  bool truncated = false;
  for (const plan::EnvironmentPlan& env : plan.environments) {
    std::string body = DiffBody(RenderEnvironmentText(env, text));
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
