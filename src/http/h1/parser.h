// HTTP/1.1 request-head parser: request line + header section, no body.
//
// Pure and allocation-free once `request_head::headers` has capacity: every string in the result is
// a view into the caller's buffer, so the buffer must outlive the `request_head` (and must not be
// moved or compacted while the views are in use).
//
// The parser is stateless: call it again on the grown buffer when it answers `incomplete`. Each
// call re-scans from the start, which is cheap for heads (bounded by `limits::max_head_bytes`).
//
// Rejections mirror http.sys: the status, the <h2> line of its error page, the sentence under it
// and the reason word http.sys writes to httperr.log are all carried in `parse_error`. After any
// error the connection must be closed once the error response is sent (http.sys does the same).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lintel::h1 {

struct header_field {
    std::string_view name;   // as sent (case preserved), never empty
    std::string_view value;  // leading/trailing SP and HTAB removed
};

enum class body_kind : uint8_t { none, content_length, chunked };

struct limits {
    size_t max_head_bytes = 16 * 1024;   // request line + headers (http.sys MaxRequestBytes)
    size_t max_field_bytes = 16 * 1024;  // one header line without CRLF (http.sys MaxFieldLength)
    size_t max_url_bytes = 16 * 1024;    // raw request-target
    size_t max_headers = 200;
    // http.sys answers 411 to a POST or PUT that has neither Content-Length nor Transfer-Encoding.
    bool require_length_for_post_put = true;
};

struct request_head {
    std::string_view method;
    std::string_view target;  // raw request-target as sent
    uint16_t version_major = 1, version_minor = 1;
    std::vector<header_field> headers;  // cleared by parse; capacity kept (no allocation when warm)
    size_t head_length = 0;             // bytes consumed: leading CRLFs + request line + headers +
                                        // final CRLF; the body (or the next request) starts here
    body_kind body = body_kind::none;   // content_length is kept even for "Content-Length: 0"
    uint64_t content_length = 0;
    bool keep_alive = true;        // from version + Connection tokens (close / keep-alive)
    bool expect_continue = false;  // "Expect: 100-continue" on HTTP/1.1 (ignored on 1.0)
    bool upgrade = false;          // Upgrade header present and Connection lists "upgrade"
    const header_field* host = nullptr;  // into headers, or nullptr (only possible for HTTP/1.0)
};

// Why a request was rejected; each maps to one http.sys error response (see parse_error).
enum class error_kind : uint8_t {
    bad_request,            // 400 "Bad Request": malformed line, HTTP/0.9 request, bad framing
    invalid_verb,           // 400 method is not a token
    invalid_url,            // 400 control character in the target, wrong target form for method
    invalid_header_name,    // 400 header name not a token, whitespace before ':', no ':'
    invalid_header_value,   // 400 control character in a value, obs-fold continuation line
    invalid_hostname,       // 400 missing (HTTP/1.1), repeated or malformed Host
    invalid_cr_lf,          // 400 CR not followed by LF
    invalid_content_length, // 400 Content-Length not digits, overflowing or conflicting
    request_too_long,       // 400 head exceeds max_head_bytes or max_headers
    field_too_long,         // 400 one header line exceeds max_field_bytes
    url_too_long,           // 414 target exceeds max_url_bytes
    version_not_supported,  // 505 well-formed version other than 1.x
    not_implemented,        // 501 transfer coding other than chunked
    length_required,        // 411 POST/PUT without Content-Length or Transfer-Encoding
};

// The response http.sys would send. Its error page is
//   <TITLE>{standard phrase of status}</TITLE> ... <h2>{reason}</h2><hr><p>{detail}</p>
// and httperr.log gets `log_reason` as the last field.
struct parse_error {
    uint16_t status = 400;
    const char* reason = "Bad Request";
    const char* detail = "HTTP Error 400. The request is badly formed.";
    const char* log_reason = "BadRequest";
    error_kind kind = error_kind::bad_request;
};

// The parse_error for `kind` (static strings; usable for errors found outside this parser, e.g. a
// malformed chunked body is reported as make_parse_error(error_kind::bad_request)).
parse_error make_parse_error(error_kind kind) noexcept;

enum class parse_result : uint8_t { complete, incomplete, error };

// Parses one request head from the start of `input`. `incomplete` when more bytes are needed (and
// the limits are not yet exceeded); `complete` fills `out` (views point into `input`); `error`
// fills `err`. On `incomplete`/`error` the contents of `out` are unspecified (but valid).
// Bytes after head_length are not looked at: a body or a pipelined request may follow.
parse_result parse_request_head(std::string_view input, request_head& out, parse_error& err,
                                const limits& lim = {});

// ---- small helpers, shared with the connection code ----

// RFC 9110 token character.
bool is_tchar(unsigned char c) noexcept;

// ASCII case-insensitive equality (header names, tokens).
bool iequals(std::string_view a, std::string_view b) noexcept;

// True when the comma-separated list `value` (e.g. a Connection header) contains `token`,
// compared case-insensitively, elements trimmed of OWS.
bool list_has_token(std::string_view value, std::string_view token) noexcept;

// Validates a Host value or an authority: reg-name / IPv4 / [IPv6] with an optional ":port".
// An empty value is accepted only when `allow_empty`; a port is mandatory when `require_port`.
bool is_valid_host(std::string_view host, bool allow_empty, bool require_port) noexcept;

}  // namespace lintel::h1
