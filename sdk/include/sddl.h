// sddl.h - Lintel SDK: SID string conversions.
//
// SIDs use the Windows binary layout (SID in windows.h), so these conversions are exact:
// "S-1-5-21-..." with the authority in decimal below 2^32 and as 0x + 12 hex digits above.
// Returned strings and SIDs are LocalAlloc blocks: release them with LocalFree.
// Security descriptor strings (ConvertStringSecurityDescriptor...) are not supported.

#include <windows.h>

#ifndef LINTEL_SDDL_H
#define LINTEL_SDDL_H

namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE std::string sid_to_string(PSID sid) {
    const auto* s = static_cast<const BYTE*>(sid);
    const SID* header = static_cast<const SID*>(sid);
    unsigned long long authority = 0;
    for (int i = 0; i < 6; ++i) {
        authority = (authority << 8) | header->IdentifierAuthority.Value[i];
    }
    char part[32];
    std::string text = "S-" + std::to_string(static_cast<unsigned>(header->Revision)) + "-";
    if (authority < (1ull << 32)) {
        text += std::to_string(authority);
    } else {
        snprintf(part, sizeof(part), "0x%012llX", authority);
        text += part;
    }
    for (BYTE i = 0; i < header->SubAuthorityCount; ++i) {
        DWORD value = 0;
        memcpy(&value, s + 8 + 4 * i, sizeof(value));
        text += "-" + std::to_string(value);
    }
    return text;
}
LINTEL_SDK_INLINE PSID string_to_sid(const std::string& text) noexcept {
    if (text.size() < 4 || (text[0] != 'S' && text[0] != 's') || text[1] != '-') {
        return nullptr;
    }
    const char* p = text.c_str() + 2;
    char* end = nullptr;
    const unsigned long revision = strtoul(p, &end, 10);
    if (end == p || *end != '-' || revision != SID_REVISION) {
        return nullptr;
    }
    p = end + 1;
    const unsigned long long authority = strtoull(p, &end, 0);
    if (end == p || authority >= (1ull << 48)) {
        return nullptr;
    }
    DWORD sub[SID_MAX_SUB_AUTHORITIES];
    BYTE count = 0;
    while (*end == '-') {
        p = end + 1;
        const unsigned long long value = strtoull(p, &end, 10);
        if (end == p || value > 0xFFFFFFFFull || count == SID_MAX_SUB_AUTHORITIES) {
            return nullptr;
        }
        sub[count++] = static_cast<DWORD>(value);
    }
    if (*end != '\0') {
        return nullptr;
    }
    BYTE* sid = static_cast<BYTE*>(LocalAlloc(LPTR, 8 + 4 * static_cast<size_t>(count)));
    if (sid == nullptr) {
        return nullptr;
    }
    sid[0] = SID_REVISION;
    sid[1] = count;
    for (int i = 0; i < 6; ++i) {
        sid[2 + i] = static_cast<BYTE>(authority >> (8 * (5 - i)));
    }
    memcpy(sid + 8, sub, 4 * static_cast<size_t>(count));
    return sid;
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE BOOL ConvertSidToStringSidA(PSID sid, LPSTR* text) noexcept {
    if (text == nullptr || !IsValidSid(sid)) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    try {
        const std::string value = ::lintel::sdk::sid_to_string(sid);
        *text = static_cast<LPSTR>(LocalAlloc(LMEM_FIXED, value.size() + 1));
        if (*text == nullptr) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        memcpy(*text, value.c_str(), value.size() + 1);
        return TRUE;
    } catch (...) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}
LINTEL_SDK_INLINE BOOL ConvertSidToStringSidW(PSID sid, LPWSTR* text) noexcept {
    if (text == nullptr || !IsValidSid(sid)) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    try {
        const std::string value = ::lintel::sdk::sid_to_string(sid);
        *text = static_cast<LPWSTR>(LocalAlloc(LMEM_FIXED, (value.size() + 1) * sizeof(WCHAR)));
        if (*text == nullptr) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return FALSE;
        }
        for (size_t i = 0; i <= value.size(); ++i) {
            (*text)[i] = static_cast<WCHAR>(value[i]);
        }
        return TRUE;
    } catch (...) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
}
LINTEL_SDK_INLINE BOOL ConvertStringSidToSidA(LPCSTR text, PSID* sid) noexcept {
    if (text == nullptr || sid == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *sid = ::lintel::sdk::string_to_sid(text);
    if (*sid == nullptr) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL ConvertStringSidToSidW(LPCWSTR text, PSID* sid) noexcept {
    if (text == nullptr || sid == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *sid = ::lintel::sdk::string_to_sid(::lintel::sdk::narrow(text));
    if (*sid == nullptr) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL ConvertSidToStringSid(PSID sid, LPTSTR* text) noexcept {
#ifdef UNICODE
    return ConvertSidToStringSidW(sid, text);
#else
    return ConvertSidToStringSidA(sid, text);
#endif
}
template <typename LintelUnused_ = void>
LINTEL_SDK_INLINE BOOL ConvertSidToStringSid(PSID sid, LintelOtherStr_* text) noexcept {
#ifdef UNICODE
    return ConvertSidToStringSidA(sid, text);
#else
    return ConvertSidToStringSidW(sid, text);
#endif
}
LINTEL_SDK_INLINE BOOL ConvertStringSidToSid(LPCTSTR text, PSID* sid) noexcept {
#ifdef UNICODE
    return ConvertStringSidToSidW(text, sid);
#else
    return ConvertStringSidToSidA(text, sid);
#endif
}
template <typename LintelUnused_ = void>
LINTEL_SDK_INLINE BOOL ConvertStringSidToSid(LintelOtherCStr_ text, PSID* sid) noexcept {
#ifdef UNICODE
    return ConvertStringSidToSidA(text, sid);
#else
    return ConvertStringSidToSidW(text, sid);
#endif
}

#endif  // LINTEL_SDDL_H
