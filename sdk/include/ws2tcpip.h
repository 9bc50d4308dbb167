// ws2tcpip.h - Lintel SDK: TCP/IP helpers of Windows sockets (name resolution, text forms).
//
// getaddrinfo, freeaddrinfo, inet_ntop and inet_pton are the Linux functions. ADDRINFOA is
// Linux's struct addrinfo (same member names; the member order differs from Windows, which only
// matters to code that initialises it positionally).

#include <windows.h>

#ifndef LINTEL_WS2TCPIP_H
#define LINTEL_WS2TCPIP_H

#include <winsock2.h>

#include <netdb.h>

typedef struct addrinfo ADDRINFOA;
typedef struct addrinfo* PADDRINFOA;
typedef struct addrinfo* LPADDRINFO;

LINTEL_SDK_INLINE INT GetAddrInfoA(PCSTR node, PCSTR service, const ADDRINFOA* hints,
                                   PADDRINFOA* result) noexcept {
    return getaddrinfo(node, service, hints, result);
}
LINTEL_SDK_INLINE void FreeAddrInfoA(PADDRINFOA info) noexcept {
    if (info != nullptr) {
        freeaddrinfo(info);
    }
}
LINTEL_SDK_INLINE PCSTR InetNtopA(INT family, const void* address, PSTR text,
                                  size_t size) noexcept {
    return inet_ntop(family, address, text, static_cast<socklen_t>(size));
}
LINTEL_SDK_INLINE PCWSTR InetNtopW(INT family, const void* address, PWSTR text,
                                   size_t size) noexcept {
    char narrow[INET6_ADDRSTRLEN] = {};
    if (text == nullptr || inet_ntop(family, address, narrow, sizeof(narrow)) == nullptr) {
        return nullptr;
    }
    const size_t length = strlen(narrow);
    if (length + 1 > size) {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    for (size_t i = 0; i <= length; ++i) {
        text[i] = static_cast<WCHAR>(narrow[i]);
    }
    return text;
}
LINTEL_SDK_INLINE INT InetPtonA(INT family, PCSTR text, PVOID address) noexcept {
    return inet_pton(family, text, address);
}
LINTEL_SDK_INLINE INT InetPtonW(INT family, PCWSTR text, PVOID address) noexcept {
    if (text == nullptr) {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    return inet_pton(family, ::lintel::sdk::narrow(text).c_str(), address);
}

#endif  // LINTEL_WS2TCPIP_H
