#include "portal/portal_api.h"

#include <algorithm>

namespace mpctl::portal {

void NormalizeClientList(std::vector<model::LiveClient>& clients) {
  std::erase_if(clients, [](const model::LiveClient& client) { return !client.active; });
  std::ranges::sort(clients, {}, &model::LiveClient::client_id);
}

base::Status CheckOrgno(const std::string& orgno) {
  bool digits = orgno.size() == 9 && std::all_of(orgno.begin(), orgno.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return base::MakeError(base::ErrorCode::kInvalidInput,
                           "'" + orgno + "' is not a 9-digit orgno");
  }
  return base::OkStatus();
}

}  // namespace mpctl::portal
