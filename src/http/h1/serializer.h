// HTTP/1.1 response head serialisation and the http.sys-level error responses.
#pragma once

#include <string>
#include <string_view>

#include "core/exchange.h"

namespace lintel::h1 {

enum class body_framing : uint8_t { none, content_length, chunked, close_delimited };

struct head_plan {
    body_framing framing = body_framing::none;
    bool close = false;  // Connection: close goes out and the connection ends after this response
};

// Decides the framing of a response whose headers are about to be sent. `final` means every body byte is known.
head_plan plan_response_head(const core::exchange& ex, bool final, bool want_close);

// Appends "HTTP/1.x status reason\r\n" + headers + Date/Server/framing headers + "\r\n" to out.
void serialize_response_head(const core::exchange& ex, const head_plan& plan, std::string& out);

// Appends a complete error response (used before a request reaches the pipeline, as http.sys answers itself).
void serialize_error_response(uint16_t status, std::string_view reason, std::string& out);

// The Date header value for now, cached per second per thread.
std::string_view http_date_now();

inline constexpr std::string_view server_header_value = core::server_software;

}  // namespace lintel::h1
