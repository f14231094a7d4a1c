#include "manifest/key_loader.h"

#include "base/secret.h"
#include "base/strings.h"
#include "manifest/wording.h"

namespace mpctl::manifest {
namespace {

// "<subject> is a private key; ..." reads as a sentence; other messages follow a colon.
std::string About(const std::string& subject, const std::string& message) {
  for (const char* verb : {"is ", "has ", "holds "}) {
    if (base::StartsWith(message, verb)) return subject + " " + message;
  }
  return subject + ": " + message;
}

base::Error Invalid(std::string message) {
  return base::MakeError(base::ErrorCode::kInvalidInput, std::move(message));
}

}  // namespace

std::string ResolvePath(const std::string& base_dir, const std::string& file) {
  if (base_dir.empty() || base::StartsWith(file, "/")) return file;
  return base::EndsWith(base_dir, "/") ? base_dir + file : base_dir + "/" + file;
}

base::Result<crypto::ParsedPublicKey> KeyLoader::Load(KeySource source,
                                                      const std::string& material) {
  auto key = std::make_pair(source, material);
  auto found = cache_.find(key);
  if (found == cache_.end()) {
    found = cache_.emplace(std::move(key), LoadUncached(source, material)).first;
  }
  return found->second;
}

base::Result<crypto::ParsedPublicKey> KeyLoader::LoadUncached(KeySource source,
                                                              const std::string& material) {
  std::string subject;
  std::string data;
  switch (source) {
    case KeySource::kPemFile:
    case KeySource::kJwkFile: {
      subject = Quoted(material);
      auto bytes = reader_->Read(ResolvePath(base_dir_, material));
      if (!bytes.ok()) {
        if (bytes.error().code == base::ErrorCode::kNotFound) {
          return base::MakeError(base::ErrorCode::kNotFound, "file " + subject + " does not exist");
        }
        return Invalid(bytes.error().message);
      }
      data = std::move(bytes).value();
      break;
    }
    case KeySource::kEnv: {
      subject = "environment variable " + Quoted(material);
      auto value = getenv_(material);
      if (!value || value->empty()) return Invalid(subject + " is not set or empty");
      data = std::move(*value);
      break;
    }
    case KeySource::kJwk:
      subject = "inline jwk";
      data = material;
      break;
    case KeySource::kPem:
      subject = "inline pem";
      data = material;
      break;
  }
  // The input may wrongly hold a private key: keep it where it is wiped after use.
  const base::Secret input(std::move(data));
  auto parsed = crypto::ParsePublicKey(input.Reveal(), crypto::PrivateKeyPolicy::kReject);
  if (!parsed.ok()) return Invalid(About(subject, parsed.error().message));
  return parsed;
}

}  // namespace mpctl::manifest
