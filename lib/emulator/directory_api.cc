// Seeded reference data: /prefix, /prefix/all, /delegationsources, /organizations/{orgnr}.
#include "emulator/api.h"

namespace mpctl::emulator {

namespace {

Response Prefixes(const ApiContext& ctx, const std::string& only_orgno) {
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartArray();
    for (const auto& [orgno, org] : ctx.state.organisations) {
      if (!only_orgno.empty() && orgno != only_orgno) continue;
      for (const auto& prefix : org.prefixes) {
        w.StartObject();
        WriteString(w, "prefix", prefix);
        WriteString(w, "owner_orgno", orgno);
        WriteStringOrNull(w, "owner_organization_name", org.name);
        w.EndObject();
      }
    }
    w.EndArray();
  });
}

}  // namespace

Response ListPrefixes(ApiContext& ctx) {
  auto org = ctx.state.organisations.find(ctx.caller.orgno);
  bool empty = org == ctx.state.organisations.end() || org->second.prefixes.empty();
  if (auto error = EmptyListError(ctx, empty, "prefixes")) return *error;
  return Prefixes(ctx, ctx.caller.orgno);
}

Response ListAllPrefixes(ApiContext& ctx) { return Prefixes(ctx, ""); }

Response ListDelegationSources(ApiContext& ctx) {
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartArray();
    for (const auto& source : ctx.state.delegation_sources) {
      w.StartObject();
      WriteString(w, "name", source.name);
      WriteString(w, "issuer", source.issuer);
      w.EndObject();
    }
    w.EndArray();
  });
}

Response GetOrganisation(ApiContext& ctx) {
  auto org = ctx.state.organisations.find(ctx.params[0]);
  if (org == ctx.state.organisations.end()) {
    return ApiError(404, "Organization " + ctx.params[0] + " not found", ctx.now);
  }
  return JsonBody(200, [&](JsonWriter& w) {
    w.StartObject();
    WriteString(w, "orgnr", org->second.orgno);
    WriteString(w, "name", org->second.name);
    w.EndObject();
  });
}

}  // namespace mpctl::emulator
