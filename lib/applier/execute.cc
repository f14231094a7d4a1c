// The scheduler: every action as soon as what it needs is done (see Scheduler), dependents
// skipped after a failure.
#include <algorithm>
#include <map>
#include <mutex>

#include "applier/internal.h"
#include "base/worker_pool.h"

namespace mpctl::applier {

namespace {

using plan::Action;
using plan::ActionKind;
using plan::ResourceType;
using plan::StageOf;

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

// Runs each action as soon as everything it needs is finished, on one base::WorkerPool of
// kActionsPerRequest × --parallelism threads; the transport bounds the requests in flight to
// --parallelism, so a create waiting for a shared list (SharedClientList) holds no connection
// that a key upload could use. Why this shape:
// - No barrier between stages: with stages, one slow client create held up every key upload
//   of the apply. Here a key set starts right after its own client's create, a grant right
//   after its scope, and independent work (updates of other clients, their key sets) never
//   waits; the pool keeps every connection busy until the work runs out.
// - Order still holds where it matters, through Dependencies(): a new client's key set needs
//   its create (it writes to the new id), a grant and a client needing a new scope need that
//   scope, and every deletion needs every action of an earlier stage (plan::StageOf) to be
//   done, so nothing is taken away while the state is half-updated.
// - An action is decided only once all its dependencies have finished, then runs or is
//   skipped with the first unfinished dependency in plan order as the reason. Deciding late
//   keeps that reason deterministic however the threads interleave; a skipped action counts as
//   finished, so a failure stops exactly its dependents and, transitively, theirs.
// - Results are written and the observer told under one mutex; perform calls run outside it.
class Scheduler {
 public:
  Scheduler(const PerformContext& ctx, Observer& observer)
      : ctx_(ctx), observer_(observer), deps_(Dependencies(ctx.plan)) {
    const std::size_t n = ctx.plan.actions.size();
    dependents_.resize(n);
    waiting_on_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Action& a = ctx.plan.actions[i];
      result_.actions.push_back(
          {a.address, a.type, a.kind, Outcome::kNotAttempted, a.client_id, "", 0});
      waiting_on_[i] = deps_[i].size();
      for (std::size_t j : deps_[i]) dependents_[j].push_back(i);
    }
  }

  ApplyResult Run() {
    std::vector<std::size_t> ready;
    for (std::size_t i = 0; i < deps_.size(); ++i) {
      if (waiting_on_[i] == 0) ready.push_back(i);
    }
    const int parallelism = std::max(1, ctx_.options.parallelism);
    base::WorkerPool pool(parallelism == 1 ? 1 : parallelism * kActionsPerRequest);
    Start(pool, ready);
    pool.Wait();
    return std::move(result_);
  }

 private:
  void Start(base::WorkerPool& pool, const std::vector<std::size_t>& indexes) {
    for (std::size_t i : indexes) {
      pool.Submit([this, &pool, i] {
        ActionResult done = Perform(ctx_, ctx_.plan.actions[i], CreatedClientId(i));
        std::vector<std::size_t> ready;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          result_.actions[i] = std::move(done);
          observer_.OnFinished(result_.actions[i], ++finished_,
                               static_cast<int>(result_.actions.size()));
          Release(i, ready);
        }
        Start(pool, ready);
      });
    }
  }

  // Action i finished (run or skipped): its dependents whose last dependency it was are
  // decided now, into `ready` when they may run, skipped (and released in turn) otherwise.
  // Called with mutex_ held.
  void Release(std::size_t i, std::vector<std::size_t>& ready) {
    for (std::size_t d : dependents_[i]) {
      if (--waiting_on_[d] != 0) continue;
      if (std::string why = Blocker(d); !why.empty()) {
        result_.actions[d].message = std::move(why);
        Release(d, ready);
      } else {
        ready.push_back(d);
      }
    }
  }

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

  // The client id a key set of a client created in this run writes to. Its create finished
  // before the key set was submitted, so reading the result under the mutex is enough.
  std::string CreatedClientId(std::size_t i) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t j : deps_[i]) {
      if (ctx_.plan.actions[j].type == ResourceType::kClient) return result_.actions[j].client_id;
    }
    return "";
  }

  const PerformContext& ctx_;
  Observer& observer_;
  const std::vector<std::vector<std::size_t>> deps_;
  std::vector<std::vector<std::size_t>> dependents_;
  std::vector<std::size_t> waiting_on_;  // dependencies not finished yet
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
  SharedClientList clients(api, options.live);
  PerformContext ctx{api, plan, options, clients};
  return Scheduler(ctx, observer).Run();
}

}  // namespace mpctl::applier
