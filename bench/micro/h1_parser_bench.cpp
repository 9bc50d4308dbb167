// Micro-benchmarks for the HTTP/1.1 head parser and the chunked decoder.
// Build: g++ -O2 -std=c++20 -I src src/http/h1/parser.cpp src/http/h1/chunked.cpp
//        bench/micro/h1_parser_bench.cpp -lbenchmark -lbenchmark_main -pthread
#include "http/h1/chunked.h"
#include "http/h1/parser.h"

#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

namespace {

// A typical browser navigation request, about 300 bytes.
constexpr std::string_view browser_request =
    "GET /products/list.aspx?page=2&sort=price HTTP/1.1\r\n"
    "Host: www.example.com\r\n"
    "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) "
    "Gecko/20100101 Firefox/121.0\r\n"
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Language: en-US,en;q=0.5\r\n"
    "Accept-Encoding: gzip, deflate, br\r\n"
    "Connection: keep-alive\r\n"
    "\r\n";

void BM_ParseBrowserRequest(benchmark::State& state) {
    lintel::h1::request_head head;
    lintel::h1::parse_error err;
    for (auto _ : state) {
        auto r = lintel::h1::parse_request_head(browser_request, head, err);
        benchmark::DoNotOptimize(r);
        benchmark::DoNotOptimize(head.headers.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(browser_request.size()));
    state.counters["bytes"] = static_cast<double>(browser_request.size());
}
BENCHMARK(BM_ParseBrowserRequest);

// The same request arriving in two reads: the first parse answers incomplete, the second completes.
void BM_ParseBrowserRequestTwoReads(benchmark::State& state) {
    lintel::h1::request_head head;
    lintel::h1::parse_error err;
    const std::string_view first = browser_request.substr(0, browser_request.size() / 2);
    for (auto _ : state) {
        auto a = lintel::h1::parse_request_head(first, head, err);
        auto b = lintel::h1::parse_request_head(browser_request, head, err);
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
    }
}
BENCHMARK(BM_ParseBrowserRequestTwoReads);

void BM_ParseMinimalRequest(benchmark::State& state) {
    constexpr std::string_view req = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    lintel::h1::request_head head;
    lintel::h1::parse_error err;
    for (auto _ : state) {
        auto r = lintel::h1::parse_request_head(req, head, err);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseMinimalRequest);

// A 4 KiB cookie: measures the vector scan of long values.
void BM_ParseLongCookie(benchmark::State& state) {
    const std::string req = "GET / HTTP/1.1\r\nHost: a\r\nCookie: " + std::string(4096, 'c') +
                            "\r\n\r\n";
    lintel::h1::request_head head;
    lintel::h1::parse_error err;
    for (auto _ : state) {
        auto r = lintel::h1::parse_request_head(req, head, err);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(req.size()));
}
BENCHMARK(BM_ParseLongCookie);

// 64 KiB body in 4 KiB chunks.
void BM_DecodeChunked(benchmark::State& state) {
    std::string body;
    const std::string chunk(4096, 'x');
    for (int i = 0; i < 16; ++i) body += "1000\r\n" + chunk + "\r\n";
    body += "0\r\n\r\n";
    std::string out;
    out.reserve(65536);
    for (auto _ : state) {
        lintel::h1::chunked_decoder dec;
        out.clear();
        auto s = dec.decode(body, out);
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_DecodeChunked);

}  // namespace
