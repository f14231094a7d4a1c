// mpctl keys generate|inspect: make a signing key pair for a client, and show what a piece of
// key material is (kid, type, size, RFC 7638 thumbprint, public JWK). Both are offline.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <regex>

#include "base/file_reader.h"
#include "base/secret.h"
#include "base/strings.h"
#include "commands.h"
#include "crypto/keys.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace mpctl::cli {
namespace {

constexpr char kKeysUsage[] =
    "usage: mpctl keys generate --kid KID [--bits 2048|3072|4096] --out-dir DIR [--force]\n"
    "       mpctl keys inspect FILE|-\n\n"
    "Makes RSA signing keys for clients and shows what a key file holds. Both are offline.\n"
    "Run 'mpctl keys <generate|inspect> --help' for their options.\n";

// Environment words a kid is expected to carry (design.md §3's convention
// <owner>-<client>-<env>-<yyyy-mm>); kids must be unique across all of Maskinporten.
const std::regex& EnvironmentPart() {
  static const std::regex kPattern(
      "(^|[-._])(test|prod|dev|stage|staging|qa|ver|tt02|yt01|at|sandbox|preprod)($|[-._])",
      std::regex::icase);
  return kPattern;
}

const std::regex& DatePart() {
  static const std::regex kPattern("(^|[-._])20[0-9][0-9]-(0[1-9]|1[0-2])($|[-._])");
  return kPattern;
}

// Warnings on stderr for a kid that does not follow the convention; never an error.
void WarnAboutKid(const std::string& kid) {
  std::vector<std::string> missing;
  if (!std::regex_search(kid, EnvironmentPart()))
    missing.push_back("environment part (test, prod, ...)");
  if (!std::regex_search(kid, DatePart())) missing.push_back("date part (yyyy-mm)");
  if (missing.empty()) return;
  std::cerr << "mpctl: warning: kid '" << kid << "' has no " << base::Join(missing, " and no ")
            << "; kids must be unique across all of Maskinporten, so name them "
               "<owner>-<client>-<env>-<yyyy-mm>, e.g. 'payments-invoice-sync-test-2026-11'\n";
}

// Writes `data` to a new file `path` with `mode`. Without `overwrite` an existing file is an
// error (O_EXCL, so no race can replace it); with it, the file is replaced atomically and gets
// `mode` even when the old one had another.
base::Status WriteNewFile(const std::string& path, std::string_view data, int mode,
                          bool overwrite) {
  if (overwrite) return base::WriteFileAtomically(path, std::string(data), mode);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return base::Error{base::ErrorCode::kInvalidInput,
                       "cannot create '" + path + "': " + std::strerror(errno)};
  }
  ::fchmod(fd, static_cast<mode_t>(mode));  // the umask must not widen nor narrow it
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string why = std::strerror(errno);
      ::close(fd);
      return base::Error{base::ErrorCode::kInvalidInput, "cannot write '" + path + "': " + why};
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    return base::Error{base::ErrorCode::kInvalidInput,
                       "cannot write '" + path + "': " + std::strerror(errno)};
  }
  return base::OkStatus();
}

// The top of the git work tree holding `dir` (which may not exist yet), or "" when none does.
std::string GitWorkTree(const fs::path& dir) {
  std::error_code ec;
  fs::path at = fs::absolute(dir, ec);
  if (ec) return "";
  for (; !at.empty(); at = at.parent_path()) {
    if (fs::exists(at / ".git", ec)) return at.string();
    if (at == at.root_path()) break;
  }
  return "";
}

int RunGenerate(const Command& self, const GlobalOptions& /*global*/,
                const std::vector<std::string>& args) {
  std::string kid;
  int bits = 2048;
  std::string out_dir;
  bool force = false;
  CommandFlags line;
  // clang-format off
  line.options.add_options()
      ("kid", po::value(&kid)->required()->value_name("KID"),
       "the key id: letters, digits, '.', '_' and '-'; unique across all of Maskinporten, "
       "e.g. <owner>-<client>-<env>-<yyyy-mm>")
      ("bits", po::value(&bits)->default_value(2048)->value_name("N"),
       "RSA modulus size: 2048, 3072 or 4096")
      ("out-dir", po::value(&out_dir)->required()->value_name("DIR"),
       "where to write KID.pem (private, mode 0600), KID.pub.pem and KID.jwk.json; "
       "made when missing")
      ("force", po::bool_switch(&force),
       "replace existing files of that name, and write into a git work tree (default: "
       "refuse both and write nothing)")
      ("help,h", "print this help");
  // clang-format on
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  static const std::regex kKidSyntax("[A-Za-z0-9._-]+");
  if (!std::regex_match(kid, kKidSyntax)) {
    return Fail("kid '" + kid + "' may contain only letters, digits, '.', '_' and '-'");
  }
  WarnAboutKid(kid);

  const fs::path dir(out_dir);
  if (std::string repo = GitWorkTree(dir); !repo.empty() && !force) {
    return Fail("'" + out_dir + "' is inside the git work tree '" + repo +
                "'; nothing was written. The private key belongs with the integration that "
                "signs (a secret store, or a directory outside any repository, e.g. "
                "--out-dir ~/.mpctl/keys); commit only KID.pub.pem or KID.jwk.json. Give "
                "--force to write there anyway");
  }
  const std::string private_path = (dir / (kid + ".pem")).string();
  const std::string pem_path = (dir / (kid + ".pub.pem")).string();
  const std::string jwk_path = (dir / (kid + ".jwk.json")).string();
  if (!force) {
    for (const auto& path : {private_path, pem_path, jwk_path}) {
      std::error_code ec;
      if (fs::exists(path, ec)) {
        return Fail("'" + path + "' exists; nothing was written. Choose another kid, or give " +
                    "--force to replace the key (the old private key is then lost)");
      }
    }
  }
  base::Result<crypto::PrivateKey> key = crypto::PrivateKey::Generate(bits);
  if (!key.ok()) return Fail(key.error().message);
  crypto::RsaPublicKey pub = key->Public();
  base::Result<std::string> public_pem = crypto::PublicKeyPem(pub);
  if (!public_pem.ok()) return Fail("internal: " + public_pem.error().message);
  std::string jwk = crypto::PublicJwkJson(pub, kid, "RS256") + "\n";

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Fail("cannot create directory '" + out_dir + "': " + ec.message());
  base::Secret private_pem = key->ToPem();
  base::Status written = WriteNewFile(private_path, private_pem.Reveal(), 0600, force);
  if (written.ok()) written = WriteNewFile(pem_path, *public_pem, 0644, force);
  if (written.ok()) written = WriteNewFile(jwk_path, jwk, 0644, force);
  if (!written.ok()) return Fail(written.error().message);

  std::cout << "wrote " << private_path << "  (private key, mode 0600: deploy it to the "
            << "integration; keep it out of the manifest and the repository)\n"
            << "wrote " << pem_path << "  (public key, PEM)\n"
            << "wrote " << jwk_path << "  (public key, JWK)\n"
            << "RSA " << pub.bits << " bits, thumbprint " << crypto::Thumbprint(pub)
            << " (RFC 7638)\n\n"
            << "add to the client's keys in the manifest (path relative to the manifest):\n"
            << "      - kid: " << kid << "\n"
            << "        pem_file: " << pem_path << "\n";
  return kExitOk;
}

const Command kKeysGenerateCommand = {
    .name = "keys generate",
    .usage =
        "usage: mpctl keys generate --kid KID [--bits 2048|3072|4096] --out-dir DIR [--force]\n\n"
        "Makes an RSA key pair: the private key as PKCS#8 PEM readable only by you, the public\n"
        "key as PEM and as JWK (kty, use sig, alg RS256, kid, n, e). Prints the lines to add to\n"
        "the manifest; the private key goes to the integration that signs grants, never into\n"
        "the manifest or the repository.",
    .footer =
        "exit codes:\n"
        "  0  the three files were written\n"
        "  1  error (a file exists without --force, bad kid or size); nothing was written\n",
    .run = RunGenerate};

int RunInspect(const Command& self, const GlobalOptions& /*global*/,
               const std::vector<std::string>& args) {
  std::string file;
  CommandFlags line;
  // clang-format off
  line.options.add_options()
      ("help,h", "print this help");
  // clang-format on
  line.hidden.add_options()("file", po::value(&file));
  line.positional.add("file", 1);
  po::variables_map variables;
  if (auto exit_code = ParseCommandLine(self, line, args, &variables)) {
    return *exit_code;
  }
  if (file.empty()) return Fail("give the key file to inspect, or '-' to read stdin");
  // Held as a Secret: the input may be a private key.
  base::Secret data("");
  std::string origin = file;
  if (file == "-") {
    origin = "stdin";
    data = base::Secret(std::string(std::istreambuf_iterator<char>(std::cin), {}));
  } else {
    base::Result<std::string> read = base::DiskFileReader().Read(file);
    if (!read.ok()) return Fail(read.error().message);
    data = base::Secret(std::move(*read));
  }
  base::Result<crypto::ParsedPublicKey> parsed =
      crypto::ParsePublicKey(data.Reveal(), crypto::PrivateKeyPolicy::kDerivePublic);
  if (!parsed.ok()) return Fail(origin + ": " + parsed.error().message);
  const crypto::ParsedPublicKey& key = *parsed;
  if (key.was_private) {
    std::cerr << "mpctl: warning: input was a PRIVATE key; only its public part is shown — "
                 "keep the private key out of the manifest and the repository\n";
  }
  std::string alg = key.jwk_alg.empty() ? "RS256" : key.jwk_alg;
  std::cout << "kid:         " << (key.jwk_kid.empty() ? "-" : key.jwk_kid) << "\n"
            << "type:        " << crypto::Describe(key.format) << "\n"
            << "size:        " << key.key.bits << " bits\n"
            << "thumbprint:  " << crypto::Thumbprint(key.key) << "  (RFC 7638, SHA-256)\n"
            << "jwk:         " << crypto::PublicJwkJson(key.key, key.jwk_kid, alg) << "\n";
  return kExitOk;
}

const Command kKeysInspectCommand = {
    .name = "keys inspect",
    .usage =
        "usage: mpctl keys inspect FILE|-\n\n"
        "Reads key material in any form the manifest accepts (PEM public key, PKCS#1, X.509\n"
        "certificate, DER, JWK, base64 of one) and prints its kid (JWK only, else '-'), type,\n"
        "size, RFC 7638 thumbprint and public JWK. A private key is accepted here: only its\n"
        "public part is shown, with a warning on stderr.",
    .footer =
        "exit codes:\n"
        "  0  the key was read\n"
        "  1  it could not be read or is not a usable RSA key\n",
    .run = RunInspect};

}  // namespace

int RunKeys(const Command& /*self*/, const GlobalOptions& global,
            const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cerr << kKeysUsage;
    return Fail("no keys subcommand given; use 'generate' or 'inspect'");
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const Command* sub : {&kKeysGenerateCommand, &kKeysInspectCommand}) {
    if ("keys " + args[0] == sub->name) return sub->run(*sub, global, rest);
  }
  if (args[0] == "--help" || args[0] == "-h") {
    std::cout << kKeysUsage;
    return kExitOk;
  }
  return Fail("unknown keys subcommand '" + args[0] + "'; use 'generate' or 'inspect'");
}

extern const Command kKeysCommand = {
    .name = "keys",
    .summary = "generate a key pair for a client, or inspect key material (offline)",
    .usage = kKeysUsage,
    .run = RunKeys,
    .subcommands = {"generate", "inspect"}};

}  // namespace mpctl::cli
