// The applier against the in-memory portal: exact calls, safety refusals, lost answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "applier/applier.h"
#include "fakes/fake_portal_api.h"
#include "model/ownership.h"
#include "planner/diff.h"
#include "portal/live_state.h"
#include "support/plan_builders.h"

namespace mpctl::applier {
namespace {

using testing::DesiredClientOf;
using testing::DesiredOf;
using ::testing::HasSubstr;
using testing::Key;

constexpr char kScope[] = "skatt:demo/read";

base::Error Unavailable(const std::string& what) {
  return base::MakeError(base::ErrorCode::kUnavailable, what);
}

// The provider scope "acme:api" the scope tests create.
model::DesiredScope AcmeApiScope() {
  model::DesiredScope scope;
  scope.name = "acme:api";
  scope.prefix = "acme";
  scope.subscope = "api";
  scope.description = "An API";
  scope.allowed_integration_types = {"maskinporten"};
  return scope;
}

// A fake portal, a desired state, and plan → apply → plan again.
class ApplierTest : public ::testing::Test {
 protected:
  // Adds a live client tagged for `entry` with `keys`.
  void AddOwned(const std::string& id, const std::string& entry,
                std::vector<model::PublicKey> keys = {}) {
    model::LiveClient client = testing::LiveClientOf(id, entry, {kScope});
    api_.AddClient(client, std::move(keys));
  }

  plan::EnvironmentPlan Plan(planner::Prune prune = planner::Prune::kNo) {
    portal::LiveReadOptions read;
    read.organization = desired_.environment.organization;
    read.owner = desired_.owner;
    for (const auto& c : desired_.clients) {
      if (c.pinned_client_id) read.pinned_ids.insert(*c.pinned_client_id);
    }
    read.parallelism = 4;
    read.read_scopes = desired_.manages_scopes();
    auto live = portal::FetchLiveState(api_, read);
    EXPECT_TRUE(live.ok()) << live.error().message;
    live_ = *live;
    planner::DiffOptions options;
    options.prune = prune;
    options.now = 1'800'000'000;
    for (const auto& c : desired_.clients) {
      if (c.prevent_destroy) options.protected_clients.insert(c.name);
    }
    return planner::Diff(desired_, live_, options);
  }

  ApplyOptions Options(Prune prune = Prune::kNo) {
    ApplyOptions options;
    options.parallelism = 4;
    options.prune = prune;
    options.owner = desired_.owner;
    options.live = &live_;
    for (const auto& c : desired_.clients) {
      if (c.pinned_client_id) options.pinned_client_ids.insert(*c.pinned_client_id);
    }
    return options;
  }

  base::Result<ApplyResult> Apply(const plan::EnvironmentPlan& plan, Prune prune = Prune::kNo) {
    SilentObserver observer;
    return Execute(plan, api_, observer, Options(prune));
  }

  // Applies a fresh plan and expects it to succeed.
  ApplyResult ApplyOk(planner::Prune prune = planner::Prune::kNo) {
    auto result = Apply(Plan(prune), prune == planner::Prune::kYes ? Prune::kYes : Prune::kNo);
    EXPECT_TRUE(result.ok()) << result.error().message;
    if (!result.ok()) return {};
    EXPECT_TRUE(result->ok());
    return *result;
  }

  const ActionResult& Result(const ApplyResult& result, const std::string& address) {
    auto it = std::ranges::find(result.actions, address, &ActionResult::address);
    EXPECT_NE(it, result.actions.end()) << address;
    return *it;
  }

  std::vector<model::LiveClient> ActiveClients() const {
    std::vector<model::LiveClient> out;
    for (auto& c : api_.clients()) {
      if (c.active) out.push_back(c);
    }
    return out;
  }

  fakes::FakePortalApi api_;
  model::DesiredState desired_ = DesiredOf({});
  model::LiveState live_;
};

TEST_F(ApplierTest, PlanWithErrorsIsRefusedBeforeAnyRequest) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope})});
  plan::EnvironmentPlan plan = Plan();
  plan.errors.push_back({"client.a", "something is wrong"});
  auto result = Apply(plan);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("the plan has 1 error(s)"));
  EXPECT_EQ(api_.writes(), 0);
}

TEST_F(ApplierTest, WriteToAClientThatIsNotOursIsRefused) {
  api_.AddClient(testing::LiveClientOf("hand-made", "", {kScope}));
  AddOwned("ours", "a");
  desired_ = DesiredOf({DesiredClientOf("a", {kScope, "other:scope"})});
  plan::EnvironmentPlan plan = Plan();
  ASSERT_EQ(plan.actions.size(), 1u);
  plan.actions[0].client_id = "hand-made";  // an edited saved plan
  auto result = Apply(plan);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, base::ErrorCode::kDenied);
  EXPECT_THAT(result.error().message,
              HasSubstr("client.a: client 'hand-made' is neither pinned nor tagged"));
  EXPECT_EQ(api_.writes(), 0);
}

TEST_F(ApplierTest, DeleteWithoutPruneIsRefused) {
  AddOwned("gone-id", "gone");
  plan::EnvironmentPlan plan = Plan(planner::Prune::kYes);
  ASSERT_EQ(plan.actions.size(), 1u);
  auto result = Apply(plan, Prune::kNo);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("client.gone: a deletion, and --prune"));
  EXPECT_EQ(api_.writes(), 0);
}

TEST_F(ApplierTest, DeleteOfAProtectedEntryIsRefused) {
  AddOwned("keep-id", "keep");
  plan::EnvironmentPlan plan = Plan(planner::Prune::kYes);
  ApplyOptions options = Options(Prune::kYes);
  options.protected_clients.insert("keep");
  SilentObserver observer;
  auto result = Execute(plan, api_, observer, options);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("lifecycle.prevent_destroy"));
  EXPECT_EQ(api_.writes(), 0);
}

TEST_F(ApplierTest, KeySetWithoutMaterialIsRefused) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  plan::EnvironmentPlan plan = Plan();
  for (auto& a : plan.actions) {
    for (auto& k : a.keys) k.n.clear();
  }
  auto result = Apply(plan);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, base::ErrorCode::kInvalidInput);
  EXPECT_THAT(result.error().message, HasSubstr("key 'k1' has no public key material"));
  EXPECT_EQ(api_.writes(), 0);
}

TEST_F(ApplierTest, WrongOwnershipTagIsRefused) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope})});
  plan::EnvironmentPlan plan = Plan();
  plan.actions[0].ownership_tag = "[mpctl:other/a]";
  auto result = Apply(plan);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("ownership tag '[mpctl:other/a]'"));
}

TEST_F(ApplierTest, NewClientIsOnePostAndItsKeysOnePostToTheNewId) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1"), Key("k2", "m2")})});
  ApplyResult result = ApplyOk();
  EXPECT_EQ(api_.calls("CreateClient"), 1);
  EXPECT_EQ(api_.calls("ReplaceKeys"), 1);
  EXPECT_EQ(api_.writes(), 2);
  EXPECT_EQ(result.writes(), 2);
  auto clients = ActiveClients();
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_EQ(clients[0].description, "a [mpctl:a]");
  EXPECT_EQ(Result(result, "client.a").client_id, clients[0].client_id);
  EXPECT_EQ(api_.keys(clients[0].client_id).size(), 2u);
}

TEST_F(ApplierTest, ConvergedPlanMakesNoWrites) {
  desired_ = DesiredOf(
      {DesiredClientOf("a", {kScope}, {Key("k1", "m1")}), DesiredClientOf("b", {kScope})});
  ApplyOk();
  int writes = api_.writes();
  plan::EnvironmentPlan again = Plan();
  EXPECT_TRUE(again.actions.empty());
  ApplyResult second = ApplyOk();
  EXPECT_EQ(second.writes(), 0);
  EXPECT_EQ(api_.writes(), writes);
}

TEST_F(ApplierTest, OneChangedClientAmongFiftyIsOnePut) {
  std::vector<model::DesiredClient> clients;
  for (int i = 0; i < 50; ++i) {
    std::string name = "c" + std::to_string(i);
    AddOwned("id-" + name, name, {Key("k-" + name, name)});
    clients.push_back(DesiredClientOf(name, {kScope}, {Key("k-" + name, name)}));
  }
  clients[17].display_name = "renamed";
  desired_ = DesiredOf(clients);
  ApplyResult result = ApplyOk();
  EXPECT_EQ(api_.writes(), 1);
  EXPECT_EQ(api_.calls("UpdateClient"), 1);
  auto live = api_.clients();
  auto updated = std::ranges::find(live, std::string("id-c17"), &model::LiveClient::client_id);
  ASSERT_NE(updated, live.end());
  EXPECT_EQ(updated->client_name, "renamed");
  EXPECT_EQ(updated->description, "c17 [mpctl:c17]");
}

TEST_F(ApplierTest, AddedKeyIsOnePostOfTheWholeSetWithKeptKeysAsRead) {
  model::PublicKey old_key = Key("k-old", "old");
  old_key.exp = 1'900'000'000;
  AddOwned("id-a", "a", {old_key});
  desired_ =
      DesiredOf({DesiredClientOf("a", {kScope}, {Key("k-old", "old"), Key("k-new", "new")})});
  ApplyOk();
  EXPECT_EQ(api_.writes(), 1);
  EXPECT_EQ(api_.calls("ReplaceKeys"), 1);
  auto keys = api_.keys("id-a");
  ASSERT_EQ(keys.size(), 2u);
  auto kept = std::ranges::find(keys, std::string("k-old"), &model::PublicKey::kid);
  ASSERT_NE(kept, keys.end());
  EXPECT_EQ(kept->exp, std::optional<std::int64_t>(1'900'000'000));
}

TEST_F(ApplierTest, RemovingEveryKeyIsOneDelete) {
  AddOwned("id-a", "a", {Key("k1", "m1")});
  desired_ = DesiredOf({DesiredClientOf("a", {kScope})});
  ApplyOk();
  EXPECT_EQ(api_.writes(), 1);
  EXPECT_EQ(api_.calls("DeleteKeys"), 1);
  EXPECT_TRUE(api_.keys("id-a").empty());
}

TEST_F(ApplierTest, LostCreateAnswerIsFoundByTagAndNotSentAgain) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  api_.FailNext("CreateClient", Unavailable("POST /api/v1/clients: connection dropped"),
                /*outcome_unknown=*/true, /*applied=*/true);
  ApplyResult result = ApplyOk();
  EXPECT_EQ(api_.calls("CreateClient"), 1);
  // The plan's read (its list also serves the lookup before the POST), the lookup after it.
  EXPECT_EQ(api_.calls("ListClients"), 2);
  auto clients = ActiveClients();
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_EQ(Result(result, "client.a").client_id, clients[0].client_id);
  EXPECT_THAT(Result(result, "client.a").message,
              HasSubstr("the create's answer was lost (1 POST was sent); found the client by its "
                        "tag"));
  EXPECT_EQ(api_.keys(clients[0].client_id).size(), 1u);
}

TEST_F(ApplierTest, LostCreateThatDidNotHappenIsSentAgainAfterTheLookup) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope})});
  api_.FailNext("CreateClient", Unavailable("POST /api/v1/clients: HTTP 503"), true, false);
  ApplyOk();
  EXPECT_EQ(api_.calls("CreateClient"), 2);
  // The plan's read (serving the lookup before the first POST), the lookup before the second
  // POST, and once more after the create.
  EXPECT_EQ(api_.calls("ListClients"), 3);
  EXPECT_EQ(ActiveClients().size(), 1u);
}

TEST_F(ApplierTest, CreateIsNotSentAgainWhenTheLookupFails) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  plan::EnvironmentPlan plan = Plan();
  api_.FailNext("CreateClient", Unavailable("POST /api/v1/clients: timed out"), true, false);
  // The plan's list serves the lookup before the POST; the one after it fails.
  api_.FailNext("ListClients", Unavailable("GET /api/v1/clients: HTTP 503"), false, false, 0);
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(api_.calls("CreateClient"), 1);
  const ActionResult& create = Result(*result, "client.a");
  EXPECT_EQ(create.outcome, Outcome::kFailed);
  EXPECT_THAT(create.message, HasSubstr("1 POST was sent; not sent again"));
  EXPECT_THAT(create.message, HasSubstr("POST /api/v1/clients: timed out"));
  const ActionResult& keys = Result(*result, "client.a.keys");
  EXPECT_EQ(keys.outcome, Outcome::kNotAttempted);
  EXPECT_EQ(keys.message, "needs client.a, which failed");
  EXPECT_EQ(api_.calls("ReplaceKeys"), 0);
}

TEST_F(ApplierTest, CreateIsNotSentWhenAnotherApplyMadeTheClientSinceThePlan) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  plan::EnvironmentPlan plan = Plan();
  live_.clients_listed_at -= std::chrono::seconds(2);  // the plan was read a while ago
  AddOwned("other-run", "a");
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(api_.calls("CreateClient"), 0);
  EXPECT_EQ(Result(*result, "client.a").client_id, "other-run");
  EXPECT_THAT(Result(*result, "client.a").message, HasSubstr("not created: 'other-run'"));
  EXPECT_EQ(api_.keys("other-run").size(), 1u);
  EXPECT_EQ(ActiveClients().size(), 1u);
}

// Within a second of the plan's read its list stands for the lookup before a create (as any
// list up to a second old does); a client another apply made in that second is caught by the
// list after the POST, and this run's newer one is deleted.
TEST_F(ApplierTest, AClientMadeJustAfterThePlanIsSettledAfterTheCreate) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  plan::EnvironmentPlan plan = Plan();
  model::LiveClient other = testing::LiveClientOf("other-run", "a", {kScope});
  other.created_ms = 1;  // older than any the fake makes
  api_.AddClient(other);
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(api_.calls("CreateClient"), 1);
  EXPECT_EQ(api_.calls("DeleteClient"), 1);
  EXPECT_EQ(api_.calls("ListClients"), 2);  // the plan's read, the lookup after the POST
  const ActionResult& create = Result(*result, "client.a");
  EXPECT_EQ(create.outcome, Outcome::kDone);
  EXPECT_EQ(create.client_id, "other-run");
  EXPECT_EQ(api_.keys("other-run").size(), 1u);
  auto clients = ActiveClients();
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_EQ(clients[0].client_id, "other-run");
}

TEST_F(ApplierTest, ConcurrentCreateThatIsOlderWinsAndOursIsDeleted) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  plan::EnvironmentPlan plan = Plan();
  model::LiveClient other = testing::LiveClientOf("other-run", "a", {kScope});
  other.created_ms = 1;  // older than any the fake makes
  api_.CreateAlsoMakes(other, /*before=*/true);
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(api_.calls("CreateClient"), 1);
  EXPECT_EQ(api_.calls("DeleteClient"), 1);
  const ActionResult& create = Result(*result, "client.a");
  EXPECT_EQ(create.outcome, Outcome::kDone);
  EXPECT_EQ(create.client_id, "other-run");
  EXPECT_THAT(create.message, HasSubstr("deleted 'fake-client-"));
  auto clients = ActiveClients();
  ASSERT_EQ(clients.size(), 1u);
  EXPECT_EQ(clients[0].client_id, "other-run");
  EXPECT_EQ(api_.keys("other-run").size(), 1u);
}

TEST_F(ApplierTest, ConcurrentCreateThatIsNewerIsNeverDeletedByThisRun) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")})});
  plan::EnvironmentPlan plan = Plan();
  model::LiveClient other = testing::LiveClientOf("other-run", "a", {kScope});
  other.created_ms = 9'000'000;  // newer than ours: its own run deletes it
  api_.CreateAlsoMakes(other, /*before=*/false);
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(api_.calls("DeleteClient"), 0);
  const ActionResult& create = Result(*result, "client.a");
  EXPECT_NE(create.client_id, "other-run");
  EXPECT_THAT(create.message, HasSubstr("2 clients carry '[mpctl:a]'; kept this one"));
  EXPECT_EQ(ActiveClients().size(), 2u);
  EXPECT_EQ(api_.keys(create.client_id).size(), 1u);
}

TEST_F(ApplierTest, FailureStopsDependentsAndDeletionsButNotIndependentWork) {
  AddOwned("gone-id", "gone");
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}, {Key("k1", "m1")}),
                        DesiredClientOf("b", {kScope}, {Key("k2", "m2")})});
  plan::EnvironmentPlan plan = Plan(planner::Prune::kYes);
  api_.FailNext("CreateClient",
                base::MakeError(base::ErrorCode::kInvalidInput,
                                "POST /api/v1/clients: HTTP 400 (correlation_id c-1): bad"));
  auto result = Apply(plan, Prune::kYes);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->ok());
  EXPECT_EQ(result->Count(Outcome::kFailed), 1);
  EXPECT_EQ(result->Count(Outcome::kDone), 2);          // the other client and its keys
  EXPECT_EQ(result->Count(Outcome::kNotAttempted), 2);  // the failed one's keys, the delete
  EXPECT_EQ(api_.calls("DeleteClient"), 0);
  const ActionResult& deletion = Result(*result, "client.gone");
  EXPECT_THAT(deletion.message, HasSubstr("deletions run only after every other change"));
  // Running again converges.
  ApplyOk(planner::Prune::kYes);
  EXPECT_EQ(ActiveClients().size(), 2u);
  EXPECT_TRUE(Plan(planner::Prune::kYes).actions.empty());
}

// No barrier between stages: a new client's key set goes out as soon as its own create is
// done, while another client's create is still in flight.
TEST_F(ApplierTest, KeySetStartsRightAfterItsOwnCreateWhileAnotherCreateIsSlow) {
  desired_ = DesiredOf({DesiredClientOf("fast", {kScope}, {Key("k1", "m1")}),
                        DesiredClientOf("slow", {kScope}, {Key("k2", "m2")})});
  plan::EnvironmentPlan plan = Plan();
  bool keys_sent_while_slow_create_waited = false;
  api_.before_create_client = [&](const portal::ClientSpec& spec) {
    if (spec.description.find("[mpctl:slow]") == std::string::npos) return;
    // Holds the slow create until fast's key set is sent (or gives up after 10 s).
    for (int i = 0; i < 1000 && api_.calls("ReplaceKeys") == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    keys_sent_while_slow_create_waited = api_.calls("ReplaceKeys") == 1;
  };
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->ok());
  EXPECT_TRUE(keys_sent_while_slow_create_waited);
  EXPECT_EQ(api_.calls("ReplaceKeys"), 2);
}

// A failure stops its dependents and theirs: a scope that fails to be created skips the
// client that uses it, and that client's key set.
TEST_F(ApplierTest, FailureStopsDependentsOfDependents) {
  model::DesiredScope scope = AcmeApiScope();
  desired_.scopes = {scope};
  model::LiveScope open;  // b's scope, open to all
  open.name = kScope;
  open.active = true;
  open.accessible_for_all = true;
  api_.AddPublicScope(open);
  desired_.clients = {DesiredClientOf("a", {"acme:api"}, {Key("k1", "m1")}),
                      DesiredClientOf("b", {kScope}, {Key("k2", "m2")})};
  api_.FailNext("CreateScope", base::MakeError(base::ErrorCode::kDenied, "POST /scopes: 403"));
  plan::EnvironmentPlan plan = Plan();
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(Result(*result, "scope.acme:api").outcome, Outcome::kFailed);
  EXPECT_EQ(Result(*result, "client.a").outcome, Outcome::kNotAttempted);
  EXPECT_EQ(Result(*result, "client.a").message, "needs scope.acme:api, which failed");
  EXPECT_EQ(Result(*result, "client.a.keys").outcome, Outcome::kNotAttempted);
  EXPECT_EQ(Result(*result, "client.a.keys").message, "needs client.a, which was not attempted");
  EXPECT_EQ(Result(*result, "client.b").outcome, Outcome::kDone);
  EXPECT_EQ(Result(*result, "client.b.keys").outcome, Outcome::kDone);
}

TEST_F(ApplierTest, PruneDeletesOrphans) {
  AddOwned("gone-id", "gone", {Key("k1", "m1")});
  ApplyResult result = ApplyOk(planner::Prune::kYes);
  EXPECT_EQ(api_.calls("DeleteClient"), 1);
  EXPECT_EQ(api_.writes(), 1);
  EXPECT_TRUE(ActiveClients().empty());
}

TEST_F(ApplierTest, ObserverSeesEveryFinishedActionWithACount) {
  desired_ = DesiredOf({DesiredClientOf("a", {kScope}), DesiredClientOf("b", {kScope}),
                        DesiredClientOf("c", {kScope})});
  struct Recorder final : Observer {
    void OnFinished(const ActionResult& r, int finished, int total) override {
      lines.push_back(r.address + " " + std::to_string(finished) + "/" + std::to_string(total));
    }
    std::vector<std::string> lines;
  } recorder;
  plan::EnvironmentPlan plan = Plan();
  auto result = Execute(plan, api_, recorder, Options());
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(recorder.lines.size(), 3u);
  EXPECT_THAT(recorder.lines.back(), HasSubstr(" 3/3"));
}

TEST_F(ApplierTest, ScopeGrantWaitsForItsScopeAndIsSkippedWhenItFails) {
  model::DesiredScope scope = AcmeApiScope();
  scope.consumers = {"912345602"};
  desired_.scopes = {scope};
  api_.FailNext("CreateScope", base::MakeError(base::ErrorCode::kDenied, "POST /scopes: 403"));
  plan::EnvironmentPlan plan = Plan();
  auto result = Apply(plan);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Result(*result, "scope.acme:api.access.912345602").outcome, Outcome::kNotAttempted);
  EXPECT_EQ(api_.calls("GrantAccess"), 0);
  ApplyOk();
  EXPECT_EQ(api_.calls("GrantAccess"), 1);
  EXPECT_TRUE(Plan().actions.empty());
}

TEST_F(ApplierTest, LostScopeCreateAnswerIsFoundByName) {
  model::DesiredScope scope = AcmeApiScope();
  desired_.scopes = {scope};
  api_.FailNext("CreateScope", Unavailable("POST /scopes: dropped"), true, true);
  ApplyOk();
  EXPECT_EQ(api_.calls("CreateScope"), 1);
  EXPECT_EQ(api_.calls("GetScope"), 1);
  EXPECT_EQ(api_.scopes().size(), 1u);
}

}  // namespace
}  // namespace mpctl::applier
