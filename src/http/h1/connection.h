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

// The socket type of a connection: bound to the loop's io_context executor (8 bytes) rather than the
// polymorphic any_io_executor, which matters with 10,000 idle connections.
using socket_type = asio::basic_stream_socket<asio::ip::tcp, asio::io_context::executor_type>;

// What every connection of one listener shares.
struct connection_context {
    core::request_handler& handler;
    const connection_settings& settings;
};

class connection;

// Keeps a connection alive while an operation on it is pending. An intrusive count instead of shared_ptr:
// no control block and no weak pointer in every idle connection.
class connection_ptr {
public:
    connection_ptr() = default;
    explicit connection_ptr(connection* target);
    connection_ptr(const connection_ptr& other) : connection_ptr(other.target_) {}
    connection_ptr(connection_ptr&& other) noexcept : target_(other.target_) { other.target_ = nullptr; }
    connection_ptr& operator=(connection_ptr other) noexcept {
        std::swap(target_, other.target_);
        return *this;
    }
    ~connection_ptr();
    connection* operator->() const { return target_; }
    explicit operator bool() const { return target_ != nullptr; }

private:
    connection* target_ = nullptr;
};

class connection final : public core::response_stream, public core::body_source {
public:
    // Creates a connection for an accepted socket and starts reading; it lives while operations are pending.
    static void launch(socket_type socket, const connection_context& context, uint64_t id);
    ~connection();

    // core::response_stream
    void send(core::exchange& ex, bool final, bool disconnect) override;
    void reset_connection() override;
    bool connected() const override { return open_; }
    void post(std::function<void()> fn) override;
    void exchange_finished(core::exchange& ex) override;
    size_t queued_output() const override { return queued_bytes_; }
    void notify_when_drained(size_t level, core::drain_handler& handler) override;

    // core::body_source: the body beyond the preload, pulled by the pipeline.
    core::body_read_result read_body_now(char* destination, size_t capacity) override;
    void read_body_async(char* destination, size_t capacity, core::body_read_handler& handler) override;
    bool cancel_body_read() override;
    uint64_t body_remaining() const override;

    // IIS preloads this much of a request body before the pipeline starts (uploadReadAheadSize default).
    static constexpr size_t preload_bytes = 49152;

    // Called by the per-loop idle sweep. Returns true when the connection was closed for idleness.
    bool close_if_idle_since(uint32_t now_seconds);
    connection* idle_prev_ = nullptr;  // intrusive links of the per-loop registry
    connection* idle_next_ = nullptr;

private:
    friend class connection_ptr;
    connection(socket_type socket, const connection_context& context, uint64_t id);
    void start();
    connection_ptr self() { return connection_ptr(this); }

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
    void write_file();
    void after_write();
    void drop_pending();
    void recycle_written();
    void close_gracefully();
    void close_now();
    void touch();
    void ensure_input_buffer();
    void read_body_more();
    bool body_complete() const;
    void release_idle_resources();
    core::exchange& exchange();

    socket_type socket_;
    const connection_context& context_;
    uint64_t id_;
    asio::ip::tcp::endpoint remote_;
    asio::ip::tcp::endpoint local_;
    uint32_t last_active_ = 0;  // coarse seconds, for the idle sweep
    uint32_t references_ = 0;

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
    uint32_t requests_served_ = 0;

    active_exchange* active_ = nullptr;  // pooled while a request is in progress
    core::body_read_handler* body_handler_ = nullptr;  // a pending read_body_async
    core::drain_handler* drain_handler_ = nullptr;     // waits for queued output to fall to drain_level_
    size_t drain_level_ = 0;
    size_t queued_bytes_ = 0;                          // handed to send(), not yet written
    void check_drained();
    char* body_destination_ = nullptr;
    size_t body_capacity_ = 0;
    bool body_cancelled_ = false;
    std::unique_ptr<core::connection_attachment> attachment_;
};

}  // namespace lintel::h1
