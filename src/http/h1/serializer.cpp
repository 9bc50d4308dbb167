#include "http/h1/serializer.h"

#include <charconv>
#include <ctime>

namespace lintel::h1 {

namespace {

bool status_has_no_body(uint16_t status) {
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

void append_number(std::string& out, uint64_t value) {
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    (void)ec;
    out.append(digits, end);
}

}  // namespace

std::string_view http_date_now() {
    thread_local time_t cached_second = 0;
    thread_local char cached[32];
    time_t now = time(nullptr);
    if (now != cached_second) {
        tm utc{};
        gmtime_r(&now, &utc);
        strftime(cached, sizeof cached, "%a, %d %b %Y %H:%M:%S GMT", &utc);
        cached_second = now;
    }
    return cached;
}

head_plan plan_response_head(const core::exchange& ex, bool final, bool want_close) {
    head_plan plan;
    plan.close = want_close || !ex.req.keep_alive || ex.resp.need_disconnect;
    const bool http11 = ex.req.version_major == 1 && ex.req.version_minor >= 1;
    if (status_has_no_body(ex.resp.status)) {
        plan.framing = body_framing::none;
    } else if (ex.resp.headers.find("Content-Length") != nullptr) {
        plan.framing = body_framing::content_length;  // the module framed it itself
    } else if (ex.resp.headers.find("Transfer-Encoding") != nullptr) {
        plan.framing = body_framing::chunked;
    } else if (final) {
        plan.framing = body_framing::content_length;
    } else if (http11) {
        plan.framing = body_framing::chunked;
    } else {
        plan.framing = body_framing::close_delimited;
        plan.close = true;
    }
    return plan;
}

void serialize_response_head(const core::exchange& ex, const head_plan& plan, std::string& out) {
    const auto& resp = ex.resp;
    out.append(ex.req.version_minor == 0 && ex.req.version_major == 1 ? "HTTP/1.0 " : "HTTP/1.1 ");
    append_number(out, resp.status);
    out.push_back(' ');
    if (!resp.reason.empty()) {
        out.append(resp.reason);
    } else {
        out.append(core::default_reason_phrase(resp.status));
    }
    out.append("\r\n");
    bool has_date = false;
    bool has_server = false;
    for (const auto& field : resp.headers.fields()) {
        if (core::iequals(field.name, "Connection") || core::iequals(field.name, "Keep-Alive")) {
            continue;  // connection management belongs to the server
        }
        if (plan.framing == body_framing::none &&
            (core::iequals(field.name, "Content-Length") ||
             core::iequals(field.name, "Transfer-Encoding"))) {
            continue;
        }
        has_date = has_date || core::iequals(field.name, "Date");
        has_server = has_server || core::iequals(field.name, "Server");
        out.append(field.name).append(": ").append(field.value).append("\r\n");
    }
    if (plan.framing == body_framing::content_length &&
        resp.headers.find("Content-Length") == nullptr) {
        out.append("Content-Length: ");
        append_number(out, resp.buffered_body_size());
        out.append("\r\n");
    } else if (plan.framing == body_framing::chunked &&
               resp.headers.find("Transfer-Encoding") == nullptr) {
        out.append("Transfer-Encoding: chunked\r\n");
    }
    if (!has_server && !resp.server_header_managed) {
        out.append("Server: ").append(server_header_value).append("\r\n");
    }
    if (!has_date) {
        out.append("Date: ").append(http_date_now()).append("\r\n");
    }
    if (plan.close) {
        out.append("Connection: close\r\n");
    } else if (ex.req.version_minor == 0) {
        out.append("Connection: keep-alive\r\n");
    }
    out.append("\r\n");
}

void serialize_error_response(uint16_t status, std::string_view reason, std::string& out) {
    std::string body;
    body.append("<!DOCTYPE html>\r\n<html><head><title>");
    body.append(reason);
    body.append("</title></head>\r\n<body><h2>");
    body.append(reason);
    body.append("</h2><hr><p>HTTP Error ");
    append_number(body, status);
    body.append(". The server could not understand the request.</p></body></html>\r\n");
    out.append("HTTP/1.1 ");
    append_number(out, status);
    out.push_back(' ');
    std::string_view phrase = core::default_reason_phrase(status);
    out.append(phrase.empty() ? std::string_view("Error") : phrase);
    out.append("\r\nContent-Type: text/html; charset=us-ascii\r\nServer: ");
    out.append(server_header_value);
    out.append("\r\nDate: ").append(http_date_now());
    out.append("\r\nConnection: close\r\nContent-Length: ");
    append_number(out, body.size());
    out.append("\r\n\r\n").append(body);
}

}  // namespace lintel::h1
