#include "portal/live_state.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "base/worker_pool.h"
#include "model/claims.h"

namespace mpctl::portal {

namespace {

using Task = std::function<base::Status()>;

// Runs `tasks` on at most `parallelism` threads; returns the error of the first failing task
// in list order. Once a task fails, tasks not yet started are skipped.
base::Status RunAll(const std::vector<Task>& tasks, int parallelism) {
  std::vector<std::optional<base::Error>> errors(tasks.size());
  std::atomic<bool> failed{false};
  base::ParallelFor(tasks.size(), parallelism, [&](std::size_t i) {
    if (failed) return;
    base::Status status = tasks[i]();
    if (!status.ok()) {
      errors[i] = status.error();
      failed = true;
    }
  });
  for (auto& error : errors) {
    if (error) return *error;
  }
  return base::OkStatus();
}

template <typename T, typename Read>
Task Into(T* out, Read read) {
  return [out, read]() -> base::Status {
    auto result = read();
    if (!result.ok()) return result.error();
    *out = std::move(result.value());
    return base::OkStatus();
  };
}

}  // namespace

model::Ownership OwnershipOf(const LiveReadOptions& options) {
  model::Ownership ownership;
  ownership.owner = options.owner;
  for (const std::string& id : options.pinned_ids) ownership.pins[id] = "";
  return ownership;
}

bool IsManaged(const model::LiveClient& client, const LiveReadOptions& options) {
  return model::ClaimOf(client, OwnershipOf(options)).has_value();
}

base::Status CheckActingOrganization(PortalApi& api, const std::string& organization,
                                     const LogSink& log) {
  auto acting = api.ActingOrganization();
  if (!acting.ok()) return acting.error();
  if (!*acting) {
    if (log) {
      log("the admin token does not say which organisation it acts for (no 'consumer' claim); "
          "not checking organization '" +
          organization + "' against it");
    }
    return base::OkStatus();
  }
  if (**acting == organization) return base::OkStatus();
  return base::MakeError(base::ErrorCode::kDenied,
                         "the admin client acts for organisation '" + **acting +
                             "' (the 'consumer' claim of its token), but the manifest says "
                             "organization '" +
                             organization + "'; fix organization, or use an admin client of '" +
                             organization + "'");
}

base::Result<model::LiveState> FetchLiveState(PortalApi& api, const LiveReadOptions& options) {
  // Once, before the parallel reads: it also fetches the token they share.
  if (!options.organization.empty()) {
    MPCTL_RETURN_IF_ERROR(CheckActingOrganization(api, options.organization, options.log));
  }
  model::LiveState state;
  state.organization = options.organization;
  state.scopes_read = options.read_scopes;

  // Two lists in the first round, the other two in the second: each list may be read up to
  // its size limit (32 MiB), and four at once doubled the memory a hostile server can make
  // mpctl hold (HostileTest.EndlessChunkedBodyStopsAtTheLimit).
  state.clients_listed_at = std::chrono::steady_clock::now();
  std::vector<Task> first = {Into(&state.clients, [&] { return api.ListClients(); })};
  if (options.read_scopes) {
    first.push_back(Into(&state.owned_scopes, [&] { return api.ListScopes(); }));
  }
  MPCTL_RETURN_IF_ERROR(RunAll(first, options.parallelism));

  std::vector<Task> second;
  const model::Ownership ownership = OwnershipOf(options);
  for (auto& client : state.clients) {
    if (!model::ClaimOf(client, ownership)) {
      client.keys.reset();  // a list that carries key sets must not leak them into the plan
      continue;
    }
    if (client.keys) continue;  // the list already carried this client's key set
    second.push_back(Into(&client.keys, [&api, &client] { return api.GetKeys(client.client_id); }));
  }
  std::vector<std::vector<model::ScopeAccess>> access(state.owned_scopes.size());
  if (options.read_scopes) {
    for (std::size_t i = 0; i < state.owned_scopes.size(); ++i) {
      const std::string& name = state.owned_scopes[i].name;
      second.push_back(Into(&access[i], [&api, &name] { return api.ListAccess(name); }));
    }
    second.push_back(Into(&state.public_scopes, [&] { return api.ListPublicScopes(); }));
    second.push_back(Into(&state.access_to_us, [&] { return api.ListAccessToUs(); }));
  }
  MPCTL_RETURN_IF_ERROR(RunAll(second, options.parallelism));
  for (auto& list : access) {
    state.granted_access.insert(state.granted_access.end(), list.begin(), list.end());
  }
  return state;
}

}  // namespace mpctl::portal
