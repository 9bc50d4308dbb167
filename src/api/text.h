// UTF-8 <-> WCHAR (wchar_t, UTF-32 on Linux) conversions for the wide strings the SDK hands out.
#pragma once

#include <string>
#include <string_view>

namespace lintel::api {

std::wstring widen(std::string_view utf8);
std::string narrow(std::wstring_view wide);
void widen_into(std::string_view utf8, std::wstring& out);

}  // namespace lintel::api
