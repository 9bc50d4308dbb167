// Test module: calls the core IIS request/response/context API from inside the pipeline and
// reports what it observed, for tests/integration/test_api_*.py, test_connection_control.py and
// test_http1_basics.py (helpers in tests/integration/api_helpers.py).
//
// One image, two roles chosen by the configuration name RegisterModule receives:
//   * "Peer..." (case-insensitive prefix): a bystander subscribed to RQ_EXECUTE_REQUEST_HANDLER
//     and RQ_CUSTOM_NOTIFICATION only. As a mapped handler it writes
//     "peer-ran;peer-islast=<0|1>;"; on a custom notification it sets the response header
//     X-Peer-Custom to the provider's notification type.
//   * anything else: the probe. It is the mapped handler and picks an action from the URL path
//     ("/probe/<action>[.ext][?query]") or from the request header X-Probe-Action, which wins.
//
// Report format (the body of most actions): one "key=value\n" line per observation; '%',
// control bytes and bytes >= 0x7f in a value are written as %XX. A line without '=' means the
// API returned NULL.
//
// Event log: when the environment variable API_PROBE_LOG names a file and the request carries
// the header X-Probe-Id, the probe appends "<id> <event> [key=value ...]\n" lines (begin, send,
// flushed, after_reset, post_execute, log, end, dispose, cleanup, custom), one write() per line.
//
// Request headers read outside the handler (they act before handler mapping or after it):
//   X-Probe-SetUrl: <url>        OnBeginRequest calls IHttpRequest::SetUrl(url).
//   X-Probe-Context: 1           OnBeginRequest stores a module context, then tries a second one.
//   X-Probe-Send-Disconnect: 1   OnSendResponse ORs HTTP_SEND_RESPONSE_FLAG_DISCONNECT into the
//                                flags.

// windows.h comes first, as in every IIS module source.
// clang-format off
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
// clang-format on

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

IHttpServer* g_server = nullptr;

// ---- small text helpers -------------------------------------------------------------------------

std::string hex32(uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

std::string hex64(uint64_t value) {
    char text[24];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

// FNV-1a, 64 bit: a digest both sides can compute in a few lines.
uint64_t fnv1a(const void* data, size_t size, uint64_t hash = 0xcbf29ce484222325ull) {
    const unsigned char* bytes = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) {
        hash ^= bytes[i];
        hash *= 0x100000001b3ull;
    }
    return hash;
}

// UTF-8 from a wide string of `count` characters (WCHAR is UTF-32 on Linux).
std::string narrow(PCWSTR text, size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) {
        const uint32_t c = static_cast<uint32_t>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xc0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xe0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (c & 0x3f));
        } else {
            out += static_cast<char>(0xf0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
            out += static_cast<char>(0x80 | (c & 0x3f));
        }
    }
    return out;
}

std::string narrow(PCWSTR text) {
    return text == nullptr ? std::string() : narrow(text, std::wcslen(text));
}

// The tests only send ASCII where a wide string is built from their input.
std::wstring widen(const std::string& text) {
    std::wstring out;
    for (unsigned char c : text) {
        out += static_cast<wchar_t>(c);
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Keeps one report line one line, whatever bytes the value holds.
std::string escape(const std::string& value) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        if (c == '%' || c < 0x20 || c >= 0x7f) {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

class Report {
public:
    void add(const std::string& key, const std::string& value) {
        text_ += key + "=" + escape(value) + "\n";
    }
    void add(const std::string& key, long long value) { add(key, std::to_string(value)); }
    void add_hr(const std::string& key, HRESULT hr) { add(key, hex32(static_cast<uint32_t>(hr))); }
    // NULL from the API: the key alone.
    void add_null(const std::string& key) { text_ += key + "\n"; }
    void add_text(const std::string& key, PCSTR value, size_t length) {
        if (value == nullptr) {
            add_null(key);
        } else {
            add(key, std::string(value, length));
        }
    }
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

// ---- the event log ------------------------------------------------------------------------------

// One write() per line on an O_APPEND descriptor, so lines of concurrent requests never interleave.
void log_line(const std::string& id, const std::string& event) {
    const char* path = std::getenv("API_PROBE_LOG");
    if (id.empty() || path == nullptr || *path == '\0') {
        return;
    }
    const std::string line = id + " " + event + "\n";
    const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    const ssize_t written = ::write(fd, line.data(), line.size());
    (void)written;
    ::close(fd);
}

std::string request_header(IHttpContext* context, PCSTR name) {
    USHORT length = 0;
    PCSTR value = context->GetRequest()->GetHeader(name, &length);
    return value == nullptr ? std::string() : std::string(value, length);
}

// ---- query parameters ---------------------------------------------------------------------------

struct Request {
    std::string action;
    std::vector<std::pair<std::string, std::string>> params;

    std::string param(const std::string& name, const std::string& fallback = std::string()) const {
        for (const auto& [key, value] : params) {
            if (key == name) return value;
        }
        return fallback;
    }
    bool has(const std::string& name) const {
        for (const auto& entry : params) {
            if (entry.first == name) return true;
        }
        return false;
    }
    long long number(const std::string& name, long long fallback) const {
        return has(name) ? std::strtoll(param(name).c_str(), nullptr, 0) : fallback;
    }
    std::vector<std::string> all(const std::string& name) const {
        std::vector<std::string> values;
        for (const auto& [key, value] : params) {
            if (key == name) values.push_back(value);
        }
        return values;
    }
};

// The action and parameters come from the raw request target (pRawUrl); X-Probe-Action overrides
// the action where the path cannot carry it (a URL moved by SetUrl, a path outside /probe/).
Request parse_request(IHttpContext* context) {
    Request result;
    const HTTP_REQUEST* raw = context->GetRequest()->GetRawHttpRequest();
    std::string target =
        raw->pRawUrl ? std::string(raw->pRawUrl, raw->RawUrlLength) : std::string();
    std::string path = target.substr(0, target.find('?'));
    if (target.find('?') != std::string::npos) {
        std::string query = target.substr(target.find('?') + 1);
        size_t start = 0;
        while (start <= query.size()) {
            size_t end = query.find('&', start);
            if (end == std::string::npos) end = query.size();
            std::string pair = query.substr(start, end - start);
            if (!pair.empty()) {
                size_t equals = pair.find('=');
                std::string key = pair.substr(0, equals);
                std::string value =
                    equals == std::string::npos ? std::string() : pair.substr(equals + 1);
                result.params.emplace_back(percent_decode(key), percent_decode(value));
            }
            start = end + 1;
        }
    }
    const std::string prefix = "/probe/";
    if (path.compare(0, prefix.size(), prefix) == 0) {
        std::string rest = path.substr(prefix.size());
        rest = rest.substr(0, rest.find('/'));
        result.action = rest.substr(0, rest.find('.'));
    }
    const std::string forced = request_header(context, "X-Probe-Action");
    if (!forced.empty()) {
        result.action = forced;
    }
    if (result.action.empty()) {
        result.action = "hello";
    }
    return result;
}

// ---- response helpers ---------------------------------------------------------------------------

HRESULT write_memory(IHttpContext* context, const std::string& text, BOOL more_data = TRUE,
                     DWORD* sent = nullptr) {
    HTTP_DATA_CHUNK chunk = {};
    chunk.DataChunkType = HttpDataChunkFromMemory;
    chunk.FromMemory.pBuffer = const_cast<char*>(text.data());
    chunk.FromMemory.BufferLength = static_cast<ULONG>(text.size());
    DWORD ignored = 0;
    return context->GetResponse()->WriteEntityChunks(&chunk, 1, FALSE, more_data,
                                                     sent ? sent : &ignored);
}

void set_text_plain(IHttpContext* context) {
    static const char type[] = "text/plain";
    context->GetResponse()->SetHeader("Content-Type", type, static_cast<USHORT>(sizeof type - 1),
                                      TRUE);
}

REQUEST_NOTIFICATION_STATUS fail(IHttpContext* context, const std::string& why, HRESULT hr) {
    IHttpResponse* response = context->GetResponse();
    response->Clear();
    response->SetStatus(500, "Probe Failure", 0, hr);
    set_text_plain(context);
    write_memory(context, "probe-failure=" + why + " hr=" + hex32(static_cast<uint32_t>(hr)) + "\n",
                 FALSE);
    return RQ_NOTIFICATION_FINISH_REQUEST;
}

// Reads an IPv4 sockaddr through its byte layout, which Windows' SOCKADDR_IN and Linux's
// sockaddr_in share: family (host order), port (network order), address (network order).
void report_address(Report& report, const std::string& prefix, const SOCKADDR* address) {
    if (address == nullptr) {
        report.add_null(prefix);
        return;
    }
    unsigned char bytes[8];
    std::memcpy(bytes, address, sizeof bytes);
    USHORT family = 0;
    USHORT port_raw = 0;
    std::memcpy(&family, bytes, sizeof family);
    std::memcpy(&port_raw, bytes + 2, sizeof port_raw);
    report.add(prefix + "_family", family);
    report.add(prefix + "_port_raw", port_raw);
    report.add(prefix + "_port", (bytes[2] << 8) | bytes[3]);
    char ip[32];
    std::snprintf(ip, sizeof ip, "%u.%u.%u.%u", bytes[4], bytes[5], bytes[6], bytes[7]);
    report.add(prefix + "_ip", ip);
}

// ---- module contexts ----------------------------------------------------------------------------

class ProbeStoredContext final : public IHttpStoredContext {
public:
    ProbeStoredContext(std::string id, std::string tag)
        : id_(std::move(id)), tag_(std::move(tag)) {}

    VOID CleanupStoredContext() override {
        log_line(id_, "cleanup " + tag_);
        delete this;
    }

private:
    std::string id_;
    std::string tag_;
};

// Lives as long as the client connection: counts the requests it carried.
class ProbeConnectionContext final : public IHttpConnectionStoredContext {
public:
    explicit ProbeConnectionContext(std::string id) : id_(std::move(id)) {}

    VOID NotifyDisconnect() override { log_line(id_, "conn-disconnect " + std::to_string(requests_)); }

    VOID CleanupStoredContext() override {
        log_line(id_, "conn-cleanup " + std::to_string(requests_));
        delete this;
    }

    unsigned requests_ = 0;

private:
    std::string id_;
};

class ProbeCustomProvider final : public ICustomNotificationProvider {
public:
    PCWSTR QueryNotificationType() override { return L"probe-custom"; }
    VOID SetErrorStatus(HRESULT) override {}
};

// ---- the probe ----------------------------------------------------------------------------------

constexpr DWORD k_probe_events = RQ_BEGIN_REQUEST | RQ_EXECUTE_REQUEST_HANDLER | RQ_LOG_REQUEST |
                                 RQ_END_REQUEST | RQ_SEND_RESPONSE;
constexpr DWORD k_probe_posts = RQ_EXECUTE_REQUEST_HANDLER;
constexpr DWORD k_peer_events = RQ_EXECUTE_REQUEST_HANDLER | RQ_CUSTOM_NOTIFICATION;

constexpr char k_head_ref[] = "head-";
constexpr char k_tail_ref[] = "-tail";

class Probe final : public CHttpModule {
public:
    explicit Probe(HTTP_MODULE_ID module_id) : module_id_(module_id) {}

    REQUEST_NOTIFICATION_STATUS OnBeginRequest(IHttpContext* context,
                                               IHttpEventProvider*) override {
        id_ = request_header(context, "X-Probe-Id");
        log_line(id_, "begin");

        const std::string new_url = request_header(context, "X-Probe-SetUrl");
        if (!new_url.empty()) {
            const std::wstring wide = widen(new_url);
            set_url_hr_ =
                context->GetRequest()->SetUrl(wide.c_str(), static_cast<DWORD>(wide.size()), FALSE);
            set_url_called_ = true;
        }
        if (request_header(context, "X-Probe-Context") == "1") {
            IHttpModuleContextContainer* container = context->GetModuleContextContainer();
            stored_ = new ProbeStoredContext(id_, "first");
            set_context_hr_ = container->SetModuleContext(stored_, module_id_);
            if (FAILED(set_context_hr_)) {
                delete stored_;
                stored_ = nullptr;
            }
            ProbeStoredContext* second = new ProbeStoredContext(id_, "second");
            second_context_hr_ = container->SetModuleContext(second, module_id_);
            if (FAILED(second_context_hr_)) {
                delete second;  // never handed over: still ours
            }
            context_tried_ = true;
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        set_text_plain(context);
        const Request request = parse_request(context);
        action_ = request.action;
        return dispatch(context, request);
    }

    REQUEST_NOTIFICATION_STATUS OnPostExecuteRequestHandler(IHttpContext*,
                                                            IHttpEventProvider*) override {
        log_line(id_, "post_execute");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnLogRequest(IHttpContext*, IHttpEventProvider*) override {
        log_line(id_, "log");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnEndRequest(IHttpContext*, IHttpEventProvider*) override {
        log_line(id_, "end");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnSendResponse(IHttpContext* context,
                                               ISendResponseProvider* provider) override {
        if (id_.empty()) {
            id_ = request_header(context, "X-Probe-Id");
        }
        if (request_header(context, "X-Probe-Send-Disconnect") == "1") {
            provider->SetFlags(provider->GetFlags() | HTTP_SEND_RESPONSE_FLAG_DISCONNECT);
        }
        log_line(id_, "send flags=" + hex32(provider->GetFlags()) +
                          " headers=" + std::to_string(provider->GetHeadersBeingSent() ? 1 : 0));
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnAsyncCompletion(IHttpContext* context, DWORD notification,
                                                  BOOL is_post, IHttpEventProvider*,
                                                  IHttpCompletionInfo* info) override {
        Report report;
        report.add("phase", "completion");
        report.add("completion_action", action_);
        report.add("completion_bytes", info->GetCompletionBytes());
        report.add_hr("completion_status", info->GetCompletionStatus());
        report.add("completion_notification", hex32(notification));
        report.add("completion_post", is_post ? 1 : 0);
        if (action_ == "asyncread") {
            const DWORD bytes = info->GetCompletionBytes();
            report.add("path", "async");
            report.add("fnv", hex64(fnv1a(read_buffer_, bytes <= read_capacity_ ? bytes : 0)));
            report.add("remaining_after", context->GetRequest()->GetRemainingEntityBytes());
        }
        const HRESULT hr = write_memory(context, report.text(), FALSE);
        if (FAILED(hr)) {
            return fail(context, "completion-write", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    VOID Dispose() override {
        log_line(id_, "dispose");
        if (file_ != nullptr && file_ != INVALID_HANDLE_VALUE) {
            CloseHandle(file_);
        }
        delete this;
    }

private:
    REQUEST_NOTIFICATION_STATUS dispatch(IHttpContext* context, const Request& request) {
        const std::string& a = request.action;
        if (a == "hello") return do_hello(context, request);
        if (a == "reqheader") return do_request_header(context, request);
        if (a == "setreqheader") return do_set_request_header(context, request);
        if (a == "delreqheader") return do_delete_request_header(context, request);
        if (a == "method") return do_method(context, request);
        if (a == "urlinfo") return do_url_info(context);
        if (a == "raw") return do_raw(context);
        if (a == "addr") return do_addresses(context);
        if (a == "version") return do_version(context);
        if (a == "read") return do_read(context, request);
        if (a == "insert") return do_insert(context, request);
        if (a == "asyncread") return do_async_read(context, request);
        if (a == "postcompletion") return do_post_completion(context, request);
        if (a == "status") return do_status(context, request);
        if (a == "resheader") return do_response_headers(context);
        if (a == "clear") return do_clear(context);
        if (a == "clearheaders") return do_clear_headers(context);
        if (a == "chunks") return do_chunks(context);
        if (a == "file") return do_file(context, request);
        if (a == "byref") return do_by_reference(context);
        if (a == "redirect") return do_redirect(context, request);
        if (a == "suppress") return do_suppress(context);
        if (a == "stream") return do_stream(context);
        if (a == "flushsend") return do_flush_send(context);
        if (a == "servervar") return do_server_variables(context, request);
        if (a == "setvar") return do_set_server_variable(context, request);
        if (a == "alloc") return do_allocate(context);
        if (a == "context") return do_module_context(context);
        if (a == "connctx") return do_connection_context(context);
        if (a == "eventlog") return do_event_log(context);
        if (a == "contracts") return do_contracts(context);
        if (a == "hold") return do_hold(context);
        if (a == "cancelread") return do_cancel_read(context);
        if (a == "bigstream") return do_big_stream(context, request);
        if (a == "site") return do_site(context);
        if (a == "mappath") return do_map_path(context, request);
        if (a == "handled") return do_handled(context, request);
        if (a == "islast") return do_is_last(context);
        if (a == "disable") return do_disable(context, request);
        if (a == "user") return do_user(context);
        if (a == "custom") return do_custom(context);
        if (a == "extended") return do_extended(context);
        if (a == "cancelio") return do_cancel_io(context);
        if (a == "disconnect") return do_disconnect(context);
        if (a == "reset") return do_reset(context, request);
        context->GetResponse()->SetStatus(400, "Unknown Probe Action");
        write_memory(context, "unknown-action=" + escape(a) + "\n", FALSE);
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }

    REQUEST_NOTIFICATION_STATUS finish_report(IHttpContext* context, const Report& report) {
        const HRESULT hr = write_memory(context, report.text(), FALSE);
        if (FAILED(hr)) {
            return fail(context, "write", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    // Connection-level module context: the same stored context for every request of one connection, cleaned
    // up once when the connection ends.
    REQUEST_NOTIFICATION_STATUS do_connection_context(IHttpContext* context) {
        Report report;
        IHttpConnectionModuleContextContainer* container =
            context->GetConnection()->GetModuleContextContainer();
        report.add("container", container != nullptr ? 1 : 0);
        if (container == nullptr) {
            return finish_report(context, report);
        }
        auto* stored = static_cast<ProbeConnectionContext*>(
            container->GetConnectionModuleContext(module_id_));
        if (stored == nullptr) {
            stored = new ProbeConnectionContext(id_);
            report.add_hr("set_hr", container->SetConnectionModuleContext(stored, module_id_));
        }
        ++stored->requests_;
        report.add("requests", stored->requests_);
        void* memory = context->GetConnection()->AllocateMemory(64);
        report.add("memory", memory != nullptr ? 1 : 0);
        return finish_report(context, report);
    }

    // Streams `mb` MiB with buffering off, one synchronous 1 MiB WriteEntityChunks at a time, logging progress: a
    // slow reader must hold the module back (back-pressure), not make the server buffer everything.
    REQUEST_NOTIFICATION_STATUS do_big_stream(IHttpContext* context, const Request& request) {
        const int megabytes = static_cast<int>(request.number("mb", 64));
        IHttpResponse* response = context->GetResponse();
        response->DisableBuffering();
        std::string block(1 << 20, 'b');
        for (int i = 0; i < megabytes; ++i) {
            HTTP_DATA_CHUNK chunk = {};
            chunk.DataChunkType = HttpDataChunkFromMemory;
            chunk.FromMemory.pBuffer = block.data();
            chunk.FromMemory.BufferLength = static_cast<ULONG>(block.size());
            DWORD sent = 0;
            const HRESULT hr = response->WriteEntityChunks(&chunk, 1, FALSE, TRUE, &sent);
            log_line(id_, "wrote " + std::to_string(i + 1));
            if (FAILED(hr)) {
                log_line(id_, "write-failed");
                break;
            }
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    // Consumes what is buffered of the body, starts an asynchronous read that has to wait for the client, and
    // cancels it at once: the completion must arrive exactly once, with ERROR_OPERATION_ABORTED.
    REQUEST_NOTIFICATION_STATUS do_cancel_read(IHttpContext* context) {
        IHttpRequest* http_request = context->GetRequest();
        read_capacity_ = 65536;
        read_buffer_ = context->AllocateRequestMemory(read_capacity_);
        Report report;
        DWORD received = 0;
        DWORD buffered = 0;
        // Drain the preloaded part synchronously (it never waits).
        while (http_request->GetRemainingEntityBytes() > 0 && buffered < 49152) {
            DWORD want = 49152 - buffered;
            if (FAILED(http_request->ReadEntityBody(read_buffer_, want, FALSE, &received, nullptr)) ||
                received == 0) {
                break;
            }
            buffered += received;
        }
        report.add("buffered", buffered);
        BOOL pending = FALSE;
        const HRESULT hr = http_request->ReadEntityBody(read_buffer_, read_capacity_, TRUE, &received, &pending);
        report.add_hr("read_hr", hr);
        report.add("pending", pending ? 1 : 0);
        report.add_hr("cancel_hr", context->CancelIo());
        action_ = "cancelread";
        const HRESULT write_hr = write_memory(context, report.text(), TRUE);
        if (FAILED(write_hr)) {
            return fail(context, "write", write_hr);
        }
        return pending ? RQ_NOTIFICATION_PENDING : RQ_NOTIFICATION_CONTINUE;
    }

    // Keeps the request in flight until the file named by X-Release-File exists, then resumes it with
    // IndicateCompletion from another thread (graceful shutdown tests).
    REQUEST_NOTIFICATION_STATUS do_hold(IHttpContext* context) {
        const std::string release = request_header(context, "X-Release-File");
        const HRESULT hr = write_memory(context, "held=1\n", FALSE);
        if (FAILED(hr) || release.empty()) {
            return fail(context, "hold", FAILED(hr) ? hr : E_INVALIDARG);
        }
        log_line(id_, "held");
        std::thread([context, release] {
            for (int i = 0; i < 2000 && access(release.c_str(), F_OK) != 0; ++i) {
                usleep(5000);
            }
            context->IndicateCompletion(RQ_NOTIFICATION_CONTINUE);
        }).detach();
        return RQ_NOTIFICATION_PENDING;
    }

    // Contracts that are easy to get subtly wrong; each line of the report is one of them.
    REQUEST_NOTIFICATION_STATUS do_contracts(IHttpContext* context) {
        Report report;
        IHttpRequest* http_request = context->GetRequest();
        IHttpResponse* response = context->GetResponse();

        // A header pointer stays valid (and unchanged) while other headers are set and deleted.
        USHORT length = 0;
        PCSTR dup = http_request->GetHeader("X-Dup", &length);
        std::string before = dup ? std::string(dup, length) : "";
        for (int i = 0; i < 40; ++i) {
            std::string name = "X-Filler-" + std::to_string(i);
            http_request->SetHeader(name.c_str(), "some value long enough to live on the heap", 0, TRUE);
        }
        http_request->DeleteHeader("X-Filler-3");
        report.add("dup", before);
        report.add("dup_pointer_stable", dup && std::string(dup, length) == before ? 1 : 0);
        PCSTR cookie = http_request->GetHeader(HttpHeaderCookie, &length);
        report.add("cookie", cookie ? std::string(cookie, length) : "");

        // Newer interfaces from newer ones: IHttpContext3 -> IHttpContext4.
        IHttpContext3* context3 = nullptr;
        IHttpContext4* context4 = nullptr;
        HRESULT hr3 = HttpGetExtendedInterface(g_server, context, &context3);
        HRESULT hr4 = context3 ? HttpGetExtendedInterface(g_server, context3, &context4) : E_FAIL;
        report.add_hr("ext3_hr", hr3);
        report.add_hr("ext4_from3_hr", hr4);
        if (context4 != nullptr) {
            ULONGLONG start = context4->GetRequestStartTime();
            ULONGLONG now = GetTickCount64();
            report.add("start_time_on_tick_clock", start <= now && now - start < 60000 ? 1 : 0);
        }

        // The handler's script map: requireAccess defaults to Script (3 in IIS's schema).
        IScriptMapInfo* map = context->GetScriptMap();
        report.add("required_access", map ? static_cast<long long>(map->GetRequiredAccess()) : -1);

        // WriteEntityChunks is all or nothing: a bad chunk in the array adds nothing.
        HTTP_DATA_CHUNK chunks[2] = {};
        static const char good[] = "should-not-appear";
        chunks[0].DataChunkType = HttpDataChunkFromMemory;
        chunks[0].FromMemory.pBuffer = const_cast<char*>(good);
        chunks[0].FromMemory.BufferLength = sizeof good - 1;
        chunks[1].DataChunkType = HttpDataChunkFromFileHandle;
        chunks[1].FromFileHandle.FileHandle = INVALID_HANDLE_VALUE;
        DWORD sent = 0;
        report.add("bad_chunk_failed", FAILED(response->WriteEntityChunks(chunks, 2, FALSE, TRUE, &sent)) ? 1 : 0);

        // Set-Cookie appended goes out as separate header lines; Clear keeps the Server header.
        response->ClearHeaders();
        response->SetHeader("Set-Cookie", "a=1", 0, FALSE);
        response->SetHeader("Set-Cookie", "b=2", 0, FALSE);
        return finish_report(context, report);
    }

    // The Windows event log API as module code uses it; Lintel writes the event to its own log.
    REQUEST_NOTIFICATION_STATUS do_event_log(IHttpContext* context) {
        Report report;
        HANDLE source = RegisterEventSource(NULL, L"ProbeEventSource");
        report.add("registered", source != NULL ? 1 : 0);
        if (source != NULL) {
            LPCWSTR strings[] = {L"probe-event-text", L"second-string"};
            BOOL reported = ReportEventW(source, EVENTLOG_WARNING_TYPE, 0, 4242, NULL, 2, 0, strings, NULL);
            report.add("reported", reported ? 1 : 0);
            report.add("deregistered", DeregisterEventSource(source) ? 1 : 0);
        }
        return finish_report(context, report);
    }

    // -- IHttpRequest -----------------------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS do_hello(IHttpContext* context, const Request& request) {
        Report report;
        report.add("hello", 1);
        report.add("method", context->GetRequest()->GetHttpMethod());
        if (request.has("n")) {
            report.add("n", request.param("n"));
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_request_header(IHttpContext* context, const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        Report report;
        if (request.has("name")) {
            USHORT length = 0xffff;
            PCSTR value = http_request->GetHeader(request.param("name").c_str(), &length);
            report.add_text("byname", value, length);
            report.add("byname_len", length);
        }
        if (request.has("id")) {
            USHORT length = 0xffff;
            const auto id = static_cast<HTTP_HEADER_ID>(request.number("id", 0));
            PCSTR value = http_request->GetHeader(id, &length);
            report.add_text("byid", value, length);
            report.add("byid_len", length);
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_set_request_header(IHttpContext* context,
                                                      const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        const std::string value = request.param("value");
        const BOOL replace = request.number("replace", 1) != 0 ? TRUE : FALSE;
        Report report;
        HRESULT hr = E_INVALIDARG;
        USHORT length = 0;
        PCSTR after = nullptr;
        if (request.has("id")) {
            const auto id = static_cast<HTTP_HEADER_ID>(request.number("id", 0));
            hr = http_request->SetHeader(id, value.c_str(), static_cast<USHORT>(value.size()),
                                         replace);
            after = http_request->GetHeader(id, &length);
        } else {
            const std::string name = request.param("name");
            hr = http_request->SetHeader(name.c_str(), value.c_str(),
                                         static_cast<USHORT>(value.size()), replace);
            after = http_request->GetHeader(name.c_str(), &length);
        }
        report.add_hr("hr", hr);
        report.add_text("after", after, length);
        if (request.has("var")) {
            PCSTR text = nullptr;
            DWORD text_length = 0;
            const HRESULT var_hr =
                context->GetServerVariable(request.param("var").c_str(), &text, &text_length);
            report.add_hr("var_hr", var_hr);
            report.add_text("var", SUCCEEDED(var_hr) ? text : nullptr, text_length);
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_delete_request_header(IHttpContext* context,
                                                         const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        Report report;
        USHORT length = 0;
        PCSTR after = nullptr;
        HRESULT hr = E_INVALIDARG;
        std::string name;
        if (request.has("id")) {
            const auto id = static_cast<HTTP_HEADER_ID>(request.number("id", 0));
            hr = http_request->DeleteHeader(id);
            after = http_request->GetHeader(id, &length);
        } else {
            name = request.param("name");
            hr = http_request->DeleteHeader(name.c_str());
            after = http_request->GetHeader(name.c_str(), &length);
        }
        report.add_hr("hr", hr);
        report.add_text("after", after, length);
        // The raw view must not keep the deleted header either.
        const HTTP_REQUEST* raw = http_request->GetRawHttpRequest();
        int in_raw = 0;
        for (USHORT i = 0; i < raw->Headers.UnknownHeaderCount; ++i) {
            const HTTP_UNKNOWN_HEADER& header = raw->Headers.pUnknownHeaders[i];
            const std::string header_name(header.pName, header.NameLength);
            if (!name.empty() && strcasecmp(header_name.c_str(), name.c_str()) == 0) {
                in_raw = 1;
            }
        }
        if (request.has("id")) {
            const long long id = request.number("id", 0);
            if (id >= 0 && id < HttpHeaderRequestMaximum &&
                raw->Headers.KnownHeaders[id].pRawValue != nullptr &&
                raw->Headers.KnownHeaders[id].RawValueLength > 0) {
                in_raw = 1;
            }
        }
        report.add("in_raw", in_raw);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_method(IHttpContext* context, const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        Report report;
        report.add("before", http_request->GetHttpMethod());
        if (request.has("set")) {
            report.add_hr("hr", http_request->SetHttpMethod(request.param("set").c_str()));
            report.add("after", http_request->GetHttpMethod());
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_url_info(IHttpContext* context) {
        IHttpRequest* http_request = context->GetRequest();
        Report report;
        if (set_url_called_) {
            report.add_hr("seturl_hr", set_url_hr_);
        }
        report.add("url_changed", http_request->GetUrlChanged() ? 1 : 0);
        PCWSTR forwarded = http_request->GetForwardedUrl();
        if (forwarded == nullptr) {
            report.add_null("forwarded");
        } else {
            report.add("forwarded", narrow(forwarded));
        }
        DWORD length = 0;
        PCWSTR script = context->GetScriptName(&length);
        if (script == nullptr) {
            report.add_null("script_name");
        } else {
            report.add("script_name", narrow(script));
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_raw(IHttpContext* context) {
        const HTTP_REQUEST* raw = context->GetRequest()->GetRawHttpRequest();
        Report report;
        if (raw == nullptr) {
            report.add_null("raw");
            return finish_report(context, report);
        }
        report.add("wchar_size", static_cast<long long>(sizeof(WCHAR)));
        report.add("verb", static_cast<long long>(raw->Verb));
        report.add_text("unknown_verb", raw->pUnknownVerb, raw->UnknownVerbLength);
        report.add_text("raw_url", raw->pRawUrl, raw->RawUrlLength);
        report.add("version", std::to_string(raw->Version.MajorVersion) + "." +
                                  std::to_string(raw->Version.MinorVersion));
        const HTTP_COOKED_URL& cooked = raw->CookedUrl;
        auto wide_part = [&](const std::string& key, PCWSTR text, USHORT bytes) {
            report.add(key + "_bytes", bytes);
            if (text == nullptr) {
                report.add_null(key);
            } else {
                report.add(key, narrow(text, bytes / sizeof(WCHAR)));
            }
        };
        wide_part("full_url", cooked.pFullUrl, cooked.FullUrlLength);
        wide_part("host", cooked.pHost, cooked.HostLength);
        wide_part("abs_path", cooked.pAbsPath, cooked.AbsPathLength);
        wide_part("query", cooked.pQueryString, cooked.QueryStringLength);
        for (int id = 0; id < HttpHeaderRequestMaximum; ++id) {
            const HTTP_KNOWN_HEADER& known = raw->Headers.KnownHeaders[id];
            if (known.pRawValue != nullptr) {
                report.add("known." + std::to_string(id),
                           std::string(known.pRawValue, known.RawValueLength));
            }
        }
        report.add("unknown_count", raw->Headers.UnknownHeaderCount);
        for (USHORT i = 0; i < raw->Headers.UnknownHeaderCount; ++i) {
            const HTTP_UNKNOWN_HEADER& header = raw->Headers.pUnknownHeaders[i];
            report.add("unknown." + std::string(header.pName, header.NameLength),
                       std::string(header.pRawValue, header.RawValueLength));
        }
        report_address(report, "raw_remote", raw->Address.pRemoteAddress);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_addresses(IHttpContext* context) {
        Report report;
        report_address(report, "remote", context->GetRequest()->GetRemoteAddress());
        report_address(report, "local", context->GetRequest()->GetLocalAddress());
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_version(IHttpContext* context) {
        USHORT major = 0xffff;
        USHORT minor = 0xffff;
        context->GetRequest()->GetHttpVersion(&major, &minor);
        Report report;
        report.add("major", major);
        report.add("minor", minor);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_read(IHttpContext* context, const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        const DWORD capacity = static_cast<DWORD>(request.number("buf", 4096));
        std::vector<char> buffer(capacity);
        Report report;
        report.add("remaining_before", http_request->GetRemainingEntityBytes());
        uint64_t hash = 0xcbf29ce484222325ull;
        uint64_t total = 0;
        int reads = 0;
        HRESULT hr = S_OK;
        // Bounded: a server that never reports EOF must not hang the test.
        for (int guard = 0; guard < 100000; ++guard) {
            DWORD received = 0;
            hr = http_request->ReadEntityBody(buffer.data(), capacity, FALSE, &received, nullptr);
            if (FAILED(hr)) {
                break;
            }
            ++reads;
            total += received;
            hash = fnv1a(buffer.data(), received, hash);
        }
        report.add("length", static_cast<long long>(total));
        report.add("fnv", hex64(hash));
        report.add("reads", reads);
        report.add_hr("last_hr", hr);
        report.add("remaining_after", http_request->GetRemainingEntityBytes());
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_insert(IHttpContext* context, const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        const std::string text = request.param("text", "INSERTED:");
        // The server does not copy inserted data: it must live until the end of the request.
        void* kept = context->AllocateRequestMemory(static_cast<DWORD>(text.size() + 1));
        if (kept == nullptr) {
            return fail(context, "allocate", E_OUTOFMEMORY);
        }
        std::memcpy(kept, text.data(), text.size());
        Report report;
        report.add("remaining_before", http_request->GetRemainingEntityBytes());
        report.add_hr("insert_hr",
                      http_request->InsertEntityBody(kept, static_cast<DWORD>(text.size())));
        std::string body;
        char buffer[7];  // small on purpose: the inserted data and the client's body span several
                         // reads
        HRESULT hr = S_OK;
        for (int guard = 0; guard < 100000; ++guard) {
            DWORD received = 0;
            hr = http_request->ReadEntityBody(buffer, sizeof buffer, FALSE, &received, nullptr);
            if (FAILED(hr)) {
                break;
            }
            body.append(buffer, received);
        }
        report.add_hr("last_hr", hr);
        report.add("body", body);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_async_read(IHttpContext* context, const Request& request) {
        IHttpRequest* http_request = context->GetRequest();
        read_capacity_ = static_cast<DWORD>(request.number("buf", 65536));
        read_buffer_ = context->AllocateRequestMemory(read_capacity_);
        if (read_buffer_ == nullptr) {
            return fail(context, "allocate", E_OUTOFMEMORY);
        }
        Report report;
        report.add("remaining_before", http_request->GetRemainingEntityBytes());
        DWORD received = 0;
        BOOL pending = FALSE;
        const HRESULT hr =
            http_request->ReadEntityBody(read_buffer_, read_capacity_, TRUE, &received, &pending);
        report.add_hr("read_hr", hr);
        report.add("pending", pending ? 1 : 0);
        if (FAILED(hr)) {
            return finish_report(context, report);
        }
        if (pending) {
            // The first part of the report goes out ahead of what OnAsyncCompletion adds.
            const HRESULT write_hr = write_memory(context, report.text(), TRUE);
            if (FAILED(write_hr)) {
                return fail(context, "write", write_hr);
            }
            return RQ_NOTIFICATION_PENDING;
        }
        report.add("path", "sync");
        report.add("completion_bytes", received);
        report.add("fnv", hex64(fnv1a(read_buffer_, received)));
        report.add("remaining_after", http_request->GetRemainingEntityBytes());
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_post_completion(IHttpContext* context, const Request& request) {
        const DWORD bytes = static_cast<DWORD>(request.number("bytes", 4242));
        Report report;
        report.add("phase", "before");
        const HRESULT write_hr = write_memory(context, report.text(), TRUE);
        if (FAILED(write_hr)) {
            return fail(context, "write", write_hr);
        }
        const HRESULT hr = context->PostCompletion(bytes);
        if (FAILED(hr)) {
            return fail(context, "postcompletion", hr);
        }
        return RQ_NOTIFICATION_PENDING;
    }

    // -- IHttpResponse ----------------------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS do_status(IHttpContext* context, const Request& request) {
        IHttpResponse* response = context->GetResponse();
        const std::string reason = request.param("reason", "Probe Status");
        const HRESULT hr =
            response->SetStatus(static_cast<USHORT>(request.number("code", 299)), reason.c_str(),
                                static_cast<USHORT>(request.number("sub", 0)));
        USHORT status = 0;
        USHORT substatus = 0;
        PCSTR got_reason = nullptr;
        USHORT reason_length = 0;
        response->GetStatus(&status, &substatus, &got_reason, &reason_length);
        Report report;
        report.add_hr("hr", hr);
        report.add("status", status);
        report.add("substatus", substatus);
        report.add_text("reason", got_reason, reason_length);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_response_headers(IHttpContext* context) {
        IHttpResponse* response = context->GetResponse();
        Report report;
        auto set = [&](const std::string& key, PCSTR name, PCSTR value, BOOL replace) {
            report.add_hr(key, response->SetHeader(
                                   name, value, static_cast<USHORT>(std::strlen(value)), replace));
        };
        auto get = [&](const std::string& key, PCSTR name) {
            USHORT length = 0;
            PCSTR value = response->GetHeader(name, &length);
            report.add_text(key, value, length);
        };
        set("hr_replace1", "X-Replace", "first", TRUE);
        set("hr_replace2", "X-Replace", "second", TRUE);
        set("hr_append1", "X-Append", "one", FALSE);
        set("hr_append2", "X-Append", "two", FALSE);
        set("hr_deleted", "X-Deleted", "gone", TRUE);
        report.add_hr("hr_delete", response->DeleteHeader("X-Deleted"));
        static const char language[] = "en-probe";
        report.add_hr("hr_byid",
                      response->SetHeader(HttpHeaderContentLanguage, language,
                                          static_cast<USHORT>(sizeof language - 1), TRUE));
        get("get_replace", "x-replace");
        get("get_append", "X-APPEND");
        get("get_deleted", "X-Deleted");
        get("get_byname_of_id", "Content-Language");
        USHORT length = 0;
        PCSTR by_id = response->GetHeader(HttpHeaderContentLanguage, &length);
        report.add_text("get_byid", by_id, length);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_clear(IHttpContext* context) {
        IHttpResponse* response = context->GetResponse();
        response->SetStatus(503, "Not Yet");
        response->SetHeader("X-Gone", "1", 1, TRUE);
        write_memory(context, "junk-before-clear");
        response->Clear();
        USHORT status = 0;
        USHORT substatus = 0;
        PCSTR reason = nullptr;
        USHORT reason_length = 0;
        response->GetStatus(&status, &substatus, &reason, &reason_length);
        Report report;
        report.add("status_after", status);
        report.add("substatus_after", substatus);
        USHORT length = 0;
        PCSTR gone = response->GetHeader("X-Gone", &length);
        report.add_text("xgone_after", gone, length);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_clear_headers(IHttpContext* context) {
        IHttpResponse* response = context->GetResponse();
        response->SetStatus(201, "Made");
        response->SetHeader("X-Gone", "1", 1, TRUE);
        write_memory(context, "keep;");
        response->ClearHeaders();
        Report report;
        USHORT length = 0;
        PCSTR gone = response->GetHeader("X-Gone", &length);
        report.add_text("xgone_after", gone, length);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_chunks(IHttpContext* context) {
        // Stack buffers on purpose: buffered writes copy the data (the chunks die with this frame).
        char first[] = "alpha-";
        char second[] = "beta-";
        char third[] = "gamma";
        HTTP_DATA_CHUNK chunks[3] = {};
        char* parts[3] = {first, second, third};
        for (int i = 0; i < 3; ++i) {
            chunks[i].DataChunkType = HttpDataChunkFromMemory;
            chunks[i].FromMemory.pBuffer = parts[i];
            chunks[i].FromMemory.BufferLength = static_cast<ULONG>(std::strlen(parts[i]));
        }
        DWORD sent = 0;
        const HRESULT hr = context->GetResponse()->WriteEntityChunks(chunks, 3, FALSE, TRUE, &sent);
        if (FAILED(hr)) {
            return fail(context, "chunks", hr);
        }
        std::memset(first, 'X',
                    sizeof first - 1);  // a server that kept a reference would now send X's
        const HRESULT tail_hr = write_memory(context, "|sent=" + std::to_string(sent), FALSE);
        if (FAILED(tail_hr)) {
            return fail(context, "write", tail_hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_file(IHttpContext* context, const Request& request) {
        const std::wstring path = widen(request.param("path"));
        const DWORD size = static_cast<DWORD>(request.number("size", 10000));
        file_ = CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                            CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
        if (file_ == INVALID_HANDLE_VALUE) {
            return fail(context, "createfile", HRESULT_FROM_WIN32(GetLastError()));
        }
        std::vector<unsigned char> content(size);
        for (DWORD i = 0; i < size; ++i) {
            content[i] = static_cast<unsigned char>((i * 7 + 3) & 0xff);
        }
        DWORD written = 0;
        if (!WriteFile(file_, content.data(), size, &written, nullptr) || written != size) {
            return fail(context, "writefile", HRESULT_FROM_WIN32(GetLastError()));
        }
        // Memory, file, memory in one call: the file part must land between the two brackets.
        char open_bracket[] = "[";
        char close_bracket[] = "]";
        HTTP_DATA_CHUNK chunks[3] = {};
        chunks[0].DataChunkType = HttpDataChunkFromMemory;
        chunks[0].FromMemory.pBuffer = open_bracket;
        chunks[0].FromMemory.BufferLength = 1;
        chunks[1].DataChunkType = HttpDataChunkFromFileHandle;
        chunks[1].FromFileHandle.FileHandle = file_;
        chunks[1].FromFileHandle.ByteRange.StartingOffset.QuadPart =
            static_cast<ULONGLONG>(request.number("offset", 0));
        chunks[1].FromFileHandle.ByteRange.Length.QuadPart =
            request.has("length") ? static_cast<ULONGLONG>(request.number("length", 0))
                                  : HTTP_BYTE_RANGE_TO_EOF;
        chunks[2].DataChunkType = HttpDataChunkFromMemory;
        chunks[2].FromMemory.pBuffer = close_bracket;
        chunks[2].FromMemory.BufferLength = 1;
        DWORD sent = 0;
        const HRESULT hr =
            context->GetResponse()->WriteEntityChunks(chunks, 3, FALSE, FALSE, &sent);
        if (FAILED(hr)) {
            return fail(context, "file-chunk", hr);
        }
        // The handle stays open until Dispose: the send may read the file after this returns.
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_by_reference(IHttpContext* context) {
        HRESULT hr = write_memory(context, "middle");
        if (FAILED(hr)) {
            return fail(context, "write", hr);
        }
        // By reference: the memory must outlive the response, hence static storage.
        HTTP_DATA_CHUNK head = {};
        head.DataChunkType = HttpDataChunkFromMemory;
        head.FromMemory.pBuffer = const_cast<char*>(k_head_ref);
        head.FromMemory.BufferLength = static_cast<ULONG>(sizeof k_head_ref - 1);
        HTTP_DATA_CHUNK tail = head;
        tail.FromMemory.pBuffer = const_cast<char*>(k_tail_ref);
        tail.FromMemory.BufferLength = static_cast<ULONG>(sizeof k_tail_ref - 1);
        hr = context->GetResponse()->WriteEntityChunkByReference(&head, 0);
        if (FAILED(hr)) {
            return fail(context, "byref-head", hr);
        }
        hr = context->GetResponse()->WriteEntityChunkByReference(&tail, -1);
        if (FAILED(hr)) {
            return fail(context, "byref-tail", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_redirect(IHttpContext* context, const Request& request) {
        write_memory(context, "stale-body-before-redirect");
        const HRESULT hr = context->GetResponse()->Redirect(
            request.param("to", "/").c_str(), request.number("reset", 1) != 0 ? TRUE : FALSE,
            request.number("params", 0) != 0 ? TRUE : FALSE);
        if (FAILED(hr)) {
            return fail(context, "redirect", hr);
        }
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }

    REQUEST_NOTIFICATION_STATUS do_suppress(IHttpContext* context) {
        context->GetResponse()->SuppressHeaders();
        static const char own[] =
            "HTTP/1.1 299 Module Made\r\nContent-Length: 5\r\nConnection: close\r\nX-Own: "
            "1\r\n\r\nmine!";
        const HRESULT hr = write_memory(context, std::string(own, sizeof own - 1), FALSE);
        if (FAILED(hr)) {
            return fail(context, "write", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_stream(IHttpContext* context) {
        IHttpResponse* response = context->GetResponse();
        response->DisableBuffering();
        HRESULT hr = write_memory(context, "part1;", TRUE);
        if (FAILED(hr)) {
            return fail(context, "write1", hr);
        }
        DWORD sent = 0;
        hr = response->Flush(FALSE, TRUE, &sent);
        if (FAILED(hr)) {
            return fail(context, "flush", hr);
        }
        const BOOL headers_sent = context->GetResponseHeadersSent();
        hr = write_memory(context,
                          "headers_sent=" + std::to_string(headers_sent ? 1 : 0) + ";part2", FALSE);
        if (FAILED(hr)) {
            return fail(context, "write2", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_flush_send(IHttpContext* context) {
        HRESULT hr = write_memory(context, "a;", TRUE);
        if (FAILED(hr)) {
            return fail(context, "write1", hr);
        }
        DWORD sent = 0;
        hr = context->GetResponse()->Flush(FALSE, TRUE, &sent);
        if (FAILED(hr)) {
            return fail(context, "flush", hr);
        }
        log_line(id_, "flushed headers_sent=" +
                          std::to_string(context->GetResponseHeadersSent() ? 1 : 0));
        hr = write_memory(context, "b", FALSE);
        if (FAILED(hr)) {
            return fail(context, "write2", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    // -- IHttpContext -----------------------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS do_server_variables(IHttpContext* context, const Request& request) {
        Report report;
        for (const std::string& name : request.all("name")) {
            const std::string key = "v." + name;
            PCSTR value = nullptr;
            DWORD length = 0xffffffff;
            const HRESULT hr = context->GetServerVariable(name.c_str(), &value, &length);
            report.add_hr(key + ".hr", hr);
            if (SUCCEEDED(hr)) {
                report.add_text(key, value, value ? length : 0);
                report.add(key + ".len", length);
            }
            PCWSTR wide = nullptr;
            DWORD wide_length = 0xffffffff;
            const HRESULT wide_hr = context->GetServerVariable(name.c_str(), &wide, &wide_length);
            report.add_hr(key + ".whr", wide_hr);
            if (SUCCEEDED(wide_hr)) {
                if (wide == nullptr) {
                    report.add_null(key + ".wide");
                } else {
                    report.add(key + ".wide", narrow(wide, wide_length));
                }
                report.add(key + ".wlen", wide_length);
            }
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_set_server_variable(IHttpContext* context,
                                                       const Request& request) {
        const std::string name = request.param("name");
        const std::wstring value = widen(request.param("value"));
        Report report;
        report.add_hr("set_hr", context->SetServerVariable(name.c_str(), value.c_str()));
        PCSTR got = nullptr;
        DWORD length = 0;
        const HRESULT hr = context->GetServerVariable(name.c_str(), &got, &length);
        report.add_hr("get_hr", hr);
        report.add_text("get", SUCCEEDED(hr) ? got : nullptr, length);
        PCWSTR wide = nullptr;
        DWORD wide_length = 0;
        const HRESULT wide_hr = context->GetServerVariable(name.c_str(), &wide, &wide_length);
        report.add_hr("wget_hr", wide_hr);
        if (SUCCEEDED(wide_hr) && wide != nullptr) {
            report.add("wget", narrow(wide, wide_length));
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_allocate(IHttpContext* context) {
        static const DWORD sizes[] = {1, 7, 16, 33, 100, 4096, 5, 64};
        constexpr size_t count = sizeof sizes / sizeof sizes[0];
        unsigned char* blocks[count] = {};
        int non_null = 1;
        int aligned = 1;
        for (size_t i = 0; i < count; ++i) {
            blocks[i] = static_cast<unsigned char*>(context->AllocateRequestMemory(sizes[i]));
            if (blocks[i] == nullptr) {
                non_null = 0;
                continue;
            }
            if (reinterpret_cast<uintptr_t>(blocks[i]) % 16 != 0) {
                aligned = 0;
            }
            // Fill each block at once: a later block that overlaps it would overwrite the pattern.
            std::memset(blocks[i], static_cast<int>(0x11 * (i + 1)), sizes[i]);
        }
        int intact = 1;
        int distinct = 1;
        for (size_t i = 0; i < count; ++i) {
            if (blocks[i] == nullptr) continue;
            for (DWORD b = 0; b < sizes[i]; ++b) {
                if (blocks[i][b] != static_cast<unsigned char>(0x11 * (i + 1))) intact = 0;
            }
            for (size_t j = 0; j < i; ++j) {
                if (blocks[j] == blocks[i]) distinct = 0;
            }
        }
        Report report;
        report.add("non_null", non_null);
        report.add("aligned", aligned);
        report.add("distinct", distinct);
        report.add("intact", intact);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_module_context(IHttpContext* context) {
        Report report;
        report.add("tried", context_tried_ ? 1 : 0);
        report.add_hr("set_hr", set_context_hr_);
        report.add_hr("second_hr", second_context_hr_);
        IHttpStoredContext* found =
            context->GetModuleContextContainer()->GetModuleContext(module_id_);
        report.add("found", found != nullptr ? 1 : 0);
        report.add("same", found != nullptr && found == stored_ ? 1 : 0);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_site(IHttpContext* context) {
        Report report;
        IHttpSite* site = context->GetSite();
        if (site == nullptr) {
            report.add_null("site");
        } else {
            report.add("site_id", site->GetSiteId());
            report.add("site_name", narrow(site->GetSiteName()));
        }
        IHttpApplication* application = context->GetApplication();
        if (application == nullptr) {
            report.add_null("application");
        } else {
            report.add("app_physical_path", narrow(application->GetApplicationPhysicalPath()));
            report.add("app_config_path", narrow(application->GetAppConfigPath()));
        }
        DWORD length = 0;
        PCWSTR physical = context->GetPhysicalPath(&length);
        if (physical == nullptr) {
            report.add_null("physical_path");
        } else {
            report.add("physical_path", narrow(physical, length));
            report.add("physical_path_len", length);
        }
        DWORD script_length = 0;
        PCWSTR script = context->GetScriptName(&script_length);
        if (script == nullptr) {
            report.add_null("script_name");
        } else {
            report.add("script_name", narrow(script, script_length));
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_map_path(IHttpContext* context, const Request& request) {
        const std::wstring url = widen(request.param("url", "/deep/file.txt"));
        Report report;
        WCHAR tiny[1] = {L'?'};
        DWORD size = sizeof tiny;  // bytes
        const HRESULT small_hr = context->MapPath(url.c_str(), tiny, &size);
        report.add_hr("small_hr", small_hr);
        report.add("needed", size);
        std::vector<WCHAR> buffer(size / sizeof(WCHAR) + 1, L'\0');
        DWORD full = size;
        const HRESULT hr = context->MapPath(url.c_str(), buffer.data(), &full);
        report.add_hr("hr", hr);
        if (SUCCEEDED(hr)) {
            report.add("path", narrow(buffer.data()));
            report.add("size_after", full);
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_handled(IHttpContext* context, const Request& request) {
        if (request.number("set", 0) != 0) {
            context->SetRequestHandled();
        }
        const HRESULT hr = write_memory(context, "probe-ran;", TRUE);
        if (FAILED(hr)) {
            return fail(context, "write", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_is_last(IHttpContext* context) {
        Report report;
        report.add("probe_islast_continue",
                   context->GetIsLastNotification(RQ_NOTIFICATION_CONTINUE) ? 1 : 0);
        report.add("probe_islast_finish",
                   context->GetIsLastNotification(RQ_NOTIFICATION_FINISH_REQUEST) ? 1 : 0);
        const HRESULT hr = write_memory(context, report.text(), TRUE);
        if (FAILED(hr)) {
            return fail(context, "write", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_disable(IHttpContext* context, const Request& request) {
        const std::string which = request.param("which");
        if (which == "post") {
            context->DisableNotifications(0, RQ_EXECUTE_REQUEST_HANDLER);
        } else if (which == "log") {
            context->DisableNotifications(RQ_LOG_REQUEST, 0);
        }
        Report report;
        report.add("disabled", which);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_user(IHttpContext* context) {
        Report report;
        IHttpUser* user = context->GetUser();
        report.add("user_null", user == nullptr ? 1 : 0);
        if (user != nullptr) {
            PCWSTR name = user->GetUserName();
            if (name == nullptr) {
                report.add_null("user_name");
            } else {
                report.add("user_name", narrow(name));
            }
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_custom(IHttpContext* context) {
        ProbeCustomProvider provider;
        BOOL completion_expected = TRUE;
        const HRESULT hr = context->NotifyCustomNotification(&provider, &completion_expected);
        Report report;
        report.add_hr("hr", hr);
        report.add("completion_expected", completion_expected ? 1 : 0);
        USHORT length = 0;
        PCSTR peer_value = context->GetResponse()->GetHeader("X-Peer-Custom", &length);
        report.add_text("peer_header", peer_value, length);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_extended(IHttpContext* context) {
        Report report;
        IHttpContext3* context3 = nullptr;
        const HRESULT hr = HttpGetExtendedInterface(g_server, context, &context3);
        report.add_hr("hr", hr);
        report.add("non_null", context3 != nullptr ? 1 : 0);
        if (SUCCEEDED(hr) && context3 != nullptr) {
            report.add("same_request", context3->GetRequest() == context->GetRequest() ? 1 : 0);
            report.add("same_response", context3->GetResponse() == context->GetResponse() ? 1 : 0);
            report.add("original_user_non_null", context3->GetOriginalUser() != nullptr ? 1 : 0);
        }
        IHttpRequest2* request2 = nullptr;
        const HRESULT request_hr =
            HttpGetExtendedInterface(g_server, context->GetRequest(), &request2);
        report.add_hr("request2_hr", request_hr);
        report.add("request2_non_null", request2 != nullptr ? 1 : 0);
        return finish_report(context, report);
    }

    // -- connection control -----------------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS do_cancel_io(IHttpContext* context) {
        Report report;
        report.add_hr("hr", context->CancelIo());
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS do_disconnect(IHttpContext* context) {
        context->GetResponse()->SetNeedDisconnect();
        const HRESULT hr = write_memory(context, "bye", FALSE);
        if (FAILED(hr)) {
            return fail(context, "write", hr);
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS do_reset(IHttpContext* context, const Request& request) {
        write_memory(context, "must-not-arrive", FALSE);
        context->GetResponse()->ResetConnection();
        if (request.number("continue", 0) == 0) {
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }
        // Carrying on after the reset is allowed (the pipeline keeps running); what the module
        // writes and flushes now has nowhere to go and must be dropped without harm.
        write_memory(context, "written-after-reset", TRUE);
        DWORD sent = 0;
        const HRESULT hr = context->GetResponse()->Flush(FALSE, FALSE, &sent);
        log_line(id_, "after_reset flush_hr=" + hex32(static_cast<uint32_t>(hr)) + " connected=" +
                          std::to_string(context->GetConnection()->IsConnected() ? 1 : 0));
        return RQ_NOTIFICATION_CONTINUE;
    }

    HTTP_MODULE_ID module_id_;
    std::string id_;
    std::string action_;
    bool set_url_called_ = false;
    HRESULT set_url_hr_ = S_OK;
    bool context_tried_ = false;
    ProbeStoredContext* stored_ = nullptr;
    HRESULT set_context_hr_ = S_OK;
    HRESULT second_context_hr_ = S_OK;
    void* read_buffer_ = nullptr;
    DWORD read_capacity_ = 0;
    HANDLE file_ = nullptr;
};

// ---- the peer -----------------------------------------------------------------------------------

class Peer final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        // Subscribed to nothing after this event: the server must call it the last notification.
        const BOOL last = context->GetIsLastNotification(RQ_NOTIFICATION_CONTINUE);
        const std::string text = "peer-ran;peer-islast=" + std::to_string(last ? 1 : 0) + ";";
        HTTP_DATA_CHUNK chunk = {};
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = const_cast<char*>(text.data());
        chunk.FromMemory.BufferLength = static_cast<ULONG>(text.size());
        DWORD sent = 0;
        context->GetResponse()->WriteEntityChunks(&chunk, 1, FALSE, TRUE, &sent);
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnCustomRequestNotification(
        IHttpContext* context, ICustomNotificationProvider* provider) override {
        const std::string type = narrow(provider->QueryNotificationType());
        context->GetResponse()->SetHeader("X-Peer-Custom", type.c_str(),
                                          static_cast<USHORT>(type.size()), TRUE);
        log_line(request_header(context, "X-Probe-Id"), "custom type=" + type);
        return RQ_NOTIFICATION_CONTINUE;
    }
};

class ProbeFactory final : public IHttpModuleFactory {
public:
    ProbeFactory(bool peer, HTTP_MODULE_ID module_id) : peer_(peer), module_id_(module_id) {}

    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        if (peer_) {
            *module = new Peer();
        } else {
            *module = new Probe(module_id_);
        }
        return S_OK;
    }

    VOID Terminate() override { delete this; }

private:
    bool peer_;
    HTTP_MODULE_ID module_id_;
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                 IHttpServer* server) {
    g_server = server;
    const std::string name = narrow(module_info->GetName());
    const bool peer = strncasecmp(name.c_str(), "peer", 4) == 0;
    ProbeFactory* factory = new ProbeFactory(peer, module_info->GetId());
    if (peer) {
        return module_info->SetRequestNotifications(factory, k_peer_events, 0);
    }
    return module_info->SetRequestNotifications(factory, k_probe_events, k_probe_posts);
}
