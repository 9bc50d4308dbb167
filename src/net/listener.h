// Listening sockets: one SO_REUSEPORT acceptor per loop and binding, so the kernel spreads new connections over
// the loops and no accept lock exists.
#pragma once

#include <asio/ip/tcp.hpp>
#include <asio/ip/v6_only.hpp>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/exchange.h"
#include "http/h1/connection.h"
#include "io/loop.h"

namespace lintel::net {

struct listen_address {
    std::string address;  // "*" for any (dual-stack), or an IP literal
    uint16_t port = 0;
};

class listener {
public:
    listener(io::loop& loop, const asio::ip::tcp::endpoint& endpoint, core::request_handler& handler,
             const h1::connection_settings& settings, std::atomic<uint64_t>& connection_ids);
    void start();
    void stop();  // on the listener's loop
    asio::any_io_executor executor() { return acceptor_.get_executor(); }

private:
    void accept_next();

    io::loop& loop_;
    asio::ip::tcp::acceptor acceptor_;
    h1::connection_context context_;
    h1::socket_type next_socket_;  // accepted into, then moved into the new connection
    std::atomic<uint64_t>& connection_ids_;
};

// Resolves a binding's address to the endpoints to listen on ("*" = IPv6 any with dual stack when available,
// else IPv4 any). Throws std::runtime_error with a clear message for an invalid literal.
std::vector<asio::ip::tcp::endpoint> endpoints_for(const listen_address& address);

}  // namespace lintel::net
