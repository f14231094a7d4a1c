#include "portal/curl_transport.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace mpctl::portal {
namespace {

using ::testing::HasSubstr;

HttpRequest Get(std::string url) {
  HttpRequest request;
  request.method = "GET";
  request.url = std::move(url);
  return request;
}

TEST(CurlTransportTest, PlainHttpToANonLoopbackHostIsRefusedBeforeConnecting) {
  CurlTransport transport({});
  // Neither name resolution nor a connection is attempted: .invalid never resolves, and the
  // address is not routable, so trying would fail differently or hang until the timeout.
  for (const char* url : {"http://api.example.invalid/api/v1/clients",
                          "http://10.255.255.1/api/v1/clients", "http://127.0.0.1.nip.io/x"}) {
    HttpResult result = transport.Send(Get(url));
    const auto* error = std::get_if<TransportError>(&result);
    ASSERT_NE(error, nullptr) << url;
    EXPECT_EQ(error->kind, TransportErrorKind::kRefused) << url;
    EXPECT_THAT(error->message, HasSubstr("http:// is allowed only for loopback hosts"));
  }
}

TEST(CurlTransportTest, OtherSchemesAreRefused) {
  CurlTransport transport({});
  HttpResult result = transport.Send(Get("ftp://127.0.0.1/x"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::kRefused);
}

TEST(CurlTransportTest, ClosedLoopbackPortIsAConnectFailure) {
  // Take a free port and close it again: nothing listens there.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  socklen_t length = sizeof(address);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  close(fd);
  CurlTransport transport({});
  HttpResult result =
      transport.Send(Get("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/x"));
  ASSERT_TRUE(std::holds_alternative<TransportError>(result));
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::kConnect);
}

TEST(CurlTransportTest, UserAgentNamesTheTool) {
  EXPECT_THAT(CurlTransport::DefaultUserAgent(), ::testing::StartsWith("mpctl/"));
}

}  // namespace
}  // namespace mpctl::portal
