// The protocol-neutral request/response pair every front end (h1, later h2) fills, and the two interfaces that
// connect a front end to the request pipeline. Nothing here knows about a protocol or the SDK.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <vector>

#include "core/headers.h"

namespace lintel::core {

// The Server header value Lintel sends (modules see it in the response headers and may change or delete it).
inline constexpr std::string_view server_software = "Lintel/0.1.0";

struct endpoint {
    sockaddr_storage address{};
    socklen_t length = 0;

    std::string ip_text() const;  // "127.0.0.1" / "::1"
    uint16_t port() const;
};

// The part of a request body that was not preloaded stays on the connection; the pipeline pulls it through this
// interface. All calls on the exchange's loop thread.
struct body_read_result {
    size_t bytes = 0;
    bool end = false;       // the body is complete (bytes may still be > 0)
    enum class failure : uint8_t { none, cancelled, connection } error = failure::none;
};

class body_read_handler {
public:
    virtual void body_read_done(body_read_result result) = 0;

protected:
    ~body_read_handler() = default;
};

class body_source {
public:
    // Copies body bytes that are already buffered (decoded) into destination; never waits.
    virtual body_read_result read_body_now(char* destination, size_t capacity) = 0;
    // Waits for body bytes from the client, then completes through handler on the loop (never inline). At most
    // one read at a time.
    virtual void read_body_async(char* destination, size_t capacity, body_read_handler& handler) = 0;
    // Cancels a pending read: its completion reports `cancelled`. Returns whether one was pending.
    virtual bool cancel_body_read() = 0;
    // Bytes still expected (Content-Length), or UINT64_MAX while a chunked body has not ended.
    virtual uint64_t body_remaining() const = 0;

protected:
    ~body_source() = default;
};

struct request {
    std::string method;
    std::string target;  // the request-target exactly as received
    std::string path;    // percent-decoded absolute path, without the query
    std::string query;   // after '?', still encoded; empty when there is none
    uint16_t version_major = 1;
    uint16_t version_minor = 1;
    header_list headers;
    // The entity body received so far, de-chunked. Readers consume from body_offset; InsertEntityBody places data
    // before the unread part.
    std::string body;
    size_t body_offset = 0;
    bool keep_alive = true;
    bool secure = false;
    endpoint remote;
    endpoint local;
    uint64_t connection_id = 0;
    uint64_t request_id = 0;
    // Non-null while part of the body is still on the connection (beyond the preloaded `body`).
    body_source* source = nullptr;

    void reset();
    size_t unread_body() const { return body.size() - body_offset; }
};

// One piece of response entity. Memory chunks either own a copy (`owned`) or reference caller memory that the
// caller keeps alive for the whole request (WriteEntityChunkByReference).
struct body_chunk {
    enum class kind : uint8_t { memory, file };
    kind type = kind::memory;
    std::string owned;
    const char* data = nullptr;
    size_t size = 0;
    int fd = -1;
    uint64_t offset = 0;
    uint64_t length = 0;  // for files: bytes from offset; UINT64_MAX means to the end of the file

    std::string_view memory() const { return owned.empty() ? std::string_view(data, size) : owned; }
};

struct response {
    uint16_t status = 200;
    uint16_t substatus = 0;
    std::string reason = "OK";
    header_list headers;
    std::vector<body_chunk> body;  // chunks not yet handed to the front end
    bool headers_sent = false;
    bool suppress_headers = false;
    bool buffering_disabled = false;
    bool need_disconnect = false;
    bool connection_reset = false;
    uint64_t body_bytes_sent = 0;
    int32_t error_to_report = 0;  // the HRESULT a module attached with SetStatus
    // The pipeline put the Server header into `headers` (so modules can remove it); the front end must not add
    // one of its own.
    bool server_header_managed = false;

    void reset();
    uint64_t buffered_body_size() const;
};

// State the application layer keeps per connection (IHttpConnection's module contexts and memory). The front end
// owns it and destroys it, on the connection's loop, when the connection ends.
class connection_attachment {
public:
    virtual ~connection_attachment() = default;
};

struct exchange {
    request req;
    response resp;
    bool head_request = false;  // HEAD: the front end sends headers only
    // Owned by the connection and kept across its exchanges; the pipeline creates it on first use.
    std::unique_ptr<connection_attachment>* attachment = nullptr;

    void reset() {
        req.reset();
        resp.reset();
        head_request = false;
    }
};

class drain_handler {
public:
    // The queued output fell to the requested level (connected=true), or the connection is gone (false).
    virtual void output_drained(bool connected) = 0;

protected:
    ~drain_handler() = default;
};

// What a protocol front end offers the pipeline for one exchange. All calls on the exchange's loop thread.
class response_stream {
public:
    // Bytes handed to send() and not yet written to the socket.
    virtual size_t queued_output() const = 0;
    // Calls handler (from the loop, never inline) once queued_output() <= level or the connection is gone. One
    // registration at a time.
    virtual void notify_when_drained(size_t level, drain_handler& handler) = 0;

    // Serialises the status line and headers (once, unless suppressed) and takes the response's pending body
    // chunks. final=true: the response is complete. disconnect=true: close the connection after this data.
    // Never blocks: the data is queued and written asynchronously.
    virtual void send(exchange& ex, bool final, bool disconnect) = 0;
    // Aborts the connection now (TCP RST); queued and later data are dropped.
    virtual void reset_connection() = 0;
    virtual bool connected() const = 0;
    // Runs fn later on the exchange's loop thread, never inline.
    virtual void post(std::function<void()> fn) = 0;
    // The pipeline is completely done with the exchange (after END_REQUEST and every Dispose). The front end may
    // reuse the exchange after this call.
    virtual void exchange_finished(exchange& ex) = 0;

protected:
    ~response_stream() = default;
};

// Implemented by the application layer; front ends hand every complete request head (+ body) to it.
class request_handler {
public:
    virtual void handle(exchange& ex, response_stream& stream) = 0;

protected:
    ~request_handler() = default;
};

std::string_view default_reason_phrase(uint16_t status);

// Exchanges a front end handed to the pipeline and that are not finished yet, across all loops. A graceful
// shutdown waits for it to reach zero. Relaxed atomics: a counter, not a synchronisation point.
std::atomic<int64_t>& exchanges_in_flight();

}  // namespace lintel::core
