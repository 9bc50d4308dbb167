// libFuzzer target for core::split_and_canonicalize (src/core/url.cpp), the step that turns a
// request-target into the decoded, canonical path every module and handler mapping sees.
// Build: the fuzz preset (clang, -fsanitize=fuzzer); in normal builds the corpus is replayed by
// ctest through replay_main.cpp.
// Run:   build/fuzz/tests/url_fuzz tests/fuzz/corpus/url
//
// Invariants checked for every input:
// * an accepted path is "*" only for the target "*"; otherwise it starts with '/', has no empty
//   segment ("//") and no "." or ".." segment, and holds no NUL unless the target had a raw one;
// * the query is exactly the bytes after the first '?' of an origin-form target;
// * root containment: a small independent model (decode, collapse empty segments, walk the dot
//   segments with a depth counter) says whether the target climbs above the root; the function
//   must reject exactly those origin-form targets (and encoded NULs), and accept the others;
// * idempotence: a canonical path without '%', '?' or '\' canonicalises to itself with no query;
// * the absolute form ("http://authority/...") yields what its origin-form remainder yields.
#include "core/url.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) __builtin_trap();                                                         \
    } while (0)

using lintel::core::split_and_canonicalize;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// What the model expects of an origin-form path (no query part).
enum class verdict { accept, reject };

// Independent of url.cpp on purpose: decode %XX (a raw '\' counts as '/', a decoded one does not,
// as url.cpp documents), then walk the segments keeping a depth.
verdict model(std::string_view raw_path) {
    std::string decoded;
    for (size_t i = 0; i < raw_path.size(); ++i) {
        if (raw_path[i] == '%' && i + 2 < raw_path.size() && hex_digit(raw_path[i + 1]) >= 0 &&
            hex_digit(raw_path[i + 2]) >= 0) {
            const char value = static_cast<char>(hex_digit(raw_path[i + 1]) * 16 +
                                                 hex_digit(raw_path[i + 2]));
            if (value == '\0') return verdict::reject;
            decoded.push_back(value);
            i += 2;
        } else {
            decoded.push_back(raw_path[i] == '\\' ? '/' : raw_path[i]);
        }
    }
    long depth = 0;
    size_t start = 1;  // decoded[0] is the leading '/'
    while (start <= decoded.size()) {
        size_t end = decoded.find('/', start);
        if (end == std::string::npos) end = decoded.size();
        const std::string_view segment(decoded.data() + start, end - start);
        if (segment == "..") {
            if (depth == 0) return verdict::reject;
            --depth;
        } else if (!segment.empty() && segment != ".") {
            ++depth;
        }
        start = end + 1;
    }
    return verdict::accept;
}

void check_path_shape(std::string_view target, const std::string& path) {
    FUZZ_CHECK(!path.empty());
    if (path == "*") {
        FUZZ_CHECK(target == "*");
        return;
    }
    FUZZ_CHECK(path.front() == '/');
    FUZZ_CHECK(path.find("//") == std::string::npos);
    // Every segment between slashes: never "." or "..".
    size_t start = 1;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        const std::string_view segment(path.data() + start, end - start);
        FUZZ_CHECK(segment != "." && segment != "..");
        start = end + 1;
    }
    if (target.find('\0') == std::string_view::npos) {
        FUZZ_CHECK(path.find('\0') == std::string::npos);
    }
}

void check_idempotent(const std::string& path) {
    if (path == "*" || path.find_first_of("%?\\") != std::string::npos) return;
    std::string again;
    std::string query;
    FUZZ_CHECK(split_and_canonicalize(path, again, query));
    FUZZ_CHECK(again == path);
    FUZZ_CHECK(query.empty());
}

void check_one(std::string_view target) {
    std::string path = "stale";
    std::string query = "stale";
    const bool ok = split_and_canonicalize(target, path, query);
    if (!ok) return;
    check_path_shape(target, path);
    check_idempotent(path);

    if (!target.empty() && target.front() == '/') {
        const size_t question = target.find('?');
        const std::string_view raw_path = target.substr(0, question);
        FUZZ_CHECK(query == (question == std::string_view::npos ? std::string_view()
                                                                : target.substr(question + 1)));
        FUZZ_CHECK(model(raw_path) == verdict::accept);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check_one(input);

    // Origin form: the model decides acceptance both ways.
    std::string origin = "/";
    origin.append(input);
    {
        std::string path;
        std::string query;
        const bool ok = split_and_canonicalize(origin, path, query);
        const std::string_view raw_path = std::string_view(origin).substr(0, origin.find('?'));
        FUZZ_CHECK(ok == (model(raw_path) == verdict::accept));
        check_one(origin);

        // Absolute form around the same origin-form remainder gives the same result.
        const std::string absolute = "http://fuzz.example:8080" + origin;
        std::string abs_path;
        std::string abs_query;
        const bool abs_ok = split_and_canonicalize(absolute, abs_path, abs_query);
        FUZZ_CHECK(abs_ok == ok);
        if (ok) {
            FUZZ_CHECK(abs_path == path);
            FUZZ_CHECK(abs_query == query);
        }
    }
    return 0;
}
