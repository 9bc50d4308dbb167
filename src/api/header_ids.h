// HTTP_HEADER_ID <-> header name, for requests (ordinals 0..40) and responses (0..29).
#pragma once

#include <string_view>

namespace lintel::api {

std::string_view request_header_name(unsigned id);   // "" when out of range
std::string_view response_header_name(unsigned id);  // "" when out of range
int request_header_id(std::string_view name);        // -1 when not a known request header
int response_header_id(std::string_view name);       // -1 when not a known response header

}  // namespace lintel::api
