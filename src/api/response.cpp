#include <cstring>
#include <sys/stat.h>

#include "api/context.h"
#include "api/header_ids.h"
#include "api/text.h"

namespace lintel::api {

namespace {

constexpr size_t max_chunks = 65535;

USHORT clamp16(size_t value) { return static_cast<USHORT>(value > 0xFFFF ? 0xFFFF : value); }

bool valid_header_text(std::string_view text) {
    for (char c : text) {
        if (c == '\r' || c == '\n' || c == '\0') return false;  // would split the response
    }
    return true;
}

// Turns an HTTP_DATA_CHUNK into a body chunk. With `copy_into`, memory is copied there (buffered writes copy
// into request memory: freed with the request, no heap allocation per write); without, it is referenced.
HRESULT to_body_chunk(const HTTP_DATA_CHUNK& chunk, core::arena* copy_into, core::body_chunk& out) {
    switch (chunk.DataChunkType) {
    case HttpDataChunkFromMemory: {
        out.type = core::body_chunk::kind::memory;
        if (chunk.FromMemory.BufferLength > 0 && chunk.FromMemory.pBuffer == nullptr) {
            return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
        }
        const char* data = static_cast<const char*>(chunk.FromMemory.pBuffer);
        out.size = chunk.FromMemory.BufferLength;
        if (copy_into != nullptr && out.size > 0) {
            auto* copy = static_cast<char*>(copy_into->allocate(out.size));
            if (copy == nullptr) {
                return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
            }
            std::memcpy(copy, data, out.size);
            out.data = copy;
        } else {
            out.data = data;
        }
        return S_OK;
    }
    case HttpDataChunkFromFileHandle: {
        int fd = LintelFdFromHandle(chunk.FromFileHandle.FileHandle);
        struct stat info {};
        if (fd < 0 || fstat(fd, &info) != 0) {
            return HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE);
        }
        uint64_t offset = chunk.FromFileHandle.ByteRange.StartingOffset.QuadPart;
        uint64_t length = chunk.FromFileHandle.ByteRange.Length.QuadPart;
        uint64_t size = static_cast<uint64_t>(info.st_size);
        if (offset > size) {
            return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
        }
        if (length == HTTP_BYTE_RANGE_TO_EOF || offset + length > size) {
            length = size - offset;
        }
        out.type = core::body_chunk::kind::file;
        out.fd = fd;
        out.offset = offset;
        out.length = length;
        return S_OK;
    }
    default:
        return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
    }
}

}  // namespace

HTTP_RESPONSE* response_impl::GetRawHttpResponse() {
    const core::response& resp = ctx_.exchange().resp;
    raw_ = HTTP_RESPONSE{};
    raw_.Version.MajorVersion = 1;
    raw_.Version.MinorVersion = 1;
    raw_.StatusCode = resp.status;
    raw_.pReason = resp.reason.c_str();
    raw_.ReasonLength = clamp16(resp.reason.size());
    unknown_headers_.clear();
    for (const auto& field : resp.headers.fields()) {
        int id = response_header_id(field.name);
        if (id >= 0 && raw_.Headers.KnownHeaders[id].pRawValue == nullptr) {
            raw_.Headers.KnownHeaders[id].pRawValue = field.value.c_str();
            raw_.Headers.KnownHeaders[id].RawValueLength = clamp16(field.value.size());
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
    return &raw_;
}

const HTTP_RESPONSE* response_impl::GetRawHttpResponse() const {
    return const_cast<response_impl*>(this)->GetRawHttpResponse();
}

HRESULT response_impl::SetStatus(USHORT status, PCSTR reason, USHORT substatus, HRESULT error_to_report,
                                 IAppHostConfigException*, BOOL) {
    if (status < 100 || status > 999) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    core::response& resp = ctx_.exchange().resp;
    resp.status = status;
    resp.substatus = substatus;
    resp.reason = reason ? reason : std::string(core::default_reason_phrase(status));
    if (!valid_header_text(resp.reason)) {
        resp.reason = std::string(core::default_reason_phrase(status));
    }
    resp.error_to_report = error_to_report;
    status_module_ = ctx_.current_module_name();
    status_notification_ = ctx_.current_notification();
    return S_OK;
}

HRESULT response_impl::SetHeader(PCSTR name, PCSTR value, USHORT length, BOOL replace) {
    if (name == nullptr || *name == '\0' || value == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    std::string_view text(value, length ? length : std::strlen(value));
    if (!valid_header_text(name) || !valid_header_text(text)) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    auto& headers = ctx_.exchange().resp.headers;
    // Values of these headers cannot be joined with commas: each goes out as its own header line.
    if (!replace && (core::iequals(name, "Set-Cookie") || core::iequals(name, "WWW-Authenticate") ||
                     core::iequals(name, "Proxy-Authenticate"))) {
        headers.add(name, text);
        return S_OK;
    }
    headers.set(name, text, replace != FALSE);
    return S_OK;
}

HRESULT response_impl::SetHeader(HTTP_HEADER_ID id, PCSTR value, USHORT length, BOOL replace) {
    std::string_view name = response_header_name(static_cast<unsigned>(id));
    if (name.empty()) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    return SetHeader(std::string(name).c_str(), value, length, replace);
}

HRESULT response_impl::DeleteHeader(PCSTR name) {
    if (name == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ctx_.exchange().resp.headers.remove(name);
    return S_OK;
}

HRESULT response_impl::DeleteHeader(HTTP_HEADER_ID id) {
    std::string_view name = response_header_name(static_cast<unsigned>(id));
    if (name.empty()) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ctx_.exchange().resp.headers.remove(name);
    return S_OK;
}

PCSTR response_impl::GetHeader(PCSTR name, USHORT* length) const {
    const std::string* value = name ? ctx_.exchange().resp.headers.find(name) : nullptr;
    return stable_header_value(ctx_.arena(), value, length);
}

PCSTR response_impl::GetHeader(HTTP_HEADER_ID id, USHORT* length) const {
    std::string_view name = response_header_name(static_cast<unsigned>(id));
    const std::string* value = name.empty() ? nullptr : ctx_.exchange().resp.headers.find(name);
    return stable_header_value(ctx_.arena(), value, length);
}

VOID response_impl::Clear() {
    core::response& resp = ctx_.exchange().resp;
    resp.body.clear();
    chunk_count_ = 0;
    if (!resp.headers_sent) {
        resp.headers.clear();
        if (resp.server_header_managed) resp.headers.add("Server", core::server_software);
        resp.status = 200;
        resp.substatus = 0;
        resp.reason = "OK";
    }
}

VOID response_impl::ClearHeaders() {
    core::response& resp = ctx_.exchange().resp;
    if (!resp.headers_sent) {
        resp.headers.clear();
        // The Server header belongs to the server; a module removes it explicitly with DeleteHeader.
        if (resp.server_header_managed) resp.headers.add("Server", core::server_software);
    }
}

VOID response_impl::SetNeedDisconnect() { ctx_.exchange().resp.need_disconnect = true; }

VOID response_impl::ResetConnection() {
    core::response& resp = ctx_.exchange().resp;
    resp.connection_reset = true;
    resp.body.clear();
    ctx_.stream().reset_connection();
}

VOID response_impl::CloseConnection() { ctx_.exchange().resp.need_disconnect = true; }

VOID response_impl::SuppressHeaders() { ctx_.exchange().resp.suppress_headers = true; }

BOOL response_impl::GetHeadersSuppressed() const {
    return ctx_.exchange().resp.suppress_headers ? TRUE : FALSE;
}

VOID response_impl::DisableBuffering() { ctx_.exchange().resp.buffering_disabled = true; }

HRESULT response_impl::flush(BOOL async, BOOL more_data, PFN_ASYNC_COMPLETION callback,
                             VOID* callback_context, DWORD* sent, BOOL* completion_expected) {
    if (completion_expected) *completion_expected = FALSE;
    core::response& resp = ctx_.exchange().resp;
    uint64_t bytes = resp.buffered_body_size();
    // fMoreData shows in the send's flags (HTTP_SEND_RESPONSE_FLAG_MORE_DATA); the final send at the end of
    // the request still closes the body (decision 8).
    if (!ctx_.in_send_response()) {
        ctx_.send_response(false, more_data != FALSE);
    } else {
        ctx_.stream().send(ctx_.exchange(), false, false);
    }
    DWORD count = static_cast<DWORD>(bytes > 0xFFFFFFFFu ? 0xFFFFFFFFu : bytes);
    if (async) {
        if (sent) *sent = 0;
        if (completion_expected) *completion_expected = TRUE;
        ctx_.complete_after_drain(count, callback, callback_context);
        return S_OK;
    }
    ctx_.wait_for_output_drain();
    if (sent) *sent = count;
    return S_OK;
}

HRESULT response_impl::Flush(BOOL async, BOOL more_data, DWORD* sent, BOOL* completion_expected) {
    return flush(async, more_data, nullptr, nullptr, sent, completion_expected);
}

HRESULT response_impl::Flush(BOOL async, BOOL more_data, PFN_ASYNC_COMPLETION callback,
                             VOID* callback_context, DWORD* sent, BOOL* completion_expected) {
    return flush(async, more_data, callback, callback_context, sent, completion_expected);
}

HRESULT response_impl::Redirect(PCSTR url, BOOL reset_status_code, BOOL include_parameters) {
    if (url == nullptr || *url == '\0' || !valid_header_text(url)) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    core::exchange& ex = ctx_.exchange();
    if (ex.resp.headers_sent) {
        return HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED);
    }
    std::string location = url;
    if (location.find("://") == std::string::npos) {
        const std::string* host = ex.req.headers.find("Host");
        std::string origin = std::string(ex.req.secure ? "https://" : "http://") +
                             (host ? *host : ex.req.local.ip_text() + ":" + std::to_string(ex.req.local.port()));
        if (location.front() == '/') {
            location = origin + location;
        } else {
            std::string base = ex.req.path.substr(0, ex.req.path.rfind('/') + 1);
            location = origin + base + location;
        }
    }
    if (include_parameters && !ex.req.query.empty()) {
        location += (location.find('?') == std::string::npos ? "?" : "&") + ex.req.query;
    }
    ex.resp.body.clear();
    chunk_count_ = 0;
    if (reset_status_code) {
        ex.resp.status = 302;
        ex.resp.substatus = 0;
        ex.resp.reason = "Redirect";
    }
    ex.resp.headers.set("Location", location, true);
    ex.resp.headers.set("Content-Type", "text/html; charset=UTF-8", true);
    core::body_chunk body;
    body.owned = "<head><title>Document Moved</title></head>\n<body><h1>Object Moved</h1>"
                 "This document may be found <a HREF=\"" + location + "\">here</a></body>";
    ex.resp.body.push_back(std::move(body));
    return S_OK;
}

HRESULT response_impl::WriteEntityChunkByReference(HTTP_DATA_CHUNK* chunk, LONG insert_position) {
    if (chunk == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    if (chunk_count_ >= max_chunks) {
        return HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW);
    }
    core::body_chunk piece;
    HRESULT hr = to_body_chunk(*chunk, nullptr, piece);
    if (FAILED(hr)) {
        return hr;
    }
    auto& body = ctx_.exchange().resp.body;
    if (insert_position == 0) {
        body.insert(body.begin(), std::move(piece));
    } else if (insert_position == -1) {
        body.push_back(std::move(piece));
    } else if (insert_position > 0 && static_cast<size_t>(insert_position) <= body.size()) {
        body.insert(body.begin() + insert_position, std::move(piece));
    } else {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    ++chunk_count_;
    return S_OK;
}

HRESULT response_impl::write_chunks(HTTP_DATA_CHUNK* chunks, DWORD count, BOOL async, BOOL more_data,
                                    PFN_ASYNC_COMPLETION callback, VOID* callback_context, DWORD* sent,
                                    BOOL* completion_expected) {
    if (completion_expected) *completion_expected = FALSE;
    if (chunks == nullptr || count == 0) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    if (chunk_count_ + count > max_chunks) {
        return HRESULT_FROM_WIN32(ERROR_ARITHMETIC_OVERFLOW);
    }
    auto& resp = ctx_.exchange().resp;
    uint64_t bytes = 0;
    const size_t first_new = resp.body.size();
    for (DWORD i = 0; i < count; ++i) {
        core::body_chunk piece;
        HRESULT hr = to_body_chunk(chunks[i], &ctx_.arena(), piece);
        if (FAILED(hr)) {
            resp.body.resize(first_new);  // all or nothing: a bad chunk leaves the response as it was
            return hr;
        }
        bytes += piece.type == core::body_chunk::kind::memory ? piece.size : piece.length;
        resp.body.push_back(std::move(piece));
    }
    chunk_count_ += count;
    if (resp.buffering_disabled) {
        if (ctx_.in_send_response()) {
            ctx_.stream().send(ctx_.exchange(), false, false);
        } else {
            ctx_.send_response(false, more_data != FALSE);
        }
    }
    DWORD reported = static_cast<DWORD>(bytes > 0xFFFFFFFFu ? 0xFFFFFFFFu : bytes);
    if (async) {
        if (sent) *sent = 0;
        if (completion_expected) *completion_expected = TRUE;
        ctx_.complete_after_drain(reported, callback, callback_context);
        return S_OK;
    }
    if (resp.buffering_disabled) {
        ctx_.wait_for_output_drain();
    }
    if (sent) *sent = reported;
    return S_OK;
}

HRESULT response_impl::WriteEntityChunks(HTTP_DATA_CHUNK* chunks, DWORD count, BOOL async,
                                         BOOL more_data, DWORD* sent, BOOL* completion_expected) {
    return write_chunks(chunks, count, async, more_data, nullptr, nullptr, sent, completion_expected);
}

HRESULT response_impl::WriteEntityChunks(HTTP_DATA_CHUNK* chunks, DWORD count, BOOL async,
                                         BOOL more_data, PFN_ASYNC_COMPLETION callback,
                                         VOID* callback_context, DWORD* sent, BOOL* completion_expected) {
    return write_chunks(chunks, count, async, more_data, callback, callback_context, sent,
                        completion_expected);
}

VOID response_impl::GetStatus(USHORT* status, USHORT* substatus, PCSTR* reason, USHORT* reason_length,
                              HRESULT* error_to_report, PCWSTR* module, DWORD* notification,
                              IAppHostConfigException** exception, BOOL* try_skip_custom_errors) {
    const core::response& resp = ctx_.exchange().resp;
    if (status) *status = resp.status;
    if (substatus) *substatus = resp.substatus;
    if (reason) *reason = resp.reason.c_str();
    if (reason_length) *reason_length = clamp16(resp.reason.size());
    if (error_to_report) *error_to_report = resp.error_to_report;
    if (module) *module = status_module_;
    if (notification) *notification = status_notification_;
    if (exception) *exception = nullptr;
    if (try_skip_custom_errors) *try_skip_custom_errors = FALSE;
}

HRESULT response_impl::SetErrorDescription(PCWSTR description, DWORD length, BOOL) {
    if (description == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    error_description_.assign(description, length ? length : wcslen(description));
    return S_OK;
}

PCWSTR response_impl::GetErrorDescription(DWORD* length) {
    if (length) *length = static_cast<DWORD>(error_description_.size());
    return error_description_.c_str();
}

HRESULT response_impl::GetHeaderChanges(DWORD, DWORD*, PCSTR*, DWORD*, PCSTR**, PCSTR**, DWORD*,
                                        DWORD*, DWORD**) {
    return E_NOTIMPL;
}

HRESULT response_impl::PushPromise(PCSTR, PCWSTR, PCWSTR, DWORD, PCSTR*, PCSTR*) { return E_NOTIMPL; }
HRESULT response_impl::DeleteTrailer(PCSTR) { return E_NOTIMPL; }

PCSTR response_impl::GetTrailer(PCSTR, USHORT* length) const {
    if (length) *length = 0;
    return nullptr;
}

VOID response_impl::ResetStream(ULONG) { ResetConnection(); }
VOID response_impl::SetNeedGoAway() { SetNeedDisconnect(); }
HRESULT response_impl::SetTrailer(PCSTR, PCSTR, USHORT, BOOL) { return E_NOTIMPL; }

}  // namespace lintel::api
