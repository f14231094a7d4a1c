// Shared fixture of end-to-end tests that run the real mpctl against a seeded emulator: a
// temporary directory holding the admin key, the seed, the manifest and the emulator's state.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/admin_fixture.h"
#include "support/emulator_process.h"
#include "support/mpctl_cli.h"
#include "support/scoped_temp_dir.h"
#include "support/test_keys.h"

namespace mpctl::testing {

class CliE2eTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = temp_.path(); }
  void TearDown() override { emu_.reset(); }

  /// Seeds (base seed plus `extra_seed`) and starts the emulator; writes the admin's private
  /// key to admin.pem for the manifest.
  void Start(const std::string& extra_seed = "") {
    admin_ = std::make_unique<AdminFixture>(dir_, extra_seed);
    WriteWholeFile(dir_ + "/admin.pem", std::string(admin_->key().ToPem().Reveal()));
    emu_ = EmulatorProcess::Start(admin_->EmulatorArgs(), dir_);
    ASSERT_TRUE(emu_);
  }

  /// The environments section for the emulator: "test" as organisation 310000108, and with
  /// `with_prod` "prod" as 974761076 (same emulator, the second admin client).
  std::string Environments(bool with_prod = false) const {
    std::string base = emu_->base_url();
    std::string out = AdminFixture::ManifestHead(base, "key_file: admin.pem");
    if (with_prod) {
      out +=
          "  prod:\n    organization: \"974761076\"\n    api_url: " + base +
          "/api/v1\n"
          "    auth_server: " +
          base +
          "/\n"
          "    admin_client: {client_id: skatt-admin, key_file: admin.pem, kid: skatt-admin-key}\n";
    }
    return out;
  }

  /// Writes mpctl.yaml: the environments and then `rest` (e.g. "clients:\n  ...").
  void WriteManifest(const std::string& rest, bool with_prod = false) {
    WriteWholeFile(dir_ + "/mpctl.yaml", Environments(with_prod) + rest);
  }

  /// A new key pair: the public PEM is written to `name`.pub.pem; returns the private PEM.
  std::string NewKey(const std::string& name) {
    std::string private_pem = GenerateRsaPem();
    WriteWholeFile(dir_ + "/" + name + ".pub.pem", SpkiPem(private_pem));
    return private_pem;
  }

  CliOutcome Mpctl(const std::vector<std::string>& args) { return RunMpctl(args, dir_); }

  /// A request to the emulator's API with an admin token of 310000108; {status, body}.
  std::pair<int, std::string> Api(const std::string& method, const std::string& path,
                                  const std::string& body = "") {
    if (token_.empty()) token_ = admin_->Token(emu_->base_url());
    httplib::Client http(emu_->base_url());
    httplib::Headers headers = {{"Authorization", "Bearer " + token_}};
    httplib::Result r =
        method == "POST"  ? http.Post(path.c_str(), headers, body, "application/json")
        : method == "PUT" ? http.Put(path.c_str(), headers, body, "application/json")
                          : http.Get(path.c_str(), headers);
    if (!r) return {0, ""};
    return {r->status, r->body};
  }

  ::mpctl::testing::ScopedTempDir temp_{"mpctl-e2e"};
  std::string dir_;
  std::unique_ptr<AdminFixture> admin_;
  std::unique_ptr<EmulatorProcess> emu_;
  std::string token_;
};

}  // namespace mpctl::testing
