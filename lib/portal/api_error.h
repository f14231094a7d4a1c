#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "portal/http_transport.h"

namespace mpctl::portal {

/// The correlation_id of an error response: the body's `correlation_id`, else a
/// correlation-id / x-correlation-id header; "" when there is none.
std::string CorrelationId(const HttpResponse& response);

/// What the API said in an error body: `errors[].errorMessage` (prefixed with
/// `fieldIdentifier: ` when set) joined by "; ", else `error_description` or `error`, else the
/// raw body with white space flattened, cut to about 300 characters. "" for an empty body.
std::string ApiMessage(const HttpResponse& response);

/// True when an error response means "nothing to list": the API answers an empty list on
/// some endpoints with an error saying "does not have any" (portal-api.md §7.2).
bool SaysNothingToList(const HttpResponse& response);

/// The error for a non-2xx response, e.g.
/// "PUT /api/v1/clients/0b6c1a2e: HTTP 403 (correlation_id b496e785): insufficient scope".
/// `path` has no host and no query. Code: 400 kInvalidInput, 401/403 kDenied, 404 kNotFound,
/// 409 kConflict, 429/5xx kUnavailable, else kInternal.
base::Error HttpError(std::string_view method, std::string_view path,
                      const HttpResponse& response);

/// The error for a request that got no response: "GET /api/v1/clients: <what happened>".
/// kInvalidInput for refused URLs and TLS failures, kUnavailable otherwise.
base::Error TransportFailure(std::string_view method, std::string_view path,
                             const TransportError& error);

}  // namespace mpctl::portal
