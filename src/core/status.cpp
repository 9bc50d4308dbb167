#include <arpa/inet.h>
#include <netinet/in.h>

#include "core/exchange.h"

namespace lintel::core {

std::string endpoint::ip_text() const {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    } else if (address.ss_family == AF_INET6) {
        auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    }
    return text;
}

uint16_t endpoint::port() const {
    if (address.ss_family == AF_INET) {
        return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    }
    if (address.ss_family == AF_INET6) {
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    }
    return 0;
}

void request::reset() {
    method.clear();
    target.clear();
    path.clear();
    query.clear();
    version_major = 1;
    version_minor = 1;
    headers.clear();
    body.clear();
    body_offset = 0;
    keep_alive = true;
    request_id = 0;
    source = nullptr;
}

void response::reset() {
    status = 200;
    substatus = 0;
    reason = "OK";
    headers.clear();
    body.clear();
    headers_sent = false;
    suppress_headers = false;
    buffering_disabled = false;
    need_disconnect = false;
    connection_reset = false;
    body_bytes_sent = 0;
    error_to_report = 0;
    server_header_managed = false;
}

uint64_t response::buffered_body_size() const {
    uint64_t total = 0;
    for (const auto& chunk : body) {
        total += chunk.type == body_chunk::kind::memory ? chunk.memory().size() : chunk.length;
    }
    return total;
}

std::atomic<int64_t>& exchanges_in_flight() {
    static std::atomic<int64_t> count{0};
    return count;
}

std::string_view default_reason_phrase(uint16_t status) {
    switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Request Entity Too Large";
    case 414: return "Request-URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Requested Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "";
    }
}

}  // namespace lintel::core
