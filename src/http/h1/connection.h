// One HTTP/1.1 connection: reads requests, hands each complete request to the pipeline, writes responses in
// order. Lives on one loop; every method runs on that loop's thread.
//
// Requests are processed one at a time; pipelined requests wait in the input buffer until the previous exchange
// is finished, which keeps responses in request order without reordering buffers.
//
// Memory: an idle keep-alive connection holds no buffer and no exchange. It waits for readability without a
// read buffer; the input buffer, the exchange and output buffers come from per-loop pools when a request
// arrives and go back when the connection is idle again. Idle timeouts are enforced by one sweep per loop
// (see idle_registry in connection.cpp) instead of a timer per connection.
#pragma once

#include <asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/exchange.h"
#include "http/h1/chunked.h"
#include "http/h1/parser.h"
#include "http/h1/serializer.h"

namespace lintel::h1 {

struct connection_settings {
    limits parse_limits;
    uint64_t max_request_body = 30000000;  // requestFiltering maxAllowedContentLength default
    unsigned idle_timeout_seconds = 120;   // IIS connectionTimeout default
};

struct active_exchange;  // the pooled per-request state (exchange + body decoder)

class connection final : public std::enable_shared_from_this<connection>, public core::response_stream {
public:
    connection(asio::ip::tcp::socket socket, core::request_handler& handler,
               const connection_settings& settings, uint64_t id);
    ~connection();

    void start();

    // core::response_stream
    void send(core::exchange& ex, bool final, bool disconnect) override;
    void reset_connection() override;
    bool connected() const override { return open_; }
    void post(std::function<void()> fn) override;
    void exchange_finished(core::exchange& ex) override;

    // Called by the per-loop idle sweep. Returns true when the connection was closed for idleness.
    bool close_if_idle_since(uint64_t deadline_seconds);
    connection* idle_prev_ = nullptr;  // intrusive links of the per-loop registry
    connection* idle_next_ = nullptr;

private:
    enum class state : uint8_t { reading_head, reading_body, in_pipeline, closing };

    void read_more();
    void on_readable();
    void process_input();
    bool take_head();
    bool take_body();
    void dispatch();
    void fail_request(uint16_t status, std::string_view reason);
    void queue_output(std::string data);
    void write_pending();
    void recycle_written();
    void close_gracefully();
    void close_now();
    void touch();
    void ensure_input_buffer();
    void release_idle_resources();
    core::exchange& exchange();

    asio::ip::tcp::socket socket_;
    core::request_handler& handler_;
    const connection_settings& settings_;
    uint64_t id_;
    asio::ip::tcp::endpoint remote_;
    asio::ip::tcp::endpoint local_;
    uint64_t last_active_ = 0;  // coarse seconds, for the idle sweep

    // Input: [input_begin_, input_end_) of a pooled buffer, or no buffer at all while idle.
    char* input_ = nullptr;
    uint32_t input_begin_ = 0;
    uint32_t input_end_ = 0;

    bool reading_ = false;
    bool open_ = true;
    bool dispatching_ = false;
    bool finished_during_dispatch_ = false;
    bool close_after_response_ = false;
    bool write_in_flight_ = false;
    bool shutdown_after_write_ = false;
    bool body_chunked_ = false;
    state state_ = state::reading_head;
    head_plan plan_;
    uint64_t body_remaining_ = 0;
    uint64_t requests_served_ = 0;

    active_exchange* active_ = nullptr;  // pooled while a request is in progress
    std::vector<std::string> pending_;   // queued, not yet being written
    std::vector<std::string> writing_;   // buffers owned by the write in flight
    std::shared_ptr<connection> self_while_pending_;
    std::unique_ptr<core::connection_attachment> attachment_;
};

}  // namespace lintel::h1
