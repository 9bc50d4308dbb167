// objbase.h - Lintel SDK: COM runtime basics.
//
// Lintel has no COM runtime: apartments do not exist (CoInitialize* succeed and do nothing) and
// there is no class registry. CoCreateInstance asks the server through the weak hook
//     extern "C" HRESULT lintel_sdk_co_create_instance(const GUID* clsid, const GUID* iid,
//                                                      void** object);
// (exported by the server once it implements in-process classes such as the admin manager);
// without it every class is REGDB_E_CLASSNOTREG.

#include <windows.h>

#ifndef LINTEL_OBJBASE_H
#define LINTEL_OBJBASE_H

#include <unknwn.h>

typedef enum tagCOINIT {
    COINIT_APARTMENTTHREADED = 0x2,
    COINIT_MULTITHREADED = 0x0,
    COINIT_DISABLE_OLE1DDE = 0x4,
    COINIT_SPEED_OVER_MEMORY = 0x8
} COINIT;

typedef enum tagCLSCTX {
    CLSCTX_INPROC_SERVER = 0x1,
    CLSCTX_INPROC_HANDLER = 0x2,
    CLSCTX_LOCAL_SERVER = 0x4,
    CLSCTX_REMOTE_SERVER = 0x10
} CLSCTX;
#define CLSCTX_INPROC (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER)
#define CLSCTX_SERVER (CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER)
#define CLSCTX_ALL \
    (CLSCTX_INPROC_SERVER | CLSCTX_INPROC_HANDLER | CLSCTX_LOCAL_SERVER | CLSCTX_REMOTE_SERVER)

// The server's class factory hook (see the top of this file). Returns an HRESULT; on success
// *object holds an AddRef'ed interface pointer of type iid.
extern "C" __attribute__((weak, visibility("default"))) HRESULT lintel_sdk_co_create_instance(
    const GUID* clsid, const GUID* iid, void** object);

LINTEL_SDK_INLINE HRESULT CoInitialize(LPVOID) noexcept {
    return S_OK;
}
LINTEL_SDK_INLINE HRESULT CoInitializeEx(LPVOID, DWORD) noexcept {
    return S_OK;
}
LINTEL_SDK_INLINE void CoUninitialize() noexcept {}
LINTEL_SDK_INLINE HRESULT CoInitializeSecurity(PSECURITY_DESCRIPTOR, LONG, void*, void*, DWORD,
                                               DWORD, void*, DWORD, void*) noexcept {
    return S_OK;
}

LINTEL_SDK_INLINE HRESULT CoCreateInstance(REFCLSID clsid, LPUNKNOWN outer, DWORD, REFIID iid,
                                           LPVOID* object) noexcept {
    if (object == nullptr) {
        return E_POINTER;
    }
    *object = nullptr;
    if (outer != nullptr) {
        return CLASS_E_NOAGGREGATION;
    }
    if (&lintel_sdk_co_create_instance != nullptr) {
        return lintel_sdk_co_create_instance(&clsid, &iid, object);
    }
    return REGDB_E_CLASSNOTREG;
}

// CoTaskMem blocks are plain malloc blocks (BSTRs and SIDs use the same allocator).
LINTEL_SDK_INLINE LPVOID CoTaskMemAlloc(SIZE_T bytes) noexcept {
    return malloc(bytes == 0 ? 1 : bytes);
}
LINTEL_SDK_INLINE LPVOID CoTaskMemRealloc(LPVOID block, SIZE_T bytes) noexcept {
    return realloc(block, bytes == 0 ? 1 : bytes);
}
LINTEL_SDK_INLINE void CoTaskMemFree(LPVOID block) noexcept {
    free(block);
}

// Random (version 4) GUID from the kernel's random source.
LINTEL_SDK_INLINE HRESULT CoCreateGuid(GUID* guid) noexcept {
    if (guid == nullptr) {
        return E_INVALIDARG;
    }
    unsigned char bytes[16];
    size_t filled = 0;
    while (filled < sizeof(bytes)) {
        const ssize_t n = getrandom(bytes + filled, sizeof(bytes) - filled, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return LintelHresultFromErrno(errno);
        }
        filled += static_cast<size_t>(n);
    }
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
    guid->Data1 = (static_cast<DWORD>(bytes[0]) << 24) | (static_cast<DWORD>(bytes[1]) << 16) |
                  (static_cast<DWORD>(bytes[2]) << 8) | bytes[3];
    guid->Data2 = static_cast<WORD>((bytes[4] << 8) | bytes[5]);
    guid->Data3 = static_cast<WORD>((bytes[6] << 8) | bytes[7]);
    memcpy(guid->Data4, bytes + 8, 8);
    return S_OK;
}

// "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" in upper case: 39 characters with the NUL.
// Returns the characters written including the NUL, or 0 if the buffer is too small.
LINTEL_SDK_INLINE int StringFromGUID2(REFGUID guid, LPOLESTR buffer, int capacity) noexcept {
    if (buffer == nullptr || capacity < 39) {
        return 0;
    }
    swprintf(buffer, 39, L"{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", guid.Data1,
             guid.Data2, guid.Data3, guid.Data4[0], guid.Data4[1], guid.Data4[2], guid.Data4[3],
             guid.Data4[4], guid.Data4[5], guid.Data4[6], guid.Data4[7]);
    return 39;
}
// The string is allocated with CoTaskMemAlloc.
LINTEL_SDK_INLINE HRESULT StringFromCLSID(REFCLSID clsid, LPOLESTR* text) noexcept {
    if (text == nullptr) {
        return E_INVALIDARG;
    }
    *text = static_cast<LPOLESTR>(CoTaskMemAlloc(39 * sizeof(OLECHAR)));
    if (*text == nullptr) {
        return E_OUTOFMEMORY;
    }
    StringFromGUID2(clsid, *text, 39);
    return S_OK;
}
LINTEL_SDK_INLINE HRESULT StringFromIID(REFIID iid, LPOLESTR* text) noexcept {
    return StringFromCLSID(iid, text);
}
// Accepts the braced form only, as CLSIDFromString does for GUID strings (no ProgIDs here).
LINTEL_SDK_INLINE HRESULT CLSIDFromString(LPCOLESTR text, LPCLSID clsid) noexcept {
    if (text == nullptr || clsid == nullptr) {
        return E_INVALIDARG;
    }
    char narrow[39] = {};
    size_t length = 0;
    while (length < 38 && text[length] != L'\0') {
        if (text[length] > 0x7F) {
            return CO_E_CLASSSTRING;
        }
        narrow[length] = static_cast<char>(text[length]);
        ++length;
    }
    if (text[length] != L'\0' || length != 38 || !::lintel::sdk::is_guid_string(narrow, length)) {
        return CO_E_CLASSSTRING;
    }
    *clsid = ::lintel::sdk::parse_guid_string(narrow, length);
    return S_OK;
}
LINTEL_SDK_INLINE HRESULT IIDFromString(LPCOLESTR text, LPIID iid) noexcept {
    const HRESULT hr = CLSIDFromString(text, iid);
    return hr == CO_E_CLASSSTRING ? E_INVALIDARG : hr;
}

#endif  // LINTEL_OBJBASE_H
