// text_util.h - small text helpers shared by the static content modules (StaticFileModule,
// DefaultDocumentModule, DirectoryListingModule): UTF-8 from the server's wide strings, ASCII
// case folding, HTTP dates, URL percent-encoding and HTML escaping.
//
// Header-only on purpose: each module is its own .so that links only the SDK, so the three
// modules compile these helpers separately. Everything lives in a hidden-visibility namespace so
// that two modules loaded into one process never bind to each other's copies.
#ifndef LINTEL_MODULES_STATIC_TEXT_UTIL_H
#define LINTEL_MODULES_STATIC_TEXT_UTIL_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <cwchar>
#include <optional>
#include <string>
#include <string_view>

// Hidden visibility: each module binary keeps its own copy.
#pragma GCC visibility push(hidden)
namespace lintel_static {

// Appends the UTF-8 form of a wide string (WCHAR is UTF-32 on Linux). Code points the server
// produced from bytes that were not UTF-8 come back as U+FFFD and stay that way.
inline void append_utf8(std::string& out, const wchar_t* text, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        uint32_t c = static_cast<uint32_t>(text[i]);
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
}

inline std::string to_utf8(const wchar_t* text) {
    std::string out;
    if (text != nullptr) append_utf8(out, text, std::wcslen(text));
    return out;
}

// The reverse, for the few strings a module hands back to the server (configuration paths,
// URLs for MapPath). Malformed input becomes U+FFFD.
inline std::wstring to_wide(std::string_view text) {
    std::wstring out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t extra = c < 0x80           ? 0
                       : (c >> 5) == 0x6  ? 1
                       : (c >> 4) == 0xE  ? 2
                       : (c >> 3) == 0x1E ? 3
                                          : 4;
        uint32_t code = extra == 0 ? c : extra == 4 ? 0xFFFD : (c & (0x3Fu >> extra));
        bool valid = extra < 4 && i + extra < text.size();
        for (size_t k = 1; valid && k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next & 0xC0) == 0x80;
            code = (code << 6) | (next & 0x3Fu);
        }
        out.push_back(static_cast<wchar_t>(valid ? code : 0xFFFD));
        i += valid ? extra + 1 : 1;
    }
    return out;
}

inline char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

inline std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

inline std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// ---- HTTP dates (RFC 9110 section 5.6.7) --------------------------------------------------------

inline constexpr const char* k_day_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr const char* k_month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters.
inline std::string http_date(time_t when) {
    tm utc{};
    gmtime_r(&when, &utc);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  k_day_names[utc.tm_wday % 7], utc.tm_mday, k_month_names[utc.tm_mon % 12],
                  utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return text;
}

// Accepts the three forms a recipient must accept: IMF-fixdate, the obsolete RFC 850 form and
// asctime(). Anything else (including a trailing zone other than GMT) is not a date.
inline std::optional<time_t> parse_http_date(std::string_view text) {
    text = trimmed(text);
    size_t pos = 0;
    const auto skip = [&](char c) {
        if (pos < text.size() && text[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    };
    const auto number = [&](size_t min_digits, size_t max_digits, int& value) {
        size_t digits = 0;
        value = 0;
        while (pos < text.size() && digits < max_digits && text[pos] >= '0' && text[pos] <= '9') {
            value = value * 10 + (text[pos] - '0');
            ++pos;
            ++digits;
        }
        return digits >= min_digits;
    };
    const auto month = [&](int& value) {
        if (pos + 3 > text.size()) return false;
        for (int m = 0; m < 12; ++m) {
            if (iequals(text.substr(pos, 3), k_month_names[m])) {
                value = m;
                pos += 3;
                return true;
            }
        }
        return false;
    };
    const auto clock = [&](tm& out) {
        return number(2, 2, out.tm_hour) && skip(':') && number(2, 2, out.tm_min) && skip(':') &&
               number(2, 2, out.tm_sec);
    };
    tm parts{};
    const size_t comma = text.find(',');
    if (comma != std::string_view::npos) {
        pos = comma + 1;
        if (!skip(' ')) return std::nullopt;
        if (comma == 3) {
            // IMF-fixdate: DD Mon YYYY HH:MM:SS GMT
            if (!(number(2, 2, parts.tm_mday) && skip(' ') && month(parts.tm_mon) && skip(' ') &&
                  number(4, 4, parts.tm_year) && skip(' ') && clock(parts))) {
                return std::nullopt;
            }
            parts.tm_year -= 1900;
        } else {
            // RFC 850: DD-Mon-YY HH:MM:SS GMT; two-digit years as RFC 9110 asks (50 years rule
            // simplified to the usual 70 pivot).
            int year = 0;
            if (!(number(2, 2, parts.tm_mday) && skip('-') && month(parts.tm_mon) && skip('-') &&
                  number(2, 2, year) && skip(' ') && clock(parts))) {
                return std::nullopt;
            }
            parts.tm_year = year < 70 ? year + 100 : year;
        }
        if (text.substr(pos) != " GMT") return std::nullopt;
    } else {
        // asctime: Sun Nov  6 08:49:37 1994
        pos = 3;
        if (!skip(' ') || !month(parts.tm_mon) || !skip(' ')) return std::nullopt;
        skip(' ');
        if (!(number(1, 2, parts.tm_mday) && skip(' ') && clock(parts) && skip(' ') &&
              number(4, 4, parts.tm_year))) {
            return std::nullopt;
        }
        parts.tm_year -= 1900;
        if (pos != text.size()) return std::nullopt;
    }
    if (parts.tm_mday < 1 || parts.tm_mday > 31 || parts.tm_hour > 23 || parts.tm_min > 59 ||
        parts.tm_sec > 60) {
        return std::nullopt;
    }
    return timegm(&parts);
}

// ---- URLs and HTML ------------------------------------------------------------------------------

// Percent-encodes a decoded URL path for a Location header or an href: everything but the
// unreserved characters, '/' and the sub-delimiters that are safe in a path.
inline void append_url_path(std::string& out, std::string_view path) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (char raw : path) {
        const auto c = static_cast<unsigned char>(raw);
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || std::strchr("-._~/!$&'()*+,;=:@", c) != nullptr;
        if (keep && c != 0) {
            out.push_back(raw);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
        }
    }
}

// Text for HTML element content and double-quoted attribute values.
inline void append_html(std::string& out, std::string_view text) {
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c); break;
        }
    }
}

}  // namespace lintel_static
#pragma GCC visibility pop

#endif  // LINTEL_MODULES_STATIC_TEXT_UTIL_H
