// Unit tests for lintel::h1::parse_request_head.
#include "http/h1/parser.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

namespace {

using lintel::h1::body_kind;
using lintel::h1::error_kind;
using lintel::h1::limits;
using lintel::h1::parse_error;
using lintel::h1::parse_request_head;
using lintel::h1::parse_result;
using lintel::h1::request_head;

// Owns a copy of the input so the views in `head` stay valid however the argument was built.
struct outcome {
    std::unique_ptr<std::string> input;
    parse_result result = parse_result::error;
    request_head head;
    parse_error err;
};

outcome parse(std::string_view in, const limits& lim = {}) {
    outcome o;
    o.input = std::make_unique<std::string>(in);
    o.result = parse_request_head(*o.input, o.head, o.err, lim);
    return o;
}

::testing::AssertionResult is_complete(std::string_view in, const limits& lim = {}) {
    const outcome o = parse(in, lim);
    if (o.result == parse_result::complete) return ::testing::AssertionSuccess();
    if (o.result == parse_result::incomplete) return ::testing::AssertionFailure() << "incomplete";
    return ::testing::AssertionFailure() << "error " << o.err.status << " \"" << o.err.reason
                                         << "\" (" << o.err.log_reason << ")";
}

::testing::AssertionResult is_error(std::string_view in, uint16_t status, error_kind kind,
                                    const limits& lim = {}) {
    const outcome o = parse(in, lim);
    if (o.result != parse_result::error) {
        return ::testing::AssertionFailure()
               << (o.result == parse_result::complete ? "complete" : "incomplete");
    }
    if (o.err.status != status || o.err.kind != kind) {
        return ::testing::AssertionFailure()
               << "got " << o.err.status << " \"" << o.err.reason << "\" kind "
               << static_cast<int>(o.err.kind);
    }
    return ::testing::AssertionSuccess();
}

// A request head with one extra header line.
std::string with_header(std::string_view line) {
    return "GET / HTTP/1.1\r\nHost: example.com\r\n" + std::string(line) + "\r\n\r\n";
}

std::string get11(std::string_view extra = "") {
    return "GET /index.html HTTP/1.1\r\nHost: h\r\n" + std::string(extra) + "\r\n";
}

std::string get10(std::string_view extra = "") {
    return "GET / HTTP/1.0\r\n" + std::string(extra) + "\r\n";
}

constexpr std::string_view browser_request =
    "GET /docs/index.html?lang=en HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Connection: keep-alive\r\n"
    "Cookie: session=abc123; theme=dark\r\n"
    "\r\n";

// ---------------------------------------------------------------- basics

TEST(H1Parser, ParsesBrowserRequest) {
    const outcome o = parse(browser_request);
    ASSERT_EQ(o.result, parse_result::complete);
    const request_head& h = o.head;
    EXPECT_EQ(h.method, "GET");
    EXPECT_EQ(h.target, "/docs/index.html?lang=en");
    EXPECT_EQ(h.version_major, 1);
    EXPECT_EQ(h.version_minor, 1);
    EXPECT_EQ(h.head_length, browser_request.size());
    ASSERT_EQ(h.headers.size(), 7u);
    EXPECT_EQ(h.headers[0].name, "Host");
    EXPECT_EQ(h.headers[0].value, "www.example.com");
    EXPECT_EQ(h.headers[2].name, "Accept");
    EXPECT_EQ(h.headers[6].name, "Cookie");
    EXPECT_EQ(h.headers[6].value, "session=abc123; theme=dark");
    ASSERT_NE(h.host, nullptr);
    EXPECT_EQ(h.host, &h.headers[0]);
    EXPECT_EQ(h.body, body_kind::none);
    EXPECT_TRUE(h.keep_alive);
    EXPECT_FALSE(h.expect_continue);
    EXPECT_FALSE(h.upgrade);
}

TEST(H1Parser, ViewsPointIntoInput) {
    const std::string in(browser_request);
    request_head head;
    parse_error err;
    ASSERT_EQ(parse_request_head(in, head, err), parse_result::complete);
    const char* lo = in.data();
    const char* hi = in.data() + in.size();
    auto inside = [&](std::string_view v) { return v.data() >= lo && v.data() + v.size() <= hi; };
    EXPECT_TRUE(inside(head.method));
    EXPECT_TRUE(inside(head.target));
    for (const auto& f : head.headers) {
        EXPECT_TRUE(inside(f.name));
        EXPECT_TRUE(inside(f.value));
    }
}

TEST(H1Parser, TrimsValueWhitespaceOnly) {
    const outcome o = parse(with_header("X-A: \t  inner  value \t "));
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.headers[1].value, "inner  value");
}

TEST(H1Parser, EmptyValueAndNoSpaceAfterColon) {
    const outcome o = parse("GET / HTTP/1.1\r\nHost:h\r\nX-Empty:\r\nX-Sp:   \r\n\r\n");
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.headers[0].value, "h");
    EXPECT_EQ(o.head.headers[1].value, "");
    EXPECT_EQ(o.head.headers[2].value, "");
}

TEST(H1Parser, ValueKeepsTabsAndObsText) {
    const outcome o = parse(with_header("X-U: caf\xc3\xa9\tbar"));
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.headers[1].value, "caf\xc3\xa9\tbar");
}

TEST(H1Parser, LongValuesUseVectorScanPaths) {
    // Control bytes at every offset of a long value: both the 16-byte and the tail loop see them.
    for (size_t at = 0; at < 40; ++at) {
        std::string v(40, 'a');
        v[at] = '\x01';
        EXPECT_TRUE(is_error(with_header("X: " + v), 400, error_kind::invalid_header_value)) << at;
        v[at] = '\x7f';
        EXPECT_TRUE(is_error(with_header("X: " + v), 400, error_kind::invalid_header_value)) << at;
        v[at] = '\t';
        EXPECT_TRUE(is_complete(with_header("X: " + v))) << at;
        v[at] = '\xff';
        EXPECT_TRUE(is_complete(with_header("X: " + v))) << at;
    }
}

TEST(H1Parser, HeadLengthExcludesBody) {
    const std::string in = "POST /f HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody";
    const outcome o = parse(in);
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.head_length, in.size() - 4);
    EXPECT_EQ(o.head.body, body_kind::content_length);
    EXPECT_EQ(o.head.content_length, 4u);
}

TEST(H1Parser, ReusesHeaderCapacity) {
    request_head head;
    parse_error err;
    ASSERT_EQ(parse_request_head(browser_request, head, err), parse_result::complete);
    const auto* data = head.headers.data();
    const size_t cap = head.headers.capacity();
    ASSERT_EQ(parse_request_head(browser_request, head, err), parse_result::complete);
    EXPECT_EQ(head.headers.data(), data);
    EXPECT_EQ(head.headers.capacity(), cap);
    EXPECT_EQ(head.headers.size(), 7u);
}

TEST(H1Parser, ResetsStateBetweenCalls) {
    request_head head;
    parse_error err;
    const std::string chunked =
        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n"
        "Connection: close, upgrade\r\nUpgrade: x\r\n\r\n";
    ASSERT_EQ(parse_request_head(chunked, head, err), parse_result::complete);
    EXPECT_EQ(head.body, body_kind::chunked);
    EXPECT_TRUE(head.expect_continue);
    EXPECT_TRUE(head.upgrade);
    EXPECT_FALSE(head.keep_alive);
    ASSERT_EQ(parse_request_head("GET / HTTP/1.0\r\n\r\n", head, err), parse_result::complete);
    EXPECT_EQ(head.body, body_kind::none);
    EXPECT_EQ(head.content_length, 0u);
    EXPECT_FALSE(head.expect_continue);
    EXPECT_FALSE(head.upgrade);
    EXPECT_EQ(head.host, nullptr);
    EXPECT_EQ(head.version_minor, 0);
    EXPECT_TRUE(head.headers.empty());
}

// ---------------------------------------------------------------- line endings

TEST(H1Parser, AcceptsBareLfLineEnds) {
    const std::string in = "GET / HTTP/1.1\nHost: h\nX: y\n\n";
    const outcome o = parse(in);
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.headers.size(), 2u);
    EXPECT_EQ(o.head.headers[1].value, "y");
    EXPECT_EQ(o.head.head_length, in.size());
}

TEST(H1Parser, AcceptsMixedLineEnds) {
    EXPECT_TRUE(is_complete("GET / HTTP/1.1\r\nHost: h\nX: y\r\n\n"));
}

TEST(H1Parser, RejectsBareCr) {
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400,
                         error_kind::invalid_cr_lf));
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: h\r\n\rX\r\n", 400, error_kind::invalid_cr_lf));
    EXPECT_TRUE(is_error("GET / HTTP/1.1\rHost: h\r\n\r\n", 400, error_kind::bad_request));
    EXPECT_TRUE(is_error("GET /a\rb HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                         error_kind::invalid_cr_lf));
}

TEST(H1Parser, SkipsLeadingEmptyLines) {
    const std::string in = "\r\n\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n";
    const outcome o = parse(in);
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.method, "GET");
    EXPECT_EQ(o.head.head_length, in.size());
}

TEST(H1Parser, LeadingBareCrIsError) {
    EXPECT_TRUE(is_error("\rGET / HTTP/1.1\r\nHost: h\r\n\r\n", 400, error_kind::invalid_cr_lf));
}

TEST(H1Parser, OnlyEmptyLinesIsIncomplete) {
    EXPECT_EQ(parse("\r\n\r\n\r").result, parse_result::incomplete);
    EXPECT_EQ(parse("").result, parse_result::incomplete);
}

// ---------------------------------------------------------------- methods

TEST(H1Parser, AcceptsAnyTokenVerb) {
    for (std::string_view m : {"get", "PROPFIND", "M-SEARCH", "X!#$%&'*+-.^_`|~9"}) {
        const std::string in = std::string(m) + " / HTTP/1.1\r\nHost: h\r\n\r\n";
        const outcome o = parse(in);
        ASSERT_EQ(o.result, parse_result::complete) << m;
        EXPECT_EQ(o.head.method, m);
    }
}

TEST(H1Parser, RejectsNonTokenVerb) {
    for (std::string_view in : {"GE(T / HTTP/1.1\r\n\r\n", "G\x01T / HTTP/1.1\r\n\r\n",
                                " GET / HTTP/1.1\r\n\r\n", "GET\t/ HTTP/1.1\r\n\r\n",
                                "G@T / HTTP/1.1\r\n\r\n", "GET:/ HTTP/1.1\r\n\r\n"}) {
        EXPECT_TRUE(is_error(in, 400, error_kind::invalid_verb)) << in;
    }
    const outcome o = parse("GE[T / HTTP/1.1\r\n\r\n");
    EXPECT_STREQ(o.err.reason, "Bad Request - Invalid Verb");
    EXPECT_STREQ(o.err.detail, "HTTP Error 400. The request verb is invalid.");
    EXPECT_STREQ(o.err.log_reason, "Verb");
}

TEST(H1Parser, VerbWithoutTargetIsBadRequest) {
    EXPECT_TRUE(is_error("GET\r\n\r\n", 400, error_kind::bad_request));
}

// ---------------------------------------------------------------- request target

TEST(H1Parser, TargetForms) {
    EXPECT_TRUE(is_complete("GET /a/b?c=d&e HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("GET http://example.com/a?b HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("GET HTTPS://Example.COM:8443 HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("GET http://example.com?q HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
    EXPECT_TRUE(is_complete("CONNECT [::1]:443 HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("GET /caf\xc3\xa9 HTTP/1.1\r\nHost: h\r\n\r\n"));  // raw UTF-8
}

TEST(H1Parser, RejectsBadTargets) {
    const auto bad = [](std::string_view target, std::string_view method = "GET") {
        const std::string in =
            std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: h\r\n\r\n";
        return is_error(in, 400, error_kind::invalid_url);
    };
    EXPECT_TRUE(bad("*"));                       // asterisk-form only with OPTIONS
    EXPECT_TRUE(bad("example.com:443"));         // authority-form only with CONNECT
    EXPECT_TRUE(bad("/path", "CONNECT"));        // CONNECT needs authority-form
    EXPECT_TRUE(bad("example.com", "CONNECT"));  // ... with a port
    EXPECT_TRUE(bad("relative/path"));
    EXPECT_TRUE(bad("ftp://example.com/"));
    EXPECT_TRUE(bad("http:///nohost"));
    EXPECT_TRUE(bad("http://user@example.com/"));
    EXPECT_TRUE(bad("http://exa%20mple.com/"));
    EXPECT_TRUE(bad("/a\x01" "b"));
    EXPECT_TRUE(bad("/a\x7f" "b"));
    EXPECT_TRUE(bad(std::string_view("/a\0b", 4)));
    EXPECT_TRUE(is_error("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400, error_kind::invalid_url));
    EXPECT_TRUE(is_error("GET /\t HTTP/1.1\r\nHost: h\r\n\r\n", 400, error_kind::invalid_url));
    const outcome o = parse("GET /\x01 HTTP/1.1\r\n\r\n");
    EXPECT_STREQ(o.err.reason, "Bad Request - Invalid URL");
    EXPECT_STREQ(o.err.log_reason, "URL");
}

// ---------------------------------------------------------------- version

TEST(H1Parser, Versions) {
    {
        const outcome o = parse("GET / HTTP/1.0\r\n\r\n");
        ASSERT_EQ(o.result, parse_result::complete);
        EXPECT_EQ(o.head.version_major, 1);
        EXPECT_EQ(o.head.version_minor, 0);
    }
    {
        // A later 1.x minor is served with 1.1 semantics (RFC 9110 §2.5).
        const outcome o = parse("GET / HTTP/1.2\r\nHost: h\r\n\r\n");
        ASSERT_EQ(o.result, parse_result::complete);
        EXPECT_EQ(o.head.version_minor, 2);
        EXPECT_TRUE(o.head.keep_alive);
    }
}

TEST(H1Parser, Http09IsBadRequest) {
    EXPECT_TRUE(is_error("GET /\r\n", 400, error_kind::bad_request));
    EXPECT_TRUE(is_error("GET /index.html\n", 400, error_kind::bad_request));
}

TEST(H1Parser, OtherMajorVersionsAre505) {
    for (std::string_view v :
         {"HTTP/2.0", "HTTP/3.0", "HTTP/2", "HTTP/3", "HTTP/0.9", "HTTP/9.9"}) {
        const std::string in = "GET / " + std::string(v) + "\r\nHost: h\r\n\r\n";
        EXPECT_TRUE(is_error(in, 505, error_kind::version_not_supported)) << v;
    }
    // The HTTP/2 connection preface read as HTTP/1.
    const outcome o = parse("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    ASSERT_EQ(o.result, parse_result::error);
    EXPECT_EQ(o.err.status, 505);
    EXPECT_STREQ(o.err.reason, "HTTP Version Not Supported");
    EXPECT_STREQ(o.err.log_reason, "Version_N/S");
}

TEST(H1Parser, MalformedVersionIsBadRequest) {
    for (std::string_view v : {"http/1.1", "HTTP/1", "HTTP/1.", "HTTP/1.1.1", "HTTP/11.1",
                               "HTTP/1.10", "HTTP/1.1 ", "HTTP 1.1", "HTTP/x.1", "HTTP/1.x",
                               "HTTPS/1.1", "HTTP/1.1\x01", "HTTP/", "", "HTTP/1.1garbage"}) {
        const std::string in = "GET / " + std::string(v) + "\r\nHost: h\r\n\r\n";
        EXPECT_TRUE(is_error(in, 400, error_kind::bad_request)) << v;
    }
}

TEST(H1Parser, OverlongVersionFailsWithoutWaiting) {
    EXPECT_TRUE(is_error("GET / HTTP/1.1xxxxxxxxxxxxxxxxxxxxxx", 400, error_kind::bad_request));
    EXPECT_EQ(parse("GET / HTTP/1.").result, parse_result::incomplete);
}

// ---------------------------------------------------------------- header names and lines

TEST(H1Parser, RejectsBadHeaderNames) {
    for (std::string_view line : {"Bad Name: x", "Host : x", "X-A\t: x", "(x): y", ": empty",
                                  "NoColon", "X\x01Y: z", "X\x80: y", "X/Y: z", "X@Y: z"}) {
        EXPECT_TRUE(is_error(with_header(line), 400, error_kind::invalid_header_name)) << line;
    }
    const outcome o = parse(with_header("Bad Name: x"));
    EXPECT_STREQ(o.err.reason, "Bad Request - Invalid Header");
    EXPECT_STREQ(o.err.detail, "HTTP Error 400. The request has an invalid header name.");
    EXPECT_STREQ(o.err.log_reason, "Header");
}

TEST(H1Parser, AcceptsOddTokenNames) {
    const outcome o = parse(with_header("x!#$%&'*+-.^_`|~0: v"));
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.headers[1].name, "x!#$%&'*+-.^_`|~0");
}

TEST(H1Parser, RejectsObsFold) {
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n  continued\r\n\r\n", 400,
                         error_kind::invalid_header_value));
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tcontinued\r\n\r\n", 400,
                         error_kind::invalid_header_value));
    // Whitespace between the request line and the first header (RFC 9112 §2.2).
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400,
                         error_kind::invalid_header_value));
}

TEST(H1Parser, RejectsControlBytesInValues) {
    EXPECT_TRUE(is_error(with_header(std::string("X: a\0b", 6)), 400,
                         error_kind::invalid_header_value));
    EXPECT_TRUE(is_error(with_header("X: a\x01" "b"), 400, error_kind::invalid_header_value));
    EXPECT_TRUE(is_error(with_header("X: a\x1f"), 400, error_kind::invalid_header_value));
    EXPECT_TRUE(is_error(with_header("X: a\x7f"), 400, error_kind::invalid_header_value));
    EXPECT_TRUE(is_error(with_header("X: a\rb"), 400, error_kind::invalid_cr_lf));
    const outcome o = parse(with_header("X: a\rb"));
    EXPECT_STREQ(o.err.reason, "Bad Request");
    EXPECT_STREQ(o.err.log_reason, "Invalid_CR/LF");
}

// ---------------------------------------------------------------- Host

TEST(H1Parser, Http11RequiresHost) {
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\n\r\n", 400, error_kind::invalid_hostname));
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nX-Host: h\r\n\r\n", 400, error_kind::invalid_hostname));
    // absolute-form still needs the header (RFC 9112 §3.2).
    EXPECT_TRUE(is_error("GET http://h/ HTTP/1.1\r\n\r\n", 400, error_kind::invalid_hostname));
    const outcome o = parse("GET / HTTP/1.1\r\n\r\n");
    EXPECT_STREQ(o.err.reason, "Bad Request - Invalid Hostname");
    EXPECT_STREQ(o.err.detail, "HTTP Error 400. The request hostname is invalid.");
    EXPECT_STREQ(o.err.log_reason, "Hostname");
}

TEST(H1Parser, Http10HostOptional) {
    const outcome o = parse("GET / HTTP/1.0\r\n\r\n");
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.host, nullptr);
}

TEST(H1Parser, RejectsRepeatedHost) {
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400,
                         error_kind::invalid_hostname));
    EXPECT_TRUE(is_error("GET / HTTP/1.0\r\nHOST: a\r\nHost: b\r\n\r\n", 400,
                         error_kind::invalid_hostname));
}

TEST(H1Parser, HostValues) {
    for (std::string_view ok : {"example.com", "example.com:8080", "EXAMPLE.com.", "10.0.0.1:80",
                                "[::1]", "[::1]:8443", "[fe80::1:2:3]", "under_score", "h:",
                                ""}) {
        const outcome o = parse("GET / HTTP/1.1\r\nHost: " + std::string(ok) + "\r\n\r\n");
        ASSERT_EQ(o.result, parse_result::complete) << ok;
        ASSERT_NE(o.head.host, nullptr);
        EXPECT_EQ(o.head.host->value, ok);
    }
    for (std::string_view bad : {"https://example.com/vdir", "a/b", "ex ample.com", "[::1",
                                 "[]", "[::g]", "h:99999", "h:123456", "h:8o", "h:80:80", "a@b",
                                 "a%41", "caf\xc3\xa9", ":80"}) {
        EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: " + std::string(bad) + "\r\n\r\n", 400,
                             error_kind::invalid_hostname))
            << bad;
    }
    // HTTP/1.0 requests get the same check when they carry a Host.
    EXPECT_TRUE(is_error("POST / HTTP/1.0\r\nHost: http://ip/vdir\r\nContent-Length: 0\r\n\r\n",
                         400, error_kind::invalid_hostname));
}

// ---------------------------------------------------------------- Content-Length

TEST(H1Parser, ContentLengthValues) {
    const auto cl = [](std::string_view lines) {
        const outcome o = parse("POST / HTTP/1.1\r\nHost: h\r\n" + std::string(lines) + "\r\n");
        EXPECT_EQ(o.result, parse_result::complete) << lines;
        EXPECT_EQ(o.head.body, body_kind::content_length);
        return o.head.content_length;
    };
    EXPECT_EQ(cl("Content-Length: 0\r\n"), 0u);
    EXPECT_EQ(cl("Content-Length: 42\r\n"), 42u);
    EXPECT_EQ(cl("content-length:   7  \r\n"), 7u);
    EXPECT_EQ(cl("Content-Length: 007\r\n"), 7u);
    EXPECT_EQ(cl("Content-Length: 5, 5\r\n"), 5u);
    EXPECT_EQ(cl("Content-Length: 5\r\nContent-Length: 5\r\n"), 5u);
    EXPECT_EQ(cl("Content-Length: 18446744073709551615\r\n"), UINT64_MAX);
}

TEST(H1Parser, ContentLengthErrors) {
    for (std::string_view lines :
         {"Content-Length: abc", "Content-Length: -1", "Content-Length: +5", "Content-Length: 1 2",
          "Content-Length: 0x10", "Content-Length:", "Content-Length: 5,", "Content-Length: 5, 6",
          "Content-Length: 5\r\nContent-Length: 6", "Content-Length: 18446744073709551616",
          "Content-Length: 99999999999999999999999", "Content-Length: 5;q"}) {
        const std::string in = "POST / HTTP/1.1\r\nHost: h\r\n" + std::string(lines) + "\r\n\r\n";
        EXPECT_TRUE(is_error(in, 400, error_kind::invalid_content_length)) << lines;
    }
    const outcome o = parse("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n");
    EXPECT_STREQ(o.err.log_reason, "Number");
}

// ---------------------------------------------------------------- Transfer-Encoding

TEST(H1Parser, ChunkedTransferEncoding) {
    for (std::string_view lines :
         {"Transfer-Encoding: chunked", "transfer-encoding: CHUNKED",
          "Transfer-Encoding: , chunked", "Transfer-Encoding: chunked ,",
          "Transfer-Encoding:\tChunked\t"}) {
        const outcome o =
            parse("POST / HTTP/1.1\r\nHost: h\r\n" + std::string(lines) + "\r\n\r\n");
        ASSERT_EQ(o.result, parse_result::complete) << lines;
        EXPECT_EQ(o.head.body, body_kind::chunked);
    }
}

TEST(H1Parser, TransferEncodingErrors) {
    const auto te = [](std::string_view lines, uint16_t status, error_kind kind) {
        return is_error("POST / HTTP/1.1\r\nHost: h\r\n" + std::string(lines) + "\r\n\r\n", status,
                        kind);
    };
    EXPECT_TRUE(te("Transfer-Encoding: gzip", 501, error_kind::not_implemented));
    EXPECT_TRUE(te("Transfer-Encoding: gzip, chunked", 501, error_kind::not_implemented));
    EXPECT_TRUE(te("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked", 501,
                   error_kind::not_implemented));
    EXPECT_TRUE(te("Transfer-Encoding: identity", 501, error_kind::not_implemented));
    EXPECT_TRUE(te("Transfer-Encoding: chunked;ext=1", 501, error_kind::not_implemented));
    // chunked not last, twice, empty, or not a token: the length is unknowable.
    EXPECT_TRUE(te("Transfer-Encoding: chunked, gzip", 400, error_kind::bad_request));
    EXPECT_TRUE(te("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip", 400,
                   error_kind::bad_request));
    EXPECT_TRUE(te("Transfer-Encoding: chunked, chunked", 400, error_kind::bad_request));
    EXPECT_TRUE(te("Transfer-Encoding:", 400, error_kind::bad_request));
    EXPECT_TRUE(te("Transfer-Encoding: ,", 400, error_kind::bad_request));
    EXPECT_TRUE(te("Transfer-Encoding: chun\"ked", 400, error_kind::bad_request));
    // Both framings: the smuggling shape.
    EXPECT_TRUE(te("Transfer-Encoding: chunked\r\nContent-Length: 5", 400,
                   error_kind::bad_request));
    EXPECT_TRUE(te("Content-Length: 5\r\nTransfer-Encoding: chunked", 400,
                   error_kind::bad_request));
    EXPECT_TRUE(te("Content-Length: x\r\nTransfer-Encoding: chunked", 400,
                   error_kind::bad_request));
    const outcome o = parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n");
    EXPECT_STREQ(o.err.reason, "Not Implemented");
    EXPECT_STREQ(o.err.log_reason, "N/I");
}

TEST(H1Parser, TransferEncodingOnHttp10IsError) {
    EXPECT_TRUE(is_error("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400,
                         error_kind::bad_request));
}

// ---------------------------------------------------------------- 411

TEST(H1Parser, PostAndPutNeedALength) {
    for (std::string_view m : {"POST", "PUT"}) {
        const std::string in = std::string(m) + " /f HTTP/1.1\r\nHost: h\r\n\r\n";
        EXPECT_TRUE(is_error(in, 411, error_kind::length_required)) << m;
        const outcome o = parse(in);
        EXPECT_STREQ(o.err.reason, "Length Required");
        EXPECT_STREQ(o.err.log_reason, "LengthRequired");
    }
    EXPECT_TRUE(is_error("POST / HTTP/1.0\r\n\r\n", 411, error_kind::length_required));
    EXPECT_TRUE(is_complete("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_TRUE(is_complete("PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"));
    EXPECT_TRUE(is_complete("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("DELETE / HTTP/1.1\r\nHost: h\r\n\r\n"));
    EXPECT_TRUE(is_complete("post / HTTP/1.1\r\nHost: h\r\n\r\n"));  // verbs are case-sensitive
    limits lax;
    lax.require_length_for_post_put = false;
    EXPECT_TRUE(is_complete("POST / HTTP/1.1\r\nHost: h\r\n\r\n", lax));
}

// ---------------------------------------------------------------- connection semantics

TEST(H1Parser, KeepAliveMatrix) {
    struct row {
        std::string in;
        bool keep_alive;
    };
    const row rows[] = {
        {get11(), true},
        {get11("Connection: close\r\n"), false},
        {get11("Connection: Close\r\n"), false},
        {get11("Connection: keep-alive\r\n"), true},
        {get11("Connection: Keep-Alive, CLOSE\r\n"), false},
        {get11("Connection: upgrade,  close \r\n"), false},
        {get11("Connection: keep-alive\r\nConnection: close\r\n"), false},
        {get11("Connection: closed\r\n"), true},
        {get11("Connection: x-close\r\n"), true},
        {get11("Connection:\r\n"), true},
        {get10(), false},
        {get10("Connection: keep-alive\r\n"), true},
        {get10("Connection: KEEP-ALIVE\r\n"), true},
        {get10("Connection: upgrade, keep-alive\r\n"), true},
        {get10("Connection: keep-alive, close\r\n"), false},
        {get10("Connection: close\r\n"), false},
        {get10("Connection: keep-alive-ish\r\n"), false},
        {get10("Keep-Alive: timeout=5\r\n"), false},
    };
    for (const row& r : rows) {
        const outcome o = parse(r.in);
        ASSERT_EQ(o.result, parse_result::complete) << r.in;
        EXPECT_EQ(o.head.keep_alive, r.keep_alive) << r.in;
    }
}

TEST(H1Parser, ExpectContinue) {
    EXPECT_TRUE(parse(get11("Expect: 100-continue\r\n")).head.expect_continue);
    EXPECT_TRUE(parse(get11("expect: 100-Continue\r\n")).head.expect_continue);
    EXPECT_FALSE(parse(get11("Expect: 200-ok\r\n")).head.expect_continue);
    EXPECT_FALSE(parse(get11()).head.expect_continue);
    // HTTP/1.0 clients cannot wait for 100 (RFC 9110 §10.1.1).
    EXPECT_FALSE(parse(get10("Expect: 100-continue\r\n")).head.expect_continue);
}

TEST(H1Parser, Upgrade) {
    EXPECT_TRUE(parse(get11("Upgrade: websocket\r\nConnection: Upgrade\r\n")).head.upgrade);
    EXPECT_TRUE(parse(get11("Connection: keep-alive, upgrade\r\nUpgrade: h2c\r\n")).head.upgrade);
    EXPECT_FALSE(parse(get11("Upgrade: websocket\r\n")).head.upgrade);
    EXPECT_FALSE(parse(get11("Connection: upgrade\r\n")).head.upgrade);
}

// ---------------------------------------------------------------- limits

TEST(H1Parser, HeadLimit) {
    limits lim;
    lim.max_head_bytes = 64;
    // Exactly at the limit is fine.
    std::string in = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
    in += std::string(64 - in.size() - 4, 'v') + "\r\n\r\n";
    ASSERT_EQ(in.size(), 64u);
    EXPECT_TRUE(is_complete(in, lim));
    // One more byte of head is not.
    std::string over = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
    over += std::string(64 - over.size() - 3, 'v') + "\r\n\r\n";
    EXPECT_TRUE(is_error(over, 400, error_kind::request_too_long, lim));
    // An unfinished head already over the limit fails without waiting.
    EXPECT_TRUE(is_error(std::string(in, 0, 40) + std::string(30, 'x'), 400,
                         error_kind::request_too_long, lim));
    const outcome o = parse(over, lim);
    EXPECT_STREQ(o.err.reason, "Bad Request - Request Too Long");
    EXPECT_STREQ(o.err.detail, "HTTP Error 400. The size of the request headers is too long.");
    EXPECT_STREQ(o.err.log_reason, "RequestLength");
}

TEST(H1Parser, HeadLimitCountsLeadingEmptyLines) {
    limits lim;
    lim.max_head_bytes = 32;
    EXPECT_TRUE(is_error(std::string(40, '\n'), 400, error_kind::request_too_long, lim));
    EXPECT_TRUE(is_error(std::string(20, '\n') + "GET / HTTP/1.1\r\nHost: h\r\n\r\n", 400,
                         error_kind::request_too_long, lim));
}

TEST(H1Parser, HeadLimitWithBodyBytesBuffered) {
    limits lim;
    lim.max_head_bytes = 64;
    const std::string in = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n" +
                           std::string(100, 'b');
    EXPECT_TRUE(is_complete(in, lim));
}

TEST(H1Parser, FieldLimit) {
    limits lim;
    lim.max_field_bytes = 32;
    const std::string at = "X: " + std::string(29, 'v');  // 32 bytes
    EXPECT_TRUE(is_complete(with_header(at), lim));
    EXPECT_TRUE(is_complete("GET / HTTP/1.1\nHost: h\n" + at + "\n\n", lim));
    EXPECT_TRUE(is_error(with_header(at + "v"), 400, error_kind::field_too_long, lim));
    // A name alone can be too long.
    EXPECT_TRUE(is_error(with_header(std::string(40, 'n') + ": v"), 400, error_kind::field_too_long,
                         lim));
    // Detected before the line ends.
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(40, 'v'), 400,
                         error_kind::field_too_long, lim));
    // Not yet over: wait.
    EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: h\r\n" + at + "\r", lim).result,
              parse_result::incomplete);
    const outcome o = parse(with_header(at + "v"), lim);
    EXPECT_STREQ(o.err.reason, "Bad Request - Header Field Too Long");
    EXPECT_STREQ(o.err.detail, "HTTP Error 400. A request header field is too long.");
    EXPECT_STREQ(o.err.log_reason, "FieldLength");
}

TEST(H1Parser, OneHugeHeaderIsFieldTooLongWithDefaults) {
    // http.sys reports a single oversized header (e.g. a Kerberos token) as Header Field Too Long.
    const std::string in = with_header("Authorization: Negotiate " + std::string(20000, 'A'));
    EXPECT_TRUE(is_error(in, 400, error_kind::field_too_long));
}

TEST(H1Parser, UrlLimit) {
    limits lim;
    lim.max_url_bytes = 16;
    const std::string ok = "/" + std::string(15, 'a');
    EXPECT_TRUE(is_complete("GET " + ok + " HTTP/1.1\r\nHost: h\r\n\r\n", lim));
    EXPECT_TRUE(is_error("GET " + ok + "a HTTP/1.1\r\nHost: h\r\n\r\n", 414,
                         error_kind::url_too_long, lim));
    EXPECT_TRUE(is_error("GET " + ok + "aaaa", 414, error_kind::url_too_long, lim));
    EXPECT_EQ(parse("GET " + ok, lim).result, parse_result::incomplete);
    const outcome o = parse("GET " + ok + "a HTTP/1.1\r\n\r\n", lim);
    EXPECT_STREQ(o.err.reason, "Request URL Too Long");
    EXPECT_STREQ(o.err.log_reason, "URL_Length");
}

TEST(H1Parser, HugeUrlIs414WithDefaults) {
    const std::string in = "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n";
    EXPECT_TRUE(is_error(in, 414, error_kind::url_too_long));
}

TEST(H1Parser, HeaderCountLimit) {
    limits lim;
    lim.max_headers = 3;
    EXPECT_TRUE(is_complete("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", lim));
    EXPECT_TRUE(is_error("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 400,
                         error_kind::request_too_long, lim));
}

// ---------------------------------------------------------------- incremental input

void expect_same_head(const request_head& a, const request_head& b) {
    EXPECT_EQ(a.method, b.method);
    EXPECT_EQ(a.target, b.target);
    EXPECT_EQ(a.version_major, b.version_major);
    EXPECT_EQ(a.version_minor, b.version_minor);
    EXPECT_EQ(a.head_length, b.head_length);
    EXPECT_EQ(a.body, b.body);
    EXPECT_EQ(a.content_length, b.content_length);
    EXPECT_EQ(a.keep_alive, b.keep_alive);
    EXPECT_EQ(a.expect_continue, b.expect_continue);
    EXPECT_EQ(a.upgrade, b.upgrade);
    ASSERT_EQ(a.headers.size(), b.headers.size());
    for (size_t i = 0; i < a.headers.size(); ++i) {
        EXPECT_EQ(a.headers[i].name, b.headers[i].name);
        EXPECT_EQ(a.headers[i].value, b.headers[i].value);
    }
    EXPECT_EQ(a.host == nullptr, b.host == nullptr);
}

TEST(H1Parser, EveryPrefixIsIncompleteThenSameResult) {
    const std::string samples[] = {
        std::string(browser_request),
        "GET / HTTP/1.1\nHost: h\nX: y\n\n",
        "\r\n\r\nPOST /up HTTP/1.1\r\nHost: h:81\r\nTransfer-Encoding: chunked\r\n"
        "Expect: 100-continue\r\nX:\t\tv\t\r\n\r\n",
        "PUT /x HTTP/1.0\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: [::1]:8080\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n",
    };
    for (const std::string& full : samples) {
        const outcome whole = parse(full);
        ASSERT_EQ(whole.result, parse_result::complete) << full;
        ASSERT_EQ(whole.head.head_length, full.size());
        // A fresh copy per prefix so a read past the prefix would be caught by ASan.
        for (size_t k = 0; k < full.size(); ++k) {
            const std::string prefix = full.substr(0, k);
            const outcome part = parse(prefix);
            EXPECT_EQ(part.result, parse_result::incomplete) << "split " << k << " of " << full;
        }
        // Growing one request_head through all the prefixes, as a connection would.
        request_head head;
        parse_error err;
        for (size_t k = 0; k <= full.size(); ++k) {
            const std::string_view part = std::string_view(full).substr(0, k);
            const parse_result r = parse_request_head(part, head, err);
            if (k < full.size()) {
                ASSERT_EQ(r, parse_result::incomplete);
            } else {
                ASSERT_EQ(r, parse_result::complete);
            }
        }
        expect_same_head(head, whole.head);
    }
}

TEST(H1Parser, PrefixesOfABadRequestNeverSucceed) {
    const std::string full = "GET / HTTP/1.1\r\nHost: h\r\nA: ok\r\nB\x01: bad\r\n\r\n";
    const size_t bad_at = full.find('\x01');
    for (size_t k = 0; k <= full.size(); ++k) {
        const outcome o = parse(full.substr(0, k));
        if (k <= bad_at) {
            EXPECT_EQ(o.result, parse_result::incomplete) << k;
        } else {
            ASSERT_EQ(o.result, parse_result::error) << k;
            EXPECT_EQ(o.err.kind, error_kind::invalid_header_name);
        }
    }
}

// ---------------------------------------------------------------- pipelining

TEST(H1Parser, PipelinedRequests) {
    const std::string buf =
        "GET /one HTTP/1.1\r\nHost: h\r\n\r\n"
        "POST /two HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
        "\r\n"  // a stray empty line between requests is skipped
        "GET /three HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
        "GET /fo";
    std::string_view rest = buf;
    const char* expected[] = {"/one", "/two", "/three"};
    for (const char* target : expected) {
        const outcome o = parse(rest);
        ASSERT_EQ(o.result, parse_result::complete) << target;
        EXPECT_EQ(o.head.target, target);
        rest.remove_prefix(o.head.head_length + o.head.content_length);
    }
    EXPECT_EQ(rest, "GET /fo");
    EXPECT_EQ(parse(rest).result, parse_result::incomplete);
}

TEST(H1Parser, PipelinedHeadLengthIsExact) {
    const std::string first = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
    const std::string buf = first + "GARBAGE\x01\x02";
    const outcome o = parse(buf);
    ASSERT_EQ(o.result, parse_result::complete);
    EXPECT_EQ(o.head.head_length, first.size());
}

// ---------------------------------------------------------------- error table

TEST(H1Parser, ErrorTable) {
    using lintel::h1::make_parse_error;
    EXPECT_EQ(make_parse_error(error_kind::bad_request).status, 400);
    EXPECT_STREQ(make_parse_error(error_kind::bad_request).detail,
                 "HTTP Error 400. The request is badly formed.");
    EXPECT_EQ(make_parse_error(error_kind::url_too_long).status, 414);
    EXPECT_EQ(make_parse_error(error_kind::version_not_supported).status, 505);
    EXPECT_EQ(make_parse_error(error_kind::not_implemented).status, 501);
    EXPECT_STREQ(make_parse_error(error_kind::not_implemented).detail,
                 "HTTP Error 501. The request transfer encoding type is not supported.");
    EXPECT_EQ(make_parse_error(error_kind::length_required).status, 411);
    EXPECT_STREQ(make_parse_error(error_kind::length_required).detail,
                 "HTTP Error 411. The request must be chunked or have a content length.");
    for (int k = 0; k <= static_cast<int>(error_kind::length_required); ++k) {
        const parse_error e = make_parse_error(static_cast<error_kind>(k));
        EXPECT_EQ(static_cast<int>(e.kind), k);
        EXPECT_NE(e.reason, nullptr);
        EXPECT_NE(e.detail, nullptr);
        EXPECT_NE(e.log_reason, nullptr);
    }
}

// ---------------------------------------------------------------- helpers

TEST(H1Helpers, ListHasToken) {
    using lintel::h1::list_has_token;
    EXPECT_TRUE(list_has_token("a, Close ,b", "close"));
    EXPECT_TRUE(list_has_token("close", "CLOSE"));
    EXPECT_FALSE(list_has_token("closed", "close"));
    EXPECT_FALSE(list_has_token("", "close"));
}

TEST(H1Helpers, IsValidHost) {
    using lintel::h1::is_valid_host;
    EXPECT_TRUE(is_valid_host("a.b:1", false, true));
    EXPECT_FALSE(is_valid_host("a.b", false, true));
    EXPECT_FALSE(is_valid_host("a.b:", false, true));
    EXPECT_FALSE(is_valid_host("", false, false));
    EXPECT_TRUE(is_valid_host("", true, false));
    EXPECT_TRUE(is_valid_host("h:65535", false, true));
    EXPECT_FALSE(is_valid_host("h:65536", false, true));
}

}  // namespace

TEST(H1ParserFragment, FragmentInTargetIsInvalidUrl) {
    lintel::h1::request_head head;
    lintel::h1::parse_error error;
    for (std::string_view request : {std::string_view("GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n"),
                                     std::string_view("GET http://x/#@evil/ HTTP/1.1\r\nHost: x\r\n\r\n")}) {
        EXPECT_EQ(lintel::h1::parse_request_head(request, head, error), lintel::h1::parse_result::error)
            << request;
        EXPECT_EQ(error.status, 400);
    }
}
