#include <optional>
#include <string_view>

#include "base/sanitize.h"
#include "base/strings.h"
#include "plan/words.h"
#include "render/render.h"

namespace mpctl::render {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::FieldValue;
using plan::ResourceType;

constexpr std::string_view kGreen = "\x1b[32m", kYellow = "\x1b[33m", kRed = "\x1b[31m",
                           kBoldRed = "\x1b[1;31m", kBold = "\x1b[1m", kReset = "\x1b[0m";

// The one sink of the text renderer. String literals are the renderer's own words and may
// hold newlines; every other string can carry a server or file value (a client id, a kid, a
// name, a message), so its control and bidi characters are escaped (a newline too: no value
// can fake a plan line) and it is cut at base::kMaxMessageChars.
class Out {
 public:
  explicit Out(Color color) : color_(color == Color::kAlways) {}
  Out& Paint(std::string_view code, std::string_view text) {
    if (color_) text_ += code;
    text_ += Safe(text);
    if (color_) text_ += kReset;
    return *this;
  }
  Out& operator<<(const char* literal) {
    text_ += literal;
    return *this;
  }
  Out& operator<<(std::string_view value) {
    text_ += Safe(value);
    return *this;
  }
  std::string Take() { return std::move(text_); }

 private:
  static std::string Safe(std::string_view value) {
    return base::Truncate(base::EscapeControl(value), base::kMaxMessageChars);
  }

  bool color_;
  std::string text_;
};

std::string Format(const FieldValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return base::JsonQuote(*s);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  std::string out = "[";
  const auto& list = std::get<std::vector<std::string>>(value);
  for (std::size_t i = 0; i < list.size(); ++i) {
    out += (i > 0 ? ", " : "") + base::JsonQuote(list[i]);
  }
  return out + "]";
}

std::string Quoted(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out += (i > 0 ? ", " : "") + base::JsonQuote(values[i]);
  return out;
}

const model::PublicKey* FindKey(const std::vector<model::PublicKey>& keys, const std::string& kid) {
  for (const model::PublicKey& k : keys) {
    if (k.kid == kid) return &k;
  }
  return nullptr;
}

std::string KeyFacts(const model::PublicKey* key) {
  if (key == nullptr) return "";
  return " (RSA " + std::to_string(key->bits) + ", " + key->alg + ", thumbprint " +
         key->thumbprint + ")";
}

// After a line of a plan made with --base: what a reviewer must not miss (drift); manifest
// changes are what the pull request shows anyway.
std::string CauseNote(const std::optional<plan::Cause>& cause) {
  if (!cause || !plan::IsDrift(*cause)) return "";
  return *cause == plan::Cause::kDrift ? "  (reverts a change made outside mpctl)"
                                       : "  (reverts a change made outside mpctl; the manifest "
                                         "changes it too)";
}

std::string Verb(const Action& a) {
  return std::string("will be ") + plan::Participle(a.type, a.kind);
}

std::string DestroyLine(const Action& a) {
  switch (a.type) {
    case ResourceType::kClient:
      return "DESTROY client '" + a.client_id + "'";
    case ResourceType::kScope:
      return "DESTROY scope '" + a.name + "' (deactivated; clients using it stop getting tokens)";
    case ResourceType::kScopeAccess:
      return "DESTROY access of consumer '" + a.consumer_orgno + "' to scope '" + a.name + "'";
    case ResourceType::kClientKeys:
      return "DESTROY key set of client '" + a.client_id + "'";
  }
  return "DESTROY";
}

void RenderKeys(Out& out, const Action& a) {
  if (a.kind == ActionKind::kCreate) {
    for (const model::PublicKey& k : a.keys) {
      out << "    ";
      out.Paint(kGreen, "+") << " key '" << k.kid << "'" << KeyFacts(&k) << "\n";
    }
    return;
  }
  for (const plan::Change& c : a.changes) {
    for (const std::string& kid : c.add) {
      out << "    ";
      out.Paint(kGreen, "+") << " key '" << kid << "'" << KeyFacts(FindKey(a.keys, kid))
                             << CauseNote(c.cause) << "\n";
    }
    for (const std::string& kid : c.replace) {
      out << "    ";
      const model::PublicKey* now = FindKey(a.keys, kid);
      const model::PublicKey* was = FindKey(a.before_keys, kid);
      out.Paint(kYellow, "~") << " key '" << kid << "' replaced";
      if (now != nullptr && was != nullptr) {
        out << " (RSA " << std::to_string(now->bits) << ", " << now->alg << ", thumbprint "
            << was->thumbprint << " -> " << now->thumbprint << ")";
      }
      out << CauseNote(c.cause) << "\n";
    }
    for (const std::string& kid : c.remove) {
      out << "    ";
      out.Paint(kRed, "-") << " key '" << kid << "'" << KeyFacts(FindKey(a.before_keys, kid))
                           << CauseNote(c.cause) << "\n";
    }
  }
  if (a.keys.empty()) out << "    (no keys remain: the key set is deleted)\n";
}

void RenderAction(Out& out, const Action& a) {
  std::string_view symbol = plan::Symbol(a.kind);
  std::string_view color = a.kind == ActionKind::kCreate   ? kGreen
                           : a.kind == ActionKind::kUpdate ? kYellow
                                                           : kRed;
  out.Paint(color, symbol) << " ";
  out.Paint(kBold, a.address);
  if (!a.client_id.empty()) out << " (" << a.client_id << ")";
  out << " " << Verb(a);
  if (a.kind != ActionKind::kUpdate) out << CauseNote(a.cause);
  out << "\n";
  if (a.type == ResourceType::kClientKeys) {
    RenderKeys(out, a);
  } else if (a.kind == ActionKind::kCreate) {
    for (const auto& [field, value] : plan::NamedFields(a, /*after=*/true)) {
      // A new resource is active; empty texts say nothing a reviewer needs.
      if (field == "active" || Format(value) == "\"\"") continue;
      out << "    " << field << ": " << Format(value) << "\n";
    }
  } else if (a.kind == ActionKind::kUpdate) {
    for (const plan::Change& c : a.changes) {
      out << "    ";
      out.Paint(kYellow, "~") << " " << c.path << ":";
      if (c.from || c.to) {
        out << " " << (c.from ? Format(*c.from) : "none") << " -> "
            << (c.to ? Format(*c.to) : "none");
      }
      if (!c.add.empty()) out << " + " << Quoted(c.add);
      if (!c.remove.empty()) out << " - " << Quoted(c.remove);
      out << CauseNote(c.cause) << "\n";
    }
  } else {
    out << "    ";
    out.Paint(kBoldRed, DestroyLine(a)) << "\n";
    if (a.client.before) {
      out << "    client_name: " << Format(a.client.before->client_name) << "\n";
    }
  }
}

void RenderMessages(Out& out, std::string_view title, std::string_view color, std::string_view mark,
                    const std::vector<plan::Message>& messages) {
  if (messages.empty()) return;
  out << title << "\n";
  for (const plan::Message& m : messages) {
    out << "  ";
    out.Paint(color, mark) << " " << m.address << ": " << m.message << "\n";
  }
  out << "\n";
}

void RenderDrift(Out& out, const plan::EnvironmentPlan& env) {
  std::vector<DriftItem> items = DriftItems(env);
  if (items.empty()) {
    // Made with --base and nothing drifted: say so, a reviewer should not have to infer it.
    if (env.summary.drift) out << "Changed outside mpctl: nothing; apply reverts no hand edit.\n\n";
    return;
  }
  out.Paint(kBold, kDriftTitle) << "\n";
  for (const DriftItem& item : items) {
    out << "  ";
    out.Paint(kYellow, "!") << " " << item.address << ": " << item.what << "\n";
    if (item.adopt.empty()) continue;
    out << "    to keep it instead, commit in the manifest:\n";
    std::string_view adopt = item.adopt;
    while (!adopt.empty()) {
      std::size_t end = adopt.find('\n');
      out << "      " << adopt.substr(0, end) << "\n";
      adopt = end == std::string_view::npos ? "" : adopt.substr(end + 1);
    }
  }
  out << "\n";
}

}  // namespace

std::vector<DriftItem> DriftItems(const plan::EnvironmentPlan& env) {
  std::vector<DriftItem> items;
  for (const Action& a : env.actions) {
    if (a.kind != ActionKind::kUpdate) {
      if (!a.cause || !plan::IsDrift(*a.cause)) continue;
      std::string what;
      if (a.type == ResourceType::kScopeAccess) {
        what = a.kind == ActionKind::kCreate
                   ? "access of consumer '" + a.consumer_orgno +
                         "' was revoked outside mpctl; apply grants it again"
                   : "consumer '" + a.consumer_orgno +
                         "' was granted access outside mpctl; apply revokes it";
      } else if (a.kind == ActionKind::kCreate) {
        what = "deleted outside mpctl; apply creates it again";
      } else {
        what = (a.client_id.empty() ? std::string("made") : "client '" + a.client_id + "' made") +
               " outside mpctl; apply deletes it";
      }
      items.push_back({a.address, what, *a.cause, a.adopt});
      continue;
    }
    for (const plan::Change& c : a.changes) {
      if (!c.cause || !plan::IsDrift(*c.cause)) continue;
      std::string what = c.path + ":";
      if (c.from || c.to) {
        what += " " + (c.from ? Format(*c.from) : "none") + " (live) -> " +
                (c.to ? Format(*c.to) : "none");
      }
      if (!c.add.empty()) what += " + " + Quoted(c.add);
      if (!c.remove.empty()) what += " - " + Quoted(c.remove);
      if (!c.replace.empty()) what += " ~ " + Quoted(c.replace);
      if (*c.cause == plan::Cause::kBoth) what += " (the manifest changes it too)";
      items.push_back({a.address, what, *c.cause, c.adopt});
    }
  }
  return items;
}

std::string SummaryLine(const plan::Summary& s) {
  std::string line = "Plan: " + std::to_string(s.create) + " to create, " +
                     std::to_string(s.update) + " to update, " + std::to_string(s.del) +
                     " to delete, " + std::to_string(s.unchanged) + " unchanged, " +
                     std::to_string(s.unmanaged) + " unmanaged";
  if (s.orphaned > 0) line += ", " + std::to_string(s.orphaned) + " orphaned";
  if (s.drift && *s.drift > 0) line += "; " + std::to_string(*s.drift) + " changed outside mpctl";
  return line + ".";
}

std::string RenderEnvironmentText(const plan::EnvironmentPlan& env, const TextOptions& options) {
  Out out(options.color);
  out.Paint(kBold, "Environment '" + env.name + "'")
      << " (organisation " << env.organization << ", " << env.api_url << ")\n\n";
  if (env.actions.empty() && env.errors.empty()) out << "No changes.\n\n";
  for (const Action& a : env.actions) {
    RenderAction(out, a);
    out << "\n";
  }
  RenderMessages(out, "Warnings:", kYellow, "!", env.warnings);
  if (options.show_unmanaged == ShowUnmanaged::kYes && !env.unmanaged.empty()) {
    out << "Unmanaged clients (neither pinned nor tagged; never changed):\n";
    for (const plan::Unmanaged& u : env.unmanaged) {
      out << "  " << u.client_id << " " << base::JsonQuote(u.client_name) << "\n";
    }
    out << "\n";
  }
  RenderMessages(out, "Errors:", kRed, "error:", env.errors);
  RenderDrift(out, env);
  out << SummaryLine(env.summary) << "\n";
  if (!env.errors.empty()) {
    out.Paint(kRed, "Plan failed: " + std::to_string(env.errors.size()) +
                        (env.errors.size() == 1 ? " error" : " errors") +
                        "; nothing in this environment may be applied.")
        << "\n";
  }
  return out.Take();
}

std::string RenderText(const plan::Plan& plan, const TextOptions& options) {
  std::string out;
  for (std::size_t i = 0; i < plan.environments.size(); ++i) {
    if (i > 0) out += "\n";
    out += RenderEnvironmentText(plan.environments[i], options);
  }
  if (plan.environments.empty()) out = "No environments selected.\n";
  return out;
}

}  // namespace mpctl::render
