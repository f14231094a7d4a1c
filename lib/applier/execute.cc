// The scheduler: stages in order, the actions of a stage in parallel, dependents skipped after
// a failure.
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "applier/internal.h"

namespace mpctl::applier {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::ResourceType;
using plan::StageOf;
constexpr int kStageCount = static_cast<int>(plan::Stage::kScopeDeletes) + 1;

// What must be done before action i may run: indexes into the plan's actions.
std::vector<std::vector<std::size_t>> Dependencies(const plan::EnvironmentPlan& plan) {
  const auto& actions = plan.actions;
  std::map<std::string, std::size_t> scope_writes;    // scope name → create/update
  std::map<std::string, std::size_t> client_creates;  // entry name → create
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const Action& a = actions[i];
    if (a.type == ResourceType::kScope && a.kind != ActionKind::kDelete) scope_writes[a.name] = i;
    if (a.type == ResourceType::kClient && a.kind == ActionKind::kCreate)
      client_creates[a.name] = i;
  }
  std::vector<std::vector<std::size_t>> deps(actions.size());
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const Action& a = actions[i];
    auto add_if = [&](const std::map<std::string, std::size_t>& index, const std::string& key) {
      if (auto it = index.find(key); it != index.end()) deps[i].push_back(it->second);
    };
    if (a.kind == ActionKind::kDelete) {
      // Deletions come last and only once everything else worked: taking something away
      // while the state is half-updated is how access gets lost.
      for (std::size_t j = 0; j < actions.size(); ++j) {
        if (StageOf(actions[j]) < StageOf(a)) deps[i].push_back(j);
      }
      continue;
    }
    if (a.type == ResourceType::kScopeAccess) add_if(scope_writes, a.name);
    if (a.type == ResourceType::kClientKeys && a.client_id.empty()) add_if(client_creates, a.name);
    if (a.type == ResourceType::kClient) {
      if (a.client.after) {
        for (const std::string& scope : a.client.after->scopes) add_if(scope_writes, scope);
      }
    }
  }
  return deps;
}

class Scheduler {
 public:
  Scheduler(const PerformContext& ctx, Observer& observer)
      : ctx_(ctx), observer_(observer), deps_(Dependencies(ctx.plan)) {
    for (const Action& a : ctx.plan.actions) {
      result_.actions.push_back(
          {a.address, a.type, a.kind, Outcome::kNotAttempted, a.client_id, "", 0});
    }
  }

  ApplyResult Run() {
    for (int stage = 0; stage < kStageCount; ++stage) {
      std::vector<std::size_t> runnable;
      for (std::size_t i = 0; i < ctx_.plan.actions.size(); ++i) {
        if (static_cast<int>(StageOf(ctx_.plan.actions[i])) != stage) continue;
        if (std::string why = Blocker(i); !why.empty()) {
          result_.actions[i].message = std::move(why);
        } else {
          runnable.push_back(i);
        }
      }
      RunInParallel(runnable);
    }
    return std::move(result_);
  }

 private:
  // Why action i cannot run: the first dependency that did not get done; "" when none.
  std::string Blocker(std::size_t i) const {
    for (std::size_t j : deps_[i]) {
      const ActionResult& dep = result_.actions[j];
      if (dep.outcome == Outcome::kDone) continue;
      if (ctx_.plan.actions[i].kind == ActionKind::kDelete) {
        return "deletions run only after every other change succeeded, and " + dep.address +
               (dep.outcome == Outcome::kFailed ? " failed" : " was not attempted");
      }
      return "needs " + dep.address + ", which " +
             (dep.outcome == Outcome::kFailed ? "failed" : "was not attempted");
    }
    return "";
  }

  // The client id a key set of a client created in this run writes to.
  std::string CreatedClientId(std::size_t i) const {
    for (std::size_t j : deps_[i]) {
      if (ctx_.plan.actions[j].type == ResourceType::kClient) return result_.actions[j].client_id;
    }
    return "";
  }

  void RunInParallel(const std::vector<std::size_t>& indexes) {
    if (indexes.empty()) return;
    std::atomic<std::size_t> next{0};
    auto work = [&]() {
      for (std::size_t k = next++; k < indexes.size(); k = next++) {
        std::size_t i = indexes[k];
        ActionResult done = Perform(ctx_, ctx_.plan.actions[i], CreatedClientId(i));
        std::lock_guard<std::mutex> lock(mutex_);
        result_.actions[i] = std::move(done);
        observer_.OnFinished(result_.actions[i], ++finished_,
                             static_cast<int>(result_.actions.size()));
      }
    };
    std::size_t threads = std::min<std::size_t>(
        indexes.size(), static_cast<std::size_t>(std::max(1, ctx_.options.parallelism)));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& thread : pool) thread.join();
  }

  const PerformContext& ctx_;
  Observer& observer_;
  std::vector<std::vector<std::size_t>> deps_;
  ApplyResult result_;
  std::mutex mutex_;
  int finished_ = 0;
};

}  // namespace

int ApplyResult::Count(Outcome outcome) const {
  return static_cast<int>(std::count_if(
      actions.begin(), actions.end(), [&](const ActionResult& r) { return r.outcome == outcome; }));
}

int ApplyResult::writes() const {
  int total = 0;
  for (const auto& action : actions) total += action.writes;
  return total;
}

base::Result<ApplyResult> Execute(const plan::EnvironmentPlan& plan, portal::PortalApi& api,
                                  Observer& observer, const ApplyOptions& options) {
  MPCTL_RETURN_IF_ERROR(CheckPlan(plan, options));
  PerformContext ctx{api, plan, options};
  return Scheduler(ctx, observer).Run();
}

}  // namespace mpctl::applier
