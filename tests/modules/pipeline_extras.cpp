// Test module for tests/integration/test_pipeline_extras.py: the pipeline features around the
// main handler path - RQ_MAP_PATH, RQ_READ_ENTITY, a module-provided script map,
// IndicateCompletion, asynchronous writes/flushes/reads (OnAsyncCompletion and the per-call
// callbacks), a module-made IHttpUser, dispensed context containers and post-event priorities.
//
// One image, several roles. RegisterModule reads the role from the start of the configuration name
// (case-insensitive), so a test loads the image under as many names as it needs:
//   Extras...    the mapped handler. OnExecuteRequestHandler runs the action named by the request
//                header X-Extras-Action (default "hello"). Also logs its post-execute, release,
//                log and end notifications.
//   Mapper...    RQ_MAP_PATH: logs GetUrl/GetPhysicalPath; a URL under /mapped/ is moved below
//                $EXTRAS_MAP_ROOT with SetPhysicalPath.
//   Reader...    RQ_READ_ENTITY: logs every GetEntity; with the request header X-Extras-Upper: 1
//                it hands the reader an upper-cased copy through SetEntity.
//   Remapper...  RQ_MAP_REQUEST_HANDLER (+ post): with the request header X-Extras-Remap: 1 it
//                sets its own IScriptMapInfo naming $EXTRAS_REMAP_MODULES (default "Alt") and the
//                script name $EXTRAS_SCRIPT_NAME (default "/remapped/entry.x").
//   Alt...       a second handler module: reports what it sees of the script map.
//   Auth...      RQ_AUTHENTICATE_REQUEST (+ post): SetUser with a module-made user named
//                $EXTRAS_USER (default "extras-user").
//   Prio...      RQ_BEGIN_REQUEST and RQ_END_REQUEST, events and posts, logged. Priorities:
//                $EXTRAS_PRIORITY_<NAME> for the events, $EXTRAS_POST_PRIORITY_<NAME> for the
//                RQ_BEGIN_REQUEST post-event only (IHttpModuleRegistrationInfo2).
//
// Handler actions (X-Extras-Action): hello, paths (X-Extras-Map-Url, X-Extras-Other-Url), read
// (X-Extras-Chunk), indicate (X-Extras-Indicate), async-write, callback-write, callback-read
// (X-Extras-Chunk), user, container. X-Extras-Complete-With: finish makes the last completion of
// async-write / callback-write return FINISH_REQUEST; X-Extras-Post-Flush: 1 makes the handler's
// OnPostExecuteRequestHandler write and flush asynchronously.
//
// Event log: with $EXTRAS_LOG set and the request header X-Extras-Id present, each role appends
// "<id> <config-name> <event> [key=value ...]\n" (one write() per line). Values are escaped like
// report values, so a line splits on spaces.
// Report format (handler bodies): "key=value\n" lines; '%', ' ', control bytes and bytes >= 0x7f
// in a value are written as %XX.

// clang-format off
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
// clang-format on

#include <cctype>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

// Set by every RegisterModule call; all roles share the one server object.
IHttpServer* g_server = nullptr;

// An HTTP_MODULE_ID no real module has: a second key for the dispensed container.
const int k_foreign_id_anchor = 0;

// ---- text ---------------------------------------------------------------------------------------

std::string hex32(uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

// FNV-1a, 64 bit, as api_helpers.fnv1a64 computes it.
std::string fnv1a_hex(const std::string& data) {
    uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : data) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    char text[24];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

// The tests only use ASCII where a wide string crosses this module.
std::string narrow(PCWSTR text) {
    std::string out;
    for (; text != nullptr && *text != L'\0'; ++text) {
        out += *text < 0x80 ? static_cast<char>(*text) : '?';
    }
    return out;
}

std::wstring widen(const std::string& text) {
    std::wstring out;
    for (unsigned char c : text) {
        out += static_cast<wchar_t>(c);
    }
    return out;
}

std::string upper(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

bool starts_with_nocase(const std::string& text, const char* prefix) {
    const size_t length = std::strlen(prefix);
    return text.size() >= length && upper(text.substr(0, length)) == upper(prefix);
}

// Keeps a value one word on one line.
std::string escape(const std::string& value) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        if (c == '%' || c <= 0x20 || c >= 0x7f) {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : std::string(fallback);
}

class Report {
public:
    void add(const std::string& key, const std::string& value) {
        text_ += key + "=" + escape(value) + "\n";
    }
    void add(const std::string& key, long long value) { add(key, std::to_string(value)); }
    void add_hr(const std::string& key, HRESULT hr) { add(key, hex32(static_cast<uint32_t>(hr))); }
    void add_flag(const std::string& key, bool value) { add(key, value ? "1" : "0"); }
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

std::string request_header(IHttpContext* context, PCSTR name) {
    USHORT length = 0;
    PCSTR value = context->GetRequest()->GetHeader(name, &length);
    return value == nullptr ? std::string() : std::string(value, length);
}

// ---- the event log ------------------------------------------------------------------------------

// One write() on an O_APPEND descriptor per line: lines of concurrent requests (and of the
// IndicateCompletion thread) never interleave.
void append_log(const std::string& id, const std::string& who, const std::string& event) {
    const char* path = std::getenv("EXTRAS_LOG");
    if (id.empty() || path == nullptr || *path == '\0') {
        return;
    }
    const std::string line = id + " " + who + " " + event + "\n";
    const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    const ssize_t written = ::write(fd, line.data(), line.size());
    (void)written;
    ::close(fd);
}

// ---- response helpers ---------------------------------------------------------------------------

HTTP_DATA_CHUNK memory_chunk(const std::string& text) {
    HTTP_DATA_CHUNK chunk = {};
    chunk.DataChunkType = HttpDataChunkFromMemory;
    chunk.FromMemory.pBuffer = const_cast<char*>(text.data());
    chunk.FromMemory.BufferLength = static_cast<ULONG>(text.size());
    return chunk;
}

// A synchronous buffered write: the data is copied, so `text` may be a temporary.
HRESULT write_text(IHttpContext* context, const std::string& text) {
    HTTP_DATA_CHUNK chunk = memory_chunk(text);
    DWORD sent = 0;
    return context->GetResponse()->WriteEntityChunks(&chunk, 1, FALSE, TRUE, &sent);
}

void start_text_response(IHttpContext* context) {
    static const char type[] = "text/plain";
    IHttpResponse* response = context->GetResponse();
    response->SetStatus(200, "OK");
    response->SetHeader("Content-Type", type, static_cast<USHORT>(sizeof type - 1), TRUE);
}

// A step the test relies on failed: answer 500 with the reason, so the test shows it.
REQUEST_NOTIFICATION_STATUS fail(IHttpContext* context, const std::string& why, HRESULT hr) {
    IHttpResponse* response = context->GetResponse();
    if (!context->GetResponseHeadersSent()) {
        response->Clear();
        response->SetStatus(500, "Extras Failure", 0, hr);
    }
    write_text(context, "extras-failure=" + why + " hr=" + hex32(static_cast<uint32_t>(hr)) + "\n");
    return RQ_NOTIFICATION_FINISH_REQUEST;
}

// ---- roles --------------------------------------------------------------------------------------

enum class Role { handler, mapper, reader, remapper, alt, auth, prio };

Role role_of(const std::string& name) {
    if (starts_with_nocase(name, "Mapper")) return Role::mapper;
    if (starts_with_nocase(name, "Reader")) return Role::reader;
    if (starts_with_nocase(name, "Remapper")) return Role::remapper;
    if (starts_with_nocase(name, "Alt")) return Role::alt;
    if (starts_with_nocase(name, "Auth")) return Role::auth;
    if (starts_with_nocase(name, "Prio")) return Role::prio;
    return Role::handler;
}

struct Setup {
    Role role;
    std::string name;
    HTTP_MODULE_ID id;
};

// ---- module-implemented interfaces --------------------------------------------------------------

// The user the Auth role installs. It lives in the Auth module instance, i.e. until that instance
// is disposed at the end of the request, which covers every use the pipeline makes of it.
class ExtrasUser final : public IHttpUser {
public:
    explicit ExtrasUser(const std::string& name) : name_(widen(name)) {}

    PCWSTR GetRemoteUserName() override { return name_.c_str(); }
    PCWSTR GetUserName() override { return name_.c_str(); }
    PCWSTR GetAuthenticationType() override { return L"ExtrasAuth"; }
    PCWSTR GetPassword() override { return L""; }
    HANDLE GetImpersonationToken() override { return nullptr; }
    HANDLE GetPrimaryToken() override { return nullptr; }
    VOID ReferenceUser() override {}
    VOID DereferenceUser() override {}
    BOOL SupportsIsInRole() override { return FALSE; }
    HRESULT IsInRole(PCWSTR, BOOL* in_role) override {
        if (in_role != nullptr) *in_role = FALSE;
        return E_NOTIMPL;
    }
    PVOID GetUserVariable(PCSTR) override { return nullptr; }

private:
    std::wstring name_;
};

// The script map the Remapper role hands to IMapHandlerProvider::SetScriptMap; a member of the
// Remapper instance, so valid for the whole request.
class ExtrasScriptMap final : public IScriptMapInfo {
public:
    explicit ExtrasScriptMap(const std::string& modules) : modules_(widen(modules)) {}

    PCWSTR GetPath() const override { return L"*"; }
    PCSTR GetAllowedVerbs() const override { return "*"; }
    PCWSTR GetModules(DWORD* length) const override {
        if (length != nullptr) *length = static_cast<DWORD>(modules_.size());
        return modules_.c_str();
    }
    PCWSTR GetScriptProcessor(DWORD* length) const override {
        if (length != nullptr) *length = 0;
        return L"";
    }
    PCWSTR GetManagedType(DWORD* length) const override {
        if (length != nullptr) *length = 0;
        return L"";
    }
    BOOL GetAllowPathInfoForScriptMappings() const override { return FALSE; }
    DWORD GetRequiredAccess() const override { return 0; }
    DWORD GetResourceType() const override { return 3; }  // unspecified
    BOOL GetIsStarScriptMap() const override { return TRUE; }
    DWORD GetResponseBufferLimit() const override { return 4 * 1024 * 1024; }
    PCWSTR GetName() const override { return L"ExtrasScriptMap"; }

private:
    std::wstring modules_;
};

// Counts its cleanups in the owner's tally and remembers the order by tag.
class ExtrasStored final : public IHttpStoredContext {
public:
    ExtrasStored(std::string* cleaned, char tag) : cleaned_(cleaned), tag_(tag) {}

    VOID CleanupStoredContext() override {
        *cleaned_ += tag_;
        delete this;
    }

private:
    std::string* cleaned_;
    char tag_;
};

// ---- the module ---------------------------------------------------------------------------------

class ExtrasModule final : public CHttpModule {
public:
    explicit ExtrasModule(const Setup& setup)
        : setup_(setup),
          script_map_(env_or("EXTRAS_REMAP_MODULES", "Alt")),
          user_(env_or("EXTRAS_USER", "extras-user")) {}

    // -- deterministic notifications --------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS OnBeginRequest(IHttpContext* context,
                                               IHttpEventProvider*) override {
        log(context, "begin");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnPostBeginRequest(IHttpContext* context,
                                                   IHttpEventProvider*) override {
        log(context, "post_begin");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnAuthenticateRequest(IHttpContext* context,
                                                      IAuthenticationProvider* provider) override {
        provider->SetUser(&user_);
        // The new user is visible at once to the module that set it.
        log(context, std::string("set_user same=") + (context->GetUser() == &user_ ? "1" : "0"));
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnPostAuthenticateRequest(IHttpContext* context,
                                                          IHttpEventProvider*) override {
        log(context,
            std::string("post_authenticate same=") + (context->GetUser() == &user_ ? "1" : "0"));
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnMapRequestHandler(IHttpContext* context,
                                                    IMapHandlerProvider* provider) override {
        if (request_header(context, "X-Extras-Remap") != "1") {
            log(context, "map_handler remap=0");
            return RQ_NOTIFICATION_CONTINUE;
        }
        provider->SetScriptMap(&script_map_);
        const std::wstring name = widen(env_or("EXTRAS_SCRIPT_NAME", "/remapped/entry.x"));
        const HRESULT hr = provider->SetScriptName(name.c_str(), static_cast<DWORD>(name.size()));
        log(context, "map_handler remap=1 script_name_hr=" + hex32(static_cast<uint32_t>(hr)));
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnPostMapRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        IScriptMapInfo* map = context->GetScriptMap();
        DWORD length = 0;
        PCWSTR script_name = context->GetScriptName(&length);
        log(context, std::string("post_map_handler same=") + (map == &script_map_ ? "1" : "0") +
                         " name=" + escape(map != nullptr ? narrow(map->GetName()) : "(null)") +
                         " script_name=" + escape(narrow(script_name)));
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        log(context, "execute");
        if (setup_.role == Role::alt) {
            return alt_handler(context);
        }
        action_ = request_header(context, "X-Extras-Action");
        if (action_.empty() || action_ == "hello") return hello(context);
        if (action_ == "paths") return paths(context);
        if (action_ == "read") return read_sync(context);
        if (action_ == "indicate") return indicate(context);
        if (action_ == "async-write") return async_write(context);
        if (action_ == "callback-write") return callback_write(context);
        if (action_ == "callback-read") return callback_read(context);
        if (action_ == "user") return user_report(context);
        if (action_ == "container") return container(context);
        return fail(context, "unknown-action", E_INVALIDARG);
    }

    REQUEST_NOTIFICATION_STATUS OnPostExecuteRequestHandler(IHttpContext* context,
                                                            IHttpEventProvider*) override {
        log(context, "post_execute");
        if (request_header(context, "X-Extras-Post-Flush") != "1") {
            return RQ_NOTIFICATION_CONTINUE;
        }
        // An asynchronous operation started in a post-event: its completion says so.
        HRESULT hr = write_text(context, "post;");
        if (FAILED(hr)) return fail(context, "post-write", hr);
        BOOL expected = FALSE;
        DWORD sent = 0;
        hr = context->GetResponse()->Flush(TRUE, TRUE, &sent, &expected);
        log(context, "post_flush hr=" + hex32(static_cast<uint32_t>(hr)) +
                         " expected=" + (expected ? "1" : "0"));
        if (FAILED(hr)) return fail(context, "post-flush", hr);
        return expected ? RQ_NOTIFICATION_PENDING : RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnReleaseRequestState(IHttpContext* context,
                                                      IHttpEventProvider*) override {
        log(context, "release_state");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnLogRequest(IHttpContext* context, IHttpEventProvider*) override {
        log(context, "log");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnEndRequest(IHttpContext* context, IHttpEventProvider*) override {
        log(context, "end");
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnPostEndRequest(IHttpContext* context,
                                                 IHttpEventProvider*) override {
        log(context, "post_end");
        return RQ_NOTIFICATION_CONTINUE;
    }

    // -- non-deterministic notifications ----------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS OnMapPath(IHttpContext* context,
                                          IMapPathProvider* provider) override {
        const std::string url = narrow(provider->GetUrl());
        const std::string before = narrow(provider->GetPhysicalPath());
        std::string event = "map_path url=" + escape(url) + " path=" + escape(before);
        const std::string prefix = "/mapped/";
        if (url.compare(0, prefix.size(), prefix) == 0) {
            const std::wstring moved =
                widen(env_or("EXTRAS_MAP_ROOT", "/nonexistent") + url.substr(prefix.size() - 1));
            const HRESULT hr =
                provider->SetPhysicalPath(moved.c_str(), static_cast<DWORD>(moved.size()));
            event += " set_hr=" + hex32(static_cast<uint32_t>(hr)) +
                     " now=" + escape(narrow(provider->GetPhysicalPath()));
        }
        log(context, event);
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnReadEntity(IHttpContext* context,
                                             IReadEntityProvider* provider) override {
        PVOID buffer = nullptr;
        DWORD data = 0;
        DWORD size = 0;
        provider->GetEntity(&buffer, &data, &size);
        const std::string seen =
            buffer != nullptr ? std::string(static_cast<const char*>(buffer), data) : "";
        log(context, "read_entity n=" + std::to_string(data) + " buffer=" + std::to_string(size) +
                         " null=" + (buffer == nullptr ? "1" : "0") + " data=" + escape(seen));
        if (request_header(context, "X-Extras-Upper") == "1" && data > 0) {
            // Request memory: valid until the end of the request, as SetEntity requires.
            auto* copy = static_cast<char*>(context->AllocateRequestMemory(data));
            if (copy != nullptr) {
                const std::string shouted = upper(seen);
                std::memcpy(copy, shouted.data(), data);
                provider->SetEntity(copy, data, data);
            }
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    // -- asynchronous completion ------------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS OnAsyncCompletion(IHttpContext* context, DWORD notification,
                                                  BOOL post, IHttpEventProvider* provider,
                                                  IHttpCompletionInfo* info) override {
        ++completions_;
        log(context, "completion n=" + std::to_string(completions_) +
                         " bytes=" + std::to_string(info->GetCompletionBytes()) +
                         " status=" + hex32(static_cast<uint32_t>(info->GetCompletionStatus())) +
                         " notification=" + hex32(notification) + " post=" + (post ? "1" : "0") +
                         " provider_null=" + (provider == nullptr ? "1" : "0"));
        if (action_ != "async-write") {
            // The post-event flush just carries on. The callback forms must never come here
            // (decision 3): the test looks for this line.
            return RQ_NOTIFICATION_CONTINUE;
        }
        if (completions_ == 1) {
            // The async write is done; buffer a second piece, then flush everything asynchronously.
            HRESULT hr = write_text(context, "two;");
            if (FAILED(hr)) return fail(context, "write-two", hr);
            BOOL expected = FALSE;
            DWORD sent = 0;
            hr = context->GetResponse()->Flush(TRUE, TRUE, &sent, &expected);
            log(context, "flush hr=" + hex32(static_cast<uint32_t>(hr)) +
                             " expected=" + (expected ? "1" : "0"));
            if (FAILED(hr)) return fail(context, "flush", hr);
            return expected ? RQ_NOTIFICATION_PENDING : RQ_NOTIFICATION_CONTINUE;
        }
        const HRESULT hr = write_text(context, "three");
        if (FAILED(hr)) return fail(context, "write-three", hr);
        return final_status(context);
    }

    VOID Dispose() override {
        if (worker_.joinable()) {
            // A server that resumes on the calling thread would dispose from the worker itself.
            if (worker_.get_id() == std::this_thread::get_id()) {
                worker_.detach();
            } else {
                worker_.join();
            }
        }
        delete this;
    }

private:
    void log(IHttpContext* context, const std::string& event) {
        if (id_.empty()) {
            id_ = request_header(context, "X-Extras-Id");
        }
        append_log(id_, setup_.name, event);
    }

    void report_script_map(IHttpContext* context, Report& report) {
        IScriptMapInfo* map = context->GetScriptMap();
        report.add_flag("script_map_null", map == nullptr);
        if (map != nullptr) {
            DWORD length = 0;
            PCWSTR modules = map->GetModules(&length);
            report.add("script_map_name", narrow(map->GetName()));
            report.add("script_map_modules", narrow(modules));
            report.add("script_map_modules_length", length);
        }
        DWORD length = 0;
        PCWSTR script_name = context->GetScriptName(&length);
        report.add("script_name", narrow(script_name));
        report.add("script_name_length", length);
    }

    // What the last completion of an async action returns: X-Extras-Complete-With "finish" makes
    // it FINISH_REQUEST, anything else CONTINUE.
    static REQUEST_NOTIFICATION_STATUS final_status(IHttpContext* context) {
        return request_header(context, "X-Extras-Complete-With") == "finish"
                   ? RQ_NOTIFICATION_FINISH_REQUEST
                   : RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS finish_report(IHttpContext* context, const Report& report) {
        const HRESULT hr = write_text(context, report.text());
        if (FAILED(hr)) return fail(context, "write-report", hr);
        return RQ_NOTIFICATION_CONTINUE;
    }

    // -- handler actions --------------------------------------------------------------------------

    REQUEST_NOTIFICATION_STATUS hello(IHttpContext* context) {
        start_text_response(context);
        Report report;
        report.add("handler", setup_.name);
        report_script_map(context, report);
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS alt_handler(IHttpContext* context) {
        start_text_response(context);
        Report report;
        report.add("handler", setup_.name);
        report_script_map(context, report);
        return finish_report(context, report);
    }

    // GetPhysicalPath and MapPath, both of which raise RQ_MAP_PATH.
    REQUEST_NOTIFICATION_STATUS paths(IHttpContext* context) {
        start_text_response(context);
        Report report;
        DWORD length = 0;
        PCWSTR physical = context->GetPhysicalPath(&length);
        report.add("physical_path", narrow(physical));
        report.add("physical_length", length);
        PCSTR translated = nullptr;
        DWORD translated_length = 0;
        HRESULT hr = context->GetServerVariable("PATH_TRANSLATED", &translated, &translated_length);
        report.add_hr("path_translated_hr", hr);
        report.add("path_translated", SUCCEEDED(hr) && translated != nullptr
                                          ? std::string(translated, translated_length)
                                          : std::string());

        const std::wstring url = widen(request_header(context, "X-Extras-Map-Url"));
        // One WCHAR of room: too small for any path.
        WCHAR tiny[1] = {L'\0'};
        DWORD size = sizeof tiny;
        hr = context->MapPath(url.c_str(), tiny, &size);
        report.add_hr("small_hr", hr);
        report.add("small_size", size);

        std::vector<WCHAR> buffer(size / sizeof(WCHAR) + 1, L'\0');
        DWORD exact = size;
        hr = context->MapPath(url.c_str(), buffer.data(), &exact);
        report.add_hr("map_hr", hr);
        report.add("map_size", exact);
        report.add("map_path", SUCCEEDED(hr) ? narrow(buffer.data()) : std::string());

        const std::wstring other = widen(request_header(context, "X-Extras-Other-Url"));
        std::vector<WCHAR> other_buffer(4096, L'\0');
        DWORD other_size = static_cast<DWORD>(other_buffer.size() * sizeof(WCHAR));
        hr = context->MapPath(other.c_str(), other_buffer.data(), &other_size);
        report.add_hr("other_hr", hr);
        report.add("other_path", SUCCEEDED(hr) ? narrow(other_buffer.data()) : std::string());
        return finish_report(context, report);
    }

    // Synchronous reads of X-Extras-Chunk bytes until nothing remains.
    REQUEST_NOTIFICATION_STATUS read_sync(IHttpContext* context) {
        start_text_response(context);
        const DWORD chunk = static_cast<DWORD>(
            std::strtoul(request_header(context, "X-Extras-Chunk").c_str(), nullptr, 10));
        if (chunk == 0) return fail(context, "chunk", E_INVALIDARG);
        IHttpRequest* request = context->GetRequest();
        std::string body;
        std::string sizes;
        std::vector<char> buffer(chunk);
        long long reads = 0;
        while (request->GetRemainingEntityBytes() > 0) {
            DWORD got = 0;
            const HRESULT hr = request->ReadEntityBody(buffer.data(), chunk, FALSE, &got);
            if (FAILED(hr)) return fail(context, "read", hr);
            ++reads;
            body.append(buffer.data(), got);
            sizes += (sizes.empty() ? "" : ",") + std::to_string(got);
        }
        Report report;
        report.add("reads", reads);
        report.add("sizes", sizes);
        report.add("bytes", static_cast<long long>(body.size()));
        report.add("body", body);
        return finish_report(context, report);
    }

    // Returns PENDING; a thread writes the body and calls IndicateCompletion with the status
    // named by X-Extras-Indicate ("continue" or "finish").
    REQUEST_NOTIFICATION_STATUS indicate(IHttpContext* context) {
        const std::string mode = request_header(context, "X-Extras-Indicate");
        const REQUEST_NOTIFICATION_STATUS status =
            mode == "finish" ? RQ_NOTIFICATION_FINISH_REQUEST : RQ_NOTIFICATION_CONTINUE;
        start_text_response(context);
        worker_ = std::thread([this, context, status, mode] {
            {
                // Touch the request only once the handler has handed it back to the server.
                std::unique_lock lock(mutex_);
                returned_.wait(lock, [this] { return handler_returned_; });
            }
            const HRESULT hr = write_text(context, "from-thread mode=" + mode + "\n");
            log(context, "indicate mode=" + mode + " write_hr=" + hex32(static_cast<uint32_t>(hr)));
            context->IndicateCompletion(status);
        });
        {
            std::lock_guard lock(mutex_);
            handler_returned_ = true;
        }
        returned_.notify_one();
        return RQ_NOTIFICATION_PENDING;
    }

    // An asynchronous write; OnAsyncCompletion carries on with an asynchronous flush.
    REQUEST_NOTIFICATION_STATUS async_write(IHttpContext* context) {
        start_text_response(context);
        async_text_ = "async-one;";
        HTTP_DATA_CHUNK chunk = memory_chunk(async_text_);
        BOOL expected = FALSE;
        DWORD sent = 0;
        const HRESULT hr =
            context->GetResponse()->WriteEntityChunks(&chunk, 1, TRUE, TRUE, &sent, &expected);
        log(context,
            "write hr=" + hex32(static_cast<uint32_t>(hr)) + " expected=" + (expected ? "1" : "0"));
        if (FAILED(hr)) return fail(context, "async-write", hr);
        return expected ? RQ_NOTIFICATION_PENDING : RQ_NOTIFICATION_CONTINUE;
    }

    // The IHttpResponse2 forms: write, then flush, each completing through its own callback.
    REQUEST_NOTIFICATION_STATUS callback_write(IHttpContext* context) {
        IHttpContext3* context3 = nullptr;
        HRESULT hr = HttpGetExtendedInterface(g_server, context, &context3);
        if (FAILED(hr)) return fail(context, "context3", hr);
        context3_ = context3;
        IHttpResponse2* response2 = nullptr;
        hr = HttpGetExtendedInterface(g_server, context->GetResponse(), &response2);
        if (FAILED(hr) || response2 == nullptr) return fail(context, "response2", hr);
        start_text_response(context);
        async_text_ = "cb-one;";
        HTTP_DATA_CHUNK chunk = memory_chunk(async_text_);
        BOOL expected = FALSE;
        DWORD sent = 0;
        hr = response2->WriteEntityChunks(&chunk, 1, TRUE, TRUE, &ExtrasModule::write_callback,
                                          this, &sent, &expected);
        log(context, "cb_write hr=" + hex32(static_cast<uint32_t>(hr)) +
                         " expected=" + (expected ? "1" : "0"));
        if (FAILED(hr)) return fail(context, "cb-write", hr);
        return expected ? RQ_NOTIFICATION_PENDING : RQ_NOTIFICATION_CONTINUE;
    }

    static REQUEST_NOTIFICATION_STATUS WINAPI write_callback(IHttpContext3* context,
                                                             IHttpCompletionInfo2* info,
                                                             VOID* data) {
        return static_cast<ExtrasModule*>(data)->on_write_callback(context, info);
    }

    REQUEST_NOTIFICATION_STATUS on_write_callback(IHttpContext3* context,
                                                  IHttpCompletionInfo2* info) {
        ++callbacks_;
        log(context, "callback n=" + std::to_string(callbacks_) +
                         " bytes=" + std::to_string(info->GetCompletionBytes()) +
                         " status=" + hex32(static_cast<uint32_t>(info->GetCompletionStatus())) +
                         " same_context=" + (context == context3_ ? "1" : "0"));
        if (callbacks_ == 1) {
            IHttpResponse2* response2 = nullptr;
            HRESULT hr = HttpGetExtendedInterface(g_server, context->GetResponse(), &response2);
            if (FAILED(hr) || response2 == nullptr) return fail(context, "response2", hr);
            BOOL expected = FALSE;
            DWORD sent = 0;
            hr =
                response2->Flush(TRUE, TRUE, &ExtrasModule::write_callback, this, &sent, &expected);
            log(context, "cb_flush hr=" + hex32(static_cast<uint32_t>(hr)) +
                             " expected=" + (expected ? "1" : "0"));
            if (FAILED(hr)) return fail(context, "cb-flush", hr);
            if (expected) return RQ_NOTIFICATION_PENDING;
        }
        const HRESULT hr = write_text(context, "cb-tail");
        if (FAILED(hr)) return fail(context, "cb-tail", hr);
        return final_status(context);
    }

    // IHttpRequest3::ReadEntityBody with a callback, X-Extras-Chunk bytes at a time.
    REQUEST_NOTIFICATION_STATUS callback_read(IHttpContext* context) {
        IHttpContext3* context3 = nullptr;
        HRESULT hr = HttpGetExtendedInterface(g_server, context, &context3);
        if (FAILED(hr)) return fail(context, "context3", hr);
        context3_ = context3;
        hr = HttpGetExtendedInterface(g_server, context->GetRequest(), &request3_);
        if (FAILED(hr) || request3_ == nullptr) return fail(context, "request3", hr);
        read_buffer_.resize(
            std::strtoul(request_header(context, "X-Extras-Chunk").c_str(), nullptr, 10));
        if (read_buffer_.empty()) return fail(context, "chunk", E_INVALIDARG);
        start_text_response(context);
        return keep_reading(context);
    }

    REQUEST_NOTIFICATION_STATUS keep_reading(IHttpContext* context) {
        while (context->GetRequest()->GetRemainingEntityBytes() > 0) {
            BOOL pending = FALSE;
            DWORD got = 0;
            const HRESULT hr = request3_->ReadEntityBody(
                read_buffer_.data(), static_cast<DWORD>(read_buffer_.size()), TRUE,
                &ExtrasModule::read_callback, this, &got, &pending);
            if (FAILED(hr)) return fail(context, "cb-read", hr);
            if (pending) {
                ++pending_reads_;
                return RQ_NOTIFICATION_PENDING;
            }
            // Completed synchronously: the byte count is final and no callback follows.
            read_body_.append(read_buffer_.data(), got);
            ++reads_;
        }
        Report report;
        report.add("reads", reads_);
        report.add("pending_reads", pending_reads_);
        report.add("bytes", static_cast<long long>(read_body_.size()));
        report.add("fnv", fnv1a_hex(read_body_));
        return finish_report(context, report);
    }

    static REQUEST_NOTIFICATION_STATUS WINAPI read_callback(IHttpContext3* context,
                                                            IHttpCompletionInfo2* info,
                                                            VOID* data) {
        return static_cast<ExtrasModule*>(data)->on_read_callback(context, info);
    }

    REQUEST_NOTIFICATION_STATUS on_read_callback(IHttpContext3* context,
                                                 IHttpCompletionInfo2* info) {
        const DWORD got = info->GetCompletionBytes();
        ++callbacks_;
        log(context, "read_callback n=" + std::to_string(callbacks_) +
                         " bytes=" + std::to_string(got) +
                         " status=" + hex32(static_cast<uint32_t>(info->GetCompletionStatus())) +
                         " same_context=" + (context == context3_ ? "1" : "0"));
        if (FAILED(info->GetCompletionStatus()) || got > read_buffer_.size()) {
            return fail(context, "cb-read-completion", info->GetCompletionStatus());
        }
        read_body_.append(read_buffer_.data(), got);
        ++reads_;
        return keep_reading(context);
    }

    REQUEST_NOTIFICATION_STATUS user_report(IHttpContext* context) {
        start_text_response(context);
        Report report;
        IHttpUser* user = context->GetUser();
        report.add_flag("user_null", user == nullptr);
        if (user != nullptr) {
            report.add("user_name", narrow(user->GetUserName()));
            report.add("remote_user_name", narrow(user->GetRemoteUserName()));
            report.add("auth_type", narrow(user->GetAuthenticationType()));
        }
        IHttpContext2* context2 = nullptr;
        HRESULT hr = HttpGetExtendedInterface(g_server, context, &context2);
        if (FAILED(hr) || context2 == nullptr) return fail(context, "context2", hr);
        IHttpUser* original = context2->GetOriginalUser();
        report.add_flag("original_null", original == nullptr);
        report.add_flag("original_is_user", original == user);
        if (original != nullptr) {
            report.add("original_user_name", narrow(original->GetUserName()));
        }
        for (const char* name : {"LOGON_USER", "REMOTE_USER", "AUTH_TYPE"}) {
            PCSTR value = nullptr;
            DWORD length = 0;
            hr = context->GetServerVariable(name, &value, &length);
            report.add_hr(std::string("hr_") + name, hr);
            report.add(std::string("var_") + name,
                       SUCCEEDED(hr) && value != nullptr ? std::string(value, length) : "");
        }
        return finish_report(context, report);
    }

    REQUEST_NOTIFICATION_STATUS container(IHttpContext* context) {
        start_text_response(context);
        Report report;
        IDispensedHttpModuleContextContainer* first = g_server->DispenseContainer();
        IDispensedHttpModuleContextContainer* second = g_server->DispenseContainer();
        report.add_flag("first_null", first == nullptr);
        report.add_flag("second_null", second == nullptr);
        if (first == nullptr || second == nullptr) return finish_report(context, report);
        report.add_flag("distinct", first != second);

        const HTTP_MODULE_ID foreign = const_cast<int*>(&k_foreign_id_anchor);
        auto* a = new ExtrasStored(&cleaned_, 'a');
        report.add_hr("set_a_hr", first->SetModuleContext(a, setup_.id));
        report.add_flag("get_a_same", first->GetModuleContext(setup_.id) == a);
        auto* duplicate = new ExtrasStored(&cleaned_, 'd');
        const HRESULT duplicate_hr = first->SetModuleContext(duplicate, setup_.id);
        report.add_hr("set_duplicate_hr", duplicate_hr);
        if (FAILED(duplicate_hr)) {
            delete duplicate;  // not stored: still ours
        }
        auto* b = new ExtrasStored(&cleaned_, 'b');
        report.add_hr("set_b_hr", first->SetModuleContext(b, foreign));
        report.add_flag("get_b_same", first->GetModuleContext(foreign) == b);
        report.add_flag("second_empty", second->GetModuleContext(setup_.id) == nullptr);
        report.add("cleaned_before_release", cleaned_);

        second->ReleaseContainer();
        report.add("cleaned_after_second_release", cleaned_);
        first->ReleaseContainer();
        report.add("cleaned_after_first_release", cleaned_);
        return finish_report(context, report);
    }

    Setup setup_;
    std::string id_;
    std::string action_;
    ExtrasScriptMap script_map_;
    ExtrasUser user_;

    // indicate
    std::thread worker_;
    std::mutex mutex_;
    std::condition_variable returned_;
    bool handler_returned_ = false;

    // async writes and reads: the data must outlive the operation
    std::string async_text_;
    int completions_ = 0;
    int callbacks_ = 0;
    IHttpContext3* context3_ = nullptr;
    IHttpRequest3* request3_ = nullptr;
    std::vector<char> read_buffer_;
    std::string read_body_;
    long long reads_ = 0;
    long long pending_reads_ = 0;

    // container
    std::string cleaned_;
};

class ExtrasFactory final : public IHttpModuleFactory {
public:
    explicit ExtrasFactory(Setup setup) : setup_(std::move(setup)) {}

    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new ExtrasModule(setup_);
        return S_OK;
    }

    VOID Terminate() override { delete this; }

private:
    Setup setup_;
};

struct Subscription {
    DWORD events;
    DWORD posts;
};

Subscription subscription_of(Role role) {
    switch (role) {
        case Role::handler:
            return {RQ_EXECUTE_REQUEST_HANDLER | RQ_RELEASE_REQUEST_STATE | RQ_LOG_REQUEST |
                        RQ_END_REQUEST,
                    RQ_EXECUTE_REQUEST_HANDLER};
        case Role::mapper: return {RQ_MAP_PATH, 0};
        case Role::reader: return {RQ_READ_ENTITY, 0};
        case Role::remapper: return {RQ_MAP_REQUEST_HANDLER, RQ_MAP_REQUEST_HANDLER};
        case Role::alt: return {RQ_EXECUTE_REQUEST_HANDLER, 0};
        case Role::auth: return {RQ_AUTHENTICATE_REQUEST, RQ_AUTHENTICATE_REQUEST};
        case Role::prio:
            return {RQ_BEGIN_REQUEST | RQ_END_REQUEST, RQ_BEGIN_REQUEST | RQ_END_REQUEST};
    }
    return {0, 0};
}

// The alias named by an environment variable; *set says whether it was set at all, and a set
// variable that names no alias gives nullptr.
PCWSTR priority_from_env(const std::string& variable, bool* set) {
    const std::string text = upper(env_or(variable.c_str(), ""));
    *set = !text.empty();
    if (text == "FIRST") return PRIORITY_ALIAS_FIRST;
    if (text == "HIGH") return PRIORITY_ALIAS_HIGH;
    if (text == "MEDIUM") return PRIORITY_ALIAS_MEDIUM;
    if (text == "LOW") return PRIORITY_ALIAS_LOW;
    if (text == "LAST") return PRIORITY_ALIAS_LAST;
    return nullptr;
}

HRESULT register_priorities(const std::string& name, IHttpModuleRegistrationInfo* module_info,
                            IHttpServer* server) {
    bool set = false;
    PCWSTR priority = priority_from_env("EXTRAS_PRIORITY_" + upper(name), &set);
    if (set) {
        if (priority == nullptr) return E_INVALIDARG;  // a typo must not run with defaults
        const HRESULT hr = module_info->SetPriorityForRequestNotification(
            RQ_BEGIN_REQUEST | RQ_END_REQUEST, priority);
        if (FAILED(hr)) return hr;
    }
    priority = priority_from_env("EXTRAS_POST_PRIORITY_" + upper(name), &set);
    if (!set) return S_OK;
    if (priority == nullptr) return E_INVALIDARG;
    IHttpModuleRegistrationInfo2* module_info2 = nullptr;
    HRESULT hr = HttpGetExtendedInterface(server, module_info, &module_info2);
    if (FAILED(hr)) return hr;
    if (module_info2 == nullptr) return E_NOINTERFACE;
    return module_info2->SetPriorityForPostRequestNotification(RQ_BEGIN_REQUEST, priority);
}

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                 IHttpServer* server) {
    g_server = server;
    Setup setup{Role::handler, narrow(module_info->GetName()), module_info->GetId()};
    setup.role = role_of(setup.name);
    const Subscription subscription = subscription_of(setup.role);
    auto* factory = new ExtrasFactory(setup);
    HRESULT hr =
        module_info->SetRequestNotifications(factory, subscription.events, subscription.posts);
    if (FAILED(hr)) {
        delete factory;
        return hr;
    }
    if (setup.role == Role::prio) {
        hr = register_priorities(setup.name, module_info, server);
    }
    return hr;
}
