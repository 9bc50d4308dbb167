// One HTTP/1.1 connection: reads requests, hands each complete request to the pipeline, writes responses in
// order. Lives on one loop; every method runs on that loop's thread.
//
// Requests are processed one at a time; pipelined requests wait in the input buffer until the previous exchange
// is finished, which keeps responses in request order without reordering buffers.
#pragma once

#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
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
    unsigned idle_timeout_seconds = 120;  // IIS connectionTimeout default
};

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

private:
    enum class state : uint8_t { reading_head, reading_body, in_pipeline, closing };

    void read_more();
    void process_input();
    bool take_head();
    bool take_body();
    void dispatch();
    void fail_request(uint16_t status, std::string_view reason);
    void queue_output(std::string data);
    std::string take_buffer();
    void recycle_written();
    void write_pending();
    void close_gracefully();
    void arm_idle_timer();

    asio::ip::tcp::socket socket_;
    asio::steady_timer idle_timer_;
    core::request_handler& handler_;
    const connection_settings& settings_;
    uint64_t id_;

    std::string input_;
    size_t input_start_ = 0;
    bool reading_ = false;
    bool open_ = true;
    state state_ = state::reading_head;

    request_head head_;
    chunked_decoder dechunker_;
    uint64_t body_remaining_ = 0;
    bool body_chunked_ = false;
    bool sent_continue_ = false;

    core::exchange exchange_;
    bool dispatching_ = false;   // inside handler_.handle(): finish re-enters process_input via the loop below
    bool finished_during_dispatch_ = false;
    head_plan plan_;
    bool close_after_response_ = false;

    std::vector<std::string> pending_;  // queued, not yet being written
    std::vector<std::string> writing_;  // buffers owned by the write in flight
    std::vector<std::string> spare_;    // written buffers kept for reuse
    bool write_in_flight_ = false;
    bool shutdown_after_write_ = false;
    uint64_t requests_served_ = 0;
    std::shared_ptr<connection> self_while_pending_;
    std::unique_ptr<core::connection_attachment> attachment_;
};

}  // namespace lintel::h1
