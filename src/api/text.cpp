#include "api/text.h"

namespace lintel::api {

void widen_into(std::string_view utf8, std::wstring& out) {
    // Strict UTF-8: overlong forms (e.g. C0 AF for '/'), surrogates, values above U+10FFFF and broken
    // continuation bytes become U+FFFD, so that no byte sequence can turn into a path separator here.
    out.clear();
    out.reserve(utf8.size());
    size_t i = 0;
    auto continuation = [&](size_t at) {
        return at < utf8.size() && (static_cast<unsigned char>(utf8[at]) & 0xC0) == 0x80;
    };
    while (i < utf8.size()) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        char32_t code = 0xFFFD;
        size_t length = 1;
        if (c < 0x80) {
            code = c;
        } else if ((c >> 5) == 0x6 && continuation(i + 1)) {
            char32_t value = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
            length = 2;
            if (value >= 0x80) code = value;
        } else if ((c >> 4) == 0xE && continuation(i + 1) && continuation(i + 2)) {
            char32_t value = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
                             (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
            length = 3;
            if (value >= 0x800 && (value < 0xD800 || value > 0xDFFF)) code = value;
        } else if ((c >> 3) == 0x1E && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
            char32_t value = ((c & 0x07u) << 18) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 12) |
                             ((static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu) << 6) |
                             (static_cast<unsigned char>(utf8[i + 3]) & 0x3Fu);
            length = 4;
            if (value >= 0x10000 && value <= 0x10FFFF) code = value;
        }
        out.push_back(static_cast<wchar_t>(code));
        i += length;
    }
}

std::wstring widen(std::string_view utf8) {
    std::wstring out;
    widen_into(utf8, out);
    return out;
}

std::string narrow(std::wstring_view wide) {
    std::string out;
    out.reserve(wide.size());
    for (wchar_t w : wide) {
        auto code = static_cast<char32_t>(w);
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else if (code < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (code >> 6)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else if (code < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (code >> 12)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (code >> 18)));
            out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
        }
    }
    return out;
}

}  // namespace lintel::api
