// Shared fixture of the plan and apply end-to-end tests: a seeded mpctl-emulator, a manifest
// written for it, the real mpctl binary, and reads of the emulator's state over HTTP.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/admin_fixture.h"
#include "support/emulator_process.h"
#include "support/mpctl_process.h"
#include "support/scoped_temp_dir.h"
#include "support/test_keys.h"

namespace mpctl::testing {

/// One manifest entry: name, display name and the kids of its keys (all the same public key).
struct Entry {
  std::string name;
  std::string display_name;
  std::vector<std::string> kids;
};

/// A live client as the emulator lists it.
struct ListedClient {
  std::string client_id;
  std::string client_name;
  std::string description;
};

/// A registered key as the emulator returns it.
struct ListedKey {
  std::string kid;
  std::int64_t exp = 0;
};

class MpctlE2eTest : public ::testing::Test {
 protected:
  static constexpr char kScope[] = "skatt:demo/read";

  void SetUp() override {
    dir_ = temp_.path();
    admin_ = std::make_unique<AdminFixture>(dir_);
    admin_pem_ = std::string(admin_->key().ToPem().Reveal());
    std::filesystem::create_directories(dir_ + "/keys");
    Write("keys/client.pub.pem", SpkiPem(GenerateRsaPem(2048)));
  }
  void TearDown() override {
    emu_.reset();
  }

  /// Starts the emulator with `flags`. With `read_only_admin`, the admin client holds only
  /// idporten:dcr.read and idporten:scopes.read, so a token asking for more is refused.
  void StartEmulator(std::vector<std::string> flags = {}, bool read_only_admin = false) {
    if (read_only_admin) {
      std::string seed = Read("seed.yaml");
      const std::string all =
          "[idporten:dcr.read, idporten:dcr.write, idporten:scopes.read, idporten:scopes.write]";
      auto at = seed.find(all);
      ASSERT_NE(at, std::string::npos);
      seed.replace(at, all.size(), "[idporten:dcr.read, idporten:scopes.read]");
      Write("seed.yaml", seed);
    }
    std::vector<std::string> args = admin_->EmulatorArgs();
    args.insert(args.end(), flags.begin(), flags.end());
    emu_ = EmulatorProcess::Start(args, dir_);
    ASSERT_TRUE(emu_);
  }

  /// Entries c00, c01, ... with one key each.
  static std::vector<Entry> Entries(int n) {
    std::vector<Entry> entries;
    for (int i = 0; i < n; ++i) {
      std::string name = std::string("c") + (i < 10 ? "0" : "") + std::to_string(i);
      entries.push_back({name, "Client " + name, {name + "-key-1"}});
    }
    return entries;
  }

  /// Writes dir/mpctl.yaml for the running emulator.
  void WriteManifest(const std::vector<Entry>& entries) {
    std::string yaml =
        AdminFixture::ManifestHead(emu_->base_url(), "key_env: MPCTL_E2E_ADMIN_KEY") +
        "clients:\n";
    for (const Entry& e : entries) {
      yaml += "  " + e.name + ":\n    display_name: " + e.display_name + "\n    scopes: [" +
              kScope + "]\n";
      if (e.kids.empty()) continue;
      yaml += "    keys:\n";
      for (const auto& kid : e.kids) {
        yaml += "      - kid: " + kid + "\n        pem_file: keys/client.pub.pem\n";
      }
    }
    Write("mpctl.yaml", yaml);
  }

  /// Runs mpctl in dir with the admin key in MPCTL_E2E_ADMIN_KEY.
  MpctlRun Mpctl(std::vector<std::string> args,
                 std::function<bool(const std::string&)> kill_when = nullptr) {
    return RunMpctl(
        {std::move(args), dir_, {"MPCTL_E2E_ADMIN_KEY=" + admin_pem_}, std::move(kill_when), ""});
  }

  /// GET `path` with an all-scopes token, tried up to 20 times (faults); the parsed body.
  rapidjson::Document Get(const std::string& path) {
    const std::string& token = Token();
    httplib::Client http(emu_->base_url());
    rapidjson::Document doc;
    for (int attempt = 0; attempt < 20; ++attempt) {
      auto result = http.Get(path.c_str(), {{"Authorization", "Bearer " + token}});
      if (result && (result->status == 200 || result->status == 404)) {
        doc.Parse(result->status == 200 ? result->body.c_str() : "[]");
        return doc;
      }
    }
    ADD_FAILURE() << "GET " << path << " kept failing";
    doc.Parse("[]");
    return doc;
  }

  /// An all-scopes token for the running emulator, fetched again after a minute.
  const std::string& Token() {
    auto now = std::chrono::steady_clock::now();
    if (token_url_ != emu_->base_url() || now - token_time_ > std::chrono::seconds(60)) {
      token_ = admin_->Token(emu_->base_url());
      token_url_ = emu_->base_url();
      token_time_ = now;
    }
    return token_;
  }

  std::vector<ListedClient> Clients() {
    std::vector<ListedClient> out;
    rapidjson::Document doc = Get("/api/v1/clients");
    for (const auto& c : doc.GetArray()) {
      out.push_back(
          {c["client_id"].GetString(), c["client_name"].GetString(), c["description"].GetString()});
    }
    return out;
  }

  std::vector<ListedKey> Keys(const std::string& client_id) {
    std::vector<ListedKey> out;
    rapidjson::Document doc = Get("/api/v1/clients/" + client_id + "/jwks");
    if (!doc.IsObject() || !doc.HasMember("keys")) return out;
    for (const auto& k : doc["keys"].GetArray()) {
      out.push_back({k["kid"].GetString(), k.HasMember("exp") ? k["exp"].GetInt64() : 0});
    }
    return out;
  }

  /// The client carrying the ownership tag of `entry`, checking there is exactly one.
  std::optional<ListedClient> ClientOf(const std::string& entry) {
    std::optional<ListedClient> found;
    for (const auto& c : Clients()) {
      if (c.description.size() >= entry.size() + 8 &&
          c.description.ends_with("[mpctl:" + entry + "]")) {
        EXPECT_FALSE(found) << "two clients carry [mpctl:" << entry << "]: " << found->client_id
                            << " and " << c.client_id;
        found = c;
      }
    }
    return found;
  }

  /// Every entry has exactly one client with exactly its kids registered.
  void ExpectConverged(const std::vector<Entry>& entries) {
    auto clients = Clients();
    EXPECT_EQ(clients.size(), entries.size()) << "duplicates or leftovers";
    for (const Entry& e : entries) {
      auto client = ClientOf(e.name);
      ASSERT_TRUE(client) << e.name;
      std::vector<std::string> kids;
      for (const auto& k : Keys(client->client_id)) kids.push_back(k.kid);
      std::sort(kids.begin(), kids.end());
      EXPECT_EQ(kids, e.kids) << e.name;
    }
  }

  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }

  ::mpctl::testing::ScopedTempDir temp_{"mpctl-apply-e2e"};
  std::string dir_;
  std::unique_ptr<AdminFixture> admin_;
  std::string admin_pem_;
  std::unique_ptr<EmulatorProcess> emu_;
  std::string token_;
  std::string token_url_;
  std::chrono::steady_clock::time_point token_time_;
};

}  // namespace mpctl::testing
