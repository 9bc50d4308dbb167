// libFuzzer target for the HTTP/1.1 head parser and the chunked decoder.
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I src
//        src/http/h1/parser.cpp src/http/h1/chunked.cpp tests/fuzz/h1_request_fuzz.cpp
// Run:   ./a.out tests/fuzz/corpus/h1_request
//
// Besides memory safety it checks properties that must hold for every input:
// * a complete head's views lie inside the input, names are tokens, values are trimmed and free of
//   CR/LF/NUL, head_length is within the input and the limits;
// * parsing is prefix-consistent: every prefix shorter than head_length is `incomplete`, and no
//   prefix of an input that fails can succeed;
// * the chunked decoder gives the same bytes, consumption and end state whether it is fed all at
//   once, one byte at a time, in uneven pieces, or into a tiny fixed output buffer.
#include "http/h1/chunked.h"
#include "http/h1/parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace lintel::h1;

#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) __builtin_trap();                                                         \
    } while (0)

bool inside(std::string_view outer, std::string_view v) {
    return v.data() >= outer.data() && v.data() + v.size() <= outer.data() + outer.size();
}

void check_complete(std::string_view in, const request_head& h, const limits& lim) {
    FUZZ_CHECK(h.head_length > 0 && h.head_length <= in.size());
    FUZZ_CHECK(h.head_length <= lim.max_head_bytes);
    FUZZ_CHECK(!h.method.empty() && inside(in, h.method));
    FUZZ_CHECK(!h.target.empty() && inside(in, h.target) && h.target.size() <= lim.max_url_bytes);
    FUZZ_CHECK(h.version_major == 1);
    FUZZ_CHECK(h.headers.size() <= lim.max_headers);
    for (const header_field& f : h.headers) {
        FUZZ_CHECK(!f.name.empty() && inside(in, f.name));
        for (char c : f.name) FUZZ_CHECK(is_tchar(static_cast<unsigned char>(c)));
        FUZZ_CHECK(inside(in, f.value));
        for (char c : f.value) FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0');
        if (!f.value.empty()) {
            FUZZ_CHECK(f.value.front() != ' ' && f.value.front() != '\t');
            FUZZ_CHECK(f.value.back() != ' ' && f.value.back() != '\t');
        }
    }
    if (h.host != nullptr) {
        FUZZ_CHECK(h.host >= h.headers.data() && h.host < h.headers.data() + h.headers.size());
        FUZZ_CHECK(iequals(h.host->name, "host"));
    } else {
        FUZZ_CHECK(h.version_minor == 0);
    }
    if (h.body == body_kind::chunked) FUZZ_CHECK(h.version_minor >= 1);
    if (h.body != body_kind::content_length) FUZZ_CHECK(h.content_length == 0);
}

// Prefix consistency, on a bounded number of split points to keep executions fast.
void check_prefixes(std::string_view in, parse_result full, size_t head_length, const limits& lim) {
    request_head h;
    parse_error e;
    const size_t n = full == parse_result::complete ? head_length : in.size();
    const size_t stride = n > 256 ? n / 128 : 1;
    for (size_t k = 0; k < n; k += stride) {
        // A heap copy of exactly k bytes, so ASan catches a read past the prefix.
        const std::string prefix(in.substr(0, k));
        const parse_result r = parse_request_head(prefix, h, e, lim);
        if (full == parse_result::complete) {
            FUZZ_CHECK(r == parse_result::incomplete);
        } else if (full == parse_result::error) {
            FUZZ_CHECK(r != parse_result::complete);
        } else {
            FUZZ_CHECK(r == parse_result::incomplete);
        }
    }
}

struct decoded {
    std::string out;
    size_t consumed = 0;
    bool done = false;
    bool error = false;
};

// Feeds `body` in pieces whose sizes cycle through `pieces`; stops at done/error.
decoded decode_pieces(std::string_view body, const std::vector<size_t>& pieces) {
    chunked_decoder dec(512);
    decoded d;
    size_t pos = 0, i = 0;
    while (pos < body.size()) {
        const size_t len = std::min(pieces[i++ % pieces.size()], body.size() - pos);
        const auto s = dec.decode(body.substr(pos, len), d.out);
        FUZZ_CHECK(s.consumed <= len);
        pos += s.consumed;
        d.consumed += s.consumed;
        if (s.error || s.done) {
            d.error = s.error;
            d.done = s.done;
            FUZZ_CHECK(!(s.error && s.done));
            FUZZ_CHECK(dec.done() == s.done && dec.failed() == s.error);
            return d;
        }
        FUZZ_CHECK(s.consumed == len);  // with unlimited output nothing is left unless finished
    }
    FUZZ_CHECK(dec.decoded_bytes() == d.out.size());
    return d;
}

decoded decode_small_buffer(std::string_view body) {
    chunked_decoder dec(512);
    decoded d;
    char buf[5];
    for (;;) {
        size_t produced = 0;
        const auto s = dec.decode(body, buf, sizeof buf, produced);
        FUZZ_CHECK(produced <= sizeof buf);
        d.out.append(buf, produced);
        d.consumed += s.consumed;
        body.remove_prefix(s.consumed);
        if (s.error || s.done) {
            d.error = s.error;
            d.done = s.done;
            return d;
        }
        if (body.empty()) return d;
        FUZZ_CHECK(produced == sizeof buf);  // stopped early only because the buffer was full
    }
}

void check_chunked(std::string_view body) {
    if (body.size() > 8192) body = body.substr(0, 8192);
    const decoded whole = decode_pieces(body, {body.size() + 1});
    const decoded bytes = decode_pieces(body, {1});
    const decoded uneven = decode_pieces(body, {3, 1, 7, 2, 64});
    const decoded small = decode_small_buffer(body);
    for (const decoded* d : {&bytes, &uneven, &small}) {
        FUZZ_CHECK(d->out == whole.out);
        FUZZ_CHECK(d->consumed == whole.consumed);
        FUZZ_CHECK(d->done == whole.done);
        FUZZ_CHECK(d->error == whole.error);
    }
}

void run_parser(std::string_view in, const limits& lim) {
    request_head head;
    parse_error err;
    const parse_result r = parse_request_head(in, head, err, lim);
    if (r == parse_result::complete) {
        check_complete(in, head, lim);
        check_prefixes(in, r, head.head_length, lim);
        if (head.body == body_kind::chunked) check_chunked(in.substr(head.head_length));
    } else {
        if (r == parse_result::error) {
            FUZZ_CHECK(err.reason != nullptr && err.detail != nullptr && err.log_reason != nullptr);
            FUZZ_CHECK(err.status == 400 || err.status == 411 || err.status == 414 ||
                       err.status == 501 || err.status == 505);
        }
        if (in.size() <= 4096) check_prefixes(in, r, 0, lim);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    run_parser(in, limits{});
    limits tight;
    tight.max_head_bytes = 200;
    tight.max_field_bytes = 48;
    tight.max_url_bytes = 40;
    tight.max_headers = 6;
    run_parser(in, tight);
    // The decoder on its own, with the raw input as a body.
    check_chunked(in);
    return 0;
}
