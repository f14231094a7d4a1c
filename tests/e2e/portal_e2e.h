// Shared fixture of the portal client's end-to-end tests: a seeded mpctl-emulator and a
// PortalApi connected to it through the real CurlTransport and admin authentication.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "portal/connect.h"
#include "portal/curl_transport.h"
#include "portal/live_state.h"
#include "support/admin_fixture.h"
#include "support/emulator_process.h"
#include "support/scoped_temp_dir.h"

namespace mpctl::portal {

/// Clients of the seed: two tagged for owner "payments" (with and without keys), one pinned,
/// one tagged for another owner and one hand-made (both unmanaged).
inline constexpr char kSeedClients[] = R"(clients:
  - client_id: sync-id
    client_orgno: "310000108"
    client_name: sync
    description: "Sync job [mpctl:payments/sync]"
    scopes: [skatt:demo/read]
    keys:
      - kid: sync-key-1
        public_key_file: admin.pub.pem
      - kid: sync-key-2
        public_key_file: admin.pub.pem
  - client_id: report-id
    client_orgno: "310000108"
    client_name: report
    description: "Report job [mpctl:payments/report]"
    scopes: [skatt:demo/read]
  - client_id: pinned-id
    client_orgno: "310000108"
    client_name: pinned
    description: Made by hand, pinned in the manifest
    scopes: [skatt:demo/read]
    keys:
      - kid: pinned-key
        public_key_file: admin.pub.pem
  - client_id: foreign-id
    client_orgno: "310000108"
    client_name: foreign
    description: "Another team [mpctl:other/sync]"
    scopes: [skatt:demo/read]
    keys:
      - kid: foreign-key
        public_key_file: admin.pub.pem
  - client_id: manual-id
    client_orgno: "310000108"
    client_name: manual
    description: Made by hand
    scopes: [skatt:demo/read]
)";

/// Records every request (bodies included) on the way to another transport, so a test can
/// collect the secrets that went over the wire and check that none reached a log.
class RecordingTransport final : public HttpTransport {
 public:
  explicit RecordingTransport(std::shared_ptr<HttpTransport> next) : next_(std::move(next)) {}
  HttpResult Send(const HttpRequest& request) override {
    HttpResult result = next_->Send(request);
    std::lock_guard<std::mutex> lock(mutex_);
    sent_.emplace_back(request.body.Reveal());
    if (const auto* response = std::get_if<HttpResponse>(&result)) received_.push_back(response->body);
    return result;
  }
  std::vector<std::string> sent() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sent_;
  }
  std::vector<std::string> received() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

 private:
  std::shared_ptr<HttpTransport> next_;
  mutable std::mutex mutex_;
  std::vector<std::string> sent_;
  std::vector<std::string> received_;
};

class PortalE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path();
    admin_ = std::make_unique<testing::AdminFixture>(dir_, kSeedClients);
  }
  void TearDown() override {
    emu_.reset();
  }

  void Start(std::vector<std::string> flags) {
    std::vector<std::string> args = admin_->EmulatorArgs();
    args.insert(args.end(), flags.begin(), flags.end());
    emu_ = testing::EmulatorProcess::Start(args, dir_);
    ASSERT_TRUE(emu_);
  }

  model::Environment Environment(const std::string& base_url) const {
    model::Environment env;
    env.name = "test";
    env.organization = testing::AdminFixture::kOrgno;
    env.api_url = base_url + "/api/v1";
    env.auth_server = base_url + "/";
    env.admin.client_id = testing::AdminFixture::kClientId;
    env.admin.kid = "acme-admin-key";
    env.admin.key_env = "MPCTL_E2E_ADMIN_KEY";
    return env;
  }

  ConnectOptions Options() {
    ConnectOptions options;
    const crypto::PrivateKey& key = admin_->key();
    options.env = [&key](const std::string& name) -> std::optional<base::Secret> {
      if (name != "MPCTL_E2E_ADMIN_KEY") return std::nullopt;
      return key.ToPem();
    };
    options.log = [this](std::string_view line) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_.emplace_back(line);
    };
    return options;
  }

  static LiveReadOptions ReadOptions() {
    LiveReadOptions read;
    read.organization = testing::AdminFixture::kOrgno;
    read.owner = "payments";
    read.pinned_ids = {"pinned-id"};
    return read;
  }

  /// Checks the state read from kSeedClients.
  static void ExpectSeededState(const model::LiveState& state) {
    ASSERT_EQ(state.clients.size(), 5u);
    std::map<std::string, const model::LiveClient*> by_id;
    for (const auto& client : state.clients) by_id[client.client_id] = &client;
    ASSERT_EQ(by_id.size(), 5u);
    ASSERT_TRUE(by_id["sync-id"]->keys.has_value());
    ASSERT_EQ(by_id["sync-id"]->keys->size(), 2u);
    EXPECT_EQ((*by_id["sync-id"]->keys)[0].bits, 2048);
    EXPECT_EQ((*by_id["sync-id"]->keys)[0].use, "sig");
    EXPECT_FALSE((*by_id["sync-id"]->keys)[0].thumbprint.empty());
    EXPECT_TRUE((*by_id["sync-id"]->keys)[0].exp.has_value());
    ASSERT_TRUE(by_id["report-id"]->keys.has_value());
    EXPECT_TRUE(by_id["report-id"]->keys->empty());
    ASSERT_TRUE(by_id["pinned-id"]->keys.has_value());
    EXPECT_EQ(by_id["pinned-id"]->keys->size(), 1u);
    EXPECT_FALSE(by_id["foreign-id"]->keys.has_value());
    EXPECT_FALSE(by_id["manual-id"]->keys.has_value());
    EXPECT_EQ(by_id["sync-id"]->scopes, std::vector<std::string>{"skatt:demo/read"});
    EXPECT_EQ(by_id["sync-id"]->description, "Sync job [mpctl:payments/sync]");
  }

  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(log_mutex_);
    return log_;
  }

  ::mpctl::testing::ScopedTempDir temp_{"mpctl-portal-e2e"};
  std::string dir_;
  std::unique_ptr<testing::AdminFixture> admin_;
  std::unique_ptr<testing::EmulatorProcess> emu_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

}  // namespace mpctl::portal
