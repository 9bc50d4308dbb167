// winsock2.h - Lintel SDK: Windows socket types over the Linux socket API.
//
// The Linux headers (<sys/socket.h>, <netinet/in.h>, <arpa/inet.h>) are included, so AF_INET
// (2), AF_INET6 (10), htons & co. and the BSD functions are the Linux ones; the server's own
// code may include them before or after this header.
//
// Windows-shaped types the Linux headers lack are Lintel's own structs with the Linux byte
// layout, so the server can hand out real addresses:
//   IN_ADDR      4 bytes; S_un.S_un_b.s_b1..s_b4, S_un.S_un_w.s_w1/s_w2, S_un.S_addr, s_addr.
//   SOCKADDR_IN  byte-identical to Linux sockaddr_in, but sin_addr is an IN_ADDR.
// SOCKADDR, SOCKADDR_IN6, SOCKADDR_STORAGE and IN6_ADDR are the Linux structs themselves
// (their members are spelled the same on both systems; IN6_ADDR's Windows "u.Byte" union
// member does not exist, use s6_addr). `struct sockaddr_in` (lower case) is Linux's and has no
// S_un: Windows code must use the SOCKADDR_IN / PSOCKADDR_IN names to get the Windows layout.

#include <windows.h>

#ifndef LINTEL_WINSOCK2_H
#define LINTEL_WINSOCK2_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

typedef UINT_PTR SOCKET;
#define INVALID_SOCKET (static_cast<SOCKET>(~static_cast<SOCKET>(0)))
#define SOCKET_ERROR (-1)
typedef USHORT ADDRESS_FAMILY;

typedef struct LINTEL_IN_ADDR {
    union {
        union {
            struct {
                UCHAR s_b1;
                UCHAR s_b2;
                UCHAR s_b3;
                UCHAR s_b4;
            } S_un_b;
            struct {
                USHORT s_w1;
                USHORT s_w2;
            } S_un_w;
            ULONG S_addr;
        } S_un;
        ULONG s_addr;  // the BSD spelling, same four bytes (network order)
    };
} IN_ADDR, *PIN_ADDR, *LPIN_ADDR;

typedef struct LINTEL_SOCKADDR_IN {
    ADDRESS_FAMILY sin_family;
    USHORT sin_port;
    IN_ADDR sin_addr;
    CHAR sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;

typedef struct sockaddr SOCKADDR;
typedef struct sockaddr* PSOCKADDR;
typedef struct sockaddr* LPSOCKADDR;
typedef struct in6_addr IN6_ADDR;
typedef struct in6_addr* PIN6_ADDR;
typedef struct in6_addr* LPIN6_ADDR;
typedef struct sockaddr_in6 SOCKADDR_IN6;
typedef struct sockaddr_in6* PSOCKADDR_IN6;
typedef struct sockaddr_in6* LPSOCKADDR_IN6;
typedef struct sockaddr_in6 SOCKADDR_IN6_LH;
typedef struct sockaddr_in6* PSOCKADDR_IN6_LH;
typedef struct sockaddr_storage SOCKADDR_STORAGE;
typedef struct sockaddr_storage* PSOCKADDR_STORAGE;
typedef struct sockaddr_storage* LPSOCKADDR_STORAGE;
typedef struct sockaddr_storage SOCKADDR_STORAGE_LH;

typedef union _SOCKADDR_INET {
    SOCKADDR_IN Ipv4;
    SOCKADDR_IN6 Ipv6;
    ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

static_assert(sizeof(IN_ADDR) == sizeof(struct in_addr), "IN_ADDR matches in_addr");
static_assert(sizeof(SOCKADDR_IN) == sizeof(struct sockaddr_in), "SOCKADDR_IN size");
static_assert(offsetof(SOCKADDR_IN, sin_family) == offsetof(struct sockaddr_in, sin_family) &&
                  offsetof(SOCKADDR_IN, sin_port) == offsetof(struct sockaddr_in, sin_port) &&
                  offsetof(SOCKADDR_IN, sin_addr) == offsetof(struct sockaddr_in, sin_addr) &&
                  offsetof(SOCKADDR_IN, sin_zero) == offsetof(struct sockaddr_in, sin_zero),
              "SOCKADDR_IN is byte-identical to sockaddr_in");
static_assert(sizeof(SOCKADDR_STORAGE) == 128, "SOCKADDR_STORAGE is 128 bytes on both systems");

#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN 128
typedef struct WSAData {
    WORD wVersion;
    WORD wHighVersion;
    unsigned short iMaxSockets;
    unsigned short iMaxUdpDg;
    char* lpVendorInfo;
    char szDescription[WSADESCRIPTION_LEN + 1];
    char szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA, *LPWSADATA;

struct _WSAPROTOCOL_INFOA;
struct _WSAPROTOCOL_INFOW;
typedef struct _WSAPROTOCOL_INFOA* LPWSAPROTOCOL_INFOA;
typedef struct _WSAPROTOCOL_INFOW* LPWSAPROTOCOL_INFOW;
#ifdef UNICODE
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
#else
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
#endif

#define SD_RECEIVE 0x00
#define SD_SEND 0x01
#define SD_BOTH 0x02

#define WSABASEERR 10000
#define WSAEINTR 10004
#define WSAEBADF 10009
#define WSAEACCES 10013
#define WSAEFAULT 10014
#define WSAEINVAL 10022
#define WSAEMFILE 10024
#define WSAEWOULDBLOCK 10035
#define WSAEINPROGRESS 10036
#define WSAEALREADY 10037
#define WSAENOTSOCK 10038
#define WSAEDESTADDRREQ 10039
#define WSAEMSGSIZE 10040
#define WSAEPROTOTYPE 10041
#define WSAENOPROTOOPT 10042
#define WSAEPROTONOSUPPORT 10043
#define WSAESOCKTNOSUPPORT 10044
#define WSAEOPNOTSUPP 10045
#define WSAEPFNOSUPPORT 10046
#define WSAEAFNOSUPPORT 10047
#define WSAEADDRINUSE 10048
#define WSAEADDRNOTAVAIL 10049
#define WSAENETDOWN 10050
#define WSAENETUNREACH 10051
#define WSAENETRESET 10052
#define WSAECONNABORTED 10053
#define WSAECONNRESET 10054
#define WSAENOBUFS 10055
#define WSAEISCONN 10056
#define WSAENOTCONN 10057
#define WSAESHUTDOWN 10058
#define WSAETIMEDOUT 10060
#define WSAECONNREFUSED 10061
#define WSAEHOSTDOWN 10064
#define WSAEHOSTUNREACH 10065
#define WSASYSNOTREADY 10091
#define WSAVERNOTSUPPORTED 10092
#define WSANOTINITIALISED 10093
#define WSAHOST_NOT_FOUND 11001
#define WSATRY_AGAIN 11002
#define WSANO_RECOVERY 11003
#define WSANO_DATA 11004

// WSAGetLastError shares the thread's last error.
LINTEL_SDK_INLINE int WSAGetLastError() noexcept {
    return static_cast<int>(GetLastError());
}
LINTEL_SDK_INLINE void WSASetLastError(int error) noexcept {
    SetLastError(static_cast<DWORD>(error));
}
// Maps a socket errno to its WSA code.
LINTEL_SDK_INLINE int LintelWsaErrorFromErrno(int error) noexcept {
    switch (error) {
        case EINTR: return WSAEINTR;
        case EBADF: return WSAEBADF;
        case EACCES: return WSAEACCES;
        case EFAULT: return WSAEFAULT;
        case EINVAL: return WSAEINVAL;
        case EMFILE: return WSAEMFILE;
        case EAGAIN: return WSAEWOULDBLOCK;
        case EINPROGRESS: return WSAEINPROGRESS;
        case EALREADY: return WSAEALREADY;
        case ENOTSOCK: return WSAENOTSOCK;
        case EMSGSIZE: return WSAEMSGSIZE;
        case EAFNOSUPPORT: return WSAEAFNOSUPPORT;
        case EADDRINUSE: return WSAEADDRINUSE;
        case EADDRNOTAVAIL: return WSAEADDRNOTAVAIL;
        case ENETDOWN: return WSAENETDOWN;
        case ENETUNREACH: return WSAENETUNREACH;
        case ECONNABORTED: return WSAECONNABORTED;
        case ECONNRESET: return WSAECONNRESET;
        case ENOBUFS: return WSAENOBUFS;
        case EISCONN: return WSAEISCONN;
        case ENOTCONN: return WSAENOTCONN;
        case ETIMEDOUT: return WSAETIMEDOUT;
        case ECONNREFUSED: return WSAECONNREFUSED;
        case EHOSTUNREACH: return WSAEHOSTUNREACH;
        default: return WSAEINVAL;
    }
}

// There is nothing to start: sockets are always available. Reports version 2.2.
LINTEL_SDK_INLINE int WSAStartup(WORD, LPWSADATA data) noexcept {
    if (data == nullptr) {
        return WSAEFAULT;
    }
    memset(data, 0, sizeof(*data));
    data->wVersion = MAKEWORD(2, 2);
    data->wHighVersion = MAKEWORD(2, 2);
    strcpy(data->szDescription, "Lintel sockets");
    strcpy(data->szSystemStatus, "Running");
    return 0;
}
LINTEL_SDK_INLINE int WSACleanup() noexcept {
    return 0;
}
LINTEL_SDK_INLINE int closesocket(SOCKET s) noexcept {
    if (close(static_cast<int>(s)) != 0) {
        WSASetLastError(LintelWsaErrorFromErrno(errno));
        return SOCKET_ERROR;
    }
    return 0;
}
// inet_ntoa for the Windows IN_ADDR (thread-local buffer, like glibc's).
LINTEL_SDK_INLINE char* inet_ntoa(IN_ADDR address) noexcept {
    static thread_local char text[16];
    snprintf(text, sizeof(text), "%u.%u.%u.%u", address.S_un.S_un_b.s_b1, address.S_un.S_un_b.s_b2,
             address.S_un.S_un_b.s_b3, address.S_un.S_un_b.s_b4);
    return text;
}

namespace lintel {
namespace sdk {
// Text form of an address the way WSAAddressToString writes it: "a.b.c.d[:port]" or
// "[v6%scope]:port" / "v6%scope" (scope only when non-zero). Empty on an unknown family.
LINTEL_SDK_INLINE std::string address_to_string(const sockaddr* address, DWORD length) {
    char host[INET6_ADDRSTRLEN] = {};
    char text[INET6_ADDRSTRLEN + 24] = {};
    if (address == nullptr) {
        return std::string();
    }
    if (address->sa_family == AF_INET && length >= sizeof(SOCKADDR_IN)) {
        const auto* in = reinterpret_cast<const SOCKADDR_IN*>(address);
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
        if (in->sin_port != 0) {
            snprintf(text, sizeof(text), "%s:%u", host, static_cast<unsigned>(ntohs(in->sin_port)));
        } else {
            snprintf(text, sizeof(text), "%s", host);
        }
        return text;
    }
    if (address->sa_family == AF_INET6 && length >= sizeof(SOCKADDR_IN6)) {
        const auto* in6 = reinterpret_cast<const SOCKADDR_IN6*>(address);
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
        char scoped[INET6_ADDRSTRLEN + 12] = {};
        if (in6->sin6_scope_id != 0) {
            snprintf(scoped, sizeof(scoped), "%s%%%u", host, in6->sin6_scope_id);
        } else {
            snprintf(scoped, sizeof(scoped), "%s", host);
        }
        if (in6->sin6_port != 0) {
            snprintf(text, sizeof(text), "[%s]:%u", scoped,
                     static_cast<unsigned>(ntohs(in6->sin6_port)));
        } else {
            snprintf(text, sizeof(text), "%s", scoped);
        }
        return text;
    }
    return std::string();
}
// Parses "a.b.c.d[:port]", "v6", "[v6]:port" (optionally with %scope).
LINTEL_SDK_INLINE bool string_to_address(const std::string& text, int family, sockaddr* out,
                                         int* length) noexcept {
    if (family == AF_INET) {
        if (*length < static_cast<int>(sizeof(SOCKADDR_IN))) {
            *length = static_cast<int>(sizeof(SOCKADDR_IN));
            return false;
        }
        SOCKADDR_IN address;
        memset(&address, 0, sizeof(address));
        address.sin_family = AF_INET;
        std::string host = text;
        const size_t colon = text.find(':');
        if (colon != std::string::npos) {
            host = text.substr(0, colon);
            char* end = nullptr;
            const unsigned long port = strtoul(text.c_str() + colon + 1, &end, 10);
            if (end == nullptr || *end != '\0' || port > 65535 || colon + 1 == text.size()) {
                return false;
            }
            address.sin_port = htons(static_cast<uint16_t>(port));
        }
        if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
            return false;
        }
        memcpy(out, &address, sizeof(address));
        *length = static_cast<int>(sizeof(address));
        return true;
    }
    if (family == AF_INET6) {
        if (*length < static_cast<int>(sizeof(SOCKADDR_IN6))) {
            *length = static_cast<int>(sizeof(SOCKADDR_IN6));
            return false;
        }
        SOCKADDR_IN6 address;
        memset(&address, 0, sizeof(address));
        address.sin6_family = AF_INET6;
        std::string host = text;
        if (!text.empty() && text[0] == '[') {
            const size_t close = text.find(']');
            if (close == std::string::npos) {
                return false;
            }
            host = text.substr(1, close - 1);
            if (close + 1 < text.size()) {
                if (text[close + 1] != ':') {
                    return false;
                }
                char* end = nullptr;
                const unsigned long port = strtoul(text.c_str() + close + 2, &end, 10);
                if (end == nullptr || *end != '\0' || port > 65535) {
                    return false;
                }
                address.sin6_port = htons(static_cast<uint16_t>(port));
            }
        }
        const size_t percent = host.find('%');
        if (percent != std::string::npos) {
            address.sin6_scope_id =
                static_cast<uint32_t>(strtoul(host.c_str() + percent + 1, nullptr, 10));
            host.resize(percent);
        }
        if (inet_pton(AF_INET6, host.c_str(), &address.sin6_addr) != 1) {
            return false;
        }
        memcpy(out, &address, sizeof(address));
        *length = static_cast<int>(sizeof(address));
        return true;
    }
    return false;
}
}  // namespace sdk
}  // namespace lintel

// *size is in characters and includes the NUL. Too small: WSAEFAULT with *size set to the need.
LINTEL_SDK_INLINE INT WSAAddressToStringA(LPSOCKADDR address, DWORD address_length,
                                          LPWSAPROTOCOL_INFOA, LPSTR text, LPDWORD size) noexcept {
    if (size == nullptr) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    const std::string result = ::lintel::sdk::address_to_string(address, address_length);
    if (result.empty()) {
        WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    const DWORD needed = static_cast<DWORD>(result.size() + 1);
    if (text == nullptr || *size < needed) {
        *size = needed;
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    memcpy(text, result.c_str(), needed);
    *size = needed;
    return 0;
}
LINTEL_SDK_INLINE INT WSAAddressToStringW(LPSOCKADDR address, DWORD address_length,
                                          LPWSAPROTOCOL_INFOW, LPWSTR text, LPDWORD size) noexcept {
    if (size == nullptr) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    const std::string result = ::lintel::sdk::address_to_string(address, address_length);
    if (result.empty()) {
        WSASetLastError(WSAEINVAL);
        return SOCKET_ERROR;
    }
    const DWORD needed = static_cast<DWORD>(result.size() + 1);
    if (text == nullptr || *size < needed) {
        *size = needed;
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    for (DWORD i = 0; i < needed; ++i) {
        text[i] = static_cast<WCHAR>(static_cast<unsigned char>(result[i]));
    }
    *size = needed;
    return 0;
}
LINTEL_SDK_INLINE INT WSAStringToAddressA(LPSTR text, INT family, LPWSAPROTOCOL_INFOA,
                                          LPSOCKADDR address, LPINT length) noexcept {
    if (text == nullptr || address == nullptr || length == nullptr) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    const int given = *length;
    if (!::lintel::sdk::string_to_address(text, family, address, length)) {
        WSASetLastError(*length > given ? WSAEFAULT : WSAEINVAL);
        return SOCKET_ERROR;
    }
    return 0;
}
LINTEL_SDK_INLINE INT WSAStringToAddressW(LPWSTR text, INT family, LPWSAPROTOCOL_INFOW,
                                          LPSOCKADDR address, LPINT length) noexcept {
    if (text == nullptr || address == nullptr || length == nullptr) {
        WSASetLastError(WSAEFAULT);
        return SOCKET_ERROR;
    }
    const int given = *length;
    if (!::lintel::sdk::string_to_address(::lintel::sdk::narrow(text), family, address, length)) {
        WSASetLastError(*length > given ? WSAEFAULT : WSAEINVAL);
        return SOCKET_ERROR;
    }
    return 0;
}
// Unsuffixed forms (see "unsuffixed names" in windows.h).
LINTEL_SDK_INLINE INT WSAAddressToString(LPSOCKADDR address, DWORD address_length,
                                         LPWSAPROTOCOL_INFO info, LPTSTR text,
                                         LPDWORD size) noexcept {
#ifdef UNICODE
    return WSAAddressToStringW(address, address_length, info, text, size);
#else
    return WSAAddressToStringA(address, address_length, info, text, size);
#endif
}
template <typename LintelUnused_ = void>
LINTEL_SDK_INLINE INT WSAAddressToString(LPSOCKADDR address, DWORD address_length,
                                         LPWSAPROTOCOL_INFO, LintelOtherStr_ text,
                                         LPDWORD size) noexcept {
#ifdef UNICODE
    return WSAAddressToStringA(address, address_length, nullptr, text, size);
#else
    return WSAAddressToStringW(address, address_length, nullptr, text, size);
#endif
}

#endif  // LINTEL_WINSOCK2_H
