#include "http/h1/connection.h"

#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "core/log.h"
#include "core/url.h"
#include "io/handler_memory.h"

namespace lintel::h1 {

// Queued output: bytes, or a region of a file sent with sendfile (its own descriptor, a dup of the module's).
struct output_piece {
    std::string data;
    int fd = -1;
    uint64_t offset = 0;
    uint64_t length = 0;
};

// File chunks larger than this go out with sendfile; smaller ones are copied next to the headers so that the
// response leaves in one write.
constexpr uint64_t sendfile_threshold = 32 * 1024;

struct active_exchange {
    core::exchange ex;
    chunked_decoder dechunker;
    uint64_t body_remaining = 0;
    connection_ptr self_while_pending;  // holds the connection while the pipeline is pending
    std::vector<output_piece> pending;  // queued output, not yet being written
    std::vector<std::string> writing;  // buffers owned by the write in flight
};

namespace {

constexpr uint32_t input_capacity = 20 * 1024;  // a whole request head (16 KiB limit) plus what follows it
constexpr std::string_view continue_response = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr unsigned closing_linger_seconds = 5;

uint32_t coarse_seconds() {
    using namespace std::chrono;
    return static_cast<uint32_t>(duration_cast<seconds>(steady_clock::now().time_since_epoch()).count());
}

void fill_endpoint(core::endpoint& out, const asio::ip::tcp::endpoint& from) {
    std::memcpy(&out.address, from.data(), from.size());
    out.length = static_cast<socklen_t>(from.size());
}

// Everything a loop shares between its connections. Touched only by the loop's own thread.
struct loop_resources {
    std::vector<char*> input_buffers;
    std::vector<active_exchange*> exchanges;
    std::vector<std::string> output_buffers;
    request_head head;  // parser scratch: a head is copied into the exchange before anything else runs

    // Idle registry: every open connection of this loop, swept once a second.
    connection* first = nullptr;
    std::unique_ptr<asio::steady_timer> sweep_timer;
    bool sweeping = false;
    unsigned idle_timeout = 120;

    ~loop_resources() {
        for (char* buffer : input_buffers) delete[] buffer;
        for (active_exchange* active : exchanges) delete active;
        // Connections that outlive this thread (destroyed later with the io_context) must not unlink.
        for (connection* c = first; c != nullptr;) {
            connection* next = c->idle_next_;
            c->idle_prev_ = c->idle_next_ = nullptr;
            c = next;
        }
        first = nullptr;
        alive = false;
    }

    bool alive = true;
};

thread_local loop_resources resources;

char* take_input_buffer() {
    if (!resources.input_buffers.empty()) {
        char* buffer = resources.input_buffers.back();
        resources.input_buffers.pop_back();
        return buffer;
    }
    return new char[input_capacity];
}

void give_input_buffer(char* buffer) {
    if (resources.alive && resources.input_buffers.size() < 1024) {
        resources.input_buffers.push_back(buffer);
    } else {
        delete[] buffer;
    }
}

active_exchange* take_exchange() {
    if (!resources.exchanges.empty()) {
        active_exchange* active = resources.exchanges.back();
        resources.exchanges.pop_back();
        return active;
    }
    auto* active = new active_exchange();
    active->pending.reserve(4);
    active->writing.reserve(4);
    return active;
}

void give_exchange(active_exchange* active) {
    if (resources.alive && resources.exchanges.size() < 1024) {
        resources.exchanges.push_back(active);
    } else {
        delete active;
    }
}

std::string take_output_buffer() {
    if (resources.output_buffers.empty()) {
        return {};
    }
    std::string buffer = std::move(resources.output_buffers.back());
    resources.output_buffers.pop_back();
    return buffer;
}

void give_output_buffer(std::string&& buffer) {
    constexpr size_t largest_kept = 256 * 1024;
    if (resources.alive && resources.output_buffers.size() < 256 && buffer.capacity() <= largest_kept) {
        buffer.clear();
        resources.output_buffers.push_back(std::move(buffer));
    }
}

void schedule_sweep();

void sweep(const asio::error_code& ec) {
    resources.sweeping = false;
    if (ec || !resources.alive) {
        return;
    }
    const uint32_t now = coarse_seconds();
    for (connection* c = resources.first; c != nullptr;) {
        connection* next = c->idle_next_;  // closing never unlinks synchronously
        c->close_if_idle_since(now);
        c = next;
    }
    if (resources.first != nullptr) {
        schedule_sweep();
    }
}

void schedule_sweep() {
    if (resources.sweeping || !resources.sweep_timer) {
        return;
    }
    resources.sweeping = true;
    resources.sweep_timer->expires_after(std::chrono::seconds(1));
    resources.sweep_timer->async_wait(sweep);
}

}  // namespace

connection_ptr::connection_ptr(connection* target) : target_(target) {
    if (target_ != nullptr) {
        ++target_->references_;
    }
}

connection_ptr::~connection_ptr() {
    if (target_ != nullptr && --target_->references_ == 0) {
        delete target_;
    }
}

connection::connection(socket_type socket, const connection_context& context, uint64_t id)
    : socket_(std::move(socket)), context_(context), id_(id) {}

void connection::launch(socket_type socket, const connection_context& context, uint64_t id) {
    connection_ptr created(new connection(std::move(socket), context, id));
    created->start();
}

connection::~connection() {
    if (idle_prev_ != nullptr) {
        idle_prev_->idle_next_ = idle_next_;
    } else if (resources.first == this) {
        resources.first = idle_next_;
    }
    if (idle_next_ != nullptr) {
        idle_next_->idle_prev_ = idle_prev_;
    }
    if (input_ != nullptr) {
        give_input_buffer(input_);
    }
    if (active_ != nullptr) {
        drop_pending();
        active_->ex.reset();
        active_->writing.clear();
        give_exchange(active_);
    }
}

void connection::drop_pending() {
    if (active_ == nullptr) return;
    for (auto& piece : active_->pending) {
        if (piece.fd >= 0) ::close(piece.fd);
    }
    active_->pending.clear();
}

void connection::start() {
    asio::error_code ignored;
    socket_.set_option(asio::ip::tcp::no_delay(true), ignored);
    socket_.non_blocking(true, ignored);
    remote_ = socket_.remote_endpoint(ignored);
    local_ = socket_.local_endpoint(ignored);
    // Register with the loop's idle sweep.
    if (!resources.sweep_timer) {
        resources.sweep_timer = std::make_unique<asio::steady_timer>(socket_.get_executor());
    }
    resources.idle_timeout = context_.settings.idle_timeout_seconds;
    idle_next_ = resources.first;
    if (resources.first != nullptr) {
        resources.first->idle_prev_ = this;
    }
    resources.first = this;
    schedule_sweep();
    touch();
    read_more();
}

void connection::touch() { last_active_ = coarse_seconds(); }

bool connection::close_if_idle_since(uint32_t now) {
    if (!open_ && state_ != state::closing) {
        return false;
    }
    if (state_ == state::closing) {
        if (last_active_ + closing_linger_seconds <= now) {
            close_now();
            return true;
        }
        return false;
    }
    // A module waits for body bytes that do not come: connectionTimeout applies; the read fails.
    if (state_ == state::in_pipeline && body_handler_ != nullptr &&
        last_active_ + context_.settings.idle_timeout_seconds <= now) {
        close_now();
        return true;
    }
    // Waiting for (the rest of) a request head with nothing being written: connectionTimeout applies.
    if (state_ == state::reading_head && !write_in_flight_ &&
        last_active_ + context_.settings.idle_timeout_seconds <= now) {
        close_now();
        return true;
    }
    return false;
}

core::exchange& connection::exchange() {
    if (active_ == nullptr) {
        active_ = take_exchange();
        core::exchange& ex = active_->ex;
        fill_endpoint(ex.req.remote, remote_);
        fill_endpoint(ex.req.local, local_);
        ex.req.connection_id = id_;
        ex.attachment = &attachment_;
    }
    return active_->ex;
}

void connection::ensure_input_buffer() {
    if (input_ == nullptr) {
        input_ = take_input_buffer();
        input_begin_ = input_end_ = 0;
    }
}

void connection::release_idle_resources() {
    // Only a connection that waits for a new request with nothing buffered and nothing to write gives its
    // buffers back; a busy keep-alive connection keeps them between requests.
    if (state_ != state::reading_head || dispatching_) {
        return;
    }
    // The input buffer goes back unless a read into it is in flight.
    if (input_ != nullptr && input_begin_ == input_end_ && !reading_) {
        give_input_buffer(input_);
        input_ = nullptr;
        input_begin_ = input_end_ = 0;
    }
    // The exchange holds the output queue: it goes back once everything was written.
    if (active_ != nullptr && input_ == nullptr && !write_in_flight_ && active_->pending.empty()) {
        active_->ex.reset();
        give_exchange(active_);
        active_ = nullptr;
    }
}

void connection::close_now() {
    if (open_) {
        open_ = false;
    }
    state_ = state::closing;
    asio::error_code ignored;
    socket_.close(ignored);
    if (drain_handler_ != nullptr) {
        asio::post(socket_.get_executor(), io::pooled([self = self()] { self->check_drained(); }));
    }
}

void connection::read_more() {
    if (reading_ || !open_) {
        return;
    }
    reading_ = true;
    if (input_ == nullptr) {
        // Idle: wait for readability without holding a buffer.
        socket_.async_wait(asio::socket_base::wait_read,
                           io::pooled([self = self()](const asio::error_code& ec) {
                               self->reading_ = false;
                               if (ec) {
                                   if (self->state_ != state::in_pipeline) self->close_now();
                                   return;
                               }
                               self->on_readable();
                           }));
        return;
    }
    if (input_begin_ > 0 && input_end_ == input_capacity) {
        std::memmove(input_, input_ + input_begin_, input_end_ - input_begin_);
        input_end_ -= input_begin_;
        input_begin_ = 0;
    }
    socket_.async_read_some(
        asio::buffer(input_ + input_end_, input_capacity - input_end_),
        io::pooled([self = self()](const asio::error_code& ec, size_t n) {
            self->reading_ = false;
            if (ec == asio::error::eof && self->write_in_flight_) {
                self->state_ = state::closing;  // half-closed client: finish the response, then close
                self->shutdown_after_write_ = true;
                return;
            }
            if (ec) {
                if (self->state_ != state::in_pipeline) self->close_now();
                return;
            }
            self->input_end_ += static_cast<uint32_t>(n);
            self->touch();
            self->process_input();
        }));
}

void connection::on_readable() {
    ensure_input_buffer();
    asio::error_code ec;
    size_t n = socket_.read_some(asio::buffer(input_ + input_end_, input_capacity - input_end_), ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
        release_idle_resources();
        read_more();
        return;
    }
    if (ec == asio::error::eof && (write_in_flight_ || (active_ != nullptr && !active_->pending.empty()))) {
        // A half-closed client still gets the response it asked for: finish writing, then close.
        state_ = state::closing;
        shutdown_after_write_ = true;
        return;
    }
    if (ec) {
        close_now();
        return;
    }
    input_end_ += static_cast<uint32_t>(n);
    touch();
    process_input();
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
    if (input_ == nullptr || input_begin_ == input_end_) {
        release_idle_resources();
        read_more();
        return false;
    }
    std::string_view available(input_ + input_begin_, input_end_ - input_begin_);
    request_head& head = resources.head;
    parse_error error;
    parse_result result = parse_request_head(available, head, error, context_.settings.parse_limits);
    if (result == parse_result::incomplete) {
        if (input_begin_ == 0 && input_end_ == input_capacity) {
            fail_request(400, "Bad Request - Request Too Long");
            return false;
        }
        read_more();
        return false;
    }
    if (result == parse_result::error) {
        fail_request(error.status, error.reason);
        return false;
    }
    core::exchange& ex = exchange();
    core::request& req = ex.req;
    req.method.assign(head.method);
    req.target.assign(head.target);
    req.version_major = head.version_major;
    req.version_minor = head.version_minor;
    req.keep_alive = head.keep_alive;
    for (const auto& field : head.headers) {
        // Repeated fields reach modules as one, as http.sys presents them: "a, b" ("a; b" for Cookie).
        if (std::string* existing = req.headers.find(field.name)) {
            existing->append(core::iequals(field.name, "Cookie") ? "; " : ", ").append(field.value);
        } else {
            req.headers.add(field.name, field.value);
        }
    }
    if (!core::split_and_canonicalize(head.target, req.path, req.query)) {
        fail_request(400, "Bad Request - Invalid URL");
        return false;
    }
    // An absolute-form target names the host; a Host field is then ignored (RFC 9112 section 3.2.2), as
    // http.sys cooks the URL from the target.
    if (!head.target.empty() && head.target.front() != '/' && head.target.find("://") != std::string_view::npos) {
        std::string_view authority = head.target.substr(head.target.find("://") + 3);
        authority = authority.substr(0, authority.find_first_of("/?"));
        req.headers.set("Host", authority, true);
    }
    input_begin_ += static_cast<uint32_t>(head.head_length);
    body_chunked_ = head.body == body_kind::chunked;
    active_->body_remaining = head.body == body_kind::content_length ? head.content_length : 0;
    if (head.body == body_kind::content_length && head.content_length > context_.settings.max_request_body) {
        fail_request(413, "Request Entity Too Large");
        return false;
    }
    if (body_chunked_) {
        active_->dechunker.reset();
    }
    const bool body_expected =
        body_chunked_ || (head.body == body_kind::content_length && head.content_length > 0);
    if (head.expect_continue && body_expected && input_begin_ == input_end_) {
        queue_output(std::string(continue_response));
    }
    state_ = state::reading_body;
    return true;
}

// Preload: the pipeline starts once the whole body or preload_bytes of it are here, as IIS does; modules read
// the rest with ReadEntityBody (read_body_now / read_body_async below).
bool connection::take_body() {
    std::string_view available(input_ + input_begin_, input_end_ - input_begin_);
    core::request& req = active_->ex.req;
    if (body_chunked_) {
        if (active_->dechunker.done()) {
            return true;
        }
        const size_t room = req.body.size() < preload_bytes ? preload_bytes - req.body.size() : 0;
        const size_t old_size = req.body.size();
        req.body.resize(old_size + room);
        size_t produced = 0;
        auto step = active_->dechunker.decode(available, req.body.data() + old_size, room, produced);
        req.body.resize(old_size + produced);
        input_begin_ += static_cast<uint32_t>(step.consumed);
        if (step.error) {
            fail_request(400, "Bad Request");
            return false;
        }
        if (!step.done && req.body.size() < preload_bytes) {
            if (input_begin_ == input_end_) input_begin_ = input_end_ = 0;
            read_more();
            return false;
        }
        return true;
    }
    if (active_->body_remaining > 0 && req.body.size() < preload_bytes) {
        size_t take = static_cast<size_t>(std::min<uint64_t>(
            std::min<uint64_t>(active_->body_remaining, available.size()), preload_bytes - req.body.size()));
        req.body.append(available.data(), take);
        input_begin_ += static_cast<uint32_t>(take);
        active_->body_remaining -= take;
        if (active_->body_remaining > 0 && req.body.size() < preload_bytes) {
            if (input_begin_ == input_end_) input_begin_ = input_end_ = 0;
            read_more();
            return false;
        }
    }
    return true;
}

bool connection::body_complete() const {
    if (active_ == nullptr) return true;
    return body_chunked_ ? active_->dechunker.done() : active_->body_remaining == 0;
}

uint64_t connection::body_remaining() const {
    if (body_complete()) return 0;
    return body_chunked_ ? UINT64_MAX : active_->body_remaining;
}

core::body_read_result connection::read_body_now(char* destination, size_t capacity) {
    core::body_read_result result;
    if (body_complete()) {
        result.end = true;
        return result;
    }
    if (input_ == nullptr || capacity == 0) {
        return result;
    }
    std::string_view available(input_ + input_begin_, input_end_ - input_begin_);
    if (body_chunked_) {
        size_t produced = 0;
        auto step = active_->dechunker.decode(available, destination, capacity, produced);
        input_begin_ += static_cast<uint32_t>(step.consumed);
        result.bytes = produced;
        if (step.error) {
            result.error = core::body_read_result::failure::connection;
            close_after_response_ = true;
        }
        result.end = step.done;
    } else {
        size_t take = static_cast<size_t>(
            std::min<uint64_t>(std::min<uint64_t>(active_->body_remaining, available.size()), capacity));
        std::memcpy(destination, available.data(), take);
        input_begin_ += static_cast<uint32_t>(take);
        active_->body_remaining -= take;
        result.bytes = take;
        result.end = active_->body_remaining == 0;
    }
    if (input_begin_ == input_end_) input_begin_ = input_end_ = 0;
    return result;
}

void connection::read_body_async(char* destination, size_t capacity, core::body_read_handler& handler) {
    body_handler_ = &handler;
    body_destination_ = destination;
    body_capacity_ = capacity;
    body_cancelled_ = false;
    if (!open_) {
        // Report the failure from the loop, never inline.
        asio::post(socket_.get_executor(), io::pooled([self = self()] {
            auto* pending = self->body_handler_;
            self->body_handler_ = nullptr;
            if (pending) {
                core::body_read_result failed;
                failed.error = core::body_read_result::failure::connection;
                pending->body_read_done(failed);
            }
        }));
        return;
    }
    read_body_more();
}

void connection::read_body_more() {
    ensure_input_buffer();
    if (input_end_ == input_capacity) {
        std::memmove(input_, input_ + input_begin_, input_end_ - input_begin_);
        input_end_ -= input_begin_;
        input_begin_ = 0;
    }
    reading_ = true;
    socket_.async_read_some(
        asio::buffer(input_ + input_end_, input_capacity - input_end_),
        io::pooled([self = self()](const asio::error_code& ec, size_t n) {
            self->reading_ = false;
            core::body_read_handler* handler = self->body_handler_;
            if (handler == nullptr) {
                return;
            }
            core::body_read_result result;
            if (ec) {
                result.error = (ec == asio::error::operation_aborted && self->body_cancelled_)
                                   ? core::body_read_result::failure::cancelled
                                   : core::body_read_result::failure::connection;
                self->close_after_response_ = true;  // the stream is no longer in a known state
            } else {
                self->input_end_ += static_cast<uint32_t>(n);
                self->touch();
                result = self->read_body_now(self->body_destination_, self->body_capacity_);
                if (result.bytes == 0 && !result.end && result.error == core::body_read_result::failure::none) {
                    self->read_body_more();  // only chunk framing arrived: keep waiting
                    return;
                }
            }
            self->body_handler_ = nullptr;
            handler->body_read_done(result);
        }));
}

bool connection::cancel_body_read() {
    if (body_handler_ == nullptr) {
        return false;
    }
    body_cancelled_ = true;
    close_after_response_ = true;
    asio::error_code ignored;
    socket_.cancel(ignored);
    return true;
}

void connection::dispatch() {
    state_ = state::in_pipeline;
    ++requests_served_;
    core::exchange& ex = active_->ex;
    ex.req.request_id = requests_served_;
    ex.req.source = body_complete() ? nullptr : this;
    ex.head_request = ex.req.method == "HEAD";
    close_after_response_ = !ex.req.keep_alive;
    auto keep_alive_while_running = self();
    core::exchanges_in_flight().fetch_add(1, std::memory_order_relaxed);
    dispatching_ = true;
    finished_during_dispatch_ = false;
    context_.handler.handle(ex, *this);
    dispatching_ = false;
    if (!finished_during_dispatch_) {
        // The pipeline went asynchronous: hold the connection until exchange_finished.
        active_->self_while_pending = std::move(keep_alive_while_running);
    } else if (state_ == state::reading_head) {
        release_idle_resources();
    }
}

void connection::exchange_finished(core::exchange& ex) {
    core::exchanges_in_flight().fetch_sub(1, std::memory_order_relaxed);
    finished_during_dispatch_ = true;
    auto keep = std::move(active_->self_while_pending);
    if (!body_complete()) {
        close_after_response_ = true;  // what the modules did not read is still on the wire: the stream is lost
    }
    if (!open_ || close_after_response_) {
        state_ = state::closing;
        close_gracefully();
        return;
    }
    ex.reset();
    ex.req.connection_id = id_;
    fill_endpoint(ex.req.remote, remote_);
    fill_endpoint(ex.req.local, local_);
    state_ = state::reading_head;
    touch();
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
    std::string out = take_output_buffer();
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
        } else if (!discard_body && chunk.length > sendfile_threshold) {
            // Large file region: its own piece, sent with sendfile from a duplicate of the module's handle (the
            // module may close its handle once the request is over).
            int copy = ::fcntl(chunk.fd, F_DUPFD_CLOEXEC, 3);
            if (copy < 0) {
                close_after_response_ = true;
                continue;
            }
            resp.body_bytes_sent += chunk.length;
            if (plan_.framing == body_framing::chunked) {
                char size_line[24];
                int len = std::snprintf(size_line, sizeof size_line, "%llx\r\n",
                                        static_cast<unsigned long long>(chunk.length));
                out.append(size_line, static_cast<size_t>(len));
            }
            if (!out.empty()) {
                queue_output(std::move(out));
                out = take_output_buffer();
            }
            output_piece file;
            file.fd = copy;
            file.offset = chunk.offset;
            file.length = chunk.length;
            queued_bytes_ += chunk.length;
            active_->pending.push_back(std::move(file));
            if (plan_.framing == body_framing::chunked) {
                out.append("\r\n");
            }
            continue;
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
    } else {
        give_output_buffer(std::move(out));
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
    drop_pending();
    queued_bytes_ = 0;
    if (drain_handler_ != nullptr) {
        asio::post(socket_.get_executor(), io::pooled([self = self()] { self->check_drained(); }));
    }
}

void connection::post(std::function<void()> fn) { asio::post(socket_.get_executor(), std::move(fn)); }

void connection::fail_request(uint16_t status, std::string_view reason) {
    std::string out = take_output_buffer();
    serialize_error_response(status, reason, out);
    queue_output(std::move(out));
    state_ = state::closing;
    close_gracefully();
}

void connection::queue_output(std::string data) {
    exchange();  // output lives with the active exchange
    queued_bytes_ += data.size();
    output_piece piece;
    piece.data = std::move(data);
    active_->pending.push_back(std::move(piece));
    write_pending();
}

void connection::notify_when_drained(size_t level, core::drain_handler& handler) {
    drain_handler_ = &handler;
    drain_level_ = level;
    // Never inline: even when the level is already reached, the answer comes from the loop.
    asio::post(socket_.get_executor(), io::pooled([self = self()] { self->check_drained(); }));
}

void connection::check_drained() {
    if (drain_handler_ == nullptr) {
        return;
    }
    if (!open_ || queued_bytes_ <= drain_level_) {
        core::drain_handler* handler = drain_handler_;
        drain_handler_ = nullptr;
        handler->output_drained(open_);
    }
}

void connection::recycle_written() {
    for (auto& buffer : active_->writing) {
        give_output_buffer(std::move(buffer));
    }
    active_->writing.clear();
}

void connection::write_pending() {
    if (write_in_flight_ || active_ == nullptr || active_->pending.empty() || !open_) {
        return;
    }
    auto& pending = active_->pending;
    if (pending.front().fd >= 0) {
        write_file();
        return;
    }
    // Consecutive byte pieces (pipelined responses, a 100-continue line) are merged so that a write is always
    // one buffer: no heap-allocated gather list per write.
    auto& writing = active_->writing;
    size_t taken = 0;
    while (taken < pending.size() && pending[taken].fd < 0) {
        if (taken == 0) {
            writing.push_back(std::move(pending[0].data));
        } else {
            writing[0].append(pending[taken].data);
            give_output_buffer(std::move(pending[taken].data));
        }
        ++taken;
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(taken));
    write_in_flight_ = true;
    asio::async_write(socket_, asio::buffer(writing[0]),
                      io::pooled([self = self()](const asio::error_code& ec, size_t written) {
                          self->write_in_flight_ = false;
                          self->queued_bytes_ -= std::min(self->queued_bytes_, written);
                          self->recycle_written();
                          if (ec) {
                              self->close_now();
                              self->queued_bytes_ = 0;
                              self->check_drained();
                              return;
                          }
                          self->check_drained();
                          self->touch();
                          self->after_write();
                      }));
}

void connection::after_write() {
    if (!active_->pending.empty()) {
        write_pending();
    } else if (shutdown_after_write_) {
        close_gracefully();
    } else if (state_ == state::reading_head) {
        release_idle_resources();
    }
}

void connection::write_file() {
    output_piece& piece = active_->pending.front();
    size_t budget = 4u << 20;  // then let the loop serve others before going on
    while (piece.length > 0 && budget > 0) {
        off_t offset = static_cast<off_t>(piece.offset);
        size_t count = static_cast<size_t>(std::min<uint64_t>(piece.length, budget));
        ssize_t n = ::sendfile(socket_.native_handle(), piece.fd, &offset, count);
        if (n > 0) {
            piece.offset += static_cast<uint64_t>(n);
            piece.length -= static_cast<uint64_t>(n);
            budget -= static_cast<size_t>(n);
            queued_bytes_ -= std::min<size_t>(queued_bytes_, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        }
        // An error, or the file shrank under us: the promised length can no longer be kept.
        core::log_warning("h1", "sendfile stopped with " + std::to_string(piece.length) + " bytes left");
        drop_pending();
        queued_bytes_ = 0;
        close_now();
        check_drained();
        return;
    }
    touch();
    if (piece.length == 0) {
        ::close(piece.fd);
        active_->pending.erase(active_->pending.begin());
        check_drained();
        if (budget > 0) {
            after_write();
            return;
        }
    } else {
        check_drained();
    }
    write_in_flight_ = true;
    socket_.async_wait(asio::socket_base::wait_write, io::pooled([self = self()](const asio::error_code& ec) {
        self->write_in_flight_ = false;
        if (ec) {
            self->drop_pending();
            self->queued_bytes_ = 0;
            self->close_now();
            self->check_drained();
            return;
        }
        self->after_write();
    }));
}

void connection::close_gracefully() {
    shutdown_after_write_ = true;
    state_ = state::closing;
    if (write_in_flight_ || (active_ != nullptr && !active_->pending.empty())) {
        return;
    }
    if (!open_) {
        return;
    }
    open_ = false;
    touch();
    asio::error_code ignored;
    socket_.shutdown(asio::socket_base::shutdown_send, ignored);
    // Drain what the client still sends so that close() does not turn into a reset that could destroy the
    // response in flight; the idle sweep closes the socket if the client never finishes.
    struct drainer {
        connection_ptr self;
        void operator()(const asio::error_code& ec) {
            if (ec) {
                return;
            }
            char scratch[4096];
            asio::error_code read_error;
            size_t n = self->socket_.read_some(asio::buffer(scratch), read_error);
            (void)n;
            if (read_error == asio::error::would_block || read_error == asio::error::try_again ||
                (!read_error && n > 0)) {
                self->socket_.async_wait(asio::socket_base::wait_read, std::move(*this));
                return;
            }
            asio::error_code ignored2;
            self->socket_.close(ignored2);
        }
    };
    socket_.async_wait(asio::socket_base::wait_read, drainer{self()});
}

}  // namespace lintel::h1
