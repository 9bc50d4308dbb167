// Differential libFuzzer target: Lintel's HTTP/1.1 request framing against Debian's libhttp-parser
// (the node.js parser, package libhttp-parser-dev). Built only by the fuzz preset.
// Run:   build/fuzz/tests/h1_differential_fuzz tests/fuzz/corpus/h1_request
//
// Request smuggling needs two parsers that both accept the same bytes and disagree on where the
// first request ends. So the check is: whenever Lintel accepts a complete first request (head and
// body), libhttp-parser must either reject the bytes or find the same request: the same method,
// target and version, the same body bytes and the same end offset. An input Lintel accepts and
// libhttp-parser frames differently traps.
//
// Inputs Lintel accepts and libhttp-parser rejects are not smuggling (a front end built on it
// would refuse them), but they are divergences worth knowing: with LINTEL_DIFF_VERBOSE=1 in the
// environment each distinct http_errno is printed once, with the input that first showed it.
// docs/conformance.md lists the ones found and why each is acceptable.
#include "http/h1/chunked.h"
#include "http/h1/parser.h"

#include <http_parser.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) __builtin_trap();                                                         \
    } while (0)

using namespace lintel::h1;

// ---- Lintel's view: head parser + body framing, as connection.cpp applies them ----

struct framing {
    enum class outcome { complete, incomplete, rejected } result = outcome::incomplete;
    std::string method;
    std::string target;
    unsigned minor = 1;
    std::string body;
    size_t end = 0;  // offset just past the first request
    bool upgrade = false;
};

framing lintel_frame(std::string_view in) {
    framing f;
    request_head head;
    parse_error err;
    const parse_result r = parse_request_head(in, head, err);
    if (r == parse_result::error) {
        f.result = framing::outcome::rejected;
        return f;
    }
    if (r == parse_result::incomplete) return f;
    f.method.assign(head.method);
    f.target.assign(head.target);
    f.minor = head.version_minor;
    f.upgrade = head.upgrade || head.method == "CONNECT";
    const std::string_view rest = in.substr(head.head_length);
    switch (head.body) {
    case body_kind::none:
        f.end = head.head_length;
        break;
    case body_kind::content_length:
        if (head.content_length > rest.size()) return f;
        f.body.assign(rest.substr(0, static_cast<size_t>(head.content_length)));
        f.end = head.head_length + static_cast<size_t>(head.content_length);
        break;
    case body_kind::chunked: {
        chunked_decoder decoder;
        const auto step = decoder.decode(rest, f.body);
        if (step.error) {
            f.result = framing::outcome::rejected;
            return f;
        }
        if (!step.done) return f;
        f.end = head.head_length + step.consumed;
        break;
    }
    }
    f.result = framing::outcome::complete;
    return f;
}

// ---- libhttp-parser's view ----

struct peer_state {
    std::string url;
    std::string body;
    bool headers_done = false;
    bool complete = false;
};

int on_url(http_parser* p, const char* at, size_t length) {
    static_cast<peer_state*>(p->data)->url.append(at, length);
    return 0;
}

int on_body(http_parser* p, const char* at, size_t length) {
    static_cast<peer_state*>(p->data)->body.append(at, length);
    return 0;
}

int on_headers_complete(http_parser* p) {
    static_cast<peer_state*>(p->data)->headers_done = true;
    return 0;
}

int on_message_complete(http_parser* p) {
    static_cast<peer_state*>(p->data)->complete = true;
    // Stop right after the first message, so the returned count is its end offset.
    http_parser_pause(p, 1);
    return 0;
}

struct peer_framing {
    bool complete = false;
    bool rejected = false;
    http_errno error = HPE_OK;
    std::string method;
    std::string url;
    unsigned minor = 0;
    std::string body;
    size_t end = 0;
    bool upgrade = false;
};

peer_framing peer_frame(std::string_view in) {
    http_parser_settings settings;
    http_parser_settings_init(&settings);
    settings.on_url = on_url;
    settings.on_body = on_body;
    settings.on_headers_complete = on_headers_complete;
    settings.on_message_complete = on_message_complete;

    peer_state state;
    http_parser parser;
    http_parser_init(&parser, HTTP_REQUEST);
    parser.data = &state;
    const size_t parsed = http_parser_execute(&parser, &settings, in.data(), in.size());

    peer_framing out;
    out.error = HTTP_PARSER_ERRNO(&parser);
    out.upgrade = parser.upgrade != 0;
    if (state.complete) {
        out.complete = true;
        out.end = parsed;
        out.method = http_method_str(static_cast<http_method>(parser.method));
        out.url = std::move(state.url);
        out.minor = parser.http_minor;
        out.body = std::move(state.body);
    } else if (out.error != HPE_OK) {
        out.rejected = true;
    }
    return out;
}

// Prints each libhttp-parser error seen on an input Lintel accepted, once, when asked to.
void note_divergence(http_errno error, std::string_view in) {
    static const bool verbose = std::getenv("LINTEL_DIFF_VERBOSE") != nullptr;
    static bool seen[64] = {};
    const auto index = static_cast<unsigned>(error);
    if (!verbose || index >= 64 || seen[index]) return;
    seen[index] = true;
    std::fprintf(stderr, "divergence: Lintel accepts, libhttp-parser says %s on:\n",
                 http_errno_name(error));
    for (const char c : in.substr(0, 400)) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f && u != '\\') {
            std::fputc(c, stderr);
        } else {
            std::fprintf(stderr, "\\x%02x", u);
        }
    }
    std::fputc('\n', stderr);
}

void compare(std::string_view in) {
    const framing ours = lintel_frame(in);
    if (ours.result != framing::outcome::complete) return;  // Lintel waits or rejects: safe
    const peer_framing peer = peer_frame(in);
    if (peer.rejected) {
        note_divergence(peer.error, in);
        return;
    }
    // Upgrades and CONNECT leave the message at the end of the head in libhttp-parser; Lintel
    // treats the bytes after as its own to refuse or hand over, so only the head is compared.
    if (ours.upgrade || peer.upgrade) return;
    // Lintel found a whole request; a peer that still waits for bytes disagrees on the framing.
    FUZZ_CHECK(peer.complete);
    FUZZ_CHECK(peer.end == ours.end);
    FUZZ_CHECK(peer.body == ours.body);
    FUZZ_CHECK(peer.method == ours.method);
    FUZZ_CHECK(peer.url == ours.target);
    FUZZ_CHECK(peer.minor == ours.minor);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    compare(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
