#include "plan/compare.h"

#include <algorithm>
#include <tuple>

namespace mpctl::plan {

namespace {

std::string Article(ActionKind kind) {
  switch (kind) {
    case ActionKind::kCreate:
      return "a create";
    case ActionKind::kUpdate:
      return "an update";
    case ActionKind::kDelete:
      return "a delete";
  }
  return "an action";
}

bool SameKeys(const std::vector<model::PublicKey>& a, const std::vector<model::PublicKey>& b) {
  auto facts = [](const model::PublicKey& k) {
    return std::tie(k.kid, k.thumbprint, k.bits, k.alg);
  };
  return std::ranges::equal(a, b,
                            [&](const auto& x, const auto& y) { return facts(x) == facts(y); });
}

// A plan made with --base splits a set-valued change into one per cause; the comparison is
// about what apply does, so the parts of one path are merged (and causes ignored) first.
std::vector<Change> Merged(const std::vector<Change>& changes) {
  std::vector<Change> out;
  for (const Change& c : changes) {
    bool is_set = !c.from && !c.to;
    if (is_set && !out.empty() && out.back().path == c.path && !out.back().from && !out.back().to) {
      Change& m = out.back();
      m.add.insert(m.add.end(), c.add.begin(), c.add.end());
      m.remove.insert(m.remove.end(), c.remove.begin(), c.remove.end());
      m.replace.insert(m.replace.end(), c.replace.begin(), c.replace.end());
      continue;
    }
    out.push_back(c);
  }
  for (Change& c : out) {
    std::ranges::sort(c.add);
    std::ranges::sort(c.remove);
    std::ranges::sort(c.replace);
  }
  return out;
}

bool SameChanges(const std::vector<Change>& saved, const std::vector<Change>& now) {
  std::vector<Change> a = Merged(saved), b = Merged(now);
  auto facts = [](const Change& c) {
    return std::tie(c.path, c.add, c.remove, c.replace, c.from, c.to);
  };
  return std::ranges::equal(a, b,
                            [&](const auto& x, const auto& y) { return facts(x) == facts(y); });
}

// The first field of `saved` and `now` whose value differs, as "before.<name>".
std::optional<std::string> FirstField(const std::string& prefix,
                                      const std::vector<NamedField>& saved,
                                      const std::vector<NamedField>& now) {
  auto find = [](const std::vector<NamedField>& fields, const std::string& name) {
    auto it = std::ranges::find(fields, name, &NamedField::name);
    return it == fields.end() ? nullptr : &it->value;
  };
  for (const auto& [name, value] : saved) {
    const FieldValue* other = find(now, name);
    if (other == nullptr || *other != value) return prefix + "." + name;
  }
  for (const auto& [name, value] : now) {
    if (find(saved, name) == nullptr) return prefix + "." + name;
  }
  return std::nullopt;
}

std::optional<std::string> ActionDifference(const Action& a, const Action& b) {
  const std::string where = "'" + a.address + "': ";
  if (a.address != b.address) {
    return "the saved plan has '" + a.address + "' where a plan made now has '" + b.address + "'";
  }
  if (a.kind != b.kind || a.type != b.type) {
    return where + "the saved plan has " + Article(a.kind) + " (" + ToString(a.type) +
           "), a plan made now has " + Article(b.kind) + " (" + ToString(b.type) + ")";
  }
  for (auto [name, x, y] :
       {std::tuple{"name", &a.name, &b.name}, std::tuple{"client_id", &a.client_id, &b.client_id},
        std::tuple{"consumer_orgno", &a.consumer_orgno, &b.consumer_orgno},
        std::tuple{"ownership_tag", &a.ownership_tag, &b.ownership_tag}}) {
    if (*x != *y) return where + "'" + name + "' differs";
  }
  if (auto field = FirstField("before", NamedFields(a, false), NamedFields(b, false)))
    return where + "'" + *field + "' differs";
  if (auto field = FirstField("after", NamedFields(a, true), NamedFields(b, true)))
    return where + "'" + *field + "' differs";
  if (!SameChanges(a.changes, b.changes)) return where + "'changes' differ";
  if (!SameKeys(a.keys, b.keys)) return where + "'keys' differ";
  if (!SameKeys(a.before_keys, b.before_keys)) return where + "'before_keys' differ";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> FirstActionDifference(const EnvironmentPlan& saved,
                                                 const EnvironmentPlan& now) {
  const std::size_t n = std::max(saved.actions.size(), now.actions.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i >= saved.actions.size()) {
      return "'" + now.actions[i].address + "': " + Article(now.actions[i].kind) +
             " only in a plan made now";
    }
    if (i >= now.actions.size()) {
      return "'" + saved.actions[i].address + "': " + Article(saved.actions[i].kind) +
             " only in the saved plan";
    }
    if (auto difference = ActionDifference(saved.actions[i], now.actions[i])) return difference;
  }
  return std::nullopt;
}

}  // namespace mpctl::plan
