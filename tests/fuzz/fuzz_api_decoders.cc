// libFuzzer target: every decoder of the self-service API's answers, and the error reader.
// The first byte picks the decoder; the rest is the response body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "portal/api_error.h"
#include "portal/json_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace mpctl::portal;
  switch (data[0] % 7) {
    case 0:
      (void)DecodeClients(body, "GET /clients");
      break;
    case 1:
      (void)DecodeClient(body, "GET /clients/x");
      break;
    case 2:
      (void)DecodeJwks(body, "GET /clients/x/jwks");
      break;
    case 3:
      (void)DecodeScopes(body, "GET /scopes");
      break;
    case 4:
      (void)DecodeScope(body, "GET /scopes/scope");
      break;
    case 5:
      (void)DecodeAccessList(body, "GET /scopes/access");
      break;
    default: {
      HttpResponse response;
      response.status = 400 + data[0] % 100;
      response.body = std::string(body);
      response.headers.emplace_back("correlation-id", std::string(body.substr(0, 64)));
      (void)HttpError("GET", "/clients", response);
      (void)SaysNothingToList(response);
      break;
    }
  }
  return 0;
}
