#include "api/header_ids.h"

#include "core/headers.h"

namespace lintel::api {

namespace {

constexpr std::string_view common_names[] = {
    "Cache-Control", "Connection", "Date", "Keep-Alive", "Pragma", "Trailer", "Transfer-Encoding",
    "Upgrade", "Via", "Warning", "Allow", "Content-Length", "Content-Type", "Content-Encoding",
    "Content-Language", "Content-Location", "Content-MD5", "Content-Range", "Expires",
    "Last-Modified",
};
constexpr std::string_view request_only_names[] = {
    "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization", "Cookie",
    "Expect", "From", "Host", "If-Match", "If-Modified-Since", "If-None-Match", "If-Range",
    "If-Unmodified-Since", "Max-Forwards", "Proxy-Authorization", "Referer", "Range", "TE",
    "Translate", "User-Agent",
};
constexpr std::string_view response_only_names[] = {
    "Accept-Ranges", "Age", "ETag", "Location", "Proxy-Authenticate", "Retry-After", "Server",
    "Set-Cookie", "Vary", "WWW-Authenticate",
};
constexpr unsigned common_count = sizeof common_names / sizeof common_names[0];
constexpr unsigned request_count = common_count + sizeof request_only_names / sizeof request_only_names[0];
constexpr unsigned response_count =
    common_count + sizeof response_only_names / sizeof response_only_names[0];
static_assert(request_count == 41 && response_count == 30);

}  // namespace

std::string_view request_header_name(unsigned id) {
    if (id < common_count) return common_names[id];
    if (id < request_count) return request_only_names[id - common_count];
    return {};
}

std::string_view response_header_name(unsigned id) {
    if (id < common_count) return common_names[id];
    if (id < response_count) return response_only_names[id - common_count];
    return {};
}

int request_header_id(std::string_view name) {
    for (unsigned i = 0; i < request_count; ++i) {
        if (core::iequals(request_header_name(i), name)) return static_cast<int>(i);
    }
    return -1;
}

int response_header_id(std::string_view name) {
    for (unsigned i = 0; i < response_count; ++i) {
        if (core::iequals(response_header_name(i), name)) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace lintel::api
