#include "http/h1/connection.h"

#include <asio/post.hpp>
#include <asio/write.hpp>
#include <cstring>
#include <unistd.h>

#include "core/log.h"
#include "core/url.h"

namespace lintel::h1 {

namespace {
constexpr size_t read_chunk = 16 * 1024;
constexpr std::string_view continue_response = "HTTP/1.1 100 Continue\r\n\r\n";

void fill_endpoint(core::endpoint& out, const asio::ip::tcp::endpoint& from) {
    std::memcpy(&out.address, from.data(), from.size());
    out.length = static_cast<socklen_t>(from.size());
}
}  // namespace

connection::connection(asio::ip::tcp::socket socket, core::request_handler& handler,
                       const connection_settings& settings, uint64_t id)
    : socket_(std::move(socket)),
      idle_timer_(socket_.get_executor()),
      handler_(handler),
      settings_(settings),
      id_(id) {}

connection::~connection() = default;

void connection::start() {
    asio::error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    auto remote = socket_.remote_endpoint(ignored);
    auto local = socket_.local_endpoint(ignored);
    fill_endpoint(exchange_.req.remote, remote);
    fill_endpoint(exchange_.req.local, local);
    exchange_.req.connection_id = id_;
    exchange_.attachment = &attachment_;
    head_.headers.reserve(32);
    input_.reserve(read_chunk);
    arm_idle_timer();
    read_more();
}

void connection::arm_idle_timer() {
    idle_timer_.expires_after(std::chrono::seconds(settings_.idle_timeout_seconds));
    idle_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (ec || self->state_ != state::reading_head || !self->open_) {
            return;
        }
        // Idle keep-alive connection (or a client that never finished its head): close, no response.
        self->open_ = false;
        asio::error_code ignored;
        self->socket_.close(ignored);
    });
}

void connection::read_more() {
    if (reading_ || !open_) {
        return;
    }
    // Compact consumed bytes so the buffer does not grow with keep-alive traffic.
    if (input_start_ > 0) {
        input_.erase(0, input_start_);
        input_start_ = 0;
    }
    size_t old_size = input_.size();
    input_.resize(old_size + read_chunk);
    reading_ = true;
    socket_.async_read_some(
        asio::buffer(input_.data() + old_size, read_chunk),
        [self = shared_from_this(), old_size](const asio::error_code& ec, size_t n) {
            self->reading_ = false;
            self->input_.resize(old_size + n);
            if (ec) {
                if (self->state_ != state::in_pipeline) {
                    self->open_ = false;
                    self->idle_timer_.cancel();
                    asio::error_code ignored;
                    self->socket_.close(ignored);
                }
                return;
            }
            self->process_input();
        });
}

void connection::process_input() {
    while (open_) {
        if (state_ == state::reading_head) {
            if (!take_head()) {
                return;
            }
        }
        if (state_ == state::reading_body) {
            if (!take_body()) {
                return;
            }
            dispatch();
        }
        if (state_ != state::reading_head) {
            return;  // exchange still running (async) or closing
        }
    }
}

bool connection::take_head() {
    std::string_view available(input_.data() + input_start_, input_.size() - input_start_);
    if (available.empty()) {
        read_more();
        return false;
    }
    parse_error error;
    parse_result result = parse_request_head(available, head_, error, settings_.parse_limits);
    if (result == parse_result::incomplete) {
        read_more();
        return false;
    }
    if (result == parse_result::error) {
        fail_request(error.status, error.reason);
        return false;
    }
    idle_timer_.cancel();
    core::request& req = exchange_.req;
    req.method.assign(head_.method);
    req.target.assign(head_.target);
    req.version_major = head_.version_major;
    req.version_minor = head_.version_minor;
    req.keep_alive = head_.keep_alive;
    for (const auto& field : head_.headers) {
        req.headers.add(field.name, field.value);
    }
    if (!core::split_and_canonicalize(head_.target, req.path, req.query)) {
        fail_request(400, "Bad Request - Invalid URL");
        return false;
    }
    input_start_ += head_.head_length;
    body_chunked_ = head_.body == body_kind::chunked;
    body_remaining_ = head_.body == body_kind::content_length ? head_.content_length : 0;
    if (head_.body == body_kind::content_length && head_.content_length > settings_.max_request_body) {
        fail_request(413, "Request Entity Too Large");
        return false;
    }
    if (body_chunked_) {
        dechunker_ = chunked_decoder();
    }
    sent_continue_ = false;
    const bool body_expected = head_.body == body_kind::chunked ||
                               (head_.body == body_kind::content_length && head_.content_length > 0);
    if (head_.expect_continue && body_expected && input_start_ == input_.size()) {
        queue_output(std::string(continue_response));
        sent_continue_ = true;
    }
    state_ = state::reading_body;
    return true;
}

bool connection::take_body() {
    std::string_view available(input_.data() + input_start_, input_.size() - input_start_);
    core::request& req = exchange_.req;
    if (body_chunked_) {
        auto step = dechunker_.decode(available, req.body);
        input_start_ += step.consumed;
        if (step.error) {
            fail_request(400, "Bad Request");
            return false;
        }
        if (req.body.size() > settings_.max_request_body) {
            fail_request(413, "Request Entity Too Large");
            return false;
        }
        if (!step.done) {
            read_more();
            return false;
        }
        return true;
    }
    if (body_remaining_ > 0) {
        size_t take = static_cast<size_t>(std::min<uint64_t>(body_remaining_, available.size()));
        req.body.append(available.data(), take);
        input_start_ += take;
        body_remaining_ -= take;
        if (body_remaining_ > 0) {
            read_more();
            return false;
        }
    }
    return true;
}

void connection::dispatch() {
    state_ = state::in_pipeline;
    ++requests_served_;
    exchange_.req.request_id = requests_served_;
    exchange_.head_request = exchange_.req.method == "HEAD";
    close_after_response_ = !exchange_.req.keep_alive;
    auto keep_alive_while_running = shared_from_this();
    dispatching_ = true;
    finished_during_dispatch_ = false;
    handler_.handle(exchange_, *this);
    dispatching_ = false;
    if (!finished_during_dispatch_) {
        // The pipeline went asynchronous: hold the connection until exchange_finished.
        self_while_pending_ = std::move(keep_alive_while_running);
    }
}

void connection::exchange_finished(core::exchange& ex) {
    (void)ex;
    finished_during_dispatch_ = true;
    auto self = std::move(self_while_pending_);
    if (!open_ || close_after_response_) {
        state_ = state::closing;
        close_gracefully();
        return;
    }
    // Keep the endpoints and connection id; everything else starts fresh.
    core::endpoint remote = exchange_.req.remote;
    core::endpoint local = exchange_.req.local;
    exchange_.reset();
    exchange_.req.remote = remote;
    exchange_.req.local = local;
    exchange_.req.connection_id = id_;
    exchange_.attachment = &attachment_;
    state_ = state::reading_head;
    if (input_start_ == input_.size()) {
        arm_idle_timer();
    }
    if (!dispatching_) {
        process_input();  // the exchange completed asynchronously; continue with pipelined input
    }
}

void connection::send(core::exchange& ex, bool final, bool disconnect) {
    core::response& resp = ex.resp;
    if (!open_) {
        resp.body.clear();
        return;
    }
    if (disconnect) {
        close_after_response_ = true;
    }
    std::string out = take_buffer();
    if (!resp.headers_sent) {
        if (resp.suppress_headers) {
            // The module writes its own head into the body: nothing frames it but the end of the connection.
            plan_ = head_plan{body_framing::close_delimited, true};
        } else {
            plan_ = plan_response_head(ex, final, close_after_response_);
            serialize_response_head(ex, plan_, out);
        }
        if (plan_.close) {
            close_after_response_ = true;
        }
        resp.headers_sent = true;
    }
    const bool discard_body = ex.head_request || plan_.framing == body_framing::none;
    for (auto& chunk : resp.body) {
        std::string_view data;
        std::string file_data;
        if (chunk.type == core::body_chunk::kind::memory) {
            data = chunk.memory();
        } else if (!discard_body) {
            uint64_t length = chunk.length;
            file_data.resize(static_cast<size_t>(length));
            size_t done = 0;
            while (done < length) {
                ssize_t n = ::pread(chunk.fd, file_data.data() + done, length - done,
                                    static_cast<off_t>(chunk.offset + done));
                if (n <= 0) {
                    break;
                }
                done += static_cast<size_t>(n);
            }
            file_data.resize(done);
            data = file_data;
        }
        resp.body_bytes_sent += data.size();
        if (discard_body || data.empty()) {
            continue;
        }
        if (plan_.framing == body_framing::chunked) {
            char size_line[24];
            int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", data.size());
            out.append(size_line, static_cast<size_t>(len));
            out.append(data);
            out.append("\r\n");
        } else {
            out.append(data);
        }
    }
    resp.body.clear();
    if (final && plan_.framing == body_framing::chunked && !discard_body) {
        out.append("0\r\n\r\n");
    }
    if (!out.empty()) {
        queue_output(std::move(out));
    }
}

void connection::reset_connection() {
    if (!open_) {
        return;
    }
    open_ = false;
    asio::error_code ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    socket_.close(ignored);
    idle_timer_.cancel();
    pending_.clear();
}

void connection::post(std::function<void()> fn) {
    asio::post(socket_.get_executor(), std::move(fn));
}

void connection::fail_request(uint16_t status, std::string_view reason) {
    std::string out;
    serialize_error_response(status, reason, out);
    queue_output(std::move(out));
    state_ = state::closing;
    close_gracefully();
}

void connection::queue_output(std::string data) {
    pending_.push_back(std::move(data));
    write_pending();
}

void connection::write_pending() {
    if (write_in_flight_ || pending_.empty() || !open_) {
        return;
    }
    writing_.swap(pending_);
    std::vector<asio::const_buffer> buffers;
    buffers.reserve(writing_.size());
    for (const auto& piece : writing_) {
        buffers.emplace_back(asio::buffer(piece));
    }
    write_in_flight_ = true;
    asio::async_write(socket_, buffers,
                      [self = shared_from_this()](const asio::error_code& ec, size_t) {
                          self->write_in_flight_ = false;
                          self->recycle_written();
                          if (ec) {
                              self->open_ = false;
                              asio::error_code ignored;
                              self->socket_.close(ignored);
                              self->idle_timer_.cancel();
                              return;
                          }
                          if (!self->pending_.empty()) {
                              self->write_pending();
                          } else if (self->shutdown_after_write_) {
                              self->close_gracefully();
                          }
                      });
}

std::string connection::take_buffer() {
    if (spare_.empty()) {
        return {};
    }
    std::string buffer = std::move(spare_.back());
    spare_.pop_back();
    return buffer;
}

void connection::recycle_written() {
    // Written buffers keep their capacity for the next responses: a keep-alive connection serialises without
    // allocating once warm. Very large buffers are released rather than pinned.
    constexpr size_t keep_at_most = 4;
    constexpr size_t largest_kept = 256 * 1024;
    for (auto& buffer : writing_) {
        if (spare_.size() < keep_at_most && buffer.capacity() <= largest_kept) {
            buffer.clear();
            spare_.push_back(std::move(buffer));
        }
    }
    writing_.clear();
}

void connection::close_gracefully() {
    shutdown_after_write_ = true;
    if (write_in_flight_ || !pending_.empty() || !open_) {
        if (!open_) {
            idle_timer_.cancel();
        }
        return;
    }
    open_ = false;
    asio::error_code ignored;
    socket_.shutdown(asio::socket_base::shutdown_send, ignored);
    // Drain what the client still sends so that close() does not turn into a reset that could destroy the
    // response in flight; the idle timer bounds how long we wait.
    auto drain = std::make_shared<std::array<char, 4096>>();
    idle_timer_.expires_after(std::chrono::seconds(5));
    idle_timer_.async_wait([self = shared_from_this()](const asio::error_code& ec) {
        if (!ec) {
            asio::error_code ignored2;
            self->socket_.close(ignored2);
        }
    });
    struct drainer {
        std::shared_ptr<connection> self;
        std::shared_ptr<std::array<char, 4096>> buffer;
        void operator()(const asio::error_code& ec, size_t) {
            if (ec) {
                asio::error_code ignored3;
                self->idle_timer_.cancel();
                self->socket_.close(ignored3);
                return;
            }
            self->socket_.async_read_some(asio::buffer(*buffer), std::move(*this));
        }
    };
    socket_.async_read_some(asio::buffer(*drain), drainer{shared_from_this(), drain});
}

}  // namespace lintel::h1
