// Shared fixture of the emulator's end-to-end tests: a seeded emulator process, an admin
// token, and small HTTP helpers that parse JSON replies.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/admin_fixture.h"
#include "support/emulator_process.h"
#include "support/scoped_temp_dir.h"

namespace mpctl::testing {

struct Reply {
  int status = 0;  // 0: no HTTP answer (connection failed or dropped)
  std::string body;
  rapidjson::Document json;
  std::string header_retry_after;
};

class EmulatorE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temp_.path();
  }
  void TearDown() override {
    emu_.reset();
  }

  /// Writes the seed (plus `extra_yaml`), starts the emulator with `flags` and gets a token
  /// with every admin scope.
  void Start(std::vector<std::string> flags = {}, const std::string& extra_yaml = "") {
    admin_ = std::make_unique<AdminFixture>(dir_, extra_yaml);
    std::vector<std::string> args = admin_->EmulatorArgs();
    args.insert(args.end(), flags.begin(), flags.end());
    emu_ = EmulatorProcess::Start(args, dir_);
    ASSERT_TRUE(emu_);
    token_ = admin_->Token(emu_->base_url());
    ASSERT_FALSE(token_.empty());
  }

  Reply Call(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& token = "\x01", const std::string& content_type =
                                                    "application/json") {
    httplib::Client http(emu_->base_url());
    http.enable_server_certificate_verification(false);  // self-signed test TLS
    httplib::Headers headers;
    std::string bearer = token == "\x01" ? token_ : token;
    if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
    auto send = [&]() {
      if (method == "GET") return http.Get(path.c_str(), headers);
      if (method == "POST") return http.Post(path.c_str(), headers, body, content_type.c_str());
      if (method == "PUT") return http.Put(path.c_str(), headers, body, content_type.c_str());
      return http.Delete(path.c_str(), headers, body, content_type.c_str());
    };
    httplib::Result result = send();
    Reply reply;
    if (!result) return reply;
    reply.status = result->status;
    reply.body = result->body;
    reply.header_retry_after = result->get_header_value("Retry-After");
    reply.json.Parse(reply.body.c_str());
    return reply;
  }

  /// The first errorMessage of an ApiErrorResponse, or "".
  static std::string FirstError(const Reply& reply) {
    if (!reply.json.IsObject() || !reply.json.HasMember("errors") ||
        reply.json["errors"].Empty()) {
      return "";
    }
    return reply.json["errors"][0]["errorMessage"].GetString();
  }

  /// A Maskinporten client body with the given scopes.
  static std::string ClientBody(const std::string& name,
                                const std::string& scopes = R"(["skatt:demo/read"])") {
    return R"({"integration_type":"maskinporten","application_type":"web","client_name":")" +
           name + R"(","description":"test client","token_endpoint_auth_method":"private_key_jwt",)"
           R"("grant_types":["urn:ietf:params:oauth:grant-type:jwt-bearer"],"scopes":)" +
           scopes + "}";
  }

  /// Creates a client and returns its client_id.
  std::string CreateClient(const std::string& name) {
    Reply reply = Call("POST", "/api/v1/clients", ClientBody(name));
    EXPECT_EQ(reply.status, 200) << reply.body;
    if (!reply.json.IsObject() || !reply.json.HasMember("client_id")) return "";
    return reply.json["client_id"].GetString();
  }

  ::mpctl::testing::ScopedTempDir temp_{"mpctl-e2e"};
  std::string dir_;
  std::unique_ptr<AdminFixture> admin_;
  std::unique_ptr<EmulatorProcess> emu_;
  std::string token_;
};

}  // namespace mpctl::testing
