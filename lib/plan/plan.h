// lib/plan: the Plan value (what Diff decided for each environment), its JSON codec and the
// live-state fingerprint. Plain data: no I/O, no clock; never uses portal, auth or crypto.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/key.h"

namespace mpctl::plan {

/// The plan JSON's `format_version`; bumped on any incompatible change. "2": `prune` added,
/// revocations planned without --prune, and `apply` resolves a relative `manifest_path`
/// against the plan file's directory; a "1" plan would be applied under other rules.
/// Not bumped for additive, apply-neutral fields: `base`, `cause`, `adopt` and `summary.drift`
/// (made with --base) only explain a plan; every reader ignores members it does not know, and
/// apply does the same with or without them.
inline constexpr char kFormatVersion[] = "2";

enum class ActionKind { kCreate, kUpdate, kDelete };

/// What an action's address names. Derivable from the address, but scope names may hold
/// '.', ':' and '/', so it is stored rather than parsed back.
enum class ResourceType { kClient, kClientKeys, kScope, kScopeAccess };

/// Why a change is in the plan, known only when it was made with `--base` (the manifest as
/// last reviewed): the manifest changed it since then (kManifest), the live value moved away
/// from it outside mpctl and apply will revert that (kDrift), or both at once (kBoth).
enum class Cause { kManifest, kDrift, kBoth };

/// "create" / "update" / "delete".
const char* ToString(ActionKind kind);
/// "manifest" / "drift" / "both".
const char* ToString(Cause cause);
/// True for kDrift and kBoth: apply reverts something done outside mpctl.
inline bool IsDrift(Cause cause) { return cause != Cause::kManifest; }
/// "client" / "client_keys" / "scope" / "scope_access".
const char* ToString(ResourceType type);

/// One field value as a change shows it (from/to). Lists are kept sorted.
using FieldValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

/// A client's managed fields, as the live state has them (`before`) or as the manifest wants
/// them (`after`). The description never holds the ownership tag (the applier appends it).
struct ClientFields {
  std::string client_name;
  std::string description;
  std::vector<std::string> scopes;  // sorted, no duplicates
  bool operator==(const ClientFields&) const = default;
};

/// A provider scope's managed fields. `at_max_age` is absent when the manifest sets no
/// token_lifetime (then the live value is left alone); the live side always has it.
struct ScopeFields {
  std::string prefix;
  std::string subscope;
  std::string description;
  std::string long_description;
  std::string visibility;                              // "PUBLIC" / "PRIVATE"
  std::vector<std::string> allowed_integration_types;  // sorted
  bool accessible_for_all = false;
  bool active = true;
  std::optional<std::int64_t> at_max_age;
  bool operator==(const ScopeFields&) const = default;
};

/// A resource's fields before and after an action: a create has no `before`, a delete no
/// `after`; an update has both, `after` complete so the applier can send a full PUT.
template <typename Fields>
struct BeforeAfter {
  std::optional<Fields> before;
  std::optional<Fields> after;
  bool operator==(const BeforeAfter&) const = default;
};

/// One changed field of an update. Set-valued paths (scopes, keys, consumers,
/// allowed_integration_types) use add/remove (and replace for keys: kids whose material
/// changed); scalar paths use from/to. Never holds key material, only kids.
struct Change {
  std::string path;  // client_name, description, ownership tag, scopes, keys, active, ...
  std::vector<std::string> add;
  std::vector<std::string> remove;
  std::vector<std::string> replace;
  std::optional<FieldValue> from;
  std::optional<FieldValue> to;
  /// With --base only: why (one cause per change; set-valued changes are split per cause).
  std::optional<Cause> cause;
  /// With --base, for drift: the manifest snippet (YAML) that keeps the live value instead.
  std::string adopt;
};

/// One resource to create, update or delete. The envelope (address, type, kind, name) is
/// shared; each resource type has its own typed part, and only that part is set:
///   kClient      client_id (update, delete), ownership_tag, client.before/after
///   kClientKeys  client_id (existing client), keys, before_keys
///   kScope       scope.before/after
///   kScopeAccess consumer_orgno
/// Every type, in a plan made with --base (planner/cause.h): `cause` and, for drift, `adopt`,
/// here and on each change.
/// Only the plan JSON codec (plan_json.h) and NamedFields() map these fields to names.
/// Invariants: a create has no `before`; a delete has no `after`; `changes` is empty for
/// creates and deletes.
struct Action {
  std::string address;  // client.<name>, client.<name>.keys, scope.<s>, scope.<s>.access.<orgno>
  ResourceType type = ResourceType::kClient;
  ActionKind kind = ActionKind::kCreate;
  /// The manifest entry's name for clients, the scope name for scopes and grants.
  std::string name;
  /// The live client's id for client updates, deletes and key sets of existing clients;
  /// empty for a client create and the key set of a client created in the same apply.
  std::string client_id;
  /// Grants only: the consumer organisation.
  std::string consumer_orgno;
  /// Clients only: the tag the applier appends to `client.after->description` ("[mpctl:name]").
  std::string ownership_tag;
  /// Clients only.
  BeforeAfter<ClientFields> client;
  /// Scopes only.
  BeforeAfter<ScopeFields> scope;
  std::vector<Change> changes;
  /// Key sets: the complete desired set (sorted by kid). In memory the keys carry their public
  /// material for the applier; read from JSON they carry kid, thumbprint, bits and alg only
  /// until ReattachKeyMaterial() fills them in. Empty set on a key update: delete every key.
  std::vector<model::PublicKey> keys;
  /// Key sets: the live set before the change (kid, thumbprint, bits, alg; no material).
  std::vector<model::PublicKey> before_keys;
  /// With --base only: kManifest/kDrift when every change (or the create/delete itself) has
  /// that cause, kBoth otherwise.
  std::optional<Cause> cause;
  /// With --base, for a drifted create or delete: the manifest snippet that keeps the live state.
  std::string adopt;
};

/// One field under its plan JSON name.
struct NamedField {
  std::string name;
  FieldValue value;
};
/// `fields` under their plan JSON names, sorted by name (the order the JSON and the text
/// output show them in). The one place besides the codec that knows the names.
std::vector<NamedField> NamedFields(const ClientFields& fields);
std::vector<NamedField> NamedFields(const ScopeFields& fields);
/// The named fields of `action`'s before (`after` false) or after side; empty when absent.
std::vector<NamedField> NamedFields(const Action& action, bool after);

/// A note on one address; warnings never stop a plan, errors do.
struct Message {
  std::string address;
  std::string message;  // lower case, no final full stop, user values quoted '...'
};

/// A live client (or owned scope) tagged by this manifest whose entry is gone, left in place.
struct Orphan {
  std::string address;
  std::string client_id;  // empty for a scope
};

/// A live client with neither pin nor tag: never changed, listed only with --show-unmanaged.
struct Unmanaged {
  std::string client_id;
  std::string client_name;
};

struct Summary {
  int create = 0;
  int update = 0;
  int del = 0;        // "delete" in JSON
  int unchanged = 0;  // desired clients, scopes and grants that need no action
  int unmanaged = 0;
  int orphaned = 0;  // orphans left in place (without --prune)
  /// With --base only: changes (and creates/deletes) whose cause is drift or both.
  std::optional<int> drift;
};

/// The plan for one environment.
struct EnvironmentPlan {
  std::string name;
  std::string organization;
  std::string api_url;
  std::string live_fingerprint;  // LiveFingerprint() of the live state the plan was made from
  Summary summary;
  std::vector<Action> actions;  // in applier order (see planner/diff.h)
  std::vector<Message> warnings;
  std::vector<Orphan> orphans;
  std::vector<Unmanaged> unmanaged;  // sorted by client_id
  std::vector<Message> errors;       // non-empty: the plan must not be applied

  bool has_changes() const { return !actions.empty(); }
};

/// A plan over one or more environments of one manifest.
struct Plan {
  std::string format_version = kFormatVersion;
  std::string tool_version;
  /// As given to -f; in a plan saved with --out, relative to the plan file's directory (or
  /// absolute), so that the file can be applied from any working directory.
  std::string manifest_path;
  std::string manifest_sha256;  // hex SHA-256 of the manifest file's bytes
  /// Made with --prune: its deletions of whole entries were asked for and may be applied.
  bool prune = false;
  /// Made with --base REF (or --base-file FILE): REF or FILE as given; empty without.
  std::string base;
  std::vector<EnvironmentPlan> environments;

  /// True when any environment has an action.
  bool has_changes() const;
  /// True when any environment has an error.
  bool has_errors() const;
};

/// The stages of design.md §6, in the order the applier runs them and the planner lists
/// actions: provider scopes first (clients may use them), deletions last (taking something
/// away while the state is half-updated is how access gets lost).
enum class Stage {
  kScopes,  // provider scope creates and updates
  kGrants,  // access grants
  kClientCreates,
  kClientUpdates,
  kKeySets,
  kRevocations,
  kClientDeletes,
  kScopeDeletes,
};

/// The stage `action` belongs to.
Stage StageOf(const Action& action);

/// Whether orphans (tagged clients and owned scopes gone from the manifest) are deleted (kYes,
/// `--prune`) or only reported (kNo): the planner plans such deletions only with kYes, the
/// applier runs them only with kYes. Grants to consumers a declared scope no longer lists are
/// revoked either way (NeedsPrune).
enum class Prune { kNo, kYes };

/// True for a deletion that only `--prune` may plan and apply: a client or a scope whose entry
/// left the manifest. A revoked grant (scope_access delete) is not one: the consumers of a
/// declared scope are its full set, so removing one from the manifest revokes it.
bool NeedsPrune(const Action& action);

/// Recomputes `summary.create/update/del` from the actions (the other counts are Diff's).
void CountActions(EnvironmentPlan& plan);

}  // namespace mpctl::plan
