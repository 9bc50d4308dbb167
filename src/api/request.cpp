#include <cstring>

#include "api/context.h"
#include "api/header_ids.h"
#include "api/text.h"
#include "core/url.h"

namespace lintel::api {

namespace {

HTTP_VERB verb_of(std::string_view method) {
    static constexpr std::pair<std::string_view, HTTP_VERB> verbs[] = {
        {"OPTIONS", HttpVerbOPTIONS}, {"GET", HttpVerbGET},       {"HEAD", HttpVerbHEAD},
        {"POST", HttpVerbPOST},       {"PUT", HttpVerbPUT},       {"DELETE", HttpVerbDELETE},
        {"TRACE", HttpVerbTRACE},     {"CONNECT", HttpVerbCONNECT}, {"TRACK", HttpVerbTRACK},
        {"MOVE", HttpVerbMOVE},       {"COPY", HttpVerbCOPY},     {"PROPFIND", HttpVerbPROPFIND},
        {"PROPPATCH", HttpVerbPROPPATCH}, {"MKCOL", HttpVerbMKCOL}, {"LOCK", HttpVerbLOCK},
        {"UNLOCK", HttpVerbUNLOCK},   {"SEARCH", HttpVerbSEARCH},
    };
    for (const auto& [name, verb] : verbs) {
        if (method == name) return verb;
    }
    return HttpVerbUnknown;
}

USHORT clamp16(size_t value) { return static_cast<USHORT>(value > 0xFFFF ? 0xFFFF : value); }

}  // namespace

// A copy in request memory: the pointer stays valid until the end of the request whatever other headers
// are set or deleted meanwhile (the header storage itself moves when it grows).
PCSTR stable_header_value(core::arena& arena, const std::string* value, USHORT* length) {
    if (value == nullptr) {
        if (length) *length = 0;
        return nullptr;
    }
    if (length) *length = static_cast<USHORT>(value->size() > 0xFFFF ? 0xFFFF : value->size());
    auto* copy = static_cast<char*>(arena.allocate(value->size() + 1));
    if (copy == nullptr) return nullptr;
    std::memcpy(copy, value->c_str(), value->size() + 1);
    return copy;
}

namespace {

PCSTR header_value(http_context& ctx, const core::header_list& headers, std::string_view name,
                   USHORT* length) {
    return stable_header_value(ctx.arena(), headers.find(name), length);
}

}  // namespace

void request_impl::build_raw() const {
    const core::request& req = ctx_.exchange().req;
    raw_ = HTTP_REQUEST{};
    raw_.ConnectionId = req.connection_id;
    raw_.RequestId = req.request_id;
    raw_.Version.MajorVersion = req.version_major;
    raw_.Version.MinorVersion = req.version_minor;
    raw_.Verb = verb_of(req.method);
    if (raw_.Verb == HttpVerbUnknown) {
        raw_.pUnknownVerb = req.method.c_str();
        raw_.UnknownVerbLength = clamp16(req.method.size());
    }
    raw_.pRawUrl = req.target.c_str();
    raw_.RawUrlLength = clamp16(req.target.size());
    // Cooked URL: scheme://host:port/path?query, wide; the parts point into it.
    const std::string* host = req.headers.find("Host");
    std::string full = req.secure ? "https://" : "http://";
    size_t host_start = full.size();
    if (host && !host->empty()) {
        full += *host;
    } else {
        full += req.local.ip_text() + ":" + std::to_string(req.local.port());
    }
    size_t path_start = full.size();
    full += req.path;
    size_t query_start = full.size();
    if (!req.query.empty()) {
        full += "?" + req.query;
    }
    widen_into(full, full_url_);
    // All of the text before the path is ASCII for any valid Host, so character offsets survive widening.
    raw_.CookedUrl.pFullUrl = full_url_.c_str();
    raw_.CookedUrl.FullUrlLength = clamp16(full_url_.size() * sizeof(WCHAR));
    raw_.CookedUrl.pHost = full_url_.c_str() + host_start;
    raw_.CookedUrl.HostLength = clamp16((path_start - host_start) * sizeof(WCHAR));
    std::wstring wide_path = widen(req.path);
    raw_.CookedUrl.pAbsPath = full_url_.c_str() + path_start;
    raw_.CookedUrl.AbsPathLength = clamp16(wide_path.size() * sizeof(WCHAR));
    if (!req.query.empty()) {
        size_t wide_query_start = path_start + wide_path.size();
        raw_.CookedUrl.pQueryString = full_url_.c_str() + wide_query_start;
        raw_.CookedUrl.QueryStringLength =
            clamp16((full_url_.size() - wide_query_start) * sizeof(WCHAR));
    }
    (void)query_start;
    raw_.Address.pRemoteAddress = reinterpret_cast<PSOCKADDR>(const_cast<sockaddr_storage*>(&req.remote.address));
    raw_.Address.pLocalAddress = reinterpret_cast<PSOCKADDR>(const_cast<sockaddr_storage*>(&req.local.address));
    unknown_headers_.clear();
    for (const auto& field : req.headers.fields()) {
        int id = request_header_id(field.name);
        if (id >= 0) {
            if (raw_.Headers.KnownHeaders[id].pRawValue == nullptr) {
                raw_.Headers.KnownHeaders[id].pRawValue = field.value.c_str();
                raw_.Headers.KnownHeaders[id].RawValueLength = clamp16(field.value.size());
            }
            continue;
        }
        HTTP_UNKNOWN_HEADER unknown{};
        unknown.pName = field.name.c_str();
        unknown.NameLength = clamp16(field.name.size());
        unknown.pRawValue = field.value.c_str();
        unknown.RawValueLength = clamp16(field.value.size());
        unknown_headers_.push_back(unknown);
    }
    raw_.Headers.UnknownHeaderCount = clamp16(unknown_headers_.size());
    raw_.Headers.pUnknownHeaders = unknown_headers_.empty() ? nullptr : unknown_headers_.data();
    raw_.BytesReceived = req.body.size();
    if (req.unread_body() > 0) {
        entity_chunk_ = HTTP_DATA_CHUNK{};
        entity_chunk_.DataChunkType = HttpDataChunkFromMemory;
        entity_chunk_.FromMemory.pBuffer = const_cast<char*>(req.body.data() + req.body_offset);
        entity_chunk_.FromMemory.BufferLength = static_cast<ULONG>(req.unread_body());
        raw_.EntityChunkCount = 1;
        raw_.pEntityChunks = &entity_chunk_;
    }
    raw_valid_ = true;
}

HTTP_REQUEST* request_impl::GetRawHttpRequest() {
    if (!raw_valid_) build_raw();
    return &raw_;
}

const HTTP_REQUEST* request_impl::GetRawHttpRequest() const {
    if (!raw_valid_) build_raw();
    return &raw_;
}

PCSTR request_impl::GetHeader(PCSTR name, USHORT* length) const {
    if (name == nullptr) {
        if (length) *length = 0;
        return nullptr;
    }
    return header_value(ctx_, ctx_.exchange().req.headers, name, length);
}

PCSTR request_impl::GetHeader(HTTP_HEADER_ID id, USHORT* length) const {
    std::string_view name = request_header_name(static_cast<unsigned>(id));
    if (name.empty()) {
        if (length) *length = 0;
        return nullptr;
    }
    return header_value(ctx_, ctx_.exchange().req.headers, name, length);
}

HRESULT request_impl::SetHeader(PCSTR name, PCSTR value, USHORT length, BOOL replace) {
    if (name == nullptr || *name == '\0' || value == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    std::string_view text(value, length ? length : std::strlen(value));
    ctx_.exchange().req.headers.set(name, text, replace != FALSE);
    changed();
    return S_OK;
}

HRESULT request_impl::SetHeader(HTTP_HEADER_ID id, PCSTR value, USHORT length, BOOL replace) {
    std::string_view name = request_header_name(static_cast<unsigned>(id));
    if (name.empty()) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    return SetHeader(std::string(name).c_str(), value, length, replace);
}

HRESULT request_impl::DeleteHeader(PCSTR name) {
    if (name == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ctx_.exchange().req.headers.remove(name);
    changed();
    return S_OK;
}

HRESULT request_impl::DeleteHeader(HTTP_HEADER_ID id) {
    std::string_view name = request_header_name(static_cast<unsigned>(id));
    if (name.empty()) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ctx_.exchange().req.headers.remove(name);
    changed();
    return S_OK;
}

PCSTR request_impl::GetHttpMethod() const { return ctx_.exchange().req.method.c_str(); }

HRESULT request_impl::SetHttpMethod(PCSTR method) {
    if (method == nullptr || *method == '\0') {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ctx_.exchange().req.method = method;
    ctx_.exchange().head_request = ctx_.exchange().req.method == "HEAD";
    changed();
    return S_OK;
}

HRESULT request_impl::SetUrl(PCSTR url, DWORD length, BOOL reset_query_string) {
    if (url == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    core::request& req = ctx_.exchange().req;
    std::string_view text(url, length ? length : std::strlen(url));
    std::string path, query;
    if (!core::split_and_canonicalize(text, path, query)) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    // GetForwardedUrl reports the URL only when SetUrl pointed the request somewhere that is not this server:
    // an absolute URL naming another host. A local URL (a path, or our own host) clears it.
    forwarded_url_.clear();
    if (size_t scheme = text.find("://"); scheme != std::string_view::npos) {
        std::string_view authority = text.substr(scheme + 3);
        authority = authority.substr(0, authority.find_first_of("/?"));
        const std::string* host = req.headers.find("Host");
        if (host == nullptr || !core::iequals(*host, authority)) {
            widen_into(text, forwarded_url_);
        }
    }
    bool has_query = text.find('?') != std::string_view::npos;
    req.path = std::move(path);
    if (has_query) {
        req.query = std::move(query);
    } else if (reset_query_string) {
        req.query.clear();
    }
    req.target = req.path + (req.query.empty() ? "" : "?" + req.query);
    url_changed_ = true;
    changed();
    return S_OK;
}

HRESULT request_impl::SetUrl(PCWSTR url, DWORD length, BOOL reset_query_string) {
    if (url == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    std::string text = narrow(std::wstring_view(url, length ? length : wcslen(url)));
    return SetUrl(text.c_str(), static_cast<DWORD>(text.size()), reset_query_string);
}

PCWSTR request_impl::GetForwardedUrl() const {
    return forwarded_url_.empty() ? nullptr : forwarded_url_.c_str();
}

PSOCKADDR request_impl::GetLocalAddress() const {
    return reinterpret_cast<PSOCKADDR>(const_cast<sockaddr_storage*>(&ctx_.exchange().req.local.address));
}

PSOCKADDR request_impl::GetRemoteAddress() const {
    return reinterpret_cast<PSOCKADDR>(const_cast<sockaddr_storage*>(&ctx_.exchange().req.remote.address));
}

HRESULT request_impl::read_body(VOID* buffer, DWORD size, BOOL async, PFN_ASYNC_COMPLETION callback,
                                VOID* callback_context, DWORD* received, BOOL* completion_pending) {
    if (completion_pending) *completion_pending = FALSE;
    if (buffer == nullptr || size == 0) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    core::request& req = ctx_.exchange().req;
    if (wire_read_pending_) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);  // one read at a time
    }
    if (req.unread_body() == 0) {
        if (req.source == nullptr) {
            if (received) *received = 0;
            return HRESULT_FROM_WIN32(ERROR_HANDLE_EOF);
        }
        // The rest of the body is on the connection: take what is buffered, else wait for the client.
        core::body_read_result now = req.source->read_body_now(static_cast<char*>(buffer), size);
        if (now.end && now.bytes == 0) {
            req.source = nullptr;
            if (received) *received = 0;
            return HRESULT_FROM_WIN32(ERROR_HANDLE_EOF);
        }
        if (now.end) {
            req.source = nullptr;
        }
        if (now.error != core::body_read_result::failure::none) {
            if (received) *received = 0;
            return HRESULT_FROM_WIN32(ERROR_CONNECTION_ABORTED);
        }
        if (now.bytes == 0) {
            wire_read_pending_ = true;
            wire_buffer_ = buffer;
            wire_capacity_ = size;
            wire_callback_ = callback;
            wire_callback_context_ = callback_context;
            wire_operation_ = ctx_.begin_operation();
            wire_read_sync_ = !async;
            req.source->read_body_async(static_cast<char*>(buffer), size, *this);
            if (async) {
                if (received) *received = 0;
                if (completion_pending) *completion_pending = TRUE;
                return S_OK;
            }
            // Synchronous: only this request's fiber waits; the loop serves everyone else meanwhile.
            ctx_.wait_on_fiber();
            const core::body_read_result result = wire_result_;
            DWORD got = static_cast<DWORD>(result.bytes);
            if (result.error == core::body_read_result::failure::cancelled) {
                if (received) *received = 0;
                return HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED);
            }
            if (result.error != core::body_read_result::failure::none) {
                if (received) *received = 0;
                return HRESULT_FROM_WIN32(ERROR_CONNECTION_ABORTED);
            }
            if (got == 0 && result.end) {
                if (received) *received = 0;
                return HRESULT_FROM_WIN32(ERROR_HANDLE_EOF);
            }
            ctx_.raise_read_entity(buffer, got, size);
            if (received) *received = got;
            return S_OK;
        }
        DWORD got = static_cast<DWORD>(now.bytes);
        ctx_.raise_read_entity(buffer, got, size);
        if (!async) {
            if (received) *received = got;
            return S_OK;
        }
        if (received) *received = 0;
        if (completion_pending) *completion_pending = TRUE;
        ctx_.queue_completion(got, S_OK, callback, callback_context);
        return S_OK;
    }
    DWORD count = static_cast<DWORD>(std::min<size_t>(size, req.unread_body()));
    std::memcpy(buffer, req.body.data() + req.body_offset, count);
    req.body_offset += count;
    changed();
    ctx_.raise_read_entity(buffer, count, size);
    if (!async) {
        if (received) *received = count;
        return S_OK;
    }
    // Decision 4: an asynchronous read reports pending and completes through the loop, never inline.
    if (received) *received = 0;
    if (completion_pending) *completion_pending = TRUE;
    ctx_.queue_completion(count, S_OK, callback, callback_context);
    return S_OK;
}

HRESULT request_impl::ReadEntityBody(VOID* buffer, DWORD size, BOOL async, DWORD* received,
                                     BOOL* completion_pending) {
    return read_body(buffer, size, async, nullptr, nullptr, received, completion_pending);
}

HRESULT request_impl::ReadEntityBody(VOID* buffer, DWORD size, BOOL async, PFN_ASYNC_COMPLETION callback,
                                     VOID* callback_context, DWORD* received, BOOL* completion_pending) {
    return read_body(buffer, size, async, callback, callback_context, received, completion_pending);
}

HRESULT request_impl::ReadEntityBody(VOID* buffer, DWORD size, BOOL async, ULONG, DWORD* received,
                                     BOOL* completion_pending) {
    return read_body(buffer, size, async, nullptr, nullptr, received, completion_pending);
}

void request_impl::body_read_done(core::body_read_result result) {
    wire_read_pending_ = false;
    core::request& req = ctx_.exchange().req;
    if (result.end) {
        req.source = nullptr;
    }
    if (wire_read_sync_) {
        wire_read_sync_ = false;
        wire_result_ = result;
        ctx_.resume_from_wait();     // the synchronous ReadEntityBody returns the result on the fiber
        ctx_.release_operation();
        return;
    }
    HRESULT status = S_OK;
    DWORD bytes = static_cast<DWORD>(result.bytes);
    if (result.error == core::body_read_result::failure::cancelled) {
        status = HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED);
        bytes = 0;
    } else if (result.error != core::body_read_result::failure::none) {
        status = HRESULT_FROM_WIN32(ERROR_CONNECTION_ABORTED);
        bytes = 0;
    } else if (bytes == 0 && result.end) {
        status = HRESULT_FROM_WIN32(ERROR_HANDLE_EOF);
    }
    if (bytes > 0) {
        // RQ_READ_ENTITY runs module code: on the request's fiber, before the completion it precedes.
        void* buffer = wire_buffer_;
        DWORD capacity = wire_capacity_;
        ctx_.run_on_fiber([this, buffer, bytes, capacity] {
            DWORD seen = bytes;
            ctx_.raise_read_entity(buffer, seen, capacity);
        });
    }
    ctx_.complete_operation(wire_operation_, bytes, status, wire_callback_, wire_callback_context_);
}

HRESULT request_impl::InsertEntityBody(VOID* buffer, DWORD size) {
    if (buffer == nullptr && size != 0) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    core::request& req = ctx_.exchange().req;
    req.body.insert(req.body_offset, static_cast<const char*>(buffer), size);
    changed();
    return S_OK;
}

DWORD request_impl::GetRemainingEntityBytes() {
    const core::request& req = ctx_.exchange().req;
    uint64_t unread = req.unread_body();
    if (req.source != nullptr) {
        uint64_t on_wire = req.source->body_remaining();
        // A chunked body that has not ended reports at least one more byte (decision 9).
        unread += on_wire == UINT64_MAX ? 1 : on_wire;
    }
    return static_cast<DWORD>(unread > 0xFFFFFFFFu ? 0xFFFFFFFFu : unread);
}

VOID request_impl::GetHttpVersion(USHORT* major, USHORT* minor) const {
    if (major) *major = ctx_.exchange().req.version_major;
    if (minor) *minor = ctx_.exchange().req.version_minor;
}

HRESULT request_impl::GetClientCertificate(HTTP_SSL_CLIENT_CERT_INFO** info, BOOL* negotiated) {
    if (info) *info = nullptr;
    if (negotiated) *negotiated = FALSE;
    return HRESULT_FROM_WIN32(ERROR_NOT_FOUND);
}

HRESULT request_impl::NegotiateClientCertificate(BOOL, BOOL* completion_pending) {
    if (completion_pending) *completion_pending = FALSE;
    return E_NOTIMPL;
}

DWORD request_impl::GetSiteId() const { return ctx_.app().site().GetSiteId(); }

HRESULT request_impl::GetHeaderChanges(DWORD, DWORD*, PCSTR*, DWORD*, PCSTR**, PCSTR**, DWORD*, DWORD*,
                                       DWORD**) {
    return E_NOTIMPL;
}

HRESULT request_impl::GetChannelBindingToken(PBYTE* token, DWORD* size) {
    if (token) *token = nullptr;
    if (size) *size = 0;
    return E_NOTIMPL;
}

}  // namespace lintel::api
