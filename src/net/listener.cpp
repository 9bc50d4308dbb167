#include "net/listener.h"

#include <stdexcept>
#include <sys/socket.h>

#include "core/log.h"

namespace lintel::net {

listener::listener(io::loop& loop, const asio::ip::tcp::endpoint& endpoint,
                   core::request_handler& handler, const h1::connection_settings& settings,
                   std::atomic<uint64_t>& connection_ids)
    : loop_(loop),
      acceptor_(loop.context()),
      context_{handler, settings},
      next_socket_(loop.context()),
      connection_ids_(connection_ids) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    int one = 1;
    if (::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
        throw std::runtime_error("cannot set SO_REUSEPORT");
    }
    if (endpoint.address().is_v6() && endpoint.address().is_unspecified()) {
        acceptor_.set_option(asio::ip::v6_only(false));
    }
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
}

void listener::start() { accept_next(); }

void listener::stop() {
    asio::error_code ignored;
    acceptor_.close(ignored);
}

void listener::accept_next() {
    acceptor_.async_accept(next_socket_, [this](const asio::error_code& ec) {
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) {
            return;
        }
        if (!ec) {
            // A moved-from socket is as if newly constructed on the same executor: ready for the next accept.
            h1::connection::launch(std::move(next_socket_), context_, connection_ids_.fetch_add(1) + 1);
        } else if (ec == asio::error::no_descriptors) {
            core::log_warning("net", "accept: out of file descriptors");
        }
        accept_next();
    });
}

std::vector<asio::ip::tcp::endpoint> endpoints_for(const listen_address& address) {
    if (address.address.empty() || address.address == "*") {
        return {asio::ip::tcp::endpoint(asio::ip::address_v6::any(), address.port)};
    }
    asio::error_code ec;
    auto ip = asio::ip::make_address(address.address, ec);
    if (ec) {
        throw std::runtime_error("invalid IP address '" + address.address + "'");
    }
    return {asio::ip::tcp::endpoint(ip, address.port)};
}

}  // namespace lintel::net
