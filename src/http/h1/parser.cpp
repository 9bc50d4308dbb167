// HTTP/1.1 request-head parser. See parser.h for the contract.
//
// One forward pass over the head. Lines are not pre-split: each part is scanned with the class
// table (names, method) or with a 16-byte SSE2 search for the first control byte (target, values),
// which finds the line end and validates the characters in the same pass.
//
// Decisions (RFC 9112 + what http.sys does):
// * A bare LF is accepted as a line end (RFC 9112 §2.2 allows it); a CR must be followed by LF.
// * Empty lines before the request line are skipped and count in head_length.
// * obs-fold and whitespace before the first header are rejected (RFC 9112 §5.2, §2.2).
// * Transfer-Encoding together with Content-Length is rejected (RFC 9112 §6.1 permits it; it is
//   the request-smuggling shape). Transfer-Encoding on HTTP/1.0 is rejected (RFC 9112 §6.1).
#include "http/h1/parser.h"

#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lintel::h1 {

namespace {

// ---- character classes ----

enum : uint8_t {
    cls_tchar = 1 << 0,
    cls_host = 1 << 1,   // characters allowed in a reg-name / IPv4 host
    cls_digit = 1 << 2,
    cls_ipv6 = 1 << 3,   // inside [ ]
};

constexpr std::array<uint8_t, 256> make_classes() {
    std::array<uint8_t, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[c] |= cls_tchar | cls_host | cls_digit | cls_ipv6;
    for (int c = 'a'; c <= 'z'; ++c) t[c] |= cls_tchar | cls_host;
    for (int c = 'A'; c <= 'Z'; ++c) t[c] |= cls_tchar | cls_host;
    for (unsigned char c : std::string_view("!#$%&'*+-.^_`|~")) t[c] |= cls_tchar;
    t['-'] |= cls_host;
    t['.'] |= cls_host | cls_ipv6;
    t['_'] |= cls_host;
    t[':'] |= cls_ipv6;
    for (int c = 'a'; c <= 'f'; ++c) t[c] |= cls_ipv6;
    for (int c = 'A'; c <= 'F'; ++c) t[c] |= cls_ipv6;
    return t;
}

constexpr std::array<uint8_t, 256> char_class = make_classes();

inline bool has_class(char c, uint8_t cls) noexcept {
    return (char_class[static_cast<unsigned char>(c)] & cls) != 0;
}

inline bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

// First byte in [p, end) that is a control character (< 0x20) or DEL, or — when `Space` — a space
// too. Bytes >= 0x80 pass: http.sys accepts raw UTF-8 / ANSI in URLs and values.
template <bool Space>
inline const char* find_ctl(const char* p, const char* end) noexcept {
    constexpr unsigned char top = Space ? 0x20 : 0x1F;
#if defined(__SSE2__)
    const __m128i top_v = _mm_set1_epi8(static_cast<char>(top));
    const __m128i del_v = _mm_set1_epi8(0x7F);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        // unsigned v <= top  <=>  min(v, top) == v
        const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, top_v), v);
        const __m128i del = _mm_cmpeq_epi8(v, del_v);
        const int mask = _mm_movemask_epi8(_mm_or_si128(low, del));
        if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
        p += 16;
    }
#endif
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c <= top || c == 0x7F) return p;
    }
    return end;
}

inline char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
}

// `name` is already known to be a token; `lit` is lowercase.
inline bool name_is(std::string_view name, std::string_view lit) noexcept {
    if (name.size() != lit.size()) return false;
    for (size_t i = 0; i < lit.size(); ++i) {
        if (lower(name[i]) != lit[i]) return false;
    }
    return true;
}

inline std::string_view trim_ows(std::string_view s) noexcept {
    size_t b = 0, e = s.size();
    while (b < e && is_ows(s[b])) ++b;
    while (e > b && is_ows(s[e - 1])) --e;
    return s.substr(b, e - b);
}

// Calls f(element) for each comma-separated element, trimmed; empty elements are passed too.
template <class F>
inline void for_each_element(std::string_view list, F&& f) {
    size_t start = 0;
    for (;;) {
        const size_t comma = list.find(',', start);
        const size_t stop = comma == std::string_view::npos ? list.size() : comma;
        f(trim_ows(list.substr(start, stop - start)));
        if (comma == std::string_view::npos) return;
        start = comma + 1;
    }
}

bool is_port(std::string_view port, bool require) noexcept {
    if (port.empty()) return !require;
    if (port.size() > 5) return false;
    uint32_t v = 0;
    for (char c : port) {
        if (!has_class(c, cls_digit)) return false;
        v = v * 10 + static_cast<uint32_t>(c - '0');
    }
    return v <= 65535;
}

// ---- per-request scratch state for the framing headers ----

struct framing {
    bool cl_header = false;  // any Content-Length line, valid or not
    bool have_cl = false;
    bool cl_bad = false;
    uint64_t cl = 0;

    bool have_te = false;
    bool te_bad = false;
    bool te_chunked_seen = false;
    bool te_chunked_twice = false;
    bool te_last_chunked = false;
    bool te_other = false;
    unsigned te_codings = 0;

    bool conn_close = false;
    bool conn_keep_alive = false;
    bool conn_upgrade = false;
    bool have_upgrade = false;
    bool expect_continue = false;

    size_t host_index = SIZE_MAX;
};

// One Content-Length field value: a digits-only value or a list of identical ones ("5, 5").
void note_content_length(framing& f, std::string_view value) noexcept {
    f.cl_header = true;
    bool any = false;
    for_each_element(value, [&](std::string_view e) {
        if (e.empty()) {
            f.cl_bad = true;
            return;
        }
        uint64_t v = 0;
        for (char c : e) {
            if (!has_class(c, cls_digit)) {
                f.cl_bad = true;
                return;
            }
            const auto d = static_cast<uint64_t>(c - '0');
            if (v > (UINT64_MAX - d) / 10) {
                f.cl_bad = true;
                return;
            }
            v = v * 10 + d;
        }
        if (f.have_cl && v != f.cl) f.cl_bad = true;
        f.have_cl = true;
        f.cl = v;
        any = true;
    });
    if (!any) f.cl_bad = true;
}

// One Transfer-Encoding field value; several fields form one list (RFC 9110 §5.3).
void note_transfer_encoding(framing& f, std::string_view value) noexcept {
    f.have_te = true;
    for_each_element(value, [&](std::string_view e) {
        if (e.empty()) return;  // empty list elements are legal and ignored
        const size_t semi = e.find(';');
        const std::string_view coding = trim_ows(e.substr(0, semi));
        if (coding.empty()) {
            f.te_bad = true;
            return;
        }
        for (char c : coding) {
            if (!has_class(c, cls_tchar)) {
                f.te_bad = true;
                return;
            }
        }
        ++f.te_codings;
        // "chunked" takes no parameters; one with parameters is an unknown coding.
        if (semi == std::string_view::npos && iequals(coding, "chunked")) {
            if (f.te_chunked_seen) f.te_chunked_twice = true;
            f.te_chunked_seen = true;
            f.te_last_chunked = true;
        } else {
            f.te_other = true;
            f.te_last_chunked = false;
        }
    });
}

void note_connection(framing& f, std::string_view value) noexcept {
    for_each_element(value, [&](std::string_view e) {
        if (iequals(e, "close")) {
            f.conn_close = true;
        } else if (iequals(e, "keep-alive")) {
            f.conn_keep_alive = true;
        } else if (iequals(e, "upgrade")) {
            f.conn_upgrade = true;
        }
    });
}

// Returns false when the header must reject the request; `kind` says why.
bool note_header(framing& f, const header_field& h, size_t index, error_kind& kind) noexcept {
    const std::string_view n = h.name;
    switch (n.size()) {
    case 4:
        if (name_is(n, "host")) {
            if (f.host_index != SIZE_MAX || !is_valid_host(h.value, true, false)) {
                kind = error_kind::invalid_hostname;
                return false;
            }
            f.host_index = index;
        }
        break;
    case 6:
        if (name_is(n, "expect") && iequals(h.value, "100-continue")) f.expect_continue = true;
        break;
    case 7:
        if (name_is(n, "upgrade")) f.have_upgrade = true;
        break;
    case 10:
        if (name_is(n, "connection")) note_connection(f, h.value);
        break;
    case 14:
        if (name_is(n, "content-length")) note_content_length(f, h.value);
        break;
    case 17:
        if (name_is(n, "transfer-encoding")) note_transfer_encoding(f, h.value);
        break;
    default:
        break;
    }
    return true;
}

// ---- request line pieces ----

// "HTTP/x.y" into out.version_*; on false, `kind` says which error to send.
bool parse_version(std::string_view v, request_head& out, error_kind& kind) noexcept {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (v.size() < 6 || v.substr(0, 5) != "HTTP/" || !digit(v[5])) {
        kind = error_kind::bad_request;
        return false;
    }
    const uint16_t major = static_cast<uint16_t>(v[5] - '0');
    if (v.size() == 8 && v[6] == '.' && digit(v[7])) {
        if (major != 1) {
            kind = error_kind::version_not_supported;
            return false;
        }
        out.version_major = 1;
        out.version_minor = static_cast<uint16_t>(v[7] - '0');
        return true;
    }
    // "HTTP/2", "HTTP/3": the shape HTTP/2+ prints its version in; http.sys answers 505 to 2.0.
    if (v.size() == 6 && major >= 2) {
        kind = error_kind::version_not_supported;
        return false;
    }
    kind = error_kind::bad_request;
    return false;
}

bool starts_with_ci(std::string_view s, std::string_view lit) noexcept {
    return s.size() >= lit.size() && iequals(s.substr(0, lit.size()), lit);
}

// Characters were already checked (no CTL, no SP); this checks the form against the method.
bool valid_target_form(std::string_view method, std::string_view target) noexcept {
    const bool is_connect = method == "CONNECT";
    if (is_connect) {
        // authority-form only: host ":" port
        return is_valid_host(target, false, true);
    }
    if (target[0] == '/') return true;  // origin-form
    if (target == "*") return method == "OPTIONS";
    size_t skip = 0;
    if (starts_with_ci(target, "http://")) {
        skip = 7;
    } else if (starts_with_ci(target, "https://")) {
        skip = 8;
    } else {
        return false;
    }
    const std::string_view rest = target.substr(skip);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) return false;  // userinfo (RFC 9110 §4.2.4)
    return is_valid_host(authority, false, false);
}

}  // namespace

// ---- public helpers ----

bool is_tchar(unsigned char c) noexcept { return (char_class[c] & cls_tchar) != 0; }

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

bool list_has_token(std::string_view value, std::string_view token) noexcept {
    bool found = false;
    for_each_element(value, [&](std::string_view e) { found = found || iequals(e, token); });
    return found;
}

bool is_valid_host(std::string_view host, bool allow_empty, bool require_port) noexcept {
    if (host.empty()) return allow_empty && !require_port;
    std::string_view rest;
    if (host[0] == '[') {
        const size_t close = host.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        for (size_t i = 1; i < close; ++i) {
            if (!has_class(host[i], cls_ipv6)) return false;
        }
        rest = host.substr(close + 1);
    } else {
        size_t i = 0;
        while (i < host.size() && has_class(host[i], cls_host)) ++i;
        if (i == 0) return false;
        rest = host.substr(i);
    }
    if (rest.empty()) return !require_port;
    if (rest[0] != ':') return false;
    return is_port(rest.substr(1), require_port);
}

parse_error make_parse_error(error_kind kind) noexcept {
    // Reason (<h2>) and sentence as http.sys prints them; log_reason as in httperr.log.
    static constexpr const char* bad_detail = "HTTP Error 400. The request is badly formed.";
    switch (kind) {
    case error_kind::bad_request:
        return {400, "Bad Request", bad_detail, "BadRequest", kind};
    case error_kind::invalid_verb:
        return {400, "Bad Request - Invalid Verb", "HTTP Error 400. The request verb is invalid.",
                "Verb", kind};
    case error_kind::invalid_url:
        return {400, "Bad Request - Invalid URL", "HTTP Error 400. The request URL is invalid.",
                "URL", kind};
    case error_kind::invalid_header_name:
        return {400, "Bad Request - Invalid Header",
                "HTTP Error 400. The request has an invalid header name.", "Header", kind};
    case error_kind::invalid_header_value:
        return {400, "Bad Request", bad_detail, "Header", kind};
    case error_kind::invalid_hostname:
        return {400, "Bad Request - Invalid Hostname",
                "HTTP Error 400. The request hostname is invalid.", "Hostname", kind};
    case error_kind::invalid_cr_lf:
        return {400, "Bad Request", bad_detail, "Invalid_CR/LF", kind};
    case error_kind::invalid_content_length:
        return {400, "Bad Request", bad_detail, "Number", kind};
    case error_kind::request_too_long:
        return {400, "Bad Request - Request Too Long",
                "HTTP Error 400. The size of the request headers is too long.", "RequestLength",
                kind};
    case error_kind::field_too_long:
        return {400, "Bad Request - Header Field Too Long",
                "HTTP Error 400. A request header field is too long.", "FieldLength", kind};
    case error_kind::url_too_long:
        return {414, "Request URL Too Long", "HTTP Error 414. The request URL is too long.",
                "URL_Length", kind};
    case error_kind::version_not_supported:
        return {505, "HTTP Version Not Supported",
                "HTTP Error 505. The HTTP version is not supported.", "Version_N/S", kind};
    case error_kind::not_implemented:
        return {501, "Not Implemented",
                "HTTP Error 501. The request transfer encoding type is not supported.", "N/I",
                kind};
    case error_kind::length_required:
        return {411, "Length Required",
                "HTTP Error 411. The request must be chunked or have a content length.",
                "LengthRequired", kind};
    }
    return {};
}

// ---- the parser ----

parse_result parse_request_head(std::string_view input, request_head& out, parse_error& err,
                                const limits& lim) {
    out.method = {};
    out.target = {};
    out.version_major = 1;
    out.version_minor = 1;
    out.headers.clear();
    out.head_length = 0;
    out.body = body_kind::none;
    out.content_length = 0;
    out.keep_alive = true;
    out.expect_continue = false;
    out.upgrade = false;
    out.host = nullptr;

    const char* const begin = input.data();
    const char* const end = begin + input.size();
    const char* p = begin;

    auto fail = [&](error_kind k) {
        err = make_parse_error(k);
        return parse_result::error;
    };
    // Out of bytes mid-head: wait, unless what is buffered is already over the head limit.
    auto more = [&]() {
        if (input.size() > lim.max_head_bytes) return fail(error_kind::request_too_long);
        return parse_result::incomplete;
    };

    // Empty lines before the request line (RFC 9112 §2.2).
    while (p < end && (*p == '\r' || *p == '\n')) {
        if (*p == '\r') {
            if (p + 1 == end) return more();
            if (p[1] != '\n') return fail(error_kind::invalid_cr_lf);
            ++p;
        }
        ++p;
        if (static_cast<size_t>(p - begin) > lim.max_head_bytes) {
            return fail(error_kind::request_too_long);
        }
    }

    // ---- request line: method SP target SP version CRLF ----
    const char* const m = p;
    while (p < end && has_class(*p, cls_tchar)) ++p;
    if (p == end) return more();
    if (p == m) return fail(error_kind::invalid_verb);
    if (*p != ' ') {
        // "GET\r\n" has no target at all; anything else is a broken verb.
        if (*p == '\r' || *p == '\n') return fail(error_kind::bad_request);
        return fail(error_kind::invalid_verb);
    }
    const std::string_view method(m, static_cast<size_t>(p - m));
    ++p;

    const char* const t = p;
    const size_t t_avail = static_cast<size_t>(end - t);
    const char* const t_bound = t + (t_avail > lim.max_url_bytes ? lim.max_url_bytes + 1 : t_avail);
    p = find_ctl<true>(t, t_bound);
    if (p == t_bound) {
        if (t_bound == end && t_avail <= lim.max_url_bytes) return more();
        return fail(error_kind::url_too_long);
    }
    if (p == t) return fail(error_kind::invalid_url);  // empty target or a second space
    if (*p != ' ') {
        if (*p == '\r' && p + 1 < end && p[1] != '\n') return fail(error_kind::invalid_cr_lf);
        // No version: an HTTP/0.9 simple request, which http.sys does not serve.
        if (*p == '\r' || *p == '\n') return fail(error_kind::bad_request);
        return fail(error_kind::invalid_url);
    }
    const std::string_view target(t, static_cast<size_t>(p - t));
    ++p;

    // The version is short: look for its LF in a small window only.
    constexpr size_t version_window = 16;
    const size_t v_avail = static_cast<size_t>(end - p);
    const auto* lf = static_cast<const char*>(
        std::memchr(p, '\n', v_avail < version_window ? v_avail : version_window));
    if (lf == nullptr) {
        if (v_avail < version_window) return more();
        return fail(error_kind::bad_request);
    }
    const char* v_end = (lf > p && lf[-1] == '\r') ? lf - 1 : lf;
    error_kind kind = error_kind::bad_request;
    if (!parse_version(std::string_view(p, static_cast<size_t>(v_end - p)), out, kind)) {
        return fail(kind);
    }
    if (!valid_target_form(method, target)) return fail(error_kind::invalid_url);
    // A fragment never belongs in a request-target (RFC 9112 section 3.2); a '#' there is a client bug or an
    // attempt to make two parsers disagree about the path.
    if (target.find('#') != std::string_view::npos) return fail(error_kind::invalid_url);
    out.method = method;
    out.target = target;
    p = lf + 1;

    // ---- header section ----
    framing f;
    for (;;) {
        const char* const line = p;
        if (static_cast<size_t>(line - begin) > lim.max_head_bytes) {
            return fail(error_kind::request_too_long);
        }
        if (p == end) return more();
        if (*p == '\r') {
            if (p + 1 == end) return more();
            if (p[1] != '\n') return fail(error_kind::invalid_cr_lf);
            p += 2;
            break;
        }
        if (*p == '\n') {
            ++p;
            break;
        }
        if (is_ows(*p)) return fail(error_kind::invalid_header_value);  // obs-fold

        // The line's content may span at most max_field_bytes; one more byte (CR or LF) ends it.
        const size_t avail = static_cast<size_t>(end - line);
        const bool capped = avail > lim.max_field_bytes;
        const char* const bound = line + (capped ? lim.max_field_bytes + 1 : avail);
        auto out_of_line = [&]() {
            if (capped) return fail(error_kind::field_too_long);
            return more();
        };

        while (p < bound && has_class(*p, cls_tchar)) ++p;
        if (p == bound) return out_of_line();
        if (*p != ':' || p == line) return fail(error_kind::invalid_header_name);
        const std::string_view name(line, static_cast<size_t>(p - line));
        ++p;

        const char* const v = p;
        p = find_ctl<false>(p, bound);
        while (p < bound && *p == '\t') p = find_ctl<false>(p + 1, bound);
        if (p == bound) return out_of_line();
        const char* next;
        if (*p == '\n') {
            next = p + 1;
        } else if (*p == '\r') {
            if (p + 1 == end) return more();
            if (p[1] != '\n') return fail(error_kind::invalid_cr_lf);
            next = p + 2;
        } else {
            return fail(error_kind::invalid_header_value);  // NUL or another control byte
        }

        if (out.headers.size() >= lim.max_headers) return fail(error_kind::request_too_long);
        const std::string_view value = trim_ows(std::string_view(v, static_cast<size_t>(p - v)));
        out.headers.push_back(header_field{name, value});
        if (!note_header(f, out.headers.back(), out.headers.size() - 1, kind)) return fail(kind);
        p = next;
    }

    out.head_length = static_cast<size_t>(p - begin);
    if (out.head_length > lim.max_head_bytes) return fail(error_kind::request_too_long);

    // ---- whole-head checks ----
    const bool v10 = out.version_minor == 0;
    if (f.host_index == SIZE_MAX) {
        if (!v10) return fail(error_kind::invalid_hostname);
    } else {
        out.host = &out.headers[f.host_index];
    }

    if (f.have_te) {
        if (v10 || f.te_bad || f.te_codings == 0 || f.te_chunked_twice) {
            return fail(error_kind::bad_request);
        }
        // chunked present but not last: the body length cannot be known (RFC 9112 §6.3).
        if (f.te_chunked_seen && !f.te_last_chunked) return fail(error_kind::bad_request);
        if (f.te_other) return fail(error_kind::not_implemented);
        if (f.cl_header) return fail(error_kind::bad_request);
        out.body = body_kind::chunked;
    } else if (f.cl_bad) {
        return fail(error_kind::invalid_content_length);
    } else if (f.have_cl) {
        out.body = body_kind::content_length;
        out.content_length = f.cl;
    } else if (lim.require_length_for_post_put && (method == "POST" || method == "PUT")) {
        return fail(error_kind::length_required);
    }

    out.keep_alive = v10 ? (f.conn_keep_alive && !f.conn_close) : !f.conn_close;
    out.expect_continue = !v10 && f.expect_continue;
    out.upgrade = f.have_upgrade && f.conn_upgrade;
    return parse_result::complete;
}

}  // namespace lintel::h1
