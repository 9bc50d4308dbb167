// strsafe.h - Lintel SDK: the StringCch* / StringCb* safe string functions.
//
// Semantics follow Windows: the destination is always NUL-terminated when its size is non-zero,
// truncation returns STRSAFE_E_INSUFFICIENT_BUFFER with the truncated text in place, and sizes
// over STRSAFE_MAX_CCH are invalid. Cb sizes are in bytes: for W functions a character is
// sizeof(WCHAR) = 4 bytes on Linux, so sizeof(buffer) keeps working. The printf forms use
// Microsoft format semantics (windows.h: %s is the function's own character width, %I64d ...).
// Unsuffixed names are overloads on the character type of the destination.

#include <windows.h>

#ifndef LINTEL_STRSAFE_H
#define LINTEL_STRSAFE_H

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_MAX_LENGTH (STRSAFE_MAX_CCH - 1)
#define STRSAFE_E_INSUFFICIENT_BUFFER _HRESULT_TYPEDEF_(0x8007007A)
#define STRSAFE_E_INVALID_PARAMETER _HRESULT_TYPEDEF_(0x80070057)
#define STRSAFE_E_END_OF_FILE _HRESULT_TYPEDEF_(0x80070026)

#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STRSAFE_FILL_BYTE(x) (static_cast<DWORD>(((x)&0xFF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) (static_cast<DWORD>(((x)&0xFF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(flags) (static_cast<int>((flags)&0xFF))

typedef char* STRSAFE_LPSTR;
typedef const char* STRSAFE_LPCSTR;
typedef wchar_t* STRSAFE_LPWSTR;
typedef const wchar_t* STRSAFE_LPCWSTR;

namespace lintel {
namespace sdk {
namespace strsafe {

constexpr DWORD valid_flags = 0xFF | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL |
                              STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE |
                              STRSAFE_NO_TRUNCATION;

// Applies the failure flags to the destination and fixes up the Ex outputs.
template <typename C>
LINTEL_SDK_INLINE void on_failure(C* dest, size_t cch, DWORD flags, C** end,
                                  size_t* remaining) noexcept {
    if (dest == nullptr || cch == 0) {
        return;
    }
    if ((flags & STRSAFE_FILL_ON_FAILURE) != 0) {
        memset(dest, STRSAFE_GET_FILL_PATTERN(flags), cch * sizeof(C));
        if (STRSAFE_GET_FILL_PATTERN(flags) == 0) {
            if (end != nullptr) {
                *end = dest;
            }
            if (remaining != nullptr) {
                *remaining = cch;
            }
        } else {
            dest[cch - 1] = 0;
            if (end != nullptr) {
                *end = dest + cch - 1;
            }
            if (remaining != nullptr) {
                *remaining = 1;
            }
        }
    }
    if ((flags & (STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)) != 0) {
        dest[0] = 0;
        if (end != nullptr) {
            *end = dest;
        }
        if (remaining != nullptr) {
            *remaining = cch;
        }
    }
}

// Copies at most max_source characters of source (stopping at its NUL) into dest[0..cch).
template <typename C>
LINTEL_SDK_INLINE HRESULT copy_ex(C* dest, size_t cch, const C* source, size_t max_source, C** end,
                                  size_t* remaining, DWORD flags) noexcept {
    if ((flags & ~valid_flags) != 0 || cch > STRSAFE_MAX_CCH) {
        if (dest != nullptr && cch != 0 && cch <= STRSAFE_MAX_CCH) {
            dest[0] = 0;
        }
        return STRSAFE_E_INVALID_PARAMETER;
    }
    static const C empty[1] = {0};
    if (source == nullptr) {
        if ((flags & STRSAFE_IGNORE_NULLS) == 0) {
            if (dest != nullptr && cch != 0) {
                dest[0] = 0;
            }
            return STRSAFE_E_INVALID_PARAMETER;
        }
        source = empty;
    }
    if (dest == nullptr || cch == 0) {
        if (dest == nullptr && cch == 0 && (flags & STRSAFE_IGNORE_NULLS) != 0) {
            return (max_source == 0 || source[0] == 0) ? S_OK : STRSAFE_E_INSUFFICIENT_BUFFER;
        }
        return STRSAFE_E_INVALID_PARAMETER;
    }
    size_t n = 0;
    while (n + 1 < cch && n < max_source && source[n] != 0) {
        dest[n] = source[n];
        ++n;
    }
    dest[n] = 0;
    const bool truncated = n < max_source && source[n] != 0;
    if (end != nullptr) {
        *end = dest + n;
    }
    if (remaining != nullptr) {
        *remaining = cch - n;
    }
    if (truncated) {
        on_failure(dest, cch, flags, end, remaining);
        return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    if ((flags & STRSAFE_FILL_BEHIND_NULL) != 0 && n + 1 < cch) {
        memset(dest + n + 1, STRSAFE_GET_FILL_PATTERN(flags), (cch - n - 1) * sizeof(C));
    }
    return S_OK;
}

template <typename C>
LINTEL_SDK_INLINE HRESULT cat_ex(C* dest, size_t cch, const C* source, size_t max_source, C** end,
                                 size_t* remaining, DWORD flags) noexcept {
    if ((flags & ~valid_flags) != 0 || cch > STRSAFE_MAX_CCH) {
        return STRSAFE_E_INVALID_PARAMETER;
    }
    if (dest == nullptr || cch == 0) {
        if (dest == nullptr && cch == 0 && (flags & STRSAFE_IGNORE_NULLS) != 0) {
            return (source == nullptr || max_source == 0 || source[0] == 0)
                       ? S_OK
                       : STRSAFE_E_INSUFFICIENT_BUFFER;
        }
        return STRSAFE_E_INVALID_PARAMETER;
    }
    size_t used = 0;
    while (used < cch && dest[used] != 0) {
        ++used;
    }
    if (used == cch) {
        return STRSAFE_E_INVALID_PARAMETER;  // destination not terminated within its size
    }
    C* tail_end = nullptr;
    size_t tail_remaining = 0;
    const HRESULT hr = copy_ex(
        dest + used, cch - used, source, max_source, &tail_end, &tail_remaining,
        flags & ~(STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION));
    if (end != nullptr) {
        *end = tail_end;
    }
    if (remaining != nullptr) {
        *remaining = tail_remaining;
    }
    if (hr == STRSAFE_E_INSUFFICIENT_BUFFER) {
        if ((flags & STRSAFE_NO_TRUNCATION) != 0) {
            // Leave the original string untouched.
            dest[used] = 0;
            if (end != nullptr) {
                *end = dest + used;
            }
            if (remaining != nullptr) {
                *remaining = cch - used;
            }
            if ((flags & (STRSAFE_FILL_ON_FAILURE | STRSAFE_NULL_ON_FAILURE)) != 0) {
                on_failure(dest, cch, flags & ~STRSAFE_NO_TRUNCATION, end, remaining);
            }
        } else {
            on_failure(dest, cch, flags, end, remaining);
        }
    }
    return hr;
}

template <typename C>
LINTEL_SDK_INLINE HRESULT vprintf_ex(C* dest, size_t cch, C** end, size_t* remaining, DWORD flags,
                                     const C* format, va_list args) noexcept {
    if ((flags & ~valid_flags) != 0 || cch > STRSAFE_MAX_CCH || dest == nullptr || cch == 0) {
        if (dest != nullptr && cch != 0 && cch <= STRSAFE_MAX_CCH) {
            dest[0] = 0;
        }
        return STRSAFE_E_INVALID_PARAMETER;
    }
    static const C empty[1] = {0};
    if (format == nullptr) {
        if ((flags & STRSAFE_IGNORE_NULLS) == 0) {
            dest[0] = 0;
            return STRSAFE_E_INVALID_PARAMETER;
        }
        format = empty;
    }
    try {
        std::basic_string<C> text;
        if (!vformat(text, format, args)) {
            dest[0] = 0;
            on_failure(dest, cch, flags, end, remaining);
            return STRSAFE_E_INVALID_PARAMETER;
        }
        return copy_ex(dest, cch, text.c_str(), text.size(), end, remaining, flags);
    } catch (...) {
        dest[0] = 0;
        return E_OUTOFMEMORY;
    }
}

template <typename C>
LINTEL_SDK_INLINE HRESULT length(const C* text, size_t max, size_t* out) noexcept {
    if (text == nullptr || max > STRSAFE_MAX_CCH) {
        if (out != nullptr) {
            *out = 0;
        }
        return STRSAFE_E_INVALID_PARAMETER;
    }
    size_t n = 0;
    while (n < max && text[n] != 0) {
        ++n;
    }
    if (n == max) {
        if (out != nullptr) {
            *out = 0;
        }
        return STRSAFE_E_INVALID_PARAMETER;
    }
    if (out != nullptr) {
        *out = n;
    }
    return S_OK;
}

// Byte-count helpers: bytes to characters, and remaining characters back to bytes.
template <typename C>
LINTEL_SDK_INLINE bool cb_to_cch(size_t cb, size_t* cch) noexcept {
    *cch = cb / sizeof(C);
    return cb <= static_cast<size_t>(STRSAFE_MAX_CCH) * sizeof(C);
}

}  // namespace strsafe
}  // namespace sdk
}  // namespace lintel

// The whole family, generated for both character types. Each A/W name is a real function.
#define LINTEL_STRSAFE_FAMILY_(S, C)                                                               \
    LINTEL_SDK_INLINE HRESULT StringCchCopy##S(C* dest, size_t cch, const C* src) noexcept {       \
        return ::lintel::sdk::strsafe::copy_ex(dest, cch, src, STRSAFE_MAX_CCH,                    \
                                               static_cast<C**>(nullptr), nullptr, 0);             \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCopyEx##S(C* dest, size_t cch, const C* src, C** end,       \
                                                 size_t* remaining, DWORD flags) noexcept {        \
        return ::lintel::sdk::strsafe::copy_ex(dest, cch, src, STRSAFE_MAX_CCH, end, remaining,    \
                                               flags);                                             \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCopyN##S(C* dest, size_t cch, const C* src,                 \
                                                size_t count) noexcept {                           \
        if (count > STRSAFE_MAX_LENGTH) {                                                          \
            if (dest != nullptr && cch != 0 && cch <= STRSAFE_MAX_CCH) {                           \
                dest[0] = 0;                                                                       \
            }                                                                                      \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return ::lintel::sdk::strsafe::copy_ex(dest, cch, src, count, static_cast<C**>(nullptr),   \
                                               nullptr, 0);                                        \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCopyNEx##S(C* dest, size_t cch, const C* src, size_t count, \
                                                  C** end, size_t* remaining,                      \
                                                  DWORD flags) noexcept {                          \
        if (count > STRSAFE_MAX_LENGTH) {                                                          \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return ::lintel::sdk::strsafe::copy_ex(dest, cch, src, count, end, remaining, flags);      \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCat##S(C* dest, size_t cch, const C* src) noexcept {        \
        return ::lintel::sdk::strsafe::cat_ex(dest, cch, src, STRSAFE_MAX_CCH,                     \
                                              static_cast<C**>(nullptr), nullptr, 0);              \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCatEx##S(C* dest, size_t cch, const C* src, C** end,        \
                                                size_t* remaining, DWORD flags) noexcept {         \
        return ::lintel::sdk::strsafe::cat_ex(dest, cch, src, STRSAFE_MAX_CCH, end, remaining,     \
                                              flags);                                              \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCatN##S(C* dest, size_t cch, const C* src,                  \
                                               size_t count) noexcept {                            \
        return ::lintel::sdk::strsafe::cat_ex(dest, cch, src, count, static_cast<C**>(nullptr),    \
                                              nullptr, 0);                                         \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchCatNEx##S(C* dest, size_t cch, const C* src, size_t count,  \
                                                 C** end, size_t* remaining,                       \
                                                 DWORD flags) noexcept {                           \
        return ::lintel::sdk::strsafe::cat_ex(dest, cch, src, count, end, remaining, flags);       \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchVPrintf##S(C* dest, size_t cch, const C* format,            \
                                                  va_list args) noexcept {                         \
        return ::lintel::sdk::strsafe::vprintf_ex(dest, cch, static_cast<C**>(nullptr), nullptr,   \
                                                  0, format, args);                                \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchVPrintfEx##S(C* dest, size_t cch, C** end,                  \
                                                    size_t* remaining, DWORD flags,                \
                                                    const C* format, va_list args) noexcept {      \
        return ::lintel::sdk::strsafe::vprintf_ex(dest, cch, end, remaining, flags, format, args); \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchPrintf##S(C* dest, size_t cch, const C* format,             \
                                                 ...) noexcept {                                   \
        va_list args;                                                                              \
        va_start(args, format);                                                                    \
        const HRESULT hr = StringCchVPrintf##S(dest, cch, format, args);                           \
        va_end(args);                                                                              \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchPrintfEx##S(C* dest, size_t cch, C** end,                   \
                                                   size_t* remaining, DWORD flags,                 \
                                                   const C* format, ...) noexcept {                \
        va_list args;                                                                              \
        va_start(args, format);                                                                    \
        const HRESULT hr = StringCchVPrintfEx##S(dest, cch, end, remaining, flags, format, args);  \
        va_end(args);                                                                              \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCchLength##S(const C* text, size_t max,                        \
                                                 size_t* length) noexcept {                        \
        return ::lintel::sdk::strsafe::length(text, max, length);                                  \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbCopy##S(C* dest, size_t cb, const C* src) noexcept {         \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return StringCchCopy##S(dest, cch, src);                                                   \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbCopyEx##S(C* dest, size_t cb, const C* src, C** end,         \
                                                size_t* remaining, DWORD flags) noexcept {         \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        size_t left = 0;                                                                           \
        const HRESULT hr = StringCchCopyEx##S(dest, cch, src, end, &left, flags);                  \
        if (remaining != nullptr) {                                                                \
            *remaining = left * sizeof(C) + (cb % sizeof(C));                                      \
        }                                                                                          \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbCopyN##S(C* dest, size_t cb, const C* src,                   \
                                               size_t cb_to_copy) noexcept {                       \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return StringCchCopyN##S(dest, cch, src, cb_to_copy / sizeof(C));                          \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbCat##S(C* dest, size_t cb, const C* src) noexcept {          \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return StringCchCat##S(dest, cch, src);                                                    \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbCatEx##S(C* dest, size_t cb, const C* src, C** end,          \
                                               size_t* remaining, DWORD flags) noexcept {          \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        size_t left = 0;                                                                           \
        const HRESULT hr = StringCchCatEx##S(dest, cch, src, end, &left, flags);                   \
        if (remaining != nullptr) {                                                                \
            *remaining = left * sizeof(C) + (cb % sizeof(C));                                      \
        }                                                                                          \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbCatN##S(C* dest, size_t cb, const C* src,                    \
                                              size_t cb_to_append) noexcept {                      \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return StringCchCatN##S(dest, cch, src, cb_to_append / sizeof(C));                         \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbVPrintf##S(C* dest, size_t cb, const C* format,              \
                                                 va_list args) noexcept {                          \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        return StringCchVPrintf##S(dest, cch, format, args);                                       \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbPrintf##S(C* dest, size_t cb, const C* format,               \
                                                ...) noexcept {                                    \
        va_list args;                                                                              \
        va_start(args, format);                                                                    \
        const HRESULT hr = StringCbVPrintf##S(dest, cb, format, args);                             \
        va_end(args);                                                                              \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbVPrintfEx##S(C* dest, size_t cb, C** end, size_t* remaining, \
                                                   DWORD flags, const C* format,                   \
                                                   va_list args) noexcept {                        \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(cb, &cch)) {                                     \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        size_t left = 0;                                                                           \
        const HRESULT hr = StringCchVPrintfEx##S(dest, cch, end, &left, flags, format, args);      \
        if (remaining != nullptr) {                                                                \
            *remaining = left * sizeof(C) + (cb % sizeof(C));                                      \
        }                                                                                          \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbPrintfEx##S(C* dest, size_t cb, C** end, size_t* remaining,  \
                                                  DWORD flags, const C* format, ...) noexcept {    \
        va_list args;                                                                              \
        va_start(args, format);                                                                    \
        const HRESULT hr = StringCbVPrintfEx##S(dest, cb, end, remaining, flags, format, args);    \
        va_end(args);                                                                              \
        return hr;                                                                                 \
    }                                                                                              \
    LINTEL_SDK_INLINE HRESULT StringCbLength##S(const C* text, size_t max_bytes,                   \
                                                size_t* length_bytes) noexcept {                   \
        size_t cch = 0;                                                                            \
        if (!::lintel::sdk::strsafe::cb_to_cch<C>(max_bytes, &cch)) {                              \
            if (length_bytes != nullptr) {                                                         \
                *length_bytes = 0;                                                                 \
            }                                                                                      \
            return STRSAFE_E_INVALID_PARAMETER;                                                    \
        }                                                                                          \
        size_t n = 0;                                                                              \
        const HRESULT hr = StringCchLength##S(text, cch, &n);                                      \
        if (length_bytes != nullptr) {                                                             \
            *length_bytes = n * sizeof(C);                                                         \
        }                                                                                          \
        return hr;                                                                                 \
    }

LINTEL_STRSAFE_FAMILY_(A, char)
LINTEL_STRSAFE_FAMILY_(W, wchar_t)
#undef LINTEL_STRSAFE_FAMILY_

// Unsuffixed names: overloads on the destination's character type (both forms always exist,
// so TCHAR code and explicit char/wchar_t buffers both compile).
#define LINTEL_STRSAFE_UNSUFFIXED_(C, S)                                                         \
    LINTEL_SDK_INLINE HRESULT StringCchCopy(C* d, size_t n, const C* s) noexcept {               \
        return StringCchCopy##S(d, n, s);                                                        \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchCopyEx(C* d, size_t n, const C* s, C** e, size_t* r,      \
                                              DWORD f) noexcept {                                \
        return StringCchCopyEx##S(d, n, s, e, r, f);                                             \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchCopyN(C* d, size_t n, const C* s, size_t c) noexcept {    \
        return StringCchCopyN##S(d, n, s, c);                                                    \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchCopyNEx(C* d, size_t n, const C* s, size_t c, C** e,      \
                                               size_t* r, DWORD f) noexcept {                    \
        return StringCchCopyNEx##S(d, n, s, c, e, r, f);                                         \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchCat(C* d, size_t n, const C* s) noexcept {                \
        return StringCchCat##S(d, n, s);                                                         \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchCatEx(C* d, size_t n, const C* s, C** e, size_t* r,       \
                                             DWORD f) noexcept {                                 \
        return StringCchCatEx##S(d, n, s, e, r, f);                                              \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchCatN(C* d, size_t n, const C* s, size_t c) noexcept {     \
        return StringCchCatN##S(d, n, s, c);                                                     \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchVPrintf(C* d, size_t n, const C* f, va_list a) noexcept { \
        return StringCchVPrintf##S(d, n, f, a);                                                  \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchPrintf(C* d, size_t n, const C* f, ...) noexcept {        \
        va_list a;                                                                               \
        va_start(a, f);                                                                          \
        const HRESULT hr = StringCchVPrintf##S(d, n, f, a);                                      \
        va_end(a);                                                                               \
        return hr;                                                                               \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchPrintfEx(C* d, size_t n, C** e, size_t* r, DWORD fl,      \
                                                const C* f, ...) noexcept {                      \
        va_list a;                                                                               \
        va_start(a, f);                                                                          \
        const HRESULT hr = StringCchVPrintfEx##S(d, n, e, r, fl, f, a);                          \
        va_end(a);                                                                               \
        return hr;                                                                               \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCchLength(const C* s, size_t m, size_t* l) noexcept {        \
        return StringCchLength##S(s, m, l);                                                      \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbCopy(C* d, size_t n, const C* s) noexcept {                \
        return StringCbCopy##S(d, n, s);                                                         \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbCopyEx(C* d, size_t n, const C* s, C** e, size_t* r,       \
                                             DWORD f) noexcept {                                 \
        return StringCbCopyEx##S(d, n, s, e, r, f);                                              \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbCopyN(C* d, size_t n, const C* s, size_t c) noexcept {     \
        return StringCbCopyN##S(d, n, s, c);                                                     \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbCat(C* d, size_t n, const C* s) noexcept {                 \
        return StringCbCat##S(d, n, s);                                                          \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbCatEx(C* d, size_t n, const C* s, C** e, size_t* r,        \
                                            DWORD f) noexcept {                                  \
        return StringCbCatEx##S(d, n, s, e, r, f);                                               \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbCatN(C* d, size_t n, const C* s, size_t c) noexcept {      \
        return StringCbCatN##S(d, n, s, c);                                                      \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbVPrintf(C* d, size_t n, const C* f, va_list a) noexcept {  \
        return StringCbVPrintf##S(d, n, f, a);                                                   \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbPrintf(C* d, size_t n, const C* f, ...) noexcept {         \
        va_list a;                                                                               \
        va_start(a, f);                                                                          \
        const HRESULT hr = StringCbVPrintf##S(d, n, f, a);                                       \
        va_end(a);                                                                               \
        return hr;                                                                               \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbPrintfEx(C* d, size_t n, C** e, size_t* r, DWORD fl,       \
                                               const C* f, ...) noexcept {                       \
        va_list a;                                                                               \
        va_start(a, f);                                                                          \
        const HRESULT hr = StringCbVPrintfEx##S(d, n, e, r, fl, f, a);                           \
        va_end(a);                                                                               \
        return hr;                                                                               \
    }                                                                                            \
    LINTEL_SDK_INLINE HRESULT StringCbLength(const C* s, size_t m, size_t* l) noexcept {         \
        return StringCbLength##S(s, m, l);                                                       \
    }

LINTEL_STRSAFE_UNSUFFIXED_(char, A)
LINTEL_STRSAFE_UNSUFFIXED_(wchar_t, W)
#undef LINTEL_STRSAFE_UNSUFFIXED_

#endif  // LINTEL_STRSAFE_H
