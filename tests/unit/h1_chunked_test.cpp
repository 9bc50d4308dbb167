// Unit tests for lintel::h1::chunked_decoder.
#include "http/h1/chunked.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using lintel::h1::chunked_decoder;

struct result {
    std::string out;
    size_t consumed = 0;
    bool done = false;
    bool error = false;
};

// Feeds `in` in pieces of `piece` bytes (0 = all at once); stops at done/error like a caller would.
result feed(std::string_view in, size_t piece = 0, chunked_decoder dec = chunked_decoder{}) {
    result r;
    if (piece == 0) piece = in.size() == 0 ? 1 : in.size();
    size_t pos = 0;
    while (pos < in.size()) {
        const size_t len = std::min(piece, in.size() - pos);
        const chunked_decoder::step s = dec.decode(in.substr(pos, len), r.out);
        pos += s.consumed;
        r.consumed += s.consumed;
        if (s.error) {
            r.error = true;
            EXPECT_TRUE(dec.failed());
            return r;
        }
        if (s.done) {
            r.done = true;
            EXPECT_TRUE(dec.done());
            return r;
        }
        EXPECT_EQ(s.consumed, len) << "a decoder with room must take every byte it is given";
    }
    return r;
}

constexpr std::string_view wiki = "4\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n";
constexpr std::string_view wiki_text = "Wikipedia in\r\n\r\nchunks.";

TEST(H1Chunked, DecodesWholeBody) {
    const result r = feed(wiki);
    EXPECT_TRUE(r.done);
    EXPECT_FALSE(r.error);
    EXPECT_EQ(r.out, wiki_text);
    EXPECT_EQ(r.consumed, wiki.size());
}

TEST(H1Chunked, StopsAtEndOfBody) {
    const std::string in = std::string(wiki) + "GET / HTTP/1.1\r\n";
    chunked_decoder dec;
    std::string out;
    const auto s = dec.decode(in, out);
    EXPECT_TRUE(s.done);
    EXPECT_EQ(s.consumed, wiki.size());
    EXPECT_EQ(out, wiki_text);
    EXPECT_EQ(dec.decoded_bytes(), wiki_text.size());
    // Done is sticky and consumes nothing further.
    const auto again = dec.decode("more", out);
    EXPECT_TRUE(again.done);
    EXPECT_EQ(again.consumed, 0u);
}

TEST(H1Chunked, ByteAtATime) {
    const result r = feed(wiki, 1);
    EXPECT_TRUE(r.done);
    EXPECT_EQ(r.out, wiki_text);
    EXPECT_EQ(r.consumed, wiki.size());
}

TEST(H1Chunked, EverySplitPoint) {
    const std::string body =
        "3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n1 ;a=\"q\"\r\nZ\r\n0\r\nT: v\r\n\r\n";
    for (size_t k = 0; k <= body.size(); ++k) {
        chunked_decoder dec;
        std::string out;
        const auto a = dec.decode(std::string_view(body).substr(0, k), out);
        ASSERT_FALSE(a.error) << k;
        ASSERT_EQ(a.consumed, k) << k;
        const auto b = dec.decode(std::string_view(body).substr(k), out);
        ASSERT_FALSE(b.error) << k;
        EXPECT_TRUE(b.done) << k;
        EXPECT_EQ(a.consumed + b.consumed, body.size()) << k;
        EXPECT_EQ(out, "abc0123456789abcdefZ") << k;
    }
}

TEST(H1Chunked, HexDigits) {
    EXPECT_EQ(feed("a\r\n0123456789\r\n0\r\n\r\n").out, "0123456789");
    EXPECT_EQ(feed("A\r\n0123456789\r\n0\r\n\r\n").out, "0123456789");
    EXPECT_EQ(feed("000003\r\nabc\r\n0\r\n\r\n").out, "abc");
    EXPECT_TRUE(feed("000\r\n\r\n").done);  // last-chunk may be several zeros
}

TEST(H1Chunked, EmptyBody) {
    const result r = feed("0\r\n\r\n");
    EXPECT_TRUE(r.done);
    EXPECT_EQ(r.out, "");
}

TEST(H1Chunked, ExtensionsIgnored) {
    for (std::string_view in :
         {"3;a\r\nabc\r\n0\r\n\r\n", "3;a=b\r\nabc\r\n0\r\n\r\n",
          "3 ; a = b ; c\r\nabc\r\n0\r\n\r\n",
          "3;a=\"x y;z\"\r\nabc\r\n0;last=1\r\n\r\n", "3\t;a\r\nabc\r\n0\r\n\r\n",
          "3;a=caf\xc3\xa9\r\nabc\r\n0\r\n\r\n"}) {
        const result r = feed(in);
        EXPECT_TRUE(r.done) << in;
        EXPECT_EQ(r.out, "abc") << in;
    }
}

TEST(H1Chunked, TrailersDiscarded) {
    const std::string in = "3\r\nabc\r\n0\r\nX-Sum: 123\r\nOther:\tv w\r\nEmpty:\r\n\r\nNEXT";
    chunked_decoder dec;
    std::string out;
    const auto s = dec.decode(in, out);
    EXPECT_TRUE(s.done);
    EXPECT_EQ(out, "abc");
    EXPECT_EQ(s.consumed, in.size() - 4);
}

TEST(H1Chunked, TrailerLimit) {
    const std::string trailer = "X: " + std::string(20, 'v') + "\r\n";  // 25 bytes
    EXPECT_TRUE(feed("0\r\n" + trailer + "\r\n", 0, chunked_decoder{25}).done);
    EXPECT_TRUE(feed("0\r\n" + trailer + "\r\n", 0, chunked_decoder{24}).error);
    // Default limit: 16 KiB of trailers.
    std::string many = "0\r\n";
    while (many.size() < 17 * 1024) many += "X-Pad: " + std::string(100, 'p') + "\r\n";
    EXPECT_TRUE(feed(many + "\r\n").error);
    // An endless trailer line fails without waiting for its end.
    chunked_decoder dec;
    std::string out;
    const std::string endless = "0\r\nX: " + std::string(20000, 'v');
    EXPECT_TRUE(dec.decode(endless, out).error);
}

TEST(H1Chunked, BadTrailers) {
    for (std::string_view in : {"0\r\nA: b\r\n c\r\n\r\n", "0\r\nNoColon\r\n\r\n",
                                "0\r\nBad Name: v\r\n\r\n", "0\r\n: v\r\n\r\n",
                                "0\r\nA: b\x01\r\n\r\n", "0\r\nA: b\n\r\n", "0\r\nA: b\r\r\n",
                                "0\r\n\rX"}) {
        EXPECT_TRUE(feed(in).error) << in;
    }
}

TEST(H1Chunked, BadSizes) {
    for (std::string_view in : {"\r\nabc\r\n", "G\r\n", "-1\r\n", "+1\r\n", " 3\r\nabc\r\n",
                                "0x3\r\nabc\r\n", "3 \r\nabc\r\n", "3x\r\nabc\r\n", ";a\r\n",
                                "3\n", "3\r\r\n", "3;a\rb\r\n", "3;a\x01\r\n", "3;a\nb"}) {
        EXPECT_TRUE(feed(in).error) << in;
        EXPECT_TRUE(feed(in, 1).error) << in;
    }
}

TEST(H1Chunked, SizeOverflow) {
    EXPECT_TRUE(feed("10000000000000000\r\n").error);          // 2^64
    EXPECT_TRUE(feed("FFFFFFFFFFFFFFFFF\r\n").error);
    const result max = feed("FFFFFFFFFFFFFFFF\r\nabc");  // 2^64-1 is a size; the data is short
    EXPECT_FALSE(max.error);
    EXPECT_FALSE(max.done);
    EXPECT_EQ(max.out, "abc");
    EXPECT_FALSE(feed("0000000000000000000000000001\r\nx\r\n0\r\n\r\n").error);
}

TEST(H1Chunked, SizeLineLimit) {
    const std::string ext(chunked_decoder::max_size_line_bytes, 'e');
    EXPECT_TRUE(feed("1;" + ext + "\r\nx\r\n0\r\n\r\n").error);
    EXPECT_TRUE(feed("1;" + ext.substr(4) + "\r\nx\r\n0\r\n\r\n").done);
}

TEST(H1Chunked, MissingCrlfAfterData) {
    for (std::string_view in : {"3\r\nabcd\r\n0\r\n\r\n", "3\r\nabc\n0\r\n\r\n",
                                "3\r\nabc\r0\r\n\r\n", "3\r\nabc0\r\n\r\n"}) {
        EXPECT_TRUE(feed(in).error) << in;
        EXPECT_TRUE(feed(in, 1).error) << in;
    }
}

TEST(H1Chunked, BareLfFinalLine) {
    EXPECT_TRUE(feed("0\r\n\n").error);
    EXPECT_TRUE(feed("0\n\r\n").error);
}

TEST(H1Chunked, IncompleteIsNeitherDoneNorError) {
    for (std::string_view in : {"", "3", "3\r", "3\r\nab", "3\r\nabc", "3\r\nabc\r", "3\r\nabc\r\n",
                                "3\r\nabc\r\n0", "3\r\nabc\r\n0\r\n", "3\r\nabc\r\n0\r\n\r",
                                "3\r\nabc\r\n0\r\nT: v", "3\r\nabc\r\n0\r\nT: v\r\n", "3;ext"}) {
        const result r = feed(in);
        EXPECT_FALSE(r.done) << in;
        EXPECT_FALSE(r.error) << in;
        EXPECT_EQ(r.consumed, in.size()) << in;
    }
}

TEST(H1Chunked, ErrorIsSticky) {
    chunked_decoder dec;
    std::string out;
    const auto s = dec.decode("Z", out);
    EXPECT_TRUE(s.error);
    EXPECT_EQ(s.consumed, 0u);
    const auto again = dec.decode("3\r\nabc\r\n0\r\n\r\n", out);
    EXPECT_TRUE(again.error);
    EXPECT_EQ(again.consumed, 0u);
    EXPECT_TRUE(out.empty());
}

TEST(H1Chunked, ErrorReportsBytesBeforeTheFault) {
    chunked_decoder dec;
    std::string out;
    const auto s = dec.decode("3\r\nabcX", out);
    EXPECT_TRUE(s.error);
    EXPECT_EQ(s.consumed, 6u);  // "3\r\nabc" used; 'X' is where it failed
    EXPECT_EQ(out, "abc");
}

TEST(H1Chunked, ResetStartsOver) {
    chunked_decoder dec;
    std::string out;
    EXPECT_TRUE(dec.decode("Z", out).error);
    dec.reset();
    EXPECT_FALSE(dec.failed());
    EXPECT_TRUE(dec.decode("1\r\nx\r\n0\r\n\r\n", out).done);
    EXPECT_EQ(out, "x");
    EXPECT_EQ(dec.decoded_bytes(), 1u);
    dec.reset();
    EXPECT_EQ(dec.decoded_bytes(), 0u);
    EXPECT_FALSE(dec.done());
}

TEST(H1Chunked, LargeChunkAcrossFeeds) {
    std::string payload(100000, '\0');
    for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>('a' + i % 26);
    const std::string body = "186a0\r\n" + payload + "\r\n0\r\n\r\n";
    for (size_t piece : {size_t{7}, size_t{1460}, size_t{65536}}) {
        const result r = feed(body, piece);
        EXPECT_TRUE(r.done) << piece;
        EXPECT_EQ(r.out, payload) << piece;
    }
}

TEST(H1Chunked, InChunkData) {
    chunked_decoder dec;
    std::string out;
    dec.decode("5\r\nab", out);
    EXPECT_TRUE(dec.in_chunk_data());
    dec.decode("cde\r\n", out);
    EXPECT_FALSE(dec.in_chunk_data());
}

// ---------------------------------------------------------------- fixed output buffer

std::string drain_into_buffer(std::string_view in, size_t capacity, bool& done, bool& error) {
    chunked_decoder dec;
    std::string out;
    std::vector<char> buf(capacity);
    done = error = false;
    size_t guard = 0;
    while (!in.empty() || !done) {
        size_t produced = 0;
        const auto s = dec.decode(in, buf.data(), buf.size(), produced);
        out.append(buf.data(), produced);
        in.remove_prefix(s.consumed);
        if (s.error) {
            error = true;
            break;
        }
        if (s.done) {
            done = true;
            break;
        }
        if (s.consumed == 0 && produced == 0) break;  // needs more input
        if (++guard > 100000) break;
    }
    return out;
}

TEST(H1Chunked, FixedBufferOutput) {
    for (size_t cap : {size_t{1}, size_t{3}, size_t{16}, size_t{1024}}) {
        bool done = false, error = false;
        EXPECT_EQ(drain_into_buffer(wiki, cap, done, error), wiki_text) << cap;
        EXPECT_TRUE(done) << cap;
        EXPECT_FALSE(error) << cap;
    }
}

TEST(H1Chunked, FullBufferStopsInsideData) {
    chunked_decoder dec;
    char buf[2];
    size_t produced = 0;
    const auto s = dec.decode("5\r\nabcde\r\n0\r\n\r\n", buf, sizeof buf, produced);
    EXPECT_FALSE(s.done);
    EXPECT_FALSE(s.error);
    EXPECT_EQ(produced, 2u);
    EXPECT_EQ(s.consumed, 5u);  // "5\r\n" + "ab"
    EXPECT_EQ(std::string(buf, 2), "ab");
}

TEST(H1Chunked, ZeroCapacityStillParsesFraming) {
    chunked_decoder dec;
    size_t produced = 0;
    const auto s = dec.decode("0\r\n\r\n", nullptr, 0, produced);
    EXPECT_TRUE(s.done);
    EXPECT_EQ(produced, 0u);
}

}  // namespace
