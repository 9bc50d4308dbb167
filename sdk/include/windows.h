// windows.h - Lintel SDK: the Windows base surface IIS native modules need, on Linux.
//
// Lintel runs IIS native modules compiled from unchanged sources with g++. This header supplies
// the Windows types, macros and the subset of the Win32 API such modules use, implemented inline
// on top of POSIX so that a module links against nothing:
//     g++ -std=c++17 -shared -fPIC -I <sdk/include> module.cpp -o module.so
//
// Ground rules of this compatibility layer (read before extending it):
//  * Type sizes follow Lintel's decision 13 (semantics §11): WCHAR is wchar_t (4 bytes, UTF-32);
//    DWORD/LONG/ULONG/BOOL/HRESULT/INT/UINT are 32 bits; LONGLONG & co. 64; SIZE_T/ULONG_PTR are
//    pointer-sized. static_asserts below pin them.
//  * "ANSI" means UTF-8: CP_ACP, CP_OEMCP and CP_THREAD_ACP all convert as CP_UTF8, and every
//    A function treats char strings as UTF-8.
//  * Nothing here defines _WIN32, _WIN64, WIN32, WINVER or _WIN32_WINNT: third-party headers
//    (asio among them) switch to their Windows code paths on those names, even outside Windows
//    checks. _WIN32_WINNT_* version constants are provided for comparisons.
//  * No lower-case macros. In particular no min/max macros (they break <algorithm> and
//    numeric_limits<T>::max()): unless NOMINMAX is defined, min and max are global function
//    templates instead, which unqualified Windows-style calls find and which never hide
//    std::min/std::max. No `interface` macro either (a common identifier); define
//    LINTEL_DEFINE_INTERFACE_KEYWORD before including this header to get `#define interface
//    struct`.
//  * Unsuffixed A/W names (CreateFile, RegisterEventSource, ...) are C++ overloads, not macros:
//    the form that matches UNICODE is an ordinary function and the other form a function
//    template, so a call with a NULL string picks the UNICODE-following form (as the Windows
//    macro would), while a call with a literal of the other width still compiles.
//  * The Windows calling-convention keywords are empty and __declspec(x) compiles away. Note
//    that this also drops __declspec(thread) and __declspec(align(n)): use thread_local and
//    DECLSPEC_ALIGN(n).
//  * Functions are inline with hidden visibility (LINTEL_SDK_INLINE): every module carries its
//    own copy, so modules built against different SDK revisions never bind to each other's or
//    the server's copies.
//  * Errors: functions set the thread's last error (GetLastError) the way Windows documents;
//    errno values are mapped with LintelWin32ErrorFromErrno(). The secure CRT (_s) functions
//    never abort: where the Microsoft CRT would call the invalid-parameter handler they return
//    the error code (and empty the destination) as if the handler had returned.
//  * HANDLE encoding: see lintel/handles.h (file handles are Linux fds cast to a pointer).
//  * Module-side behaviour only: nothing here needs the server, except two optional weak hooks
//    the server exports (lintel_sdk_log below, lintel_sdk_co_create_instance in objbase.h).

#ifndef LINTEL_WINDOWS_H
#define LINTEL_WINDOWS_H

#ifndef __cplusplus
#error "The Lintel SDK headers are C++ only (modules are built with g++)."
#endif

// System headers come first, before any macro of ours exists.
#include <cerrno>
#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <cwchar>
#include <cwctype>
#include <new>
#include <string>
#include <type_traits>

#include <fcntl.h>
#include <locale.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <lintel/handles.h>

// ---- how the SDK's own inline functions are declared -------------------------------------------
#define LINTEL_SDK_INLINE inline __attribute__((visibility("hidden")))
#define LINTEL_SDK_CONSTEXPR constexpr __attribute__((visibility("hidden")))

// ---- calling conventions, storage-class and declaration decorations ---------------------------
// x86-64 has one calling convention; g++ would warn that stdcall & co. are ignored.
#define __stdcall
#define __cdecl
#define __fastcall
#define __thiscall
#define __clrcall
#define __vectorcall
#define __declspec(x)
#define __forceinline inline
#define __w64
#define __ptr64
#define __ptr32
#define __unaligned
#define __int64 long long
#define __int32 int
#define __int16 short
#define __int8 char

#define WINAPI
#define WINAPIV
#define APIENTRY
#define CALLBACK
#define PASCAL
#define CDECL
#define NTAPI
#define WSAAPI
#define STDAPICALLTYPE
#define STDAPIVCALLTYPE
#define STDMETHODCALLTYPE
#define STDMETHODVCALLTYPE
#define WINBASEAPI
#define WINADVAPI
#define WINUSERAPI
#define WINOLEAPI_(type) type
#define WINOLEAPI HRESULT
#define WINOLEAUTAPI_(type) type
#define WINOLEAUTAPI HRESULT
#define NTSYSAPI
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT __attribute__((visibility("default")))
#define DECLSPEC_NOVTABLE
#define DECLSPEC_UUID(x)
#define DECLSPEC_SELECTANY __attribute__((weak))
#define DECLSPEC_NOINLINE __attribute__((noinline))
#define DECLSPEC_NORETURN __attribute__((noreturn))
#define DECLSPEC_NOTHROW
#define DECLSPEC_ALIGN(x) __attribute__((aligned(x)))
#define DECLSPEC_DEPRECATED __attribute__((deprecated))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)
#define FORCEINLINE __forceinline
#define NOINLINE DECLSPEC_NOINLINE
#define UNALIGNED
#define UNALIGNED64
#define RESTRICTED_POINTER
#define FAR
#define NEAR
#define CONST const
#define VOID void
#define IN
#define OUT
#define OPTIONAL
#define EXTERN_C extern "C"
#define EXTERN_C_START extern "C" {
#define EXTERN_C_END }
#define STDAPI EXTERN_C HRESULT STDAPICALLTYPE
#define STDAPI_(type) EXTERN_C type STDAPICALLTYPE
#define STDMETHODIMP HRESULT STDMETHODCALLTYPE
#define STDMETHODIMP_(type) type STDMETHODCALLTYPE
#define STDMETHOD(method) virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define IFACEMETHOD(method) STDMETHOD(method)
#define IFACEMETHOD_(type, method) STDMETHOD_(type, method)
#define IFACEMETHODIMP STDMETHODIMP
#define IFACEMETHODIMP_(type) STDMETHODIMP_(type)
#define PURE = 0
#define THIS_
#define THIS void
#define BEGIN_INTERFACE
#define END_INTERFACE
#define DECLARE_INTERFACE(iface) struct DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, base) struct DECLSPEC_NOVTABLE iface : public base
#define DECLARE_INTERFACE_IID_(iface, base, iid) DECLARE_INTERFACE_(iface, base)
#define MIDL_INTERFACE(x) struct DECLSPEC_NOVTABLE
#define DECLARE_HANDLE(name) \
    struct name##__ {        \
        int unused;          \
    };                       \
    typedef struct name##__* name

#ifdef LINTEL_DEFINE_INTERFACE_KEYWORD
#define interface struct
#endif

// ---- version constants (for comparisons only; _WIN32_WINNT itself is not defined) -------------
#define _WIN32_WINNT_WS08 0x0600
#define _WIN32_WINNT_VISTA 0x0600
#define _WIN32_WINNT_WIN7 0x0601
#define _WIN32_WINNT_WIN8 0x0602
#define _WIN32_WINNT_WINBLUE 0x0603
#define _WIN32_WINNT_WIN10 0x0A00
#define NTDDI_VISTA 0x06000000
#define NTDDI_WIN7 0x06010000
#define NTDDI_WIN8 0x06020000
#define NTDDI_WINBLUE 0x06030000
#define NTDDI_WIN10 0x0A000000

// ---- base types --------------------------------------------------------------------------------
typedef void* PVOID;
typedef void* LPVOID;
typedef const void* LPCVOID;
typedef const void* PCVOID;
typedef char CHAR;
typedef signed char INT8;
typedef unsigned char UCHAR;
typedef unsigned char UINT8;
typedef unsigned char BYTE;
typedef unsigned char BOOLEAN;
typedef short SHORT;
typedef short INT16;
typedef unsigned short USHORT;
typedef unsigned short UINT16;
typedef unsigned short WORD;
typedef int INT;
typedef int INT32;
typedef int LONG;
typedef int LONG32;
typedef int BOOL;
typedef int HRESULT;
typedef int SCODE;
typedef int NTSTATUS;
typedef unsigned int UINT;
typedef unsigned int UINT32;
typedef unsigned int ULONG;
typedef unsigned int ULONG32;
typedef unsigned int DWORD;
typedef unsigned int DWORD32;
typedef float FLOAT;
typedef double DOUBLE;
typedef long long LONGLONG;
typedef long long LONG64;
typedef long long INT64;
typedef unsigned long long ULONGLONG;
typedef unsigned long long ULONG64;
typedef unsigned long long UINT64;
typedef unsigned long long DWORD64;
typedef unsigned long long DWORDLONG;
typedef intptr_t INT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t UINT_PTR;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef ULONG_PTR SIZE_T;
typedef LONG_PTR SSIZE_T;
typedef wchar_t WCHAR;
typedef WCHAR OLECHAR;
typedef DWORD LCID;
typedef WORD LANGID;
typedef WORD ATOM;
typedef DWORD COLORREF;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM;
typedef LONG_PTR LRESULT;
typedef DWORD ACCESS_MASK;
typedef ULONG_PTR KAFFINITY;

typedef CHAR* PCHAR;
typedef CHAR* LPCH;
typedef CHAR* PCH;
typedef CHAR* PSTR;
typedef CHAR* LPSTR;
typedef CHAR* NPSTR;
typedef const CHAR* PCSTR;
typedef const CHAR* LPCSTR;
typedef const CHAR* LPCCH;
typedef const CHAR* PCCH;
typedef WCHAR* PWCHAR;
typedef WCHAR* LPWCH;
typedef WCHAR* PWCH;
typedef WCHAR* PWSTR;
typedef WCHAR* LPWSTR;
typedef WCHAR* NWPSTR;
typedef const WCHAR* PCWSTR;
typedef const WCHAR* LPCWSTR;
typedef const WCHAR* LPCWCH;
typedef const WCHAR* PCWCH;
typedef PWSTR* PZPWSTR;
typedef PCWSTR* PZPCWSTR;
typedef PSTR* PZPSTR;
typedef PCSTR* PZPCSTR;
typedef OLECHAR* LPOLESTR;
typedef const OLECHAR* LPCOLESTR;
typedef UCHAR* PUCHAR;
typedef BYTE* PBYTE;
typedef BYTE* LPBYTE;
typedef const BYTE* PCBYTE;
typedef BOOLEAN* PBOOLEAN;
typedef SHORT* PSHORT;
typedef USHORT* PUSHORT;
typedef WORD* PWORD;
typedef WORD* LPWORD;
typedef INT* PINT;
typedef INT* LPINT;
typedef UINT* PUINT;
typedef UINT* LPUINT;
typedef LONG* PLONG;
typedef LONG* LPLONG;
typedef ULONG* PULONG;
typedef DWORD* PDWORD;
typedef DWORD* LPDWORD;
typedef BOOL* PBOOL;
typedef BOOL* LPBOOL;
typedef FLOAT* PFLOAT;
typedef LONGLONG* PLONGLONG;
typedef ULONGLONG* PULONGLONG;
typedef LONG64* PLONG64;
typedef ULONG64* PULONG64;
typedef DWORD64* PDWORD64;
typedef INT64* PINT64;
typedef UINT64* PUINT64;
typedef SIZE_T* PSIZE_T;
typedef ULONG_PTR* PULONG_PTR;
typedef LONG_PTR* PLONG_PTR;
typedef DWORD_PTR* PDWORD_PTR;
typedef HRESULT* PHRESULT;

#ifdef UNICODE
typedef WCHAR TCHAR;
typedef WCHAR TBYTE;
#else
typedef char TCHAR;
typedef unsigned char TBYTE;
#endif
typedef TCHAR* PTCHAR;
typedef TBYTE* PTBYTE;
typedef TCHAR* PTSTR;
typedef TCHAR* LPTSTR;
typedef TCHAR* LPTCH;
typedef TCHAR* PTCH;
typedef const TCHAR* PCTSTR;
typedef const TCHAR* LPCTSTR;

// Handles. HANDLE itself is declared in lintel/handles.h (void*).
typedef HANDLE* PHANDLE;
typedef HANDLE* LPHANDLE;
typedef HANDLE HLOCAL;
typedef HANDLE HGLOBAL;
DECLARE_HANDLE(HINSTANCE);
DECLARE_HANDLE(HKEY);
DECLARE_HANDLE(HWND);
typedef HINSTANCE HMODULE;
typedef HKEY* PHKEY;
typedef INT_PTR (*FARPROC)();
typedef INT_PTR (*NEARPROC)();
typedef INT_PTR (*PROC)();

// Security identifiers (winnt.h layout). Lintel does not implement Windows security; these exist
// so that code that formats or compares SIDs handed to it works.
typedef PVOID PSID;
typedef PVOID PSECURITY_DESCRIPTOR;
typedef struct _SID_IDENTIFIER_AUTHORITY {
    BYTE Value[6];
} SID_IDENTIFIER_AUTHORITY, *PSID_IDENTIFIER_AUTHORITY;
#define ANYSIZE_ARRAY 1
#define SID_REVISION 1
#define SID_MAX_SUB_AUTHORITIES 15
#define SECURITY_MAX_SID_SIZE (8 + SID_MAX_SUB_AUTHORITIES * 4)
typedef struct _SID {
    BYTE Revision;
    BYTE SubAuthorityCount;
    SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
    DWORD SubAuthority[ANYSIZE_ARRAY];
} SID, *PISID;
#define SECURITY_NULL_SID_AUTHORITY \
    { 0, 0, 0, 0, 0, 0 }
#define SECURITY_WORLD_SID_AUTHORITY \
    { 0, 0, 0, 0, 0, 1 }
#define SECURITY_LOCAL_SID_AUTHORITY \
    { 0, 0, 0, 0, 0, 2 }
#define SECURITY_CREATOR_SID_AUTHORITY \
    { 0, 0, 0, 0, 0, 3 }
#define SECURITY_NT_AUTHORITY \
    { 0, 0, 0, 0, 0, 5 }

typedef struct _SECURITY_ATTRIBUTES {
    DWORD nLength;
    LPVOID lpSecurityDescriptor;
    BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef union _LARGE_INTEGER {
    struct {
        DWORD LowPart;
        LONG HighPart;
    };
    struct {
        DWORD LowPart;
        LONG HighPart;
    } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
    struct {
        DWORD LowPart;
        DWORD HighPart;
    };
    struct {
        DWORD LowPart;
        DWORD HighPart;
    } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

typedef struct _LUID {
    DWORD LowPart;
    LONG HighPart;
} LUID, *PLUID;

typedef struct _LIST_ENTRY {
    struct _LIST_ENTRY* Flink;
    struct _LIST_ENTRY* Blink;
} LIST_ENTRY, *PLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
    struct _SINGLE_LIST_ENTRY* Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

// Decision 13: these sizes are part of the module ABI.
static_assert(sizeof(WCHAR) == 4, "WCHAR is wchar_t, 4 bytes on Linux");
static_assert(sizeof(CHAR) == 1 && sizeof(BYTE) == 1 && sizeof(BOOLEAN) == 1, "8-bit types");
static_assert(sizeof(SHORT) == 2 && sizeof(USHORT) == 2 && sizeof(WORD) == 2, "16-bit types");
static_assert(sizeof(INT) == 4 && sizeof(UINT) == 4 && sizeof(LONG) == 4 && sizeof(ULONG) == 4,
              "32-bit integer types");
static_assert(sizeof(DWORD) == 4 && sizeof(BOOL) == 4 && sizeof(HRESULT) == 4, "32-bit types");
static_assert(sizeof(LONGLONG) == 8 && sizeof(ULONGLONG) == 8 && sizeof(DWORD64) == 8 &&
                  sizeof(ULONG64) == 8,
              "64-bit types");
static_assert(sizeof(SIZE_T) == sizeof(size_t) && sizeof(ULONG_PTR) == sizeof(void*) &&
                  sizeof(DWORD_PTR) == sizeof(void*) && sizeof(LONG_PTR) == sizeof(void*),
              "pointer-sized types");
static_assert(sizeof(HANDLE) == sizeof(void*), "HANDLE is void*");
static_assert(sizeof(LARGE_INTEGER) == 8 && sizeof(ULARGE_INTEGER) == 8, "LARGE_INTEGER");

// ---- constants and small macros ---------------------------------------------------------------
#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef NULL
#define NULL __null
#endif

#define MAX_PATH 260
#define INFINITE 0xFFFFFFFFu
#define INVALID_HANDLE_VALUE (reinterpret_cast<HANDLE>(static_cast<LONG_PTR>(-1)))
#define INVALID_FILE_SIZE (static_cast<DWORD>(0xFFFFFFFF))
#define INVALID_SET_FILE_POINTER (static_cast<DWORD>(-1))
#define INVALID_FILE_ATTRIBUTES (static_cast<DWORD>(-1))
#define MAXDWORD 0xFFFFFFFFu
#define MAXULONG_PTR (~static_cast<ULONG_PTR>(0))
#define MAXLONG_PTR (static_cast<LONG_PTR>(MAXULONG_PTR >> 1))
#define MAXLONGLONG 0x7FFFFFFFFFFFFFFFLL
#define MAXCHAR 0x7F
#define MAXSHORT 0x7FFF
#define MAXLONG 0x7FFFFFFF
#define MAXBYTE 0xFF
#define MAXWORD 0xFFFF
#define MINCHAR 0x80
#define MINSHORT 0x8000
#define MINLONG 0x80000000
#define MEMORY_ALLOCATION_ALIGNMENT 16

#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define C_ASSERT(e) static_assert(e, #e)

namespace lintel {
namespace sdk {
// Array element count that refuses pointers at compile time (the helper is never defined).
template <typename T, size_t N>
char (&array_count_helper(T (&)[N]))[N];
}  // namespace sdk
}  // namespace lintel
#define ARRAYSIZE(a) (sizeof(::lintel::sdk::array_count_helper(a)))
#define RTL_NUMBER_OF(a) ARRAYSIZE(a)
#define _countof(a) ARRAYSIZE(a)
#define _ARRAYSIZE(a) ARRAYSIZE(a)

#define FIELD_OFFSET(type, field) (static_cast<LONG>(offsetof(type, field)))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type*)nullptr)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) (offsetof(type, field) + RTL_FIELD_SIZE(type, field))
#define CONTAINING_RECORD(address, type, field) \
    (reinterpret_cast<type*>(reinterpret_cast<PCHAR>(address) - offsetof(type, field)))

#define MAKEWORD(low, high)                                   \
    (static_cast<WORD>((static_cast<DWORD_PTR>(low) & 0xFF) | \
                       ((static_cast<DWORD_PTR>(high) & 0xFF) << 8)))
#define MAKELONG(low, high)                                     \
    (static_cast<LONG>((static_cast<DWORD_PTR>(low) & 0xFFFF) | \
                       ((static_cast<DWORD_PTR>(high) & 0xFFFF) << 16)))
#define LOWORD(l) (static_cast<WORD>(static_cast<DWORD_PTR>(l) & 0xFFFF))
#define HIWORD(l) (static_cast<WORD>((static_cast<DWORD_PTR>(l) >> 16) & 0xFFFF))
#define LOBYTE(w) (static_cast<BYTE>(static_cast<DWORD_PTR>(w) & 0xFF))
#define HIBYTE(w) (static_cast<BYTE>((static_cast<DWORD_PTR>(w) >> 8) & 0xFF))
#define MAKELANGID(primary, sub) (static_cast<WORD>((static_cast<WORD>(sub) << 10) | (primary)))
#define LANG_NEUTRAL 0x00
#define LANG_ENGLISH 0x09
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_NEUTRAL 0x00
#define LOCALE_USER_DEFAULT 0x0400
#define LOCALE_SYSTEM_DEFAULT 0x0800
#define LOCALE_INVARIANT 0x007F

#define LINTEL_WIDE_LITERAL_(quote) L##quote
#ifdef UNICODE
#define __TEXT(quote) LINTEL_WIDE_LITERAL_(quote)
#else
#define __TEXT(quote) quote
#endif
#define TEXT(quote) __TEXT(quote)
#ifndef _T
#ifdef _UNICODE  // _T follows _UNICODE (the CRT's switch), TEXT follows UNICODE
#define _T(x) LINTEL_WIDE_LITERAL_(x)
#else
#define _T(x) x
#endif
#endif

#define ZeroMemory(dest, length) (static_cast<void>(memset((dest), 0, (length))))
#define RtlZeroMemory(dest, length) ZeroMemory(dest, length)
#define CopyMemory(dest, src, length) (static_cast<void>(memcpy((dest), (src), (length))))
#define RtlCopyMemory(dest, src, length) CopyMemory(dest, src, length)
#define MoveMemory(dest, src, length) (static_cast<void>(memmove((dest), (src), (length))))
#define RtlMoveMemory(dest, src, length) MoveMemory(dest, src, length)
#define FillMemory(dest, length, fill) (static_cast<void>(memset((dest), (fill), (length))))
#define RtlFillMemory(dest, length, fill) FillMemory(dest, length, fill)
#define EqualMemory(a, b, length) (memcmp((a), (b), (length)) == 0)
#define RtlEqualMemory(a, b, length) EqualMemory(a, b, length)

// Unlike ZeroMemory this must survive dead-store elimination (used to wipe secrets).
LINTEL_SDK_INLINE PVOID SecureZeroMemory(PVOID dest, SIZE_T length) noexcept {
    volatile char* p = static_cast<volatile char*>(dest);
    while (length-- != 0) {
        *p++ = 0;
    }
    return dest;
}
LINTEL_SDK_INLINE PVOID RtlSecureZeroMemory(PVOID dest, SIZE_T length) noexcept {
    return SecureZeroMemory(dest, length);
}

#ifndef NOMINMAX
// Windows code calls min(a, b)/max(a, b) unqualified. Macros would break the standard library,
// so these are templates. Mixed argument types use the common type, as the macro's ?: would.
// When both arguments have the same type and <algorithm> is visible through a using-directive,
// std::min/std::max are more specialised and win, with the same result.
template <typename A, typename B>
LINTEL_SDK_CONSTEXPR typename std::common_type<A, B>::type min(const A& a, const B& b) {
    typedef typename std::common_type<A, B>::type common;
    const common ca = a;
    const common cb = b;
    return ca < cb ? ca : cb;
}
template <typename A, typename B>
LINTEL_SDK_CONSTEXPR typename std::common_type<A, B>::type max(const A& a, const B& b) {
    typedef typename std::common_type<A, B>::type common;
    const common ca = a;
    const common cb = b;
    return ca > cb ? ca : cb;
}
#endif

#include <sal.h>
#include <winerror.h>

// ---- GUIDs -------------------------------------------------------------------------------------
typedef struct _GUID {
    DWORD Data1;
    WORD Data2;
    WORD Data3;
    BYTE Data4[8];
} GUID;
static_assert(sizeof(GUID) == 16, "GUID layout");
typedef GUID IID;
typedef GUID CLSID;
typedef GUID FMTID;
typedef GUID UUID;
typedef GUID* LPGUID;
typedef const GUID* LPCGUID;
typedef GUID* PGUID;
typedef const GUID* PCGUID;
typedef IID* LPIID;
typedef CLSID* LPCLSID;
typedef const GUID& REFGUID;
typedef const IID& REFIID;
typedef const CLSID& REFCLSID;
typedef const FMTID& REFFMTID;

LINTEL_SDK_CONSTEXPR bool IsEqualGUID(REFGUID a, REFGUID b) noexcept {
    return a.Data1 == b.Data1 && a.Data2 == b.Data2 && a.Data3 == b.Data3 &&
           a.Data4[0] == b.Data4[0] && a.Data4[1] == b.Data4[1] && a.Data4[2] == b.Data4[2] &&
           a.Data4[3] == b.Data4[3] && a.Data4[4] == b.Data4[4] && a.Data4[5] == b.Data4[5] &&
           a.Data4[6] == b.Data4[6] && a.Data4[7] == b.Data4[7];
}
LINTEL_SDK_CONSTEXPR bool InlineIsEqualGUID(REFGUID a, REFGUID b) noexcept {
    return IsEqualGUID(a, b);
}
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#define IsEqualCLSID(a, b) IsEqualGUID(a, b)
#define IsEqualFMTID(a, b) IsEqualGUID(a, b)
LINTEL_SDK_CONSTEXPR bool operator==(const GUID& a, const GUID& b) noexcept {
    return IsEqualGUID(a, b);
}
LINTEL_SDK_CONSTEXPR bool operator!=(const GUID& a, const GUID& b) noexcept {
    return !IsEqualGUID(a, b);
}

// DEFINE_GUID always emits a weak ("selectany") definition, whether or not <initguid.h> came
// first: a module is often a single source file that never includes initguid.h, and on Linux a
// missing definition would only show up when the server loads the module. Weak definitions in
// several translation units of one module merge at link time. <initguid.h> still exists and
// defines INITGUID for code that tests it.
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8)          \
    EXTERN_C const GUID name __attribute__((weak)) = {                        \
        static_cast<DWORD>(l),                                                \
        static_cast<WORD>(w1),                                                \
        static_cast<WORD>(w2),                                                \
        {static_cast<BYTE>(b1), static_cast<BYTE>(b2), static_cast<BYTE>(b3), \
         static_cast<BYTE>(b4), static_cast<BYTE>(b5), static_cast<BYTE>(b6), \
         static_cast<BYTE>(b7), static_cast<BYTE>(b8)}}
#define DEFINE_OLEGUID(name, l, w1, w2) DEFINE_GUID(name, l, w1, w2, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)

namespace lintel {
namespace sdk {

LINTEL_SDK_CONSTEXPR int guid_hex_value(char c) noexcept {
    return (c >= '0' && c <= '9')   ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
}

// True if text[0..length) is "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", optionally in braces.
LINTEL_SDK_CONSTEXPR bool is_guid_string(const char* text, size_t length) noexcept {
    if (length == 38) {
        if (text[0] != '{' || text[37] != '}') {
            return false;
        }
        ++text;
        length = 36;
    }
    if (length != 36) {
        return false;
    }
    for (size_t i = 0; i < 36; ++i) {
        const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash_position ? text[i] != '-' : guid_hex_value(text[i]) < 0) {
            return false;
        }
    }
    return true;
}

// Parses a GUID string validated by is_guid_string (callers check first).
LINTEL_SDK_CONSTEXPR GUID parse_guid_string(const char* text, size_t length) noexcept {
    if (length == 38) {
        ++text;
    }
    // Positions of the 32 hex digits, skipping the dashes.
    size_t pos = 0;
    unsigned long long nibbles[32] = {};
    for (size_t i = 0; i < 36; ++i) {
        if (i != 8 && i != 13 && i != 18 && i != 23) {
            nibbles[pos++] = static_cast<unsigned long long>(guid_hex_value(text[i]));
        }
    }
    GUID g = {0, 0, 0, {0, 0, 0, 0, 0, 0, 0, 0}};
    for (size_t i = 0; i < 8; ++i) {
        g.Data1 = static_cast<DWORD>((g.Data1 << 4) | nibbles[i]);
    }
    for (size_t i = 8; i < 12; ++i) {
        g.Data2 = static_cast<WORD>((g.Data2 << 4) | nibbles[i]);
    }
    for (size_t i = 12; i < 16; ++i) {
        g.Data3 = static_cast<WORD>((g.Data3 << 4) | nibbles[i]);
    }
    for (size_t i = 0; i < 8; ++i) {
        g.Data4[i] = static_cast<BYTE>((nibbles[16 + 2 * i] << 4) | nibbles[17 + 2 * i]);
    }
    return g;
}

// A stable GUID for a type without a declared uuid: a hash of the type's name as g++ spells it
// in __PRETTY_FUNCTION__ (so the same in every module and the server), laid out as an RFC 9562
// version-8 ("custom") UUID. Only the "T = ..." part of the signature is hashed, so the result
// does not depend on this function's own name or signature.
template <typename T>
LINTEL_SDK_CONSTEXPR GUID name_based_guid() noexcept {
    const char* signature = __PRETTY_FUNCTION__;
    size_t begin = 0;
    while (signature[begin] != '\0' &&
           !(signature[begin] == 'T' && signature[begin + 1] == ' ' &&
             signature[begin + 2] == '=' && signature[begin + 3] == ' ')) {
        ++begin;
    }
    if (signature[begin] != '\0') {
        begin += 4;
    }
    unsigned long long h1 = 0xcbf29ce484222325ull;  // FNV-1a offset basis
    unsigned long long h2 = 0x84222325cbf29ce4ull;  // a second, independent start value
    int depth = 0;
    for (size_t i = begin; signature[i] != '\0'; ++i) {
        const char c = signature[i];
        if (c == '<' || c == '(' || c == '[') {
            ++depth;
        } else if (c == '>' || c == ')' || (c == ']' && depth > 0)) {
            --depth;
        } else if ((c == ';' || c == ']') && depth == 0) {
            break;
        }
        h1 = (h1 ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        h2 = (h2 ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        h2 ^= h2 >> 29;
    }
    GUID g = {0, 0, 0, {0, 0, 0, 0, 0, 0, 0, 0}};
    g.Data1 = static_cast<DWORD>(h1 >> 32);
    g.Data2 = static_cast<WORD>(h1 >> 16);
    g.Data3 = static_cast<WORD>((h1 & 0x0FFF) | 0x8000);         // version 8
    g.Data4[0] = static_cast<BYTE>(((h2 >> 56) & 0x3F) | 0x80);  // RFC variant
    for (int i = 1; i < 8; ++i) {
        g.Data4[i] = static_cast<BYTE>(h2 >> (8 * (7 - i)));
    }
    return g;
}

// uuid_traits<T>::value() is the GUID of T as a constant expression. LINTEL_DECLARE_UUID
// specialises it; otherwise the name-based GUID applies.
template <typename T>
struct uuid_traits {
    static constexpr GUID value() noexcept { return name_based_guid<T>(); }
};

// __uuidof looks through cv-qualifiers, references, pointers and arrays, as MSVC does.
template <typename T>
struct uuid_strip_once {
    typedef typename std::remove_cv<typename std::remove_all_extents<
        typename std::remove_pointer<typename std::remove_reference<T>::type>::type>::type>::type
        type;
};
template <typename T, bool done = std::is_same<T, typename uuid_strip_once<T>::type>::value>
struct uuid_key {
    typedef typename uuid_key<typename uuid_strip_once<T>::type>::type type;
};
template <typename T>
struct uuid_key<T, true> {
    typedef T type;
};

// The addressable GUID behind __uuidof(T). A function-local constant (not an inline variable) so
// that modules compiled as C++14 work too.
template <typename T>
struct __attribute__((visibility("hidden"))) uuid_storage {
    static const GUID& get() noexcept {
        static constexpr GUID value = uuid_traits<T>::value();
        return value;
    }
};

}  // namespace sdk
}  // namespace lintel

// __uuidof(Type): a const GUID& for a type (not an expression). Works for every type: the GUID
// declared with LINTEL_DECLARE_UUID, else a stable name-based one.
#define __uuidof(...) \
    (::lintel::sdk::uuid_storage<typename ::lintel::sdk::uuid_key<__VA_ARGS__>::type>::get())

// LINTEL_DECLARE_UUID(Type, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx") attaches a uuid to a class,
// replacing MSVC's __declspec(uuid(...)). Use it at global namespace scope, after the class is
// declared and before the first __uuidof(Type). The string is checked at compile time.
#define LINTEL_DECLARE_UUID(Type, uuid_string)                                             \
    template <>                                                                            \
    struct lintel::sdk::uuid_traits<Type> {                                                \
        static_assert(::lintel::sdk::is_guid_string(uuid_string, sizeof(uuid_string) - 1), \
                      "LINTEL_DECLARE_UUID: malformed uuid string for " #Type);            \
        static constexpr GUID value() noexcept {                                           \
            return ::lintel::sdk::parse_guid_string(uuid_string, sizeof(uuid_string) - 1); \
        }                                                                                  \
    }

// GUID of a type as a constant expression (for template arguments and static_asserts).
#define LINTEL_UUID_VALUE(...) \
    (::lintel::sdk::uuid_traits<typename ::lintel::sdk::uuid_key<__VA_ARGS__>::type>::value())

// Windows' IID_PPV_ARGS: the IID of what pp points to, and pp as void**.
template <typename T>
LINTEL_SDK_INLINE void** IID_PPV_ARGS_Helper(T** pp) noexcept {
    return reinterpret_cast<void**>(pp);
}
#define IID_PPV_ARGS(pp)                                                   \
    (::lintel::sdk::uuid_storage<                                          \
        typename ::lintel::sdk::uuid_key<decltype(**(pp))>::type>::get()), \
        IID_PPV_ARGS_Helper(pp)

DEFINE_GUID(GUID_NULL, 0x00000000, 0x0000, 0x0000, 0, 0, 0, 0, 0, 0, 0, 0);
#define IID_NULL GUID_NULL
#define CLSID_NULL GUID_NULL
#define FMTID_NULL GUID_NULL

// ---- last error ------------------------------------------------------------------------------
namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE DWORD& last_error_slot() noexcept {
    static thread_local DWORD value = 0;
    return value;
}
}  // namespace sdk
}  // namespace lintel

// Per thread, per binary (each module has its own slot, like each thread on Windows has one).
LINTEL_SDK_INLINE DWORD GetLastError() noexcept {
    return ::lintel::sdk::last_error_slot();
}
LINTEL_SDK_INLINE void SetLastError(DWORD error) noexcept {
    ::lintel::sdk::last_error_slot() = error;
}
LINTEL_SDK_INLINE void RestoreLastError(DWORD error) noexcept {
    SetLastError(error);
}

// Maps a Linux errno value to the Win32 error code Windows reports in the same situation.
LINTEL_SDK_INLINE DWORD LintelWin32ErrorFromErrno(int error) noexcept {
    switch (error) {
        case 0: return ERROR_SUCCESS;
        case ENOENT: return ERROR_FILE_NOT_FOUND;
        case ENOTDIR: return ERROR_PATH_NOT_FOUND;
        case EACCES:
        case EPERM:
        case EISDIR: return ERROR_ACCESS_DENIED;
        case EEXIST: return ERROR_FILE_EXISTS;
        case EBADF: return ERROR_INVALID_HANDLE;
        case ENOMEM: return ERROR_NOT_ENOUGH_MEMORY;
        case EINVAL: return ERROR_INVALID_PARAMETER;
        case ENOSPC:
        case EDQUOT: return ERROR_DISK_FULL;
        case EMFILE:
        case ENFILE: return ERROR_TOO_MANY_OPEN_FILES;
        case ENAMETOOLONG: return ERROR_FILENAME_EXCED_RANGE;
        case EROFS: return ERROR_WRITE_PROTECT;
        case ETXTBSY:
        case EBUSY: return ERROR_SHARING_VIOLATION;
        case EPIPE: return ERROR_BROKEN_PIPE;
        case ENOTEMPTY: return ERROR_DIR_NOT_EMPTY;
        case ENOSYS: return ERROR_CALL_NOT_IMPLEMENTED;
        case EOPNOTSUPP: return ERROR_NOT_SUPPORTED;
        case EFBIG:
        case EOVERFLOW: return ERROR_FILE_TOO_LARGE;
        case ECONNRESET: return ERROR_NETNAME_DELETED;
        case ECONNABORTED: return ERROR_CONNECTION_ABORTED;
        case ECONNREFUSED: return ERROR_CONNECTION_REFUSED;
        case ENOTCONN: return ERROR_CONNECTION_INVALID;
        case ENETUNREACH: return ERROR_NETWORK_UNREACHABLE;
        case EHOSTUNREACH: return ERROR_HOST_UNREACHABLE;
        case ETIMEDOUT: return ERROR_TIMEOUT;
        case ELOOP: return ERROR_CANT_RESOLVE_FILENAME;
        case EXDEV: return ERROR_NOT_SAME_DEVICE;
        case EINTR:
        case ECANCELED: return ERROR_OPERATION_ABORTED;
        case EAGAIN: return ERROR_RETRY;
        case EIO: return ERROR_IO_DEVICE;
        case ESPIPE: return ERROR_SEEK_ON_DEVICE;
        case EILSEQ: return ERROR_NO_UNICODE_TRANSLATION;
        case ERANGE: return ERROR_INSUFFICIENT_BUFFER;
        case EFAULT: return ERROR_NOACCESS;
        case ENODEV:
        case ENXIO: return ERROR_DEV_NOT_EXIST;
        default: return ERROR_GEN_FAILURE;
    }
}

// Sets the last error from errno and returns it, for "return FALSE after a failed syscall".
LINTEL_SDK_INLINE DWORD LintelSetLastErrorFromErrno(int error) noexcept {
    const DWORD code = LintelWin32ErrorFromErrno(error);
    SetLastError(code);
    return code;
}

LINTEL_SDK_INLINE HRESULT LintelHresultFromErrno(int error) noexcept {
    return HRESULT_FROM_WIN32(LintelWin32ErrorFromErrno(error));
}

// ---- memory ----------------------------------------------------------------------------------
// All Windows allocators map onto malloc/free; the allocator families must still be paired as on
// Windows (HeapAlloc/HeapFree, LocalAlloc/LocalFree ...), but memory never moves.
#define HEAP_NO_SERIALIZE 0x00000001
#define HEAP_GROWABLE 0x00000002
#define HEAP_GENERATE_EXCEPTIONS 0x00000004
#define HEAP_ZERO_MEMORY 0x00000008
#define HEAP_REALLOC_IN_PLACE_ONLY 0x00000010
#define LMEM_FIXED 0x0000
#define LMEM_MOVEABLE 0x0002
#define LMEM_ZEROINIT 0x0040
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define GMEM_FIXED 0x0000
#define GMEM_MOVEABLE 0x0002
#define GMEM_ZEROINIT 0x0040
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)
#define GHND (GMEM_MOVEABLE | GMEM_ZEROINIT)

namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE void destroy_heap_object(LintelHandleObject* object) noexcept {
    object->magic = 0;
    delete object;
}
LINTEL_SDK_INLINE void destroy_static_object(LintelHandleObject*) noexcept {
    // The process heap lives as long as the binary; CloseHandle/HeapDestroy leave it alone.
}
LINTEL_SDK_INLINE void* allocate(size_t bytes, bool zero) noexcept {
    // Windows returns a valid unique pointer for 0 bytes; malloc(0) may return NULL.
    const size_t size = bytes == 0 ? 1 : bytes;
    return zero ? calloc(1, size) : malloc(size);
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE HANDLE GetProcessHeap() noexcept {
    static LintelHandleObject process_heap = {LINTEL_HANDLE_OBJECT_MAGIC, LintelHandleKindHeap,
                                              &::lintel::sdk::destroy_static_object};
    return LintelHandleFromObject(&process_heap);
}
// Private heaps are only names: allocations come from malloc and HeapDestroy does not free
// blocks still allocated from the heap (free them with HeapFree first).
LINTEL_SDK_INLINE HANDLE HeapCreate(DWORD, SIZE_T, SIZE_T) noexcept {
    auto* heap = new (std::nothrow) LintelHandleObject;
    if (heap == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    heap->magic = LINTEL_HANDLE_OBJECT_MAGIC;
    heap->kind = LintelHandleKindHeap;
    heap->destroy = &::lintel::sdk::destroy_heap_object;
    return LintelHandleFromObject(heap);
}
LINTEL_SDK_INLINE BOOL HeapDestroy(HANDLE heap) noexcept {
    LintelHandleObject* object = LintelObjectFromHandle(heap);
    if (object == nullptr || object->kind != LintelHandleKindHeap) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    object->destroy(object);
    return TRUE;
}
LINTEL_SDK_INLINE LPVOID HeapAlloc(HANDLE, DWORD flags, SIZE_T bytes) noexcept {
    void* block = ::lintel::sdk::allocate(bytes, (flags & HEAP_ZERO_MEMORY) != 0);
    if (block == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    return block;
}
LINTEL_SDK_INLINE LPVOID HeapReAlloc(HANDLE, DWORD flags, LPVOID block, SIZE_T bytes) noexcept {
    if (block == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return nullptr;
    }
    if ((flags & HEAP_REALLOC_IN_PLACE_ONLY) != 0) {
        if (bytes <= malloc_usable_size(block)) {
            return block;
        }
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    const size_t old_size = malloc_usable_size(block);
    void* grown = realloc(block, bytes == 0 ? 1 : bytes);
    if (grown == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return nullptr;
    }
    if ((flags & HEAP_ZERO_MEMORY) != 0 && bytes > old_size) {
        memset(static_cast<char*>(grown) + old_size, 0, bytes - old_size);
    }
    return grown;
}
LINTEL_SDK_INLINE BOOL HeapFree(HANDLE, DWORD, LPVOID block) noexcept {
    free(block);
    return TRUE;
}
// The usable size of the block, which may exceed the size requested.
LINTEL_SDK_INLINE SIZE_T HeapSize(HANDLE, DWORD, LPCVOID block) noexcept {
    return block == nullptr ? static_cast<SIZE_T>(-1)
                            : malloc_usable_size(const_cast<void*>(block));
}

LINTEL_SDK_INLINE HLOCAL LocalAlloc(UINT flags, SIZE_T bytes) noexcept {
    void* block = ::lintel::sdk::allocate(bytes, (flags & LMEM_ZEROINIT) != 0);
    if (block == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    return block;
}
LINTEL_SDK_INLINE HLOCAL LocalReAlloc(HLOCAL block, SIZE_T bytes, UINT flags) noexcept {
    return HeapReAlloc(NULL, (flags & LMEM_ZEROINIT) != 0 ? HEAP_ZERO_MEMORY : 0, block, bytes);
}
LINTEL_SDK_INLINE HLOCAL LocalFree(HLOCAL block) noexcept {
    free(block);
    return NULL;
}
LINTEL_SDK_INLINE LPVOID LocalLock(HLOCAL block) noexcept {
    return block;
}
LINTEL_SDK_INLINE BOOL LocalUnlock(HLOCAL) noexcept {
    return TRUE;
}
LINTEL_SDK_INLINE SIZE_T LocalSize(HLOCAL block) noexcept {
    return block == nullptr ? 0 : malloc_usable_size(block);
}
LINTEL_SDK_INLINE HGLOBAL GlobalAlloc(UINT flags, SIZE_T bytes) noexcept {
    return LocalAlloc(flags, bytes);
}
LINTEL_SDK_INLINE HGLOBAL GlobalReAlloc(HGLOBAL block, SIZE_T bytes, UINT flags) noexcept {
    return LocalReAlloc(block, bytes, flags);
}
LINTEL_SDK_INLINE HGLOBAL GlobalFree(HGLOBAL block) noexcept {
    return LocalFree(block);
}
LINTEL_SDK_INLINE LPVOID GlobalLock(HGLOBAL block) noexcept {
    return block;
}
LINTEL_SDK_INLINE BOOL GlobalUnlock(HGLOBAL) noexcept {
    return TRUE;
}
LINTEL_SDK_INLINE SIZE_T GlobalSize(HGLOBAL block) noexcept {
    return LocalSize(block);
}

// Alignment must be a power of two (EINVAL otherwise, like the CRT).
LINTEL_SDK_INLINE void* _aligned_malloc(size_t size, size_t alignment) noexcept {
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
        errno = EINVAL;
        return nullptr;
    }
    if (alignment < sizeof(void*)) {
        alignment = sizeof(void*);
    }
    void* block = nullptr;
    const int rc = posix_memalign(&block, alignment, size == 0 ? 1 : size);
    if (rc != 0) {
        errno = rc;
        return nullptr;
    }
    return block;
}
LINTEL_SDK_INLINE void _aligned_free(void* block) noexcept {
    free(block);
}
#define _alloca(size) __builtin_alloca(size)
#define _malloca(size) __builtin_alloca(size)
#define _freea(block) (static_cast<void>(block))

// ---- interlocked operations ------------------------------------------------------------------
// Full-barrier atomics on any integer width, so that LONG, DWORD, ULONG, plain long and the
// 64-bit types all work with the unsuffixed names (Windows code relies on C++ overloads for
// unsigned operands). The 64-bit names take LONGLONG/LONG64 as on Windows.
#define LINTEL_INTERLOCKED_OVERLOADS_(T)                                                    \
    LINTEL_SDK_INLINE T InterlockedIncrement(T volatile* target) noexcept {                 \
        return __atomic_add_fetch(target, 1, __ATOMIC_SEQ_CST);                             \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedDecrement(T volatile* target) noexcept {                 \
        return __atomic_sub_fetch(target, 1, __ATOMIC_SEQ_CST);                             \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedExchange(T volatile* target, T value) noexcept {         \
        return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);                        \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedExchangeAdd(T volatile* target, T value) noexcept {      \
        return __atomic_fetch_add(target, value, __ATOMIC_SEQ_CST);                         \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedExchangeSubtract(T volatile* target, T value) noexcept { \
        return __atomic_fetch_sub(target, value, __ATOMIC_SEQ_CST);                         \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedAdd(T volatile* target, T value) noexcept {              \
        return __atomic_add_fetch(target, value, __ATOMIC_SEQ_CST);                         \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedCompareExchange(T volatile* target, T exchange,          \
                                                   T comparand) noexcept {                  \
        __atomic_compare_exchange_n(target, &comparand, exchange, false, __ATOMIC_SEQ_CST,  \
                                    __ATOMIC_SEQ_CST);                                      \
        return comparand;                                                                   \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedAnd(T volatile* target, T value) noexcept {              \
        return __atomic_fetch_and(target, value, __ATOMIC_SEQ_CST);                         \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedOr(T volatile* target, T value) noexcept {               \
        return __atomic_fetch_or(target, value, __ATOMIC_SEQ_CST);                          \
    }                                                                                       \
    LINTEL_SDK_INLINE T InterlockedXor(T volatile* target, T value) noexcept {              \
        return __atomic_fetch_xor(target, value, __ATOMIC_SEQ_CST);                         \
    }
LINTEL_INTERLOCKED_OVERLOADS_(short)
LINTEL_INTERLOCKED_OVERLOADS_(unsigned short)
LINTEL_INTERLOCKED_OVERLOADS_(int)
LINTEL_INTERLOCKED_OVERLOADS_(unsigned int)
LINTEL_INTERLOCKED_OVERLOADS_(long)
LINTEL_INTERLOCKED_OVERLOADS_(unsigned long)
LINTEL_INTERLOCKED_OVERLOADS_(long long)
LINTEL_INTERLOCKED_OVERLOADS_(unsigned long long)
#undef LINTEL_INTERLOCKED_OVERLOADS_

LINTEL_SDK_INLINE LONGLONG InterlockedIncrement64(LONGLONG volatile* target) noexcept {
    return InterlockedIncrement(target);
}
LINTEL_SDK_INLINE LONGLONG InterlockedDecrement64(LONGLONG volatile* target) noexcept {
    return InterlockedDecrement(target);
}
LINTEL_SDK_INLINE LONGLONG InterlockedExchange64(LONGLONG volatile* target, LONGLONG v) noexcept {
    return InterlockedExchange(target, v);
}
LINTEL_SDK_INLINE LONGLONG InterlockedExchangeAdd64(LONGLONG volatile* target,
                                                    LONGLONG v) noexcept {
    return InterlockedExchangeAdd(target, v);
}
LINTEL_SDK_INLINE LONGLONG InterlockedAdd64(LONGLONG volatile* target, LONGLONG v) noexcept {
    return InterlockedAdd(target, v);
}
LINTEL_SDK_INLINE LONGLONG InterlockedCompareExchange64(LONGLONG volatile* target,
                                                        LONGLONG exchange,
                                                        LONGLONG comparand) noexcept {
    return InterlockedCompareExchange(target, exchange, comparand);
}
LINTEL_SDK_INLINE LONGLONG InterlockedAnd64(LONGLONG volatile* target, LONGLONG v) noexcept {
    return InterlockedAnd(target, v);
}
LINTEL_SDK_INLINE LONGLONG InterlockedOr64(LONGLONG volatile* target, LONGLONG v) noexcept {
    return InterlockedOr(target, v);
}
LINTEL_SDK_INLINE LONGLONG InterlockedXor64(LONGLONG volatile* target, LONGLONG v) noexcept {
    return InterlockedXor(target, v);
}
LINTEL_SDK_INLINE SHORT InterlockedIncrement16(SHORT volatile* target) noexcept {
    return InterlockedIncrement(target);
}
LINTEL_SDK_INLINE SHORT InterlockedDecrement16(SHORT volatile* target) noexcept {
    return InterlockedDecrement(target);
}
LINTEL_SDK_INLINE SHORT InterlockedCompareExchange16(SHORT volatile* target, SHORT exchange,
                                                     SHORT comparand) noexcept {
    return InterlockedCompareExchange(target, exchange, comparand);
}
LINTEL_SDK_INLINE PVOID InterlockedExchangePointer(PVOID volatile* target, PVOID value) noexcept {
    return __atomic_exchange_n(target, value, __ATOMIC_SEQ_CST);
}
LINTEL_SDK_INLINE PVOID InterlockedCompareExchangePointer(PVOID volatile* target, PVOID exchange,
                                                          PVOID comparand) noexcept {
    __atomic_compare_exchange_n(target, &comparand, exchange, false, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
    return comparand;
}
#define InterlockedIncrementAcquire InterlockedIncrement
#define InterlockedIncrementRelease InterlockedIncrement
#define InterlockedDecrementAcquire InterlockedDecrement
#define InterlockedDecrementRelease InterlockedDecrement
#define InterlockedCompareExchangeAcquire InterlockedCompareExchange
#define InterlockedCompareExchangeRelease InterlockedCompareExchange
#define InterlockedCompareExchangePointerAcquire InterlockedCompareExchangePointer
#define InterlockedCompareExchangePointerRelease InterlockedCompareExchangePointer
#define _InterlockedIncrement InterlockedIncrement
#define _InterlockedDecrement InterlockedDecrement
#define _InterlockedExchange InterlockedExchange
#define _InterlockedExchangeAdd InterlockedExchangeAdd
#define _InterlockedCompareExchange InterlockedCompareExchange
#define _InterlockedCompareExchange64 InterlockedCompareExchange64
#define _InterlockedExchangePointer InterlockedExchangePointer
#define _InterlockedCompareExchangePointer InterlockedCompareExchangePointer

LINTEL_SDK_INLINE void MemoryBarrier() noexcept {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}
LINTEL_SDK_INLINE void YieldProcessor() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}
#define _ReadWriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define _ReadBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define _WriteBarrier() __atomic_signal_fence(__ATOMIC_SEQ_CST)

// ---- interlocked singly linked lists ---------------------------------------------------------
// Entries keep Windows' 16-byte alignment. The header is guarded by a tiny spin lock instead of
// the 128-bit compare-and-swap Windows uses (that would need libatomic or -mcx16, and modules
// link nothing); the critical sections are a handful of instructions.
typedef struct DECLSPEC_ALIGN(16) _SLIST_ENTRY {
    struct _SLIST_ENTRY* Next;
} SLIST_ENTRY, *PSLIST_ENTRY;

typedef union DECLSPEC_ALIGN(16) _SLIST_HEADER {
    struct {
        ULONGLONG Alignment;
        ULONGLONG Region;
    };
    struct {
        PSLIST_ENTRY lintel_first_;
        unsigned int lintel_lock_;
        unsigned short lintel_depth_;
        unsigned short lintel_sequence_;
    } lintel_;
} SLIST_HEADER, *PSLIST_HEADER;
static_assert(sizeof(SLIST_HEADER) == 16, "SLIST_HEADER is 16 bytes as on x64 Windows");

namespace lintel {
namespace sdk {
class __attribute__((visibility("hidden"))) slist_guard {
public:
    explicit slist_guard(PSLIST_HEADER head) noexcept : lock_(&head->lintel_.lintel_lock_) {
        unsigned spins = 0;
        while (__atomic_exchange_n(lock_, 1u, __ATOMIC_ACQUIRE) != 0) {
            while (__atomic_load_n(lock_, __ATOMIC_RELAXED) != 0) {
                if (++spins < 64) {
                    YieldProcessor();
                } else {
                    sched_yield();
                }
            }
        }
    }
    ~slist_guard() { __atomic_store_n(lock_, 0u, __ATOMIC_RELEASE); }
    slist_guard(const slist_guard&) = delete;
    slist_guard& operator=(const slist_guard&) = delete;

private:
    unsigned int* lock_;
};
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE void InitializeSListHead(PSLIST_HEADER head) noexcept {
    memset(static_cast<void*>(head), 0, sizeof(*head));
}
LINTEL_SDK_INLINE PSLIST_ENTRY InterlockedPushEntrySList(PSLIST_HEADER head,
                                                         PSLIST_ENTRY entry) noexcept {
    ::lintel::sdk::slist_guard guard(head);
    PSLIST_ENTRY previous = head->lintel_.lintel_first_;
    entry->Next = previous;
    head->lintel_.lintel_first_ = entry;
    ++head->lintel_.lintel_depth_;
    ++head->lintel_.lintel_sequence_;
    return previous;
}
LINTEL_SDK_INLINE PSLIST_ENTRY InterlockedPopEntrySList(PSLIST_HEADER head) noexcept {
    ::lintel::sdk::slist_guard guard(head);
    PSLIST_ENTRY first = head->lintel_.lintel_first_;
    if (first != nullptr) {
        head->lintel_.lintel_first_ = first->Next;
        --head->lintel_.lintel_depth_;
        ++head->lintel_.lintel_sequence_;
    }
    return first;
}
LINTEL_SDK_INLINE PSLIST_ENTRY InterlockedFlushSList(PSLIST_HEADER head) noexcept {
    ::lintel::sdk::slist_guard guard(head);
    PSLIST_ENTRY first = head->lintel_.lintel_first_;
    head->lintel_.lintel_first_ = nullptr;
    head->lintel_.lintel_depth_ = 0;
    return first;
}
// Pushes the chain list..list_end (already linked through Next) in one step.
LINTEL_SDK_INLINE PSLIST_ENTRY InterlockedPushListSListEx(PSLIST_HEADER head, PSLIST_ENTRY list,
                                                          PSLIST_ENTRY list_end,
                                                          ULONG count) noexcept {
    ::lintel::sdk::slist_guard guard(head);
    PSLIST_ENTRY previous = head->lintel_.lintel_first_;
    list_end->Next = previous;
    head->lintel_.lintel_first_ = list;
    head->lintel_.lintel_depth_ = static_cast<unsigned short>(head->lintel_.lintel_depth_ + count);
    ++head->lintel_.lintel_sequence_;
    return previous;
}
LINTEL_SDK_INLINE USHORT QueryDepthSList(PSLIST_HEADER head) noexcept {
    ::lintel::sdk::slist_guard guard(head);
    return head->lintel_.lintel_depth_;
}
LINTEL_SDK_INLINE PSLIST_ENTRY RtlFirstEntrySList(const SLIST_HEADER* head) noexcept {
    return __atomic_load_n(&head->lintel_.lintel_first_, __ATOMIC_ACQUIRE);
}

// ---- critical sections -----------------------------------------------------------------------
// Recursive mutexes, as Windows critical sections are. Must be initialised and deleted.
typedef struct _RTL_CRITICAL_SECTION {
    pthread_mutex_t lintel_mutex_;
    ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, CRITICAL_SECTION, *PRTL_CRITICAL_SECTION, *PCRITICAL_SECTION,
    *LPCRITICAL_SECTION;

#define CRITICAL_SECTION_NO_DEBUG_INFO 0x01000000

LINTEL_SDK_INLINE void InitializeCriticalSection(LPCRITICAL_SECTION section) noexcept {
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_settype(&attributes, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&section->lintel_mutex_, &attributes);
    pthread_mutexattr_destroy(&attributes);
    section->SpinCount = 0;
}
LINTEL_SDK_INLINE BOOL InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION section,
                                                             DWORD spin_count) noexcept {
    InitializeCriticalSection(section);
    section->SpinCount = spin_count;
    return TRUE;
}
LINTEL_SDK_INLINE BOOL InitializeCriticalSectionEx(LPCRITICAL_SECTION section, DWORD spin_count,
                                                   DWORD) noexcept {
    return InitializeCriticalSectionAndSpinCount(section, spin_count);
}
LINTEL_SDK_INLINE DWORD SetCriticalSectionSpinCount(LPCRITICAL_SECTION section,
                                                    DWORD spin_count) noexcept {
    const DWORD previous = static_cast<DWORD>(section->SpinCount);
    section->SpinCount = spin_count;
    return previous;
}
LINTEL_SDK_INLINE void EnterCriticalSection(LPCRITICAL_SECTION section) noexcept {
    pthread_mutex_lock(&section->lintel_mutex_);
}
LINTEL_SDK_INLINE BOOL TryEnterCriticalSection(LPCRITICAL_SECTION section) noexcept {
    return pthread_mutex_trylock(&section->lintel_mutex_) == 0 ? TRUE : FALSE;
}
LINTEL_SDK_INLINE void LeaveCriticalSection(LPCRITICAL_SECTION section) noexcept {
    pthread_mutex_unlock(&section->lintel_mutex_);
}
LINTEL_SDK_INLINE void DeleteCriticalSection(LPCRITICAL_SECTION section) noexcept {
    pthread_mutex_destroy(&section->lintel_mutex_);
}

// ---- slim reader/writer locks ----------------------------------------------------------------
// A pthread rwlock that prefers writers (Windows SRW locks do not starve writers). Needs no
// destruction, like an SRW lock. Not recursive; release from the acquiring thread.
typedef struct _RTL_SRWLOCK {
    pthread_rwlock_t lintel_lock_;
} RTL_SRWLOCK, SRWLOCK, *PRTL_SRWLOCK, *PSRWLOCK;
#ifdef PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP
#define SRWLOCK_INIT \
    { PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP }
#else
#define SRWLOCK_INIT \
    { PTHREAD_RWLOCK_INITIALIZER }
#endif
#define RTL_SRWLOCK_INIT SRWLOCK_INIT

LINTEL_SDK_INLINE void InitializeSRWLock(PSRWLOCK lock) noexcept {
    const SRWLOCK initial = SRWLOCK_INIT;
    *lock = initial;
}
LINTEL_SDK_INLINE void AcquireSRWLockExclusive(PSRWLOCK lock) noexcept {
    pthread_rwlock_wrlock(&lock->lintel_lock_);
}
LINTEL_SDK_INLINE void AcquireSRWLockShared(PSRWLOCK lock) noexcept {
    pthread_rwlock_rdlock(&lock->lintel_lock_);
}
LINTEL_SDK_INLINE void ReleaseSRWLockExclusive(PSRWLOCK lock) noexcept {
    pthread_rwlock_unlock(&lock->lintel_lock_);
}
LINTEL_SDK_INLINE void ReleaseSRWLockShared(PSRWLOCK lock) noexcept {
    pthread_rwlock_unlock(&lock->lintel_lock_);
}
LINTEL_SDK_INLINE BOOLEAN TryAcquireSRWLockExclusive(PSRWLOCK lock) noexcept {
    return pthread_rwlock_trywrlock(&lock->lintel_lock_) == 0 ? TRUE : FALSE;
}
LINTEL_SDK_INLINE BOOLEAN TryAcquireSRWLockShared(PSRWLOCK lock) noexcept {
    return pthread_rwlock_tryrdlock(&lock->lintel_lock_) == 0 ? TRUE : FALSE;
}

// ---- time helpers used by waits ----------------------------------------------------------------
namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE unsigned long long monotonic_ns() noexcept {
    timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<unsigned long long>(now.tv_sec) * 1000000000ull +
           static_cast<unsigned long long>(now.tv_nsec);
}
LINTEL_SDK_INLINE timespec deadline_after_ms(clockid_t clock, DWORD milliseconds) noexcept {
    timespec when;
    clock_gettime(clock, &when);
    when.tv_sec += static_cast<time_t>(milliseconds / 1000);
    when.tv_nsec += static_cast<long>(milliseconds % 1000) * 1000000L;
    if (when.tv_nsec >= 1000000000L) {
        when.tv_sec += 1;
        when.tv_nsec -= 1000000000L;
    }
    return when;
}
}  // namespace sdk
}  // namespace lintel

// ---- condition variables ---------------------------------------------------------------------
// A sequence counter plus futex, so that one condition variable works with both critical
// sections and SRW locks (pthread condition variables only pair with mutexes).
typedef struct _RTL_CONDITION_VARIABLE {
    unsigned int lintel_sequence_;
} RTL_CONDITION_VARIABLE, CONDITION_VARIABLE, *PRTL_CONDITION_VARIABLE, *PCONDITION_VARIABLE;
#define CONDITION_VARIABLE_INIT \
    { 0 }
#define RTL_CONDITION_VARIABLE_INIT CONDITION_VARIABLE_INIT
#define CONDITION_VARIABLE_LOCKMODE_SHARED 0x1

namespace lintel {
namespace sdk {
// Waits until the sequence moves away from `seen` or the timeout passes. Returns false on timeout.
LINTEL_SDK_INLINE bool futex_wait_change(unsigned int* word, unsigned int seen,
                                         DWORD milliseconds) noexcept {
    const unsigned long long start = monotonic_ns();
    for (;;) {
        timespec relative;
        timespec* timeout = nullptr;
        if (milliseconds != INFINITE) {
            const unsigned long long elapsed = monotonic_ns() - start;
            const unsigned long long limit =
                static_cast<unsigned long long>(milliseconds) * 1000000ull;
            if (elapsed >= limit) {
                return false;
            }
            const unsigned long long left = limit - elapsed;
            relative.tv_sec = static_cast<time_t>(left / 1000000000ull);
            relative.tv_nsec = static_cast<long>(left % 1000000000ull);
            timeout = &relative;
        }
        const long rc =
            syscall(SYS_futex, word, 128 /* FUTEX_WAIT_PRIVATE */, seen, timeout, nullptr, 0);
        if (__atomic_load_n(word, __ATOMIC_ACQUIRE) != seen) {
            return true;
        }
        if (rc == 0) {
            return true;  // woken: the caller re-checks its predicate anyway
        }
        if (errno == ETIMEDOUT) {
            return false;
        }
        // EINTR or EAGAIN: go round again with the remaining time.
    }
}
LINTEL_SDK_INLINE void futex_wake(unsigned int* word, int count) noexcept {
    syscall(SYS_futex, word, 129 /* FUTEX_WAKE_PRIVATE */, count, nullptr, nullptr, 0);
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE void InitializeConditionVariable(PCONDITION_VARIABLE condition) noexcept {
    condition->lintel_sequence_ = 0;
}
LINTEL_SDK_INLINE void WakeConditionVariable(PCONDITION_VARIABLE condition) noexcept {
    __atomic_add_fetch(&condition->lintel_sequence_, 1u, __ATOMIC_RELEASE);
    ::lintel::sdk::futex_wake(&condition->lintel_sequence_, 1);
}
LINTEL_SDK_INLINE void WakeAllConditionVariable(PCONDITION_VARIABLE condition) noexcept {
    __atomic_add_fetch(&condition->lintel_sequence_, 1u, __ATOMIC_RELEASE);
    ::lintel::sdk::futex_wake(&condition->lintel_sequence_, 0x7fffffff);
}
// As on Windows, the caller must hold the lock once; wakeups may be spurious.
LINTEL_SDK_INLINE BOOL SleepConditionVariableCS(PCONDITION_VARIABLE condition,
                                                PCRITICAL_SECTION section,
                                                DWORD milliseconds) noexcept {
    const unsigned int seen = __atomic_load_n(&condition->lintel_sequence_, __ATOMIC_ACQUIRE);
    LeaveCriticalSection(section);
    const bool woken =
        ::lintel::sdk::futex_wait_change(&condition->lintel_sequence_, seen, milliseconds);
    EnterCriticalSection(section);
    if (!woken) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL SleepConditionVariableSRW(PCONDITION_VARIABLE condition, PSRWLOCK lock,
                                                 DWORD milliseconds, ULONG flags) noexcept {
    const bool shared = (flags & CONDITION_VARIABLE_LOCKMODE_SHARED) != 0;
    const unsigned int seen = __atomic_load_n(&condition->lintel_sequence_, __ATOMIC_ACQUIRE);
    if (shared) {
        ReleaseSRWLockShared(lock);
    } else {
        ReleaseSRWLockExclusive(lock);
    }
    const bool woken =
        ::lintel::sdk::futex_wait_change(&condition->lintel_sequence_, seen, milliseconds);
    if (shared) {
        AcquireSRWLockShared(lock);
    } else {
        AcquireSRWLockExclusive(lock);
    }
    if (!woken) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return TRUE;
}

// ---- events and waits --------------------------------------------------------------------------
// An event is a heap object (mutex + condition variable) behind an object handle; CloseHandle
// frees it. Closing an event while another thread waits on it is undefined, as on Windows.
// Names are ignored: every CreateEvent creates a new, unnamed event.
#define CREATE_EVENT_MANUAL_RESET 0x00000001
#define CREATE_EVENT_INITIAL_SET 0x00000002
#define EVENT_ALL_ACCESS 0x1F0003
#define EVENT_MODIFY_STATE 0x0002
#define SYNCHRONIZE 0x00100000
#define MAXIMUM_WAIT_OBJECTS 64

namespace lintel {
namespace sdk {
struct __attribute__((visibility("hidden"))) event_object : LintelHandleObject {
    pthread_mutex_t mutex;
    pthread_cond_t condition;
    unsigned long long pulses;
    bool manual_reset;
    bool signaled;
};
LINTEL_SDK_INLINE void destroy_event_object(LintelHandleObject* object) noexcept {
    auto* event = static_cast<event_object*>(object);
    event->magic = 0;
    pthread_cond_destroy(&event->condition);
    pthread_mutex_destroy(&event->mutex);
    delete event;
}
LINTEL_SDK_INLINE event_object* event_from_handle(HANDLE handle) noexcept {
    LintelHandleObject* object = LintelObjectFromHandle(handle);
    if (object == nullptr || object->kind != LintelHandleKindEvent) {
        return nullptr;
    }
    return static_cast<event_object*>(object);
}
LINTEL_SDK_INLINE HANDLE create_event(BOOL manual_reset, BOOL initial_state) noexcept {
    auto* event = new (std::nothrow) event_object;
    if (event == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    event->magic = LINTEL_HANDLE_OBJECT_MAGIC;
    event->kind = LintelHandleKindEvent;
    event->destroy = &destroy_event_object;
    pthread_mutex_init(&event->mutex, nullptr);
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(&event->condition, &attributes);
    pthread_condattr_destroy(&attributes);
    event->pulses = 0;
    event->manual_reset = manual_reset != FALSE;
    event->signaled = initial_state != FALSE;
    SetLastError(ERROR_SUCCESS);
    return LintelHandleFromObject(event);
}
// Waits for one event; caller holds nothing.
LINTEL_SDK_INLINE DWORD wait_event(event_object* event, DWORD milliseconds) noexcept {
    pthread_mutex_lock(&event->mutex);
    const unsigned long long pulses_at_start = event->pulses;
    const timespec deadline = deadline_after_ms(CLOCK_MONOTONIC, milliseconds);
    DWORD result = WAIT_OBJECT_0;
    while (!event->signaled && event->pulses == pulses_at_start) {
        if (milliseconds == 0) {
            result = WAIT_TIMEOUT;
            break;
        }
        const int rc = milliseconds == INFINITE
                           ? pthread_cond_wait(&event->condition, &event->mutex)
                           : pthread_cond_timedwait(&event->condition, &event->mutex, &deadline);
        if (rc == ETIMEDOUT && !event->signaled && event->pulses == pulses_at_start) {
            result = WAIT_TIMEOUT;
            break;
        }
    }
    if (result == WAIT_OBJECT_0 && event->signaled && !event->manual_reset) {
        event->signaled = false;  // an auto-reset event releases exactly one waiter
    }
    pthread_mutex_unlock(&event->mutex);
    return result;
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE HANDLE CreateEventA(LPSECURITY_ATTRIBUTES, BOOL manual_reset, BOOL initial_state,
                                      LPCSTR) noexcept {
    return ::lintel::sdk::create_event(manual_reset, initial_state);
}
LINTEL_SDK_INLINE HANDLE CreateEventW(LPSECURITY_ATTRIBUTES, BOOL manual_reset, BOOL initial_state,
                                      LPCWSTR) noexcept {
    return ::lintel::sdk::create_event(manual_reset, initial_state);
}
LINTEL_SDK_INLINE HANDLE CreateEventExA(LPSECURITY_ATTRIBUTES, LPCSTR, DWORD flags,
                                        DWORD) noexcept {
    return ::lintel::sdk::create_event((flags & CREATE_EVENT_MANUAL_RESET) != 0,
                                       (flags & CREATE_EVENT_INITIAL_SET) != 0);
}
LINTEL_SDK_INLINE HANDLE CreateEventExW(LPSECURITY_ATTRIBUTES, LPCWSTR, DWORD flags,
                                        DWORD) noexcept {
    return ::lintel::sdk::create_event((flags & CREATE_EVENT_MANUAL_RESET) != 0,
                                       (flags & CREATE_EVENT_INITIAL_SET) != 0);
}
// Named events do not exist on Lintel, so there is never one to open.
LINTEL_SDK_INLINE HANDLE OpenEventA(DWORD, BOOL, LPCSTR) noexcept {
    SetLastError(ERROR_FILE_NOT_FOUND);
    return NULL;
}
LINTEL_SDK_INLINE HANDLE OpenEventW(DWORD, BOOL, LPCWSTR) noexcept {
    SetLastError(ERROR_FILE_NOT_FOUND);
    return NULL;
}
LINTEL_SDK_INLINE BOOL SetEvent(HANDLE handle) noexcept {
    ::lintel::sdk::event_object* event = ::lintel::sdk::event_from_handle(handle);
    if (event == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&event->mutex);
    event->signaled = true;
    if (event->manual_reset) {
        pthread_cond_broadcast(&event->condition);
    } else {
        pthread_cond_signal(&event->condition);
    }
    pthread_mutex_unlock(&event->mutex);
    return TRUE;
}
LINTEL_SDK_INLINE BOOL ResetEvent(HANDLE handle) noexcept {
    ::lintel::sdk::event_object* event = ::lintel::sdk::event_from_handle(handle);
    if (event == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&event->mutex);
    event->signaled = false;
    pthread_mutex_unlock(&event->mutex);
    return TRUE;
}
// Releases the threads waiting right now (one for an auto-reset event) and leaves the event
// non-signalled. Windows documents PulseEvent as unreliable; so is this.
LINTEL_SDK_INLINE BOOL PulseEvent(HANDLE handle) noexcept {
    ::lintel::sdk::event_object* event = ::lintel::sdk::event_from_handle(handle);
    if (event == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    pthread_mutex_lock(&event->mutex);
    ++event->pulses;
    event->signaled = false;
    if (event->manual_reset) {
        pthread_cond_broadcast(&event->condition);
    } else {
        pthread_cond_signal(&event->condition);
    }
    pthread_mutex_unlock(&event->mutex);
    return TRUE;
}

// Events wait; a file handle is always signalled (Lintel's file I/O completes synchronously).
LINTEL_SDK_INLINE DWORD WaitForSingleObject(HANDLE handle, DWORD milliseconds) noexcept {
    if (::lintel::sdk::event_object* event = ::lintel::sdk::event_from_handle(handle)) {
        return ::lintel::sdk::wait_event(event, milliseconds);
    }
    if (LintelHandleIsFd(handle)) {
        return WAIT_OBJECT_0;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return WAIT_FAILED;
}
LINTEL_SDK_INLINE DWORD WaitForSingleObjectEx(HANDLE handle, DWORD milliseconds, BOOL) noexcept {
    return WaitForSingleObject(handle, milliseconds);
}
// Polls the handles (1 ms apart) rather than blocking on all of them at once; with wait_all the
// handles are taken together only when all are signalled at the same moment.
LINTEL_SDK_INLINE DWORD WaitForMultipleObjects(DWORD count, const HANDLE* handles, BOOL wait_all,
                                               DWORD milliseconds) noexcept {
    if (count == 0 || count > MAXIMUM_WAIT_OBJECTS || handles == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    ::lintel::sdk::event_object* events[MAXIMUM_WAIT_OBJECTS] = {};
    for (DWORD i = 0; i < count; ++i) {
        events[i] = ::lintel::sdk::event_from_handle(handles[i]);
        if (events[i] == nullptr && !LintelHandleIsFd(handles[i])) {
            SetLastError(ERROR_INVALID_HANDLE);
            return WAIT_FAILED;
        }
    }
    const unsigned long long start = ::lintel::sdk::monotonic_ns();
    for (;;) {
        if (wait_all) {
            // Lock in address order so that concurrent waiters cannot deadlock.
            ::lintel::sdk::event_object* order[MAXIMUM_WAIT_OBJECTS] = {};
            DWORD locked = 0;
            for (DWORD i = 0; i < count; ++i) {
                if (events[i] != nullptr) {
                    order[locked++] = events[i];
                }
            }
            for (DWORD i = 1; i < locked; ++i) {
                for (DWORD j = i; j > 0 && order[j] < order[j - 1]; --j) {
                    ::lintel::sdk::event_object* swap = order[j];
                    order[j] = order[j - 1];
                    order[j - 1] = swap;
                }
            }
            bool all = true;
            for (DWORD i = 0; i < locked; ++i) {
                if (i == 0 || order[i] != order[i - 1]) {
                    pthread_mutex_lock(&order[i]->mutex);
                }
            }
            for (DWORD i = 0; i < locked; ++i) {
                all = all && order[i]->signaled;
            }
            if (all) {
                for (DWORD i = 0; i < locked; ++i) {
                    if (!order[i]->manual_reset) {
                        order[i]->signaled = false;
                    }
                }
            }
            for (DWORD i = locked; i > 0; --i) {
                if (i == 1 || order[i - 1] != order[i - 2]) {
                    pthread_mutex_unlock(&order[i - 1]->mutex);
                }
            }
            if (all) {
                return WAIT_OBJECT_0;
            }
        } else {
            for (DWORD i = 0; i < count; ++i) {
                if (events[i] == nullptr ||
                    ::lintel::sdk::wait_event(events[i], 0) == WAIT_OBJECT_0) {
                    return WAIT_OBJECT_0 + i;
                }
            }
        }
        if (milliseconds != INFINITE &&
            ::lintel::sdk::monotonic_ns() - start >=
                static_cast<unsigned long long>(milliseconds) * 1000000ull) {
            return WAIT_TIMEOUT;
        }
        const timespec pause = {0, 1000000L};
        nanosleep(&pause, nullptr);
    }
}
LINTEL_SDK_INLINE DWORD WaitForMultipleObjectsEx(DWORD count, const HANDLE* handles, BOOL wait_all,
                                                 DWORD milliseconds, BOOL) noexcept {
    return WaitForMultipleObjects(count, handles, wait_all, milliseconds);
}

// Closes a file handle (the fd) or destroys a handle object.
LINTEL_SDK_INLINE BOOL CloseHandle(HANDLE handle) noexcept {
    const int fd = LintelFdFromHandle(handle);
    if (fd >= 0) {
        if (close(fd) != 0 && errno != EINTR) {
            LintelSetLastErrorFromErrno(errno);
            return FALSE;
        }
        return TRUE;
    }
    if (LintelHandleObject* object = LintelObjectFromHandle(handle)) {
        object->destroy(object);
        return TRUE;
    }
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

// ---- processes and threads ---------------------------------------------------------------------
LINTEL_SDK_INLINE DWORD GetCurrentThreadId() noexcept {
    return static_cast<DWORD>(syscall(SYS_gettid));
}
LINTEL_SDK_INLINE DWORD GetCurrentProcessId() noexcept {
    return static_cast<DWORD>(getpid());
}
LINTEL_SDK_INLINE HANDLE GetCurrentProcess() noexcept {
    return reinterpret_cast<HANDLE>(static_cast<LONG_PTR>(-1));
}
LINTEL_SDK_INLINE HANDLE GetCurrentThread() noexcept {
    return reinterpret_cast<HANDLE>(static_cast<LONG_PTR>(-2));
}
LINTEL_SDK_INLINE BOOL SwitchToThread() noexcept {
    return sched_yield() == 0 ? TRUE : FALSE;
}

LINTEL_SDK_INLINE void Sleep(DWORD milliseconds) noexcept {
    if (milliseconds == INFINITE) {
        for (;;) {
            pause();
        }
    }
    timespec left = {static_cast<time_t>(milliseconds / 1000),
                     static_cast<long>(milliseconds % 1000) * 1000000L};
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
}
LINTEL_SDK_INLINE DWORD SleepEx(DWORD milliseconds, BOOL) noexcept {
    Sleep(milliseconds);
    return 0;
}

// ---- time
// ----------------------------------------------------------------------------------------
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;

typedef struct _TIME_ZONE_INFORMATION {
    LONG Bias;
    WCHAR StandardName[32];
    SYSTEMTIME StandardDate;
    LONG StandardBias;
    WCHAR DaylightName[32];
    SYSTEMTIME DaylightDate;
    LONG DaylightBias;
} TIME_ZONE_INFORMATION, *PTIME_ZONE_INFORMATION, *LPTIME_ZONE_INFORMATION;
#define TIME_ZONE_ID_INVALID (static_cast<DWORD>(0xFFFFFFFF))
#define TIME_ZONE_ID_UNKNOWN 0
#define TIME_ZONE_ID_STANDARD 1
#define TIME_ZONE_ID_DAYLIGHT 2

namespace lintel {
namespace sdk {
// FILETIME counts 100 ns intervals since 1601-01-01 UTC.
constexpr unsigned long long filetime_unix_epoch = 116444736000000000ull;
constexpr unsigned long long filetime_ticks_per_second = 10000000ull;

LINTEL_SDK_INLINE unsigned long long filetime_to_u64(const FILETIME& ft) noexcept {
    return (static_cast<unsigned long long>(ft.dwHighDateTime) << 32) | ft.dwLowDateTime;
}
LINTEL_SDK_INLINE FILETIME u64_to_filetime(unsigned long long ticks) noexcept {
    FILETIME ft;
    ft.dwLowDateTime = static_cast<DWORD>(ticks);
    ft.dwHighDateTime = static_cast<DWORD>(ticks >> 32);
    return ft;
}
LINTEL_SDK_INLINE unsigned long long timespec_to_ticks(const timespec& ts) noexcept {
    return filetime_unix_epoch +
           static_cast<unsigned long long>(ts.tv_sec) * filetime_ticks_per_second +
           static_cast<unsigned long long>(ts.tv_nsec) / 100;
}
// Days since 1970-01-01 for a proleptic Gregorian date (era arithmetic, 400-year cycles).
LINTEL_SDK_INLINE long long days_from_civil(long long year, unsigned month, unsigned day) noexcept {
    year -= month <= 2 ? 1 : 0;
    const long long era = (year >= 0 ? year : year - 399) / 400;
    const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
    const unsigned day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const unsigned day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + static_cast<long long>(day_of_era) - 719468;
}
LINTEL_SDK_INLINE void civil_from_days(long long days, long long* year, unsigned* month,
                                       unsigned* day) noexcept {
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned mp = (5 * day_of_year + 2) / 153;
    *day = day_of_year - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = static_cast<long long>(year_of_era) + era * 400 + (*month <= 2 ? 1 : 0);
}
LINTEL_SDK_INLINE bool is_leap_year(unsigned year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
LINTEL_SDK_INLINE unsigned days_in_month(unsigned year, unsigned month) noexcept {
    static const unsigned char lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}
// Seconds relative to the Unix epoch (may be negative) for a FILETIME tick count.
LINTEL_SDK_INLINE long long ticks_to_unix_seconds(unsigned long long ticks) noexcept {
    return static_cast<long long>(ticks / filetime_ticks_per_second) -
           static_cast<long long>(filetime_unix_epoch / filetime_ticks_per_second);
}
LINTEL_SDK_INLINE void tm_to_systemtime(const struct tm& t, WORD milliseconds,
                                        SYSTEMTIME* st) noexcept {
    st->wYear = static_cast<WORD>(t.tm_year + 1900);
    st->wMonth = static_cast<WORD>(t.tm_mon + 1);
    st->wDayOfWeek = static_cast<WORD>(t.tm_wday);
    st->wDay = static_cast<WORD>(t.tm_mday);
    st->wHour = static_cast<WORD>(t.tm_hour);
    st->wMinute = static_cast<WORD>(t.tm_min);
    st->wSecond = static_cast<WORD>(t.tm_sec);
    st->wMilliseconds = milliseconds;
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE void GetSystemTimeAsFileTime(LPFILETIME file_time) noexcept {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    *file_time = ::lintel::sdk::u64_to_filetime(::lintel::sdk::timespec_to_ticks(now));
}
LINTEL_SDK_INLINE void GetSystemTimePreciseAsFileTime(LPFILETIME file_time) noexcept {
    GetSystemTimeAsFileTime(file_time);
}

// Valid for FILETIME values below 0x8000000000000000 (years 1601 to 30827), as on Windows.
LINTEL_SDK_INLINE BOOL FileTimeToSystemTime(const FILETIME* file_time,
                                            LPSYSTEMTIME system_time) noexcept {
    if (file_time == nullptr || system_time == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const unsigned long long ticks = ::lintel::sdk::filetime_to_u64(*file_time);
    if ((ticks >> 63) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const unsigned long long total_seconds = ticks / ::lintel::sdk::filetime_ticks_per_second;
    const unsigned long long days_since_1601 = total_seconds / 86400;
    const unsigned long long second_of_day = total_seconds % 86400;
    // 1601-01-01 is 134774 days before 1970-01-01 and was a Monday.
    const long long days_since_1970 = static_cast<long long>(days_since_1601) - 134774;
    long long year = 0;
    unsigned month = 0;
    unsigned day = 0;
    ::lintel::sdk::civil_from_days(days_since_1970, &year, &month, &day);
    system_time->wYear = static_cast<WORD>(year);
    system_time->wMonth = static_cast<WORD>(month);
    system_time->wDay = static_cast<WORD>(day);
    system_time->wDayOfWeek = static_cast<WORD>((days_since_1601 + 1) % 7);
    system_time->wHour = static_cast<WORD>(second_of_day / 3600);
    system_time->wMinute = static_cast<WORD>((second_of_day / 60) % 60);
    system_time->wSecond = static_cast<WORD>(second_of_day % 60);
    system_time->wMilliseconds =
        static_cast<WORD>((ticks % ::lintel::sdk::filetime_ticks_per_second) / 10000);
    return TRUE;
}

// wDayOfWeek is ignored; every other field is range-checked as Windows does.
LINTEL_SDK_INLINE BOOL SystemTimeToFileTime(const SYSTEMTIME* system_time,
                                            LPFILETIME file_time) noexcept {
    if (system_time == nullptr || file_time == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const SYSTEMTIME& st = *system_time;
    if (st.wYear < 1601 || st.wYear > 30827 || st.wMonth < 1 || st.wMonth > 12 || st.wDay < 1 ||
        st.wDay > ::lintel::sdk::days_in_month(st.wYear, st.wMonth) || st.wHour > 23 ||
        st.wMinute > 59 || st.wSecond > 59 || st.wMilliseconds > 999) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const long long days = ::lintel::sdk::days_from_civil(st.wYear, st.wMonth, st.wDay) + 134774;
    const unsigned long long seconds = static_cast<unsigned long long>(days) * 86400ull +
                                       st.wHour * 3600ull + st.wMinute * 60ull + st.wSecond;
    *file_time = ::lintel::sdk::u64_to_filetime(seconds * ::lintel::sdk::filetime_ticks_per_second +
                                                st.wMilliseconds * 10000ull);
    return TRUE;
}

LINTEL_SDK_INLINE void GetSystemTime(LPSYSTEMTIME system_time) noexcept {
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    FileTimeToSystemTime(&now, system_time);
}
LINTEL_SDK_INLINE void GetLocalTime(LPSYSTEMTIME system_time) noexcept {
    timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm local;
    localtime_r(&now.tv_sec, &local);
    ::lintel::sdk::tm_to_systemtime(local, static_cast<WORD>(now.tv_nsec / 1000000), system_time);
}

// With time_zone == NULL the process's local time zone (TZ / /etc/localtime) is used, DST
// included. With a TIME_ZONE_INFORMATION only its Bias is applied (no DST rules).
LINTEL_SDK_INLINE BOOL SystemTimeToTzSpecificLocalTime(const TIME_ZONE_INFORMATION* time_zone,
                                                       const SYSTEMTIME* universal,
                                                       LPSYSTEMTIME local) noexcept {
    FILETIME ft;
    if (local == nullptr || !SystemTimeToFileTime(universal, &ft)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const unsigned long long ticks = ::lintel::sdk::filetime_to_u64(ft);
    if (time_zone != nullptr) {
        const long long shifted =
            static_cast<long long>(ticks) -
            static_cast<long long>(time_zone->Bias) * 60 *
                static_cast<long long>(::lintel::sdk::filetime_ticks_per_second);
        const FILETIME shifted_ft =
            ::lintel::sdk::u64_to_filetime(static_cast<unsigned long long>(shifted));
        return FileTimeToSystemTime(&shifted_ft, local);
    }
    const time_t seconds = static_cast<time_t>(::lintel::sdk::ticks_to_unix_seconds(ticks));
    struct tm t;
    if (localtime_r(&seconds, &t) == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ::lintel::sdk::tm_to_systemtime(t, universal->wMilliseconds, local);
    return TRUE;
}
LINTEL_SDK_INLINE BOOL TzSpecificLocalTimeToSystemTime(const TIME_ZONE_INFORMATION* time_zone,
                                                       const SYSTEMTIME* local,
                                                       LPSYSTEMTIME universal) noexcept {
    FILETIME ft;
    if (universal == nullptr || !SystemTimeToFileTime(local, &ft)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (time_zone != nullptr) {
        const unsigned long long shifted =
            ::lintel::sdk::filetime_to_u64(ft) +
            static_cast<unsigned long long>(static_cast<long long>(time_zone->Bias) * 60) *
                ::lintel::sdk::filetime_ticks_per_second;
        const FILETIME shifted_ft = ::lintel::sdk::u64_to_filetime(shifted);
        return FileTimeToSystemTime(&shifted_ft, universal);
    }
    struct tm t = {};
    t.tm_year = local->wYear - 1900;
    t.tm_mon = local->wMonth - 1;
    t.tm_mday = local->wDay;
    t.tm_hour = local->wHour;
    t.tm_min = local->wMinute;
    t.tm_sec = local->wSecond;
    t.tm_isdst = -1;
    const time_t seconds = mktime(&t);
    struct tm utc;
    if (seconds == static_cast<time_t>(-1) || gmtime_r(&seconds, &utc) == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ::lintel::sdk::tm_to_systemtime(utc, local->wMilliseconds, universal);
    return TRUE;
}
LINTEL_SDK_INLINE BOOL FileTimeToLocalFileTime(const FILETIME* utc, LPFILETIME local) noexcept {
    if (utc == nullptr || local == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const unsigned long long ticks = ::lintel::sdk::filetime_to_u64(*utc);
    const time_t seconds = static_cast<time_t>(::lintel::sdk::ticks_to_unix_seconds(ticks));
    struct tm t;
    localtime_r(&seconds, &t);
    const long long offset = t.tm_gmtoff;
    *local = ::lintel::sdk::u64_to_filetime(static_cast<unsigned long long>(
        static_cast<long long>(ticks) +
        offset * static_cast<long long>(::lintel::sdk::filetime_ticks_per_second)));
    return TRUE;
}
LINTEL_SDK_INLINE BOOL LocalFileTimeToFileTime(const FILETIME* local, LPFILETIME utc) noexcept {
    if (utc == nullptr || local == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const unsigned long long ticks = ::lintel::sdk::filetime_to_u64(*local);
    const time_t seconds = static_cast<time_t>(::lintel::sdk::ticks_to_unix_seconds(ticks));
    struct tm t;
    localtime_r(&seconds, &t);
    const long long offset = t.tm_gmtoff;
    *utc = ::lintel::sdk::u64_to_filetime(static_cast<unsigned long long>(
        static_cast<long long>(ticks) -
        offset * static_cast<long long>(::lintel::sdk::filetime_ticks_per_second)));
    return TRUE;
}
LINTEL_SDK_INLINE LONG CompareFileTime(const FILETIME* a, const FILETIME* b) noexcept {
    const unsigned long long x = ::lintel::sdk::filetime_to_u64(*a);
    const unsigned long long y = ::lintel::sdk::filetime_to_u64(*b);
    return x < y ? -1 : (x > y ? 1 : 0);
}
// Bias of the local time zone in minutes (UTC = local + Bias) and its abbreviations.
LINTEL_SDK_INLINE DWORD GetTimeZoneInformation(LPTIME_ZONE_INFORMATION info) noexcept {
    if (info == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return TIME_ZONE_ID_INVALID;
    }
    memset(static_cast<void*>(info), 0, sizeof(*info));
    const time_t now = time(nullptr);
    struct tm t;
    localtime_r(&now, &t);
    info->Bias = static_cast<LONG>(-t.tm_gmtoff / 60);
    tzset();
    for (int i = 0; i < 31 && tzname[0] != nullptr && tzname[0][i] != '\0'; ++i) {
        info->StandardName[i] = static_cast<WCHAR>(static_cast<unsigned char>(tzname[0][i]));
    }
    for (int i = 0; i < 31 && tzname[1] != nullptr && tzname[1][i] != '\0'; ++i) {
        info->DaylightName[i] = static_cast<WCHAR>(static_cast<unsigned char>(tzname[1][i]));
    }
    return t.tm_isdst > 0 ? TIME_ZONE_ID_DAYLIGHT : TIME_ZONE_ID_STANDARD;
}

// Milliseconds since an arbitrary point (boot, via CLOCK_MONOTONIC); the 32-bit form wraps.
LINTEL_SDK_INLINE ULONGLONG GetTickCount64() noexcept {
    return ::lintel::sdk::monotonic_ns() / 1000000ull;
}
LINTEL_SDK_INLINE DWORD GetTickCount() noexcept {
    return static_cast<DWORD>(GetTickCount64());
}
// Nanosecond resolution: the frequency is 10^9 counts per second.
LINTEL_SDK_INLINE BOOL QueryPerformanceCounter(LARGE_INTEGER* counter) noexcept {
    counter->QuadPart = static_cast<LONGLONG>(::lintel::sdk::monotonic_ns());
    return TRUE;
}
LINTEL_SDK_INLINE BOOL QueryPerformanceFrequency(LARGE_INTEGER* frequency) noexcept {
    frequency->QuadPart = 1000000000LL;
    return TRUE;
}

// ---- code pages ------------------------------------------------------------------------------
#define CP_ACP 0
#define CP_OEMCP 1
#define CP_MACCP 2
#define CP_THREAD_ACP 3
#define CP_SYMBOL 42
#define CP_UTF7 65000
#define CP_UTF8 65001
#define MB_PRECOMPOSED 0x00000001
#define MB_COMPOSITE 0x00000002
#define MB_USEGLYPHCHARS 0x00000004
#define MB_ERR_INVALID_CHARS 0x00000008
#define WC_DISCARDNS 0x00000010
#define WC_SEPCHARS 0x00000020
#define WC_DEFAULTCHAR 0x00000040
#define WC_ERR_INVALID_CHARS 0x00000080
#define WC_COMPOSITECHECK 0x00000200
#define WC_NO_BEST_FIT_CHARS 0x00000400

namespace lintel {
namespace sdk {

enum class code_page_kind { utf8, latin1, windows1252, ascii, unsupported };

LINTEL_SDK_INLINE code_page_kind classify_code_page(UINT code_page) noexcept {
    switch (code_page) {
        case CP_ACP:
        case CP_OEMCP:
        case CP_MACCP:
        case CP_THREAD_ACP:
        case CP_UTF8: return code_page_kind::utf8;
        case 28591: return code_page_kind::latin1;
        case 1252: return code_page_kind::windows1252;
        case 20127: return code_page_kind::ascii;
        default: return code_page_kind::unsupported;
    }
}

// Code points of windows-1252 bytes 0x80..0x9F (0 = unassigned).
LINTEL_SDK_INLINE const unsigned short* windows1252_high_table() noexcept {
    static const unsigned short table[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    return table;
}

constexpr char32_t replacement_character = 0xFFFD;

// Decodes one UTF-8 sequence starting at text[*pos] (end exclusive). Strict: rejects overlong
// forms, surrogates and values above U+10FFFF. On error consumes the maximal invalid prefix
// (at least one byte) and returns false.
LINTEL_SDK_INLINE bool decode_utf8(const unsigned char* text, size_t end, size_t* pos,
                                   char32_t* out) noexcept {
    const unsigned char lead = text[*pos];
    if (lead < 0x80) {
        *out = lead;
        ++*pos;
        return true;
    }
    size_t length = 0;
    char32_t value = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0F;
        if (lead == 0xE0) {
            low = 0xA0;
        } else if (lead == 0xED) {
            high = 0x9F;
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07;
        if (lead == 0xF0) {
            low = 0x90;
        } else if (lead == 0xF4) {
            high = 0x8F;
        }
    } else {
        ++*pos;
        return false;
    }
    size_t i = 1;
    for (; i < length; ++i) {
        if (*pos + i >= end) {
            break;
        }
        const unsigned char c = text[*pos + i];
        if (c < low || c > high) {
            break;
        }
        low = 0x80;
        high = 0xBF;
        value = (value << 6) | (c & 0x3F);
    }
    *pos += i;
    if (i != length) {
        return false;
    }
    *out = value;
    return true;
}

// Appends the UTF-8 form of a code point (already validated) to out, returns the byte count.
LINTEL_SDK_INLINE size_t encode_utf8(char32_t cp, unsigned char* out) noexcept {
    if (cp < 0x80) {
        out[0] = static_cast<unsigned char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<unsigned char>(0xC0 | (cp >> 6));
        out[1] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<unsigned char>(0xE0 | (cp >> 12));
        out[1] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<unsigned char>(0xF0 | (cp >> 18));
    out[1] = static_cast<unsigned char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<unsigned char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<unsigned char>(0x80 | (cp & 0x3F));
    return 4;
}

// Shared engine of MultiByteToWideChar: counts (output == nullptr) or writes code units.
// Returns the number of wide characters, or -1 with *error set.
LINTEL_SDK_INLINE long long multibyte_to_wide(code_page_kind kind, bool strict,
                                              const unsigned char* input, size_t length,
                                              wchar_t* output, size_t capacity,
                                              DWORD* error) noexcept {
    size_t written = 0;
    size_t pos = 0;
    while (pos < length) {
        char32_t cp = 0;
        bool valid = true;
        if (kind == code_page_kind::utf8) {
            valid = decode_utf8(input, length, &pos, &cp);
        } else {
            const unsigned char byte = input[pos++];
            cp = byte;
            if (kind == code_page_kind::ascii && byte >= 0x80) {
                valid = false;
            } else if (kind == code_page_kind::windows1252 && byte >= 0x80 && byte <= 0x9F) {
                const unsigned short mapped = windows1252_high_table()[byte - 0x80];
                cp = mapped != 0 ? mapped : byte;  // Windows maps the holes to C1 controls
            }
        }
        if (!valid) {
            if (strict) {
                *error = ERROR_NO_UNICODE_TRANSLATION;
                return -1;
            }
            cp = replacement_character;
        }
        if (output != nullptr) {
            if (written >= capacity) {
                *error = ERROR_INSUFFICIENT_BUFFER;
                return -1;
            }
            output[written] = static_cast<wchar_t>(cp);
        }
        ++written;
    }
    return static_cast<long long>(written);
}

// Shared engine of WideCharToMultiByte. UTF-16 surrogate pairs stored in wchar_t (code written
// for 2-byte WCHAR) are combined; lone surrogates are invalid.
LINTEL_SDK_INLINE long long wide_to_multibyte(code_page_kind kind, bool strict,
                                              const wchar_t* input, size_t length,
                                              unsigned char* output, size_t capacity,
                                              char default_char, BOOL* used_default,
                                              DWORD* error) noexcept {
    size_t written = 0;
    for (size_t i = 0; i < length; ++i) {
        char32_t cp = static_cast<char32_t>(input[i]);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < length &&
            static_cast<char32_t>(input[i + 1]) >= 0xDC00 &&
            static_cast<char32_t>(input[i + 1]) <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(input[i + 1]) - 0xDC00);
            ++i;
        }
        unsigned char bytes[4];
        size_t count = 0;
        if (kind == code_page_kind::utf8) {
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                if (strict) {
                    *error = ERROR_NO_UNICODE_TRANSLATION;
                    return -1;
                }
                cp = replacement_character;
            }
            count = encode_utf8(cp, bytes);
        } else {
            int byte = -1;
            if (cp < 0x80 || (kind != code_page_kind::ascii && cp >= 0xA0 && cp <= 0xFF)) {
                byte = static_cast<int>(cp);
            } else if (kind == code_page_kind::latin1 && cp >= 0x80 && cp <= 0x9F) {
                byte = static_cast<int>(cp);
            } else if (kind == code_page_kind::windows1252) {
                const unsigned short* table = windows1252_high_table();
                for (int b = 0; b < 32; ++b) {
                    if (table[b] != 0 && table[b] == cp) {
                        byte = 0x80 + b;
                        break;
                    }
                }
                if (byte < 0 &&
                    (cp == 0x81 || cp == 0x8D || cp == 0x8F || cp == 0x90 || cp == 0x9D)) {
                    byte = static_cast<int>(cp);
                }
            }
            if (byte < 0) {
                if (strict) {
                    *error = ERROR_NO_UNICODE_TRANSLATION;
                    return -1;
                }
                byte = static_cast<unsigned char>(default_char);
                if (used_default != nullptr) {
                    *used_default = TRUE;
                }
            }
            bytes[0] = static_cast<unsigned char>(byte);
            count = 1;
        }
        if (output != nullptr) {
            if (written + count > capacity) {
                *error = ERROR_INSUFFICIENT_BUFFER;
                return -1;
            }
            memcpy(output + written, bytes, count);
        }
        written += count;
    }
    return static_cast<long long>(written);
}

// UTF-8 <-> wide helpers for the SDK's own A/W bridging. Invalid input becomes U+FFFD.
LINTEL_SDK_INLINE std::string narrow(const wchar_t* text) {
    std::string out;
    if (text == nullptr) {
        return out;
    }
    const size_t length = wcslen(text);
    DWORD error = 0;
    const long long needed = wide_to_multibyte(code_page_kind::utf8, false, text, length, nullptr,
                                               0, '?', nullptr, &error);
    out.resize(needed > 0 ? static_cast<size_t>(needed) : 0);
    if (needed > 0) {
        wide_to_multibyte(code_page_kind::utf8, false, text, length,
                          reinterpret_cast<unsigned char*>(&out[0]), out.size(), '?', nullptr,
                          &error);
    }
    return out;
}
LINTEL_SDK_INLINE std::wstring widen(const char* text) {
    std::wstring out;
    if (text == nullptr) {
        return out;
    }
    const size_t length = strlen(text);
    DWORD error = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text);
    const long long needed =
        multibyte_to_wide(code_page_kind::utf8, false, bytes, length, nullptr, 0, &error);
    out.resize(needed > 0 ? static_cast<size_t>(needed) : 0);
    if (needed > 0) {
        multibyte_to_wide(code_page_kind::utf8, false, bytes, length, &out[0], out.size(), &error);
    }
    return out;
}

}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE UINT GetACP() noexcept {
    return CP_UTF8;
}
LINTEL_SDK_INLINE UINT GetOEMCP() noexcept {
    return CP_UTF8;
}
LINTEL_SDK_INLINE BOOL IsValidCodePage(UINT code_page) noexcept {
    return ::lintel::sdk::classify_code_page(code_page) !=
                   ::lintel::sdk::code_page_kind::unsupported
               ? TRUE
               : FALSE;
}

// ANSI code pages are UTF-8 (see the top of this file); 1252, 28591 and 20127 are real
// single-byte tables. Flags other than MB_ERR_INVALID_CHARS are accepted and ignored.
// A length of -1 means NUL-terminated and counts the NUL. Output size 0 is a size query.
LINTEL_SDK_INLINE int MultiByteToWideChar(UINT code_page, DWORD flags, LPCCH input,
                                          int input_length, LPWSTR output,
                                          int output_capacity) noexcept {
    const ::lintel::sdk::code_page_kind kind = ::lintel::sdk::classify_code_page(code_page);
    if (kind == ::lintel::sdk::code_page_kind::unsupported) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (input == nullptr || input_length == 0 || input_length < -1 || output_capacity < 0 ||
        (output == nullptr && output_capacity != 0) ||
        (output != nullptr &&
         static_cast<const void*>(input) == static_cast<const void*>(output))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const size_t length =
        input_length == -1 ? strlen(input) + 1 : static_cast<size_t>(input_length);
    DWORD error = 0;
    const long long count = ::lintel::sdk::multibyte_to_wide(
        kind, (flags & MB_ERR_INVALID_CHARS) != 0, reinterpret_cast<const unsigned char*>(input),
        length, output_capacity == 0 ? nullptr : output, static_cast<size_t>(output_capacity),
        &error);
    if (count < 0) {
        SetLastError(error);
        return 0;
    }
    if (count > 0x7FFFFFFF) {
        SetLastError(ERROR_ARITHMETIC_OVERFLOW);
        return 0;
    }
    return static_cast<int>(count);
}

// For UTF-8, default_char and used_default must be NULL (as on Windows).
LINTEL_SDK_INLINE int WideCharToMultiByte(UINT code_page, DWORD flags, LPCWCH input,
                                          int input_length, LPSTR output, int output_capacity,
                                          LPCCH default_char, LPBOOL used_default) noexcept {
    const ::lintel::sdk::code_page_kind kind = ::lintel::sdk::classify_code_page(code_page);
    if (kind == ::lintel::sdk::code_page_kind::unsupported) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (input == nullptr || input_length == 0 || input_length < -1 || output_capacity < 0 ||
        (output == nullptr && output_capacity != 0) ||
        (output != nullptr &&
         static_cast<const void*>(input) == static_cast<const void*>(output)) ||
        (kind == ::lintel::sdk::code_page_kind::utf8 && code_page == CP_UTF8 &&
         (default_char != nullptr || used_default != nullptr))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (used_default != nullptr) {
        *used_default = FALSE;
    }
    const size_t length =
        input_length == -1 ? wcslen(input) + 1 : static_cast<size_t>(input_length);
    DWORD error = 0;
    const long long count = ::lintel::sdk::wide_to_multibyte(
        kind, (flags & WC_ERR_INVALID_CHARS) != 0, input, length,
        output_capacity == 0 ? nullptr : reinterpret_cast<unsigned char*>(output),
        static_cast<size_t>(output_capacity), default_char != nullptr ? *default_char : '?',
        used_default, &error);
    if (count < 0) {
        SetLastError(error);
        return 0;
    }
    if (count > 0x7FFFFFFF) {
        SetLastError(ERROR_ARITHMETIC_OVERFLOW);
        return 0;
    }
    return static_cast<int>(count);
}

// ---- CRT compatibility: types and error codes ---------------------------------------------------
typedef int errno_t;
typedef size_t rsize_t;
#ifndef _TRUNCATE
#define _TRUNCATE (static_cast<size_t>(-1))
#endif
#ifndef STRUNCATE
#define STRUNCATE 80
#endif
#define _MAX_PATH 260
#define _MAX_DRIVE 3
#define _MAX_DIR 256
#define _MAX_FNAME 256
#define _MAX_EXT 256
#define _MAX_ENV 32767
#define _CRT_INT_MAX 2147483647

// ---- printf: Microsoft format semantics on glibc
// -------------------------------------------------
namespace lintel {
namespace sdk {

template <typename C>
LINTEL_SDK_INLINE bool format_flag_or_width(C c) noexcept {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ' || c == '#' || c == '*' ||
           c == '.' || c == '$' || c == '\'';
}

// Rewrites a Microsoft printf format for glibc. wide_function tells whether the format belongs to
// a wide-character function (swprintf family), where Microsoft's %s/%c take wide arguments.
//   %s %c            narrow function: char string/char; wide function: wchar_t string/char
//   %S %C            the opposite width of %s/%c
//   %hs %hc / %ls %lc %ws %wc   always narrow / always wide
//   %I64d %I32d %Id  64-bit / 32-bit / pointer-sized integers
//   %ld %lu %lx ...  32-bit integers (long is 32 bits on Windows; LONG/DWORD are int here)
// glibc spells a char string %s and a wchar_t string %ls in both narrow and wide functions.
template <typename C>
LINTEL_SDK_INLINE std::basic_string<C> translate_format(const C* format, bool wide_function) {
    std::basic_string<C> out;
    if (format == nullptr) {
        return out;
    }
    const C* p = format;
    while (*p != 0) {
        if (*p != '%') {
            out += *p++;
            continue;
        }
        out += *p++;
        if (*p == '%') {
            out += *p++;
            continue;
        }
        while (*p != 0 && format_flag_or_width(*p)) {
            out += *p++;
        }
        // Length modifier, as Microsoft defines them.
        enum { none, h, hh, l, ll, big_l, i32, i64, isize, w, z, j, t } length = none;
        if (p[0] == 'h' && p[1] == 'h') {
            length = hh;
            p += 2;
        } else if (p[0] == 'h') {
            length = h;
            ++p;
        } else if (p[0] == 'l' && p[1] == 'l') {
            length = ll;
            p += 2;
        } else if (p[0] == 'l') {
            length = l;
            ++p;
        } else if (p[0] == 'L') {
            length = big_l;
            ++p;
        } else if (p[0] == 'q') {
            length = ll;
            ++p;
        } else if (p[0] == 'I' && p[1] == '6' && p[2] == '4') {
            length = i64;
            p += 3;
        } else if (p[0] == 'I' && p[1] == '3' && p[2] == '2') {
            length = i32;
            p += 3;
        } else if (p[0] == 'I') {
            length = isize;
            ++p;
        } else if (p[0] == 'w') {
            length = w;
            ++p;
        } else if (p[0] == 'z') {
            length = z;
            ++p;
        } else if (p[0] == 'j') {
            length = j;
            ++p;
        } else if (p[0] == 't') {
            length = t;
            ++p;
        }
        const C conversion = *p;
        if (conversion == 0) {
            break;
        }
        ++p;
        const char* modifier = "";
        C emitted = conversion;
        switch (conversion) {
            case 'd':
            case 'i':
            case 'o':
            case 'u':
            case 'x':
            case 'X':
                switch (length) {
                    case h: modifier = "h"; break;
                    case hh: modifier = "hh"; break;
                    case ll:
                    case big_l:
                    case i64: modifier = "ll"; break;
                    case isize:
                    case z: modifier = "z"; break;
                    case j: modifier = "j"; break;
                    case t: modifier = "t"; break;
                    default: modifier = ""; break;  // none, l (32-bit on Windows), I32, w
                }
                break;
            case 's':
            case 'S':
            case 'c':
            case 'C': {
                bool wide_argument;
                if (length == h) {
                    wide_argument = false;
                } else if (length == l || length == w) {
                    wide_argument = true;
                } else {
                    const bool lower = conversion == 's' || conversion == 'c';
                    wide_argument = lower == wide_function;
                }
                modifier = wide_argument ? "l" : "";
                emitted = (conversion == 'c' || conversion == 'C') ? C('c') : C('s');
                break;
            }
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
            case 'a':
            case 'A':
                // Microsoft's long double is double; L would make glibc read a long double.
                modifier = "";
                break;
            case 'p': modifier = ""; break;
            case 'n':
                modifier = length == hh ? "hh" : length == h ? "h" : length == ll ? "ll" : "";
                break;
            default: modifier = ""; break;
        }
        for (const char* m = modifier; *m != '\0'; ++m) {
            out += static_cast<C>(*m);
        }
        out += emitted;
    }
    return out;
}

// A thread-local switch to a UTF-8 C locale while glibc formats, so that %ls in narrow output and
// %s in wide output convert as UTF-8 (the SDK's "ANSI" code page) whatever the server's locale.
// The C.UTF-8 character-type locale, or (locale_t)0 if the C library lacks it.
LINTEL_SDK_INLINE locale_t utf8_ctype_locale() noexcept {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    return utf8;
}
class __attribute__((visibility("hidden"))) utf8_locale_scope {
public:
    utf8_locale_scope() noexcept : previous_(nullptr) {
        if (utf8_ctype_locale() != static_cast<locale_t>(0)) {
            previous_ = uselocale(utf8_ctype_locale());
        }
    }
    ~utf8_locale_scope() {
        if (previous_ != static_cast<locale_t>(0)) {
            uselocale(previous_);
        }
    }
    utf8_locale_scope(const utf8_locale_scope&) = delete;
    utf8_locale_scope& operator=(const utf8_locale_scope&) = delete;

private:
    locale_t previous_;
};

// Formats into a string with Microsoft semantics. Returns false on a format/encoding error.
LINTEL_SDK_INLINE bool vformat(std::string& out, const char* format, va_list args,
                               bool wide_function = false) {
    const std::string translated = translate_format(format, wide_function);
    utf8_locale_scope locale;
    char small[256];
    va_list copy;
    va_copy(copy, args);
    const int needed = vsnprintf(small, sizeof(small), translated.c_str(), copy);
    va_end(copy);
    if (needed < 0) {
        return false;
    }
    if (static_cast<size_t>(needed) < sizeof(small)) {
        out.assign(small, static_cast<size_t>(needed));
        return true;
    }
    out.resize(static_cast<size_t>(needed) + 1);
    va_copy(copy, args);
    vsnprintf(&out[0], out.size(), translated.c_str(), copy);
    va_end(copy);
    out.resize(static_cast<size_t>(needed));
    return true;
}
LINTEL_SDK_INLINE bool vformat(std::wstring& out, const wchar_t* format, va_list args) {
    const std::wstring translated = translate_format(format, true);
    utf8_locale_scope locale;
    // vswprintf cannot report the size it needs: grow until the output fits (bounded).
    size_t capacity = 256;
    for (;;) {
        out.resize(capacity);
        va_list copy;
        va_copy(copy, args);
        const int written = vswprintf(&out[0], capacity, translated.c_str(), copy);
        va_end(copy);
        if (written >= 0) {
            out.resize(static_cast<size_t>(written));
            return true;
        }
        if (capacity >= (static_cast<size_t>(1) << 26)) {
            out.clear();
            return false;  // an encoding error, or absurdly long output
        }
        capacity *= 4;
    }
}

// Copies formatted text into a caller's buffer with the rules shared by the *_s printf family:
// count == _TRUNCATE truncates (result -1); otherwise at most `count` characters are written,
// and output that does not fit the buffer at all is an error (buffer emptied, errno ERANGE).
template <typename C>
LINTEL_SDK_INLINE int store_formatted_s(C* buffer, size_t size, size_t count,
                                        const std::basic_string<C>& text) noexcept {
    if (count == _TRUNCATE) {
        if (text.size() < size) {
            memcpy(buffer, text.data(), text.size() * sizeof(C));
            buffer[text.size()] = 0;
            return static_cast<int>(text.size());
        }
        memcpy(buffer, text.data(), (size - 1) * sizeof(C));
        buffer[size - 1] = 0;
        return -1;
    }
    const size_t n = text.size() < count ? text.size() : count;
    if (n >= size) {
        buffer[0] = 0;
        errno = ERANGE;
        return -1;
    }
    memcpy(buffer, text.data(), n * sizeof(C));
    buffer[n] = 0;
    return text.size() > count ? -1 : static_cast<int>(text.size());
}

// _snprintf rules: up to count characters, NUL only if there is room; -1 if truncated.
template <typename C>
LINTEL_SDK_INLINE int store_formatted_unsafe(C* buffer, size_t count,
                                             const std::basic_string<C>& text) noexcept {
    const size_t n = text.size() < count ? text.size() : count;
    if (n > 0) {
        memcpy(buffer, text.data(), n * sizeof(C));
    }
    if (n < count) {
        buffer[n] = 0;
    }
    return text.size() > count ? -1 : static_cast<int>(text.size());
}

}  // namespace sdk
}  // namespace lintel

// The Microsoft printf family. Formats use Microsoft semantics (see translate_format), numbers
// and strings go through glibc. None of these abort on bad parameters.
LINTEL_SDK_INLINE int _vsnprintf(char* buffer, size_t count, const char* format,
                                 va_list args) noexcept {
    std::string text;
    if (format == nullptr || (buffer == nullptr && count != 0) ||
        !::lintel::sdk::vformat(text, format, args)) {
        errno = EINVAL;
        return -1;
    }
    return ::lintel::sdk::store_formatted_unsafe(buffer, count, text);
}
LINTEL_SDK_INLINE int _snprintf(char* buffer, size_t count, const char* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vsnprintf(buffer, count, format, args);
    va_end(args);
    return result;
}
LINTEL_SDK_INLINE int _vsnwprintf(wchar_t* buffer, size_t count, const wchar_t* format,
                                  va_list args) noexcept {
    std::wstring text;
    if (format == nullptr || (buffer == nullptr && count != 0) ||
        !::lintel::sdk::vformat(text, format, args)) {
        errno = EINVAL;
        return -1;
    }
    return ::lintel::sdk::store_formatted_unsafe(buffer, count, text);
}
LINTEL_SDK_INLINE int _snwprintf(wchar_t* buffer, size_t count, const wchar_t* format,
                                 ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vsnwprintf(buffer, count, format, args);
    va_end(args);
    return result;
}
// Unbounded wide sprintf of old Microsoft code (no size parameter): the caller promises room.
LINTEL_SDK_INLINE int _swprintf(wchar_t* buffer, const wchar_t* format, ...) noexcept {
    std::wstring text;
    va_list args;
    va_start(args, format);
    const bool ok = ::lintel::sdk::vformat(text, format, args);
    va_end(args);
    if (!ok || buffer == nullptr) {
        return -1;
    }
    memcpy(buffer, text.c_str(), (text.size() + 1) * sizeof(wchar_t));
    return static_cast<int>(text.size());
}
LINTEL_SDK_INLINE int _vscprintf(const char* format, va_list args) noexcept {
    std::string text;
    return ::lintel::sdk::vformat(text, format, args) ? static_cast<int>(text.size()) : -1;
}
LINTEL_SDK_INLINE int _scprintf(const char* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vscprintf(format, args);
    va_end(args);
    return result;
}
LINTEL_SDK_INLINE int _vscwprintf(const wchar_t* format, va_list args) noexcept {
    std::wstring text;
    return ::lintel::sdk::vformat(text, format, args) ? static_cast<int>(text.size()) : -1;
}
LINTEL_SDK_INLINE int _scwprintf(const wchar_t* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vscwprintf(format, args);
    va_end(args);
    return result;
}

LINTEL_SDK_INLINE int _vsnprintf_s(char* buffer, size_t size, size_t count, const char* format,
                                   va_list args) noexcept {
    std::string text;
    if (buffer == nullptr || size == 0 || format == nullptr) {
        errno = EINVAL;
        return -1;
    }
    if (!::lintel::sdk::vformat(text, format, args)) {
        buffer[0] = '\0';
        errno = EINVAL;
        return -1;
    }
    return ::lintel::sdk::store_formatted_s(buffer, size, count, text);
}
LINTEL_SDK_INLINE int vsnprintf_s(char* buffer, size_t size, size_t count, const char* format,
                                  va_list args) noexcept {
    return _vsnprintf_s(buffer, size, count, format, args);
}
LINTEL_SDK_INLINE int _snprintf_s(char* buffer, size_t size, size_t count, const char* format,
                                  ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vsnprintf_s(buffer, size, count, format, args);
    va_end(args);
    return result;
}
// sprintf_s: the whole output must fit (else empty buffer, -1, errno ERANGE).
LINTEL_SDK_INLINE int vsprintf_s(char* buffer, size_t size, const char* format,
                                 va_list args) noexcept {
    std::string text;
    if (buffer == nullptr || size == 0 || format == nullptr) {
        errno = EINVAL;
        return -1;
    }
    if (!::lintel::sdk::vformat(text, format, args)) {
        buffer[0] = '\0';
        errno = EINVAL;
        return -1;
    }
    if (text.size() >= size) {
        buffer[0] = '\0';
        errno = ERANGE;
        return -1;
    }
    memcpy(buffer, text.c_str(), text.size() + 1);
    return static_cast<int>(text.size());
}
LINTEL_SDK_INLINE int sprintf_s(char* buffer, size_t size, const char* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = vsprintf_s(buffer, size, format, args);
    va_end(args);
    return result;
}
LINTEL_SDK_INLINE int _vsnwprintf_s(wchar_t* buffer, size_t size, size_t count,
                                    const wchar_t* format, va_list args) noexcept {
    std::wstring text;
    if (buffer == nullptr || size == 0 || format == nullptr) {
        errno = EINVAL;
        return -1;
    }
    if (!::lintel::sdk::vformat(text, format, args)) {
        buffer[0] = L'\0';
        errno = EINVAL;
        return -1;
    }
    return ::lintel::sdk::store_formatted_s(buffer, size, count, text);
}
LINTEL_SDK_INLINE int _snwprintf_s(wchar_t* buffer, size_t size, size_t count,
                                   const wchar_t* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vsnwprintf_s(buffer, size, count, format, args);
    va_end(args);
    return result;
}
LINTEL_SDK_INLINE int vswprintf_s(wchar_t* buffer, size_t size, const wchar_t* format,
                                  va_list args) noexcept {
    std::wstring text;
    if (buffer == nullptr || size == 0 || format == nullptr) {
        errno = EINVAL;
        return -1;
    }
    if (!::lintel::sdk::vformat(text, format, args)) {
        buffer[0] = L'\0';
        errno = EINVAL;
        return -1;
    }
    if (text.size() >= size) {
        buffer[0] = L'\0';
        errno = ERANGE;
        return -1;
    }
    memcpy(buffer, text.c_str(), (text.size() + 1) * sizeof(wchar_t));
    return static_cast<int>(text.size());
}
LINTEL_SDK_INLINE int swprintf_s(wchar_t* buffer, size_t size, const wchar_t* format,
                                 ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = vswprintf_s(buffer, size, format, args);
    va_end(args);
    return result;
}
// Array forms: the buffer size is the array's.
template <size_t N>
LINTEL_SDK_INLINE int sprintf_s(char (&buffer)[N], const char* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = vsprintf_s(buffer, N, format, args);
    va_end(args);
    return result;
}
template <size_t N>
LINTEL_SDK_INLINE int vsprintf_s(char (&buffer)[N], const char* format, va_list args) noexcept {
    return vsprintf_s(buffer, N, format, args);
}
template <size_t N>
LINTEL_SDK_INLINE int _snprintf_s(char (&buffer)[N], size_t count, const char* format,
                                  ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vsnprintf_s(buffer, N, count, format, args);
    va_end(args);
    return result;
}
template <size_t N>
LINTEL_SDK_INLINE int _vsnprintf_s(char (&buffer)[N], size_t count, const char* format,
                                   va_list args) noexcept {
    return _vsnprintf_s(buffer, N, count, format, args);
}
template <size_t N>
LINTEL_SDK_INLINE int swprintf_s(wchar_t (&buffer)[N], const wchar_t* format, ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = vswprintf_s(buffer, N, format, args);
    va_end(args);
    return result;
}
template <size_t N>
LINTEL_SDK_INLINE int vswprintf_s(wchar_t (&buffer)[N], const wchar_t* format,
                                  va_list args) noexcept {
    return vswprintf_s(buffer, N, format, args);
}
template <size_t N>
LINTEL_SDK_INLINE int _snwprintf_s(wchar_t (&buffer)[N], size_t count, const wchar_t* format,
                                   ...) noexcept {
    va_list args;
    va_start(args, format);
    const int result = _vsnwprintf_s(buffer, N, count, format, args);
    va_end(args);
    return result;
}
template <size_t N>
LINTEL_SDK_INLINE int _vsnwprintf_s(wchar_t (&buffer)[N], size_t count, const wchar_t* format,
                                    va_list args) noexcept {
    return _vsnwprintf_s(buffer, N, count, format, args);
}

// ---- CRT compatibility: secure string functions ----------------------------------------------
// Microsoft semantics, except that invalid parameters return the error instead of calling the
// invalid-parameter handler (which would terminate the server). On error the destination, when
// there is one, is left as an empty string.
namespace lintel {
namespace sdk {
template <typename C>
LINTEL_SDK_INLINE size_t string_length(const C* text, size_t limit) noexcept {
    size_t n = 0;
    while (n < limit && text[n] != 0) {
        ++n;
    }
    return n;
}
// strncpy_s / wcsncpy_s (count == SIZE_MAX-1 sentinel not needed: _TRUNCATE is handled).
template <typename C>
LINTEL_SDK_INLINE errno_t copy_s(C* dest, size_t size, const C* src, size_t count) noexcept {
    if (dest == nullptr || size == 0) {
        return EINVAL;
    }
    if (src == nullptr) {
        dest[0] = 0;
        return EINVAL;
    }
    const bool truncate = count == _TRUNCATE;
    const size_t wanted = string_length(src, truncate ? size : count);
    if (wanted >= size) {
        if (truncate) {
            memcpy(dest, src, (size - 1) * sizeof(C));
            dest[size - 1] = 0;
            return STRUNCATE;
        }
        dest[0] = 0;
        return ERANGE;
    }
    memcpy(dest, src, wanted * sizeof(C));
    dest[wanted] = 0;
    return 0;
}
template <typename C>
LINTEL_SDK_INLINE errno_t concat_s(C* dest, size_t size, const C* src, size_t count) noexcept {
    if (dest == nullptr || size == 0) {
        return EINVAL;
    }
    const size_t used = string_length(dest, size);
    if (used == size) {
        dest[0] = 0;  // destination not terminated within its size
        return EINVAL;
    }
    if (src == nullptr) {
        dest[0] = 0;
        return EINVAL;
    }
    const size_t room = size - used;
    const errno_t rc = copy_s(dest + used, room, src, count);
    if (rc == ERANGE || rc == EINVAL) {
        dest[0] = 0;
        return rc;
    }
    return rc;
}
template <typename C>
LINTEL_SDK_INLINE errno_t unsigned_to_text_s(unsigned long long value, bool negative, C* buffer,
                                             size_t size, int radix) noexcept {
    if (buffer == nullptr || size == 0) {
        return EINVAL;
    }
    if (radix < 2 || radix > 36) {
        buffer[0] = 0;
        return EINVAL;
    }
    C digits[72];
    size_t n = 0;
    do {
        const unsigned d = static_cast<unsigned>(value % static_cast<unsigned>(radix));
        digits[n++] = static_cast<C>(d < 10 ? '0' + d : 'a' + d - 10);
        value /= static_cast<unsigned>(radix);
    } while (value != 0);
    const size_t total = n + (negative ? 1 : 0);
    if (total + 1 > size) {
        buffer[0] = 0;
        return ERANGE;
    }
    size_t pos = 0;
    if (negative) {
        buffer[pos++] = static_cast<C>('-');
    }
    while (n > 0) {
        buffer[pos++] = digits[--n];
    }
    buffer[pos] = 0;
    return 0;
}
// Signed conversion: a minus sign only in radix 10; other radices show the two's complement of
// the given width, as the CRT does.
template <typename C>
LINTEL_SDK_INLINE errno_t signed_to_text_s(long long value, int width_bits, C* buffer, size_t size,
                                           int radix) noexcept {
    if (radix == 10 && value < 0) {
        return unsigned_to_text_s(0ull - static_cast<unsigned long long>(value), true, buffer, size,
                                  radix);
    }
    unsigned long long bits = static_cast<unsigned long long>(value);
    if (width_bits < 64) {
        bits &= (1ull << width_bits) - 1;
    }
    return unsigned_to_text_s(bits, false, buffer, size, radix);
}
// Windows long is 32 bits: long values that fit in 32 bits keep the 32-bit rendering.
LINTEL_SDK_INLINE int long_width(long value) noexcept {
    return value >= -2147483647L - 1 && value <= 4294967295L ? 32 : 64;
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE errno_t strcpy_s(char* dest, rsize_t size, const char* src) noexcept {
    const errno_t rc = ::lintel::sdk::copy_s(dest, size, src, size);
    return rc == STRUNCATE ? ERANGE : rc;
}
LINTEL_SDK_INLINE errno_t wcscpy_s(wchar_t* dest, rsize_t size, const wchar_t* src) noexcept {
    const errno_t rc = ::lintel::sdk::copy_s(dest, size, src, size);
    return rc == STRUNCATE ? ERANGE : rc;
}
LINTEL_SDK_INLINE errno_t strncpy_s(char* dest, rsize_t size, const char* src,
                                    rsize_t count) noexcept {
    return ::lintel::sdk::copy_s(dest, size, src, count);
}
LINTEL_SDK_INLINE errno_t wcsncpy_s(wchar_t* dest, rsize_t size, const wchar_t* src,
                                    rsize_t count) noexcept {
    return ::lintel::sdk::copy_s(dest, size, src, count);
}
LINTEL_SDK_INLINE errno_t strcat_s(char* dest, rsize_t size, const char* src) noexcept {
    const errno_t rc = ::lintel::sdk::concat_s(dest, size, src, size);
    if (rc == STRUNCATE) {
        dest[0] = '\0';
        return ERANGE;
    }
    return rc;
}
LINTEL_SDK_INLINE errno_t wcscat_s(wchar_t* dest, rsize_t size, const wchar_t* src) noexcept {
    const errno_t rc = ::lintel::sdk::concat_s(dest, size, src, size);
    if (rc == STRUNCATE) {
        dest[0] = L'\0';
        return ERANGE;
    }
    return rc;
}
LINTEL_SDK_INLINE errno_t strncat_s(char* dest, rsize_t size, const char* src,
                                    rsize_t count) noexcept {
    return ::lintel::sdk::concat_s(dest, size, src, count);
}
LINTEL_SDK_INLINE errno_t wcsncat_s(wchar_t* dest, rsize_t size, const wchar_t* src,
                                    rsize_t count) noexcept {
    return ::lintel::sdk::concat_s(dest, size, src, count);
}
LINTEL_SDK_INLINE size_t strnlen_s(const char* text, size_t limit) noexcept {
    return text == nullptr ? 0 : ::lintel::sdk::string_length(text, limit);
}
LINTEL_SDK_INLINE size_t wcsnlen_s(const wchar_t* text, size_t limit) noexcept {
    return text == nullptr ? 0 : ::lintel::sdk::string_length(text, limit);
}
// On overflow the destination is zero-filled and ERANGE returned.
LINTEL_SDK_INLINE errno_t memcpy_s(void* dest, rsize_t dest_size, const void* src,
                                   rsize_t count) noexcept {
    if (count == 0) {
        return 0;
    }
    if (dest == nullptr) {
        return EINVAL;
    }
    if (src == nullptr) {
        memset(dest, 0, dest_size);
        return EINVAL;
    }
    if (dest_size < count) {
        memset(dest, 0, dest_size);
        return ERANGE;
    }
    memcpy(dest, src, count);
    return 0;
}
LINTEL_SDK_INLINE errno_t memmove_s(void* dest, rsize_t dest_size, const void* src,
                                    rsize_t count) noexcept {
    if (count == 0) {
        return 0;
    }
    if (dest == nullptr || src == nullptr) {
        return EINVAL;
    }
    if (dest_size < count) {
        return ERANGE;
    }
    memmove(dest, src, count);
    return 0;
}
LINTEL_SDK_INLINE errno_t wmemcpy_s(wchar_t* dest, rsize_t dest_size, const wchar_t* src,
                                    rsize_t count) noexcept {
    return memcpy_s(dest, dest_size * sizeof(wchar_t), src, count * sizeof(wchar_t));
}

// wcstombs_s/mbstowcs_s convert as UTF-8 (the SDK's ANSI code page), whatever the C locale.
// *converted receives the count written including the terminating NUL. With dest == NULL (and
// size 0) it is a size query and count is ignored. Otherwise count limits what is stored (bytes
// for wcstombs_s, wide characters for mbstowcs_s, NUL excluded); count == _TRUNCATE stores as
// much as fits and returns STRUNCATE if that was not everything.
LINTEL_SDK_INLINE errno_t wcstombs_s(size_t* converted, char* dest, size_t size, const wchar_t* src,
                                     size_t count) noexcept {
    if (converted != nullptr) {
        *converted = 0;
    }
    if ((dest == nullptr && size != 0) || (dest != nullptr && size == 0) || src == nullptr) {
        if (dest != nullptr && size != 0) {
            dest[0] = '\0';
        }
        return EINVAL;
    }
    const bool truncate = count == _TRUNCATE;
    size_t out = 0;
    errno_t result = 0;
    for (size_t i = 0; src[i] != L'\0'; ++i) {
        char32_t cp = static_cast<char32_t>(src[i]);
        if (cp >= 0xD800 && cp <= 0xDBFF && static_cast<char32_t>(src[i + 1]) >= 0xDC00 &&
            static_cast<char32_t>(src[i + 1]) <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<char32_t>(src[i + 1]) - 0xDC00);
            ++i;
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            if (dest != nullptr) {
                dest[0] = '\0';
            }
            errno = EILSEQ;
            return EILSEQ;
        }
        unsigned char bytes[4];
        const size_t n = ::lintel::sdk::encode_utf8(cp, bytes);
        if (dest != nullptr) {
            if (!truncate && out + n > count) {
                break;  // the caller asked for at most `count` bytes
            }
            if (out + n + 1 > size) {
                if (truncate) {
                    result = STRUNCATE;
                    break;
                }
                dest[0] = '\0';
                return ERANGE;
            }
            memcpy(dest + out, bytes, n);
        }
        out += n;
    }
    if (dest != nullptr) {
        dest[out] = '\0';
    }
    if (converted != nullptr) {
        *converted = out + 1;
    }
    return result;
}
LINTEL_SDK_INLINE errno_t mbstowcs_s(size_t* converted, wchar_t* dest, size_t size, const char* src,
                                     size_t count) noexcept {
    if (converted != nullptr) {
        *converted = 0;
    }
    if ((dest == nullptr && size != 0) || (dest != nullptr && size == 0) || src == nullptr) {
        if (dest != nullptr && size != 0) {
            dest[0] = L'\0';
        }
        return EINVAL;
    }
    const bool truncate = count == _TRUNCATE;
    const size_t length = strlen(src);
    const auto* bytes = reinterpret_cast<const unsigned char*>(src);
    size_t out = 0;
    size_t pos = 0;
    errno_t result = 0;
    while (pos < length) {
        if (dest != nullptr && !truncate && out == count) {
            break;  // the caller asked for at most `count` characters
        }
        char32_t cp = 0;
        if (!::lintel::sdk::decode_utf8(bytes, length, &pos, &cp)) {
            if (dest != nullptr) {
                dest[0] = L'\0';
            }
            errno = EILSEQ;
            return EILSEQ;
        }
        if (dest != nullptr) {
            if (out + 2 > size) {
                if (truncate) {
                    result = STRUNCATE;
                    break;
                }
                dest[0] = L'\0';
                return ERANGE;
            }
            dest[out] = static_cast<wchar_t>(cp);
        }
        ++out;
    }
    if (dest != nullptr) {
        dest[out] = L'\0';
    }
    if (converted != nullptr) {
        *converted = out + 1;
    }
    return result;
}

LINTEL_SDK_INLINE errno_t _itoa_s(int value, char* buffer, size_t size, int radix) noexcept {
    return ::lintel::sdk::signed_to_text_s(value, 32, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _ltoa_s(long value, char* buffer, size_t size, int radix) noexcept {
    return ::lintel::sdk::signed_to_text_s(value, ::lintel::sdk::long_width(value), buffer, size,
                                           radix);
}
LINTEL_SDK_INLINE errno_t _ultoa_s(unsigned long value, char* buffer, size_t size,
                                   int radix) noexcept {
    return ::lintel::sdk::unsigned_to_text_s(value, false, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _i64toa_s(long long value, char* buffer, size_t size,
                                    int radix) noexcept {
    return ::lintel::sdk::signed_to_text_s(value, 64, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _ui64toa_s(unsigned long long value, char* buffer, size_t size,
                                     int radix) noexcept {
    return ::lintel::sdk::unsigned_to_text_s(value, false, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _itow_s(int value, wchar_t* buffer, size_t size, int radix) noexcept {
    return ::lintel::sdk::signed_to_text_s(value, 32, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _ltow_s(long value, wchar_t* buffer, size_t size, int radix) noexcept {
    return ::lintel::sdk::signed_to_text_s(value, ::lintel::sdk::long_width(value), buffer, size,
                                           radix);
}
LINTEL_SDK_INLINE errno_t _ultow_s(unsigned long value, wchar_t* buffer, size_t size,
                                   int radix) noexcept {
    return ::lintel::sdk::unsigned_to_text_s(value, false, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _i64tow_s(long long value, wchar_t* buffer, size_t size,
                                    int radix) noexcept {
    return ::lintel::sdk::signed_to_text_s(value, 64, buffer, size, radix);
}
LINTEL_SDK_INLINE errno_t _ui64tow_s(unsigned long long value, wchar_t* buffer, size_t size,
                                     int radix) noexcept {
    return ::lintel::sdk::unsigned_to_text_s(value, false, buffer, size, radix);
}

// Array forms of the secure functions: the size is the array's.
template <size_t N>
LINTEL_SDK_INLINE errno_t strcpy_s(char (&dest)[N], const char* src) noexcept {
    return strcpy_s(dest, N, src);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t wcscpy_s(wchar_t (&dest)[N], const wchar_t* src) noexcept {
    return wcscpy_s(dest, N, src);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t strncpy_s(char (&dest)[N], const char* src, size_t count) noexcept {
    return strncpy_s(dest, N, src, count);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t wcsncpy_s(wchar_t (&dest)[N], const wchar_t* src, size_t count) noexcept {
    return wcsncpy_s(dest, N, src, count);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t strcat_s(char (&dest)[N], const char* src) noexcept {
    return strcat_s(dest, N, src);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t wcscat_s(wchar_t (&dest)[N], const wchar_t* src) noexcept {
    return wcscat_s(dest, N, src);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t strncat_s(char (&dest)[N], const char* src, size_t count) noexcept {
    return strncat_s(dest, N, src, count);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t wcsncat_s(wchar_t (&dest)[N], const wchar_t* src, size_t count) noexcept {
    return wcsncat_s(dest, N, src, count);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t wcstombs_s(size_t* converted, char (&dest)[N], const wchar_t* src,
                                     size_t count) noexcept {
    return wcstombs_s(converted, dest, N, src, count);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t mbstowcs_s(size_t* converted, wchar_t (&dest)[N], const char* src,
                                     size_t count) noexcept {
    return mbstowcs_s(converted, dest, N, src, count);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _itoa_s(int value, char (&buffer)[N], int radix) noexcept {
    return _itoa_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _ltoa_s(long value, char (&buffer)[N], int radix) noexcept {
    return _ltoa_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _ultoa_s(unsigned long value, char (&buffer)[N], int radix) noexcept {
    return _ultoa_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _i64toa_s(long long value, char (&buffer)[N], int radix) noexcept {
    return _i64toa_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _ui64toa_s(unsigned long long value, char (&buffer)[N],
                                     int radix) noexcept {
    return _ui64toa_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _itow_s(int value, wchar_t (&buffer)[N], int radix) noexcept {
    return _itow_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _ltow_s(long value, wchar_t (&buffer)[N], int radix) noexcept {
    return _ltow_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _ultow_s(unsigned long value, wchar_t (&buffer)[N], int radix) noexcept {
    return _ultow_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _i64tow_s(long long value, wchar_t (&buffer)[N], int radix) noexcept {
    return _i64tow_s(value, buffer, N, radix);
}
template <size_t N>
LINTEL_SDK_INLINE errno_t _ui64tow_s(unsigned long long value, wchar_t (&buffer)[N],
                                     int radix) noexcept {
    return _ui64tow_s(value, buffer, N, radix);
}

// ---- CRT compatibility: non-secure conversions (buffers must be large enough: 33 chars for
// radix 2 of 32-bit values, 65 for 64-bit)
// ---------------------------------------------------------
#define LINTEL_UNCHECKED_CONVERSION_(name, value_type, char_type, secure)                        \
    LINTEL_SDK_INLINE char_type* name(value_type value, char_type* buffer, int radix) noexcept { \
        secure(value, buffer, 72, radix);                                                        \
        return buffer;                                                                           \
    }
LINTEL_UNCHECKED_CONVERSION_(_itoa, int, char, _itoa_s)
LINTEL_UNCHECKED_CONVERSION_(itoa, int, char, _itoa_s)
LINTEL_UNCHECKED_CONVERSION_(_ltoa, long, char, _ltoa_s)
LINTEL_UNCHECKED_CONVERSION_(ltoa, long, char, _ltoa_s)
LINTEL_UNCHECKED_CONVERSION_(_ultoa, unsigned long, char, _ultoa_s)
LINTEL_UNCHECKED_CONVERSION_(ultoa, unsigned long, char, _ultoa_s)
LINTEL_UNCHECKED_CONVERSION_(_i64toa, long long, char, _i64toa_s)
LINTEL_UNCHECKED_CONVERSION_(_ui64toa, unsigned long long, char, _ui64toa_s)
LINTEL_UNCHECKED_CONVERSION_(_itow, int, wchar_t, _itow_s)
LINTEL_UNCHECKED_CONVERSION_(_ltow, long, wchar_t, _ltow_s)
LINTEL_UNCHECKED_CONVERSION_(_ultow, unsigned long, wchar_t, _ultow_s)
LINTEL_UNCHECKED_CONVERSION_(_i64tow, long long, wchar_t, _i64tow_s)
LINTEL_UNCHECKED_CONVERSION_(_ui64tow, unsigned long long, wchar_t, _ui64tow_s)
#undef LINTEL_UNCHECKED_CONVERSION_

LINTEL_SDK_INLINE int _wtoi(const wchar_t* text) noexcept {
    return static_cast<int>(wcstol(text, nullptr, 10));
}
// Windows long is 32 bits: the result saturates like a 32-bit wcstol would.
LINTEL_SDK_INLINE long _wtol(const wchar_t* text) noexcept {
    const long long v = wcstoll(text, nullptr, 10);
    return v > 2147483647LL ? 2147483647L
                            : (v < -2147483647LL - 1 ? -2147483647L - 1 : static_cast<long>(v));
}
LINTEL_SDK_INLINE long long _wtoi64(const wchar_t* text) noexcept {
    return wcstoll(text, nullptr, 10);
}
LINTEL_SDK_INLINE long long _atoi64(const char* text) noexcept {
    return strtoll(text, nullptr, 10);
}
LINTEL_SDK_INLINE double _wtof(const wchar_t* text) noexcept {
    return wcstod(text, nullptr);
}
LINTEL_SDK_INLINE long long _strtoi64(const char* text, char** end, int radix) noexcept {
    return strtoll(text, end, radix);
}
LINTEL_SDK_INLINE unsigned long long _strtoui64(const char* text, char** end, int radix) noexcept {
    return strtoull(text, end, radix);
}
LINTEL_SDK_INLINE long long _wcstoi64(const wchar_t* text, wchar_t** end, int radix) noexcept {
    return wcstoll(text, end, radix);
}
LINTEL_SDK_INLINE unsigned long long _wcstoui64(const wchar_t* text, wchar_t** end,
                                                int radix) noexcept {
    return wcstoull(text, end, radix);
}

// ---- CRT compatibility: case-insensitive comparison and friends (ASCII case folding for char,
// towlower for wchar_t)
// ------------------------------------------------------------------------------
LINTEL_SDK_INLINE int _stricmp(const char* a, const char* b) noexcept {
    return strcasecmp(a, b);
}
LINTEL_SDK_INLINE int _strcmpi(const char* a, const char* b) noexcept {
    return strcasecmp(a, b);
}
LINTEL_SDK_INLINE int _strnicmp(const char* a, const char* b, size_t n) noexcept {
    return strncasecmp(a, b, n);
}
// Wide case folding is Unicode-aware (C.UTF-8 rules) whatever the process locale is.
LINTEL_SDK_INLINE int _wcsicmp(const wchar_t* a, const wchar_t* b) noexcept {
    const locale_t utf8 = ::lintel::sdk::utf8_ctype_locale();
    return utf8 != static_cast<locale_t>(0) ? wcscasecmp_l(a, b, utf8) : wcscasecmp(a, b);
}
LINTEL_SDK_INLINE int _wcsnicmp(const wchar_t* a, const wchar_t* b, size_t n) noexcept {
    const locale_t utf8 = ::lintel::sdk::utf8_ctype_locale();
    return utf8 != static_cast<locale_t>(0) ? wcsncasecmp_l(a, b, n, utf8) : wcsncasecmp(a, b, n);
}
namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE wint_t fold_lower(wchar_t c) noexcept {
    const locale_t utf8 = utf8_ctype_locale();
    return utf8 != static_cast<locale_t>(0) ? towlower_l(static_cast<wint_t>(c), utf8)
                                            : towlower(static_cast<wint_t>(c));
}
LINTEL_SDK_INLINE wint_t fold_upper(wchar_t c) noexcept {
    const locale_t utf8 = utf8_ctype_locale();
    return utf8 != static_cast<locale_t>(0) ? towupper_l(static_cast<wint_t>(c), utf8)
                                            : towupper(static_cast<wint_t>(c));
}
}  // namespace sdk
}  // namespace lintel
LINTEL_SDK_INLINE int _memicmp(const void* a, const void* b, size_t n) noexcept {
    const auto* x = static_cast<const unsigned char*>(a);
    const auto* y = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < n; ++i) {
        const int cx = (x[i] >= 'A' && x[i] <= 'Z') ? x[i] + 32 : x[i];
        const int cy = (y[i] >= 'A' && y[i] <= 'Z') ? y[i] + 32 : y[i];
        if (cx != cy) {
            return cx - cy;
        }
    }
    return 0;
}
LINTEL_SDK_INLINE char* _strdup(const char* text) noexcept {
    return text == nullptr ? nullptr : strdup(text);
}
LINTEL_SDK_INLINE wchar_t* _wcsdup(const wchar_t* text) noexcept {
    return text == nullptr ? nullptr : wcsdup(text);
}
LINTEL_SDK_INLINE char* _strlwr(char* text) noexcept {
    for (char* p = text; *p != '\0'; ++p) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = static_cast<char>(*p + 32);
        }
    }
    return text;
}
LINTEL_SDK_INLINE char* _strupr(char* text) noexcept {
    for (char* p = text; *p != '\0'; ++p) {
        if (*p >= 'a' && *p <= 'z') {
            *p = static_cast<char>(*p - 32);
        }
    }
    return text;
}
LINTEL_SDK_INLINE wchar_t* _wcslwr(wchar_t* text) noexcept {
    for (wchar_t* p = text; *p != L'\0'; ++p) {
        *p = static_cast<wchar_t>(::lintel::sdk::fold_lower(*p));
    }
    return text;
}
LINTEL_SDK_INLINE wchar_t* _wcsupr(wchar_t* text) noexcept {
    for (wchar_t* p = text; *p != L'\0'; ++p) {
        *p = static_cast<wchar_t>(::lintel::sdk::fold_upper(*p));
    }
    return text;
}
LINTEL_SDK_INLINE errno_t _strlwr_s(char* text, size_t size) noexcept {
    if (text == nullptr || ::lintel::sdk::string_length(text, size) == size) {
        return EINVAL;
    }
    _strlwr(text);
    return 0;
}
LINTEL_SDK_INLINE errno_t _strupr_s(char* text, size_t size) noexcept {
    if (text == nullptr || ::lintel::sdk::string_length(text, size) == size) {
        return EINVAL;
    }
    _strupr(text);
    return 0;
}
LINTEL_SDK_INLINE errno_t _wcslwr_s(wchar_t* text, size_t size) noexcept {
    if (text == nullptr || ::lintel::sdk::string_length(text, size) == size) {
        return EINVAL;
    }
    _wcslwr(text);
    return 0;
}
LINTEL_SDK_INLINE errno_t _wcsupr_s(wchar_t* text, size_t size) noexcept {
    if (text == nullptr || ::lintel::sdk::string_length(text, size) == size) {
        return EINVAL;
    }
    _wcsupr(text);
    return 0;
}
LINTEL_SDK_INLINE char* strtok_s(char* text, const char* delimiters, char** context) noexcept {
    return strtok_r(text, delimiters, context);
}
LINTEL_SDK_INLINE wchar_t* wcstok_s(wchar_t* text, const wchar_t* delimiters,
                                    wchar_t** context) noexcept {
    return wcstok(text, delimiters, context);
}
LINTEL_SDK_INLINE errno_t _dupenv_s(char** value, size_t* length, const char* name) noexcept {
    if (value == nullptr || name == nullptr) {
        return EINVAL;
    }
    *value = nullptr;
    if (length != nullptr) {
        *length = 0;
    }
    const char* found = getenv(name);
    if (found == nullptr) {
        return 0;
    }
    *value = strdup(found);
    if (*value == nullptr) {
        return ENOMEM;
    }
    if (length != nullptr) {
        *length = strlen(found) + 1;
    }
    return 0;
}
LINTEL_SDK_INLINE errno_t getenv_s(size_t* length, char* buffer, size_t size,
                                   const char* name) noexcept {
    if (length == nullptr || name == nullptr || (buffer == nullptr && size != 0)) {
        return EINVAL;
    }
    const char* found = getenv(name);
    *length = found == nullptr ? 0 : strlen(found) + 1;
    if (buffer == nullptr) {
        return 0;
    }
    if (found == nullptr) {
        buffer[0] = '\0';
        return 0;
    }
    if (*length > size) {
        buffer[0] = '\0';
        return ERANGE;
    }
    memcpy(buffer, found, *length);
    return 0;
}
LINTEL_SDK_INLINE errno_t fopen_s(FILE** file, const char* path, const char* mode) noexcept {
    if (file == nullptr || path == nullptr || mode == nullptr) {
        return EINVAL;
    }
    *file = fopen(path, mode);
    return *file == nullptr ? errno : 0;
}
LINTEL_SDK_INLINE errno_t localtime_s(struct tm* result, const time_t* when) noexcept {
    if (result == nullptr || when == nullptr) {
        return EINVAL;
    }
    return localtime_r(when, result) == nullptr ? EINVAL : 0;
}
LINTEL_SDK_INLINE errno_t gmtime_s(struct tm* result, const time_t* when) noexcept {
    if (result == nullptr || when == nullptr) {
        return EINVAL;
    }
    return gmtime_r(when, result) == nullptr ? EINVAL : 0;
}

// ---- lstr* (kernel32 string functions: NULL-tolerant) ------------------------------------------
LINTEL_SDK_INLINE int lstrlenA(LPCSTR text) noexcept {
    return text == nullptr ? 0 : static_cast<int>(strlen(text));
}
LINTEL_SDK_INLINE int lstrlenW(LPCWSTR text) noexcept {
    return text == nullptr ? 0 : static_cast<int>(wcslen(text));
}
LINTEL_SDK_INLINE LPSTR lstrcpyA(LPSTR dest, LPCSTR src) noexcept {
    if (dest == nullptr || src == nullptr) {
        return nullptr;
    }
    return strcpy(dest, src);
}
LINTEL_SDK_INLINE LPWSTR lstrcpyW(LPWSTR dest, LPCWSTR src) noexcept {
    if (dest == nullptr || src == nullptr) {
        return nullptr;
    }
    return wcscpy(dest, src);
}
// Copies at most max_length - 1 characters and always terminates.
LINTEL_SDK_INLINE LPSTR lstrcpynA(LPSTR dest, LPCSTR src, int max_length) noexcept {
    if (dest == nullptr || src == nullptr || max_length <= 0) {
        return nullptr;
    }
    const size_t n = ::lintel::sdk::string_length(src, static_cast<size_t>(max_length - 1));
    memcpy(dest, src, n);
    dest[n] = '\0';
    return dest;
}
LINTEL_SDK_INLINE LPWSTR lstrcpynW(LPWSTR dest, LPCWSTR src, int max_length) noexcept {
    if (dest == nullptr || src == nullptr || max_length <= 0) {
        return nullptr;
    }
    const size_t n = ::lintel::sdk::string_length(src, static_cast<size_t>(max_length - 1));
    memcpy(dest, src, n * sizeof(WCHAR));
    dest[n] = L'\0';
    return dest;
}
LINTEL_SDK_INLINE LPSTR lstrcatA(LPSTR dest, LPCSTR src) noexcept {
    if (dest == nullptr || src == nullptr) {
        return nullptr;
    }
    return strcat(dest, src);
}
LINTEL_SDK_INLINE LPWSTR lstrcatW(LPWSTR dest, LPCWSTR src) noexcept {
    if (dest == nullptr || src == nullptr) {
        return nullptr;
    }
    return wcscat(dest, src);
}
// Results are -1, 0 or 1 (a NULL string sorts first).
LINTEL_SDK_INLINE int lstrcmpA(LPCSTR a, LPCSTR b) noexcept {
    if (a == nullptr || b == nullptr) {
        return a == b ? 0 : (a == nullptr ? -1 : 1);
    }
    const int r = strcmp(a, b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}
LINTEL_SDK_INLINE int lstrcmpW(LPCWSTR a, LPCWSTR b) noexcept {
    if (a == nullptr || b == nullptr) {
        return a == b ? 0 : (a == nullptr ? -1 : 1);
    }
    const int r = wcscmp(a, b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}
LINTEL_SDK_INLINE int lstrcmpiA(LPCSTR a, LPCSTR b) noexcept {
    if (a == nullptr || b == nullptr) {
        return a == b ? 0 : (a == nullptr ? -1 : 1);
    }
    const int r = strcasecmp(a, b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}
LINTEL_SDK_INLINE int lstrcmpiW(LPCWSTR a, LPCWSTR b) noexcept {
    if (a == nullptr || b == nullptr) {
        return a == b ? 0 : (a == nullptr ? -1 : 1);
    }
    const int r = _wcsicmp(a, b);
    return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

// ---- files -------------------------------------------------------------------------------------
// A file HANDLE is the Linux fd (lintel/handles.h). Paths are UTF-8; W paths are converted from
// wchar_t; backslashes are turned into slashes so that Windows-style relative paths work (drive
// letters do not). CreateFile never returns fds 0-2. Share modes are not enforced (Linux has no
// mandatory sharing); FILE_FLAG_OVERLAPPED is accepted but I/O completes synchronously.
#define GENERIC_READ 0x80000000u
#define GENERIC_WRITE 0x40000000u
#define GENERIC_EXECUTE 0x20000000u
#define GENERIC_ALL 0x10000000u
#define FILE_READ_DATA 0x0001
#define FILE_LIST_DIRECTORY 0x0001
#define FILE_WRITE_DATA 0x0002
#define FILE_ADD_FILE 0x0002
#define FILE_APPEND_DATA 0x0004
#define FILE_READ_EA 0x0008
#define FILE_WRITE_EA 0x0010
#define FILE_EXECUTE 0x0020
#define FILE_READ_ATTRIBUTES 0x0080
#define FILE_WRITE_ATTRIBUTES 0x0100
#define READ_CONTROL 0x00020000
#define STANDARD_RIGHTS_READ READ_CONTROL
#define STANDARD_RIGHTS_WRITE READ_CONTROL
#define FILE_GENERIC_READ \
    (STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE)
#define FILE_GENERIC_WRITE                                                             \
    (STANDARD_RIGHTS_WRITE | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | \
     FILE_APPEND_DATA | SYNCHRONIZE)
#define FILE_SHARE_READ 0x00000001
#define FILE_SHARE_WRITE 0x00000002
#define FILE_SHARE_DELETE 0x00000004
#define CREATE_NEW 1
#define CREATE_ALWAYS 2
#define OPEN_EXISTING 3
#define OPEN_ALWAYS 4
#define TRUNCATE_EXISTING 5
#define FILE_ATTRIBUTE_READONLY 0x00000001
#define FILE_ATTRIBUTE_HIDDEN 0x00000002
#define FILE_ATTRIBUTE_SYSTEM 0x00000004
#define FILE_ATTRIBUTE_DIRECTORY 0x00000010
#define FILE_ATTRIBUTE_ARCHIVE 0x00000020
#define FILE_ATTRIBUTE_DEVICE 0x00000040
#define FILE_ATTRIBUTE_NORMAL 0x00000080
#define FILE_ATTRIBUTE_TEMPORARY 0x00000100
#define FILE_ATTRIBUTE_SPARSE_FILE 0x00000200
#define FILE_ATTRIBUTE_REPARSE_POINT 0x00000400
#define FILE_ATTRIBUTE_COMPRESSED 0x00000800
#define FILE_ATTRIBUTE_OFFLINE 0x00001000
#define FILE_ATTRIBUTE_NOT_CONTENT_INDEXED 0x00002000
#define FILE_ATTRIBUTE_ENCRYPTED 0x00004000
#define FILE_FLAG_WRITE_THROUGH 0x80000000u
#define FILE_FLAG_OVERLAPPED 0x40000000
#define FILE_FLAG_NO_BUFFERING 0x20000000
#define FILE_FLAG_RANDOM_ACCESS 0x10000000
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000
#define FILE_FLAG_BACKUP_SEMANTICS 0x02000000
#define FILE_FLAG_POSIX_SEMANTICS 0x01000000
#define FILE_FLAG_OPEN_REPARSE_POINT 0x00200000
#define FILE_FLAG_OPEN_NO_RECALL 0x00100000
#define FILE_BEGIN 0
#define FILE_CURRENT 1
#define FILE_END 2
#define FILE_TYPE_UNKNOWN 0x0000
#define FILE_TYPE_DISK 0x0001
#define FILE_TYPE_CHAR 0x0002
#define FILE_TYPE_PIPE 0x0003
#define FILE_TYPE_REMOTE 0x8000
#define MOVEFILE_REPLACE_EXISTING 0x00000001
#define MOVEFILE_COPY_ALLOWED 0x00000002
#define MOVEFILE_WRITE_THROUGH 0x00000008

typedef struct _OVERLAPPED {
    ULONG_PTR Internal;
    ULONG_PTR InternalHigh;
    union {
        struct {
            DWORD Offset;
            DWORD OffsetHigh;
        };
        PVOID Pointer;
    };
    HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED;
static_assert(sizeof(OVERLAPPED) == 32, "OVERLAPPED layout as on x64 Windows");

typedef VOID (*LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD error_code, DWORD bytes_transferred,
                                                LPOVERLAPPED overlapped);
#define HasOverlappedIoCompleted(lpOverlapped) \
    ((lpOverlapped)->Internal != static_cast<ULONG_PTR>(STATUS_PENDING))

typedef enum _GET_FILEEX_INFO_LEVELS {
    GetFileExInfoStandard,
    GetFileExMaxInfoLevel
} GET_FILEEX_INFO_LEVELS;

typedef struct _WIN32_FILE_ATTRIBUTE_DATA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA, *LPWIN32_FILE_ATTRIBUTE_DATA;

typedef struct _BY_HANDLE_FILE_INFORMATION {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD dwVolumeSerialNumber;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD nNumberOfLinks;
    DWORD nFileIndexHigh;
    DWORD nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION, *PBY_HANDLE_FILE_INFORMATION, *LPBY_HANDLE_FILE_INFORMATION;

namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE std::string native_path(const char* path) {
    std::string out(path != nullptr ? path : "");
    for (char& c : out) {
        if (c == '\\') {
            c = '/';
        }
    }
    return out;
}
LINTEL_SDK_INLINE std::string native_path(const wchar_t* path) {
    const std::string utf8 = narrow(path);
    return native_path(utf8.c_str());
}
// Windows distinguishes a missing file from a missing directory on the way.
LINTEL_SDK_INLINE DWORD path_error(int error, const std::string& path) noexcept {
    if (error == ENOENT) {
        const size_t slash = path.find_last_of('/');
        if (slash != std::string::npos && slash != 0) {
            struct stat st;
            const std::string parent = path.substr(0, slash);
            if (stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
                return ERROR_PATH_NOT_FOUND;
            }
        }
        return ERROR_FILE_NOT_FOUND;
    }
    if (error == EEXIST) {
        return ERROR_FILE_EXISTS;
    }
    return LintelWin32ErrorFromErrno(error);
}
LINTEL_SDK_INLINE FILETIME filetime_from_timespec(const timespec& ts) noexcept {
    return u64_to_filetime(timespec_to_ticks(ts));
}
LINTEL_SDK_INLINE DWORD attributes_from_stat(const struct stat& st,
                                             const std::string& path) noexcept {
    DWORD attributes = 0;
    if (S_ISDIR(st.st_mode)) {
        attributes |= FILE_ATTRIBUTE_DIRECTORY;
    } else if (S_ISREG(st.st_mode)) {
        attributes |= FILE_ATTRIBUTE_ARCHIVE;
    } else {
        attributes |= FILE_ATTRIBUTE_DEVICE;
    }
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0) {
        attributes |= FILE_ATTRIBUTE_READONLY;
    }
    // Dot files are Linux's hidden files.
    const size_t slash = path.find_last_of('/');
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    if (name.size() > 1 && name[0] == '.' && name != "..") {
        attributes |= FILE_ATTRIBUTE_HIDDEN;
    }
    return attributes;
}
LINTEL_SDK_INLINE HANDLE create_file(const std::string& path, DWORD access, DWORD disposition,
                                     DWORD flags) noexcept {
    int open_flags = O_CLOEXEC;
    const bool wants_read =
        (access & (GENERIC_READ | GENERIC_ALL | GENERIC_EXECUTE | FILE_READ_DATA | FILE_EXECUTE)) !=
        0;
    const bool wants_write =
        (access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0;
    if (wants_write) {
        open_flags |= wants_read ? O_RDWR : O_WRONLY;
    } else {
        open_flags |= O_RDONLY;  // includes attribute-only opens (access 0)
    }
    if ((access & FILE_APPEND_DATA) != 0 && (access & (GENERIC_WRITE | FILE_WRITE_DATA)) == 0) {
        open_flags |= O_APPEND;
    }
    if ((flags & FILE_FLAG_WRITE_THROUGH) != 0) {
        open_flags |= O_DSYNC;
    }
    const mode_t mode = (flags & FILE_ATTRIBUTE_READONLY) != 0 ? 0444 : 0666;
    bool existed = false;
    int fd = -1;
    switch (disposition) {
        case CREATE_NEW: fd = open(path.c_str(), open_flags | O_CREAT | O_EXCL, mode); break;
        case CREATE_ALWAYS:
        case OPEN_ALWAYS:
            // Try to create first, so that we can report whether the file already existed.
            for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
                fd = open(path.c_str(), open_flags | O_CREAT | O_EXCL, mode);
                if (fd < 0 && errno == EEXIST) {
                    fd = open(path.c_str(),
                              open_flags | (disposition == CREATE_ALWAYS ? O_TRUNC : 0));
                    existed = fd >= 0;
                    if (fd < 0 && errno != ENOENT) {
                        break;
                    }
                } else {
                    break;
                }
            }
            break;
        case OPEN_EXISTING: fd = open(path.c_str(), open_flags); break;
        case TRUNCATE_EXISTING:
            if (!wants_write) {
                SetLastError(ERROR_INVALID_PARAMETER);
                return INVALID_HANDLE_VALUE;
            }
            fd = open(path.c_str(), open_flags | O_TRUNC);
            break;
        default: SetLastError(ERROR_INVALID_PARAMETER); return INVALID_HANDLE_VALUE;
    }
    if (fd < 0 && errno == EISDIR) {
        // Directories open read-only on Linux; Windows needs BACKUP_SEMANTICS anyway.
        fd = (flags & FILE_FLAG_BACKUP_SEMANTICS) != 0
                 ? open(path.c_str(), O_RDONLY | O_CLOEXEC | O_DIRECTORY)
                 : -1;
        if (fd < 0) {
            SetLastError(ERROR_ACCESS_DENIED);
            return INVALID_HANDLE_VALUE;
        }
    }
    if (fd < 0) {
        SetLastError(path_error(errno, path));
        return INVALID_HANDLE_VALUE;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && (flags & FILE_FLAG_BACKUP_SEMANTICS) == 0) {
        close(fd);
        SetLastError(ERROR_ACCESS_DENIED);
        return INVALID_HANDLE_VALUE;
    }
    if (fd <= 2) {
        // fd 0 would encode as a NULL handle; keep the standard streams out of it altogether.
        const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        close(fd);
        if (moved < 0) {
            LintelSetLastErrorFromErrno(errno);
            return INVALID_HANDLE_VALUE;
        }
        fd = moved;
    }
    if ((flags & FILE_FLAG_SEQUENTIAL_SCAN) != 0) {
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    } else if ((flags & FILE_FLAG_RANDOM_ACCESS) != 0) {
        posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
    }
    if ((flags & FILE_FLAG_DELETE_ON_CLOSE) != 0) {
        // The closest Linux equivalent: the name goes now, the data when the last fd closes.
        unlink(path.c_str());
    }
    SetLastError(existed ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return LintelHandleFromFd(fd);
}
LINTEL_SDK_INLINE void store_overlapped_result(LPOVERLAPPED overlapped, DWORD error,
                                               DWORD bytes) noexcept {
    // Internal holds an NTSTATUS as on Windows: success, end of file, or a Win32 error wrapped
    // as 0xC007xxxx (FACILITY_NTWIN32), which GetOverlappedResult unwraps.
    overlapped->Internal = error == ERROR_SUCCESS ? 0
                           : error == ERROR_HANDLE_EOF
                               ? static_cast<ULONG_PTR>(STATUS_END_OF_FILE)
                               : static_cast<ULONG_PTR>(0xC0070000u | (error & 0xFFFF));
    overlapped->InternalHigh = bytes;
    if (overlapped->hEvent != NULL) {
        SetEvent(overlapped->hEvent);
    }
}
LINTEL_SDK_INLINE off_t overlapped_offset(const OVERLAPPED* overlapped) noexcept {
    return static_cast<off_t>((static_cast<unsigned long long>(overlapped->OffsetHigh) << 32) |
                              overlapped->Offset);
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE HANDLE CreateFileA(LPCSTR path, DWORD access, DWORD, LPSECURITY_ATTRIBUTES,
                                     DWORD disposition, DWORD flags, HANDLE) noexcept {
    if (path == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    return ::lintel::sdk::create_file(::lintel::sdk::native_path(path), access, disposition, flags);
}
LINTEL_SDK_INLINE HANDLE CreateFileW(LPCWSTR path, DWORD access, DWORD, LPSECURITY_ATTRIBUTES,
                                     DWORD disposition, DWORD flags, HANDLE) noexcept {
    if (path == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    return ::lintel::sdk::create_file(::lintel::sdk::native_path(path), access, disposition, flags);
}

// With an OVERLAPPED the read happens at its offset (pread) and completes before returning:
// the result is stored in the OVERLAPPED, its event is set, and TRUE is returned. End of file
// with an OVERLAPPED fails with ERROR_HANDLE_EOF; without one it succeeds with 0 bytes.
LINTEL_SDK_INLINE BOOL ReadFile(HANDLE file, LPVOID buffer, DWORD bytes_to_read, LPDWORD bytes_read,
                                LPOVERLAPPED overlapped) noexcept {
    if (bytes_read != nullptr) {
        *bytes_read = 0;
    }
    const int fd = LintelFdFromHandle(file);
    if (fd < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (bytes_read == nullptr && overlapped == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ssize_t n;
    do {
        n = overlapped != nullptr
                ? pread(fd, buffer, bytes_to_read, ::lintel::sdk::overlapped_offset(overlapped))
                : read(fd, buffer, bytes_to_read);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        const DWORD error = LintelWin32ErrorFromErrno(errno);
        if (overlapped != nullptr) {
            ::lintel::sdk::store_overlapped_result(overlapped, error, 0);
        }
        SetLastError(error);
        return FALSE;
    }
    if (bytes_read != nullptr) {
        *bytes_read = static_cast<DWORD>(n);
    }
    if (overlapped != nullptr) {
        const bool at_eof = n == 0 && bytes_to_read != 0;
        ::lintel::sdk::store_overlapped_result(
            overlapped, at_eof ? ERROR_HANDLE_EOF : ERROR_SUCCESS, static_cast<DWORD>(n));
        if (at_eof) {
            SetLastError(ERROR_HANDLE_EOF);
            return FALSE;
        }
    }
    return TRUE;
}

// Writes everything (looping over partial writes), at the OVERLAPPED's offset if there is one.
LINTEL_SDK_INLINE BOOL WriteFile(HANDLE file, LPCVOID buffer, DWORD bytes_to_write,
                                 LPDWORD bytes_written, LPOVERLAPPED overlapped) noexcept {
    if (bytes_written != nullptr) {
        *bytes_written = 0;
    }
    const int fd = LintelFdFromHandle(file);
    if (fd < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (bytes_written == nullptr && overlapped == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const char* data = static_cast<const char*>(buffer);
    DWORD done = 0;
    off_t offset = overlapped != nullptr ? ::lintel::sdk::overlapped_offset(overlapped) : 0;
    while (done < bytes_to_write) {
        const ssize_t n = overlapped != nullptr
                              ? pwrite(fd, data + done, bytes_to_write - done, offset)
                              : write(fd, data + done, bytes_to_write - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const DWORD error = LintelWin32ErrorFromErrno(errno);
            if (bytes_written != nullptr) {
                *bytes_written = done;
            }
            if (overlapped != nullptr) {
                ::lintel::sdk::store_overlapped_result(overlapped, error, done);
            }
            SetLastError(error);
            return FALSE;
        }
        done += static_cast<DWORD>(n);
        offset += n;
    }
    if (bytes_written != nullptr) {
        *bytes_written = done;
    }
    if (overlapped != nullptr) {
        ::lintel::sdk::store_overlapped_result(overlapped, ERROR_SUCCESS, done);
    }
    return TRUE;
}

// Lintel's file I/O completes synchronously, so the result is already in the OVERLAPPED.
LINTEL_SDK_INLINE BOOL GetOverlappedResult(HANDLE, LPOVERLAPPED overlapped,
                                           LPDWORD bytes_transferred, BOOL) noexcept {
    if (overlapped == nullptr || bytes_transferred == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (overlapped->Internal == static_cast<ULONG_PTR>(STATUS_PENDING)) {
        SetLastError(ERROR_IO_INCOMPLETE);
        return FALSE;
    }
    *bytes_transferred = static_cast<DWORD>(overlapped->InternalHigh);
    const ULONG_PTR status = overlapped->Internal;
    if (status == 0) {
        return TRUE;
    }
    if (status == static_cast<ULONG_PTR>(STATUS_END_OF_FILE)) {
        SetLastError(ERROR_HANDLE_EOF);
    } else if ((status & 0xFFFF0000u) == 0xC0070000u) {
        SetLastError(static_cast<DWORD>(status & 0xFFFF));
    } else {
        SetLastError(ERROR_GEN_FAILURE);
    }
    return FALSE;
}
LINTEL_SDK_INLINE BOOL GetOverlappedResultEx(HANDLE file, LPOVERLAPPED overlapped,
                                             LPDWORD bytes_transferred, DWORD, BOOL) noexcept {
    return GetOverlappedResult(file, overlapped, bytes_transferred, TRUE);
}
// Nothing is ever pending, so there is nothing to cancel.
LINTEL_SDK_INLINE BOOL CancelIo(HANDLE) noexcept {
    return TRUE;
}
LINTEL_SDK_INLINE BOOL CancelIoEx(HANDLE, LPOVERLAPPED) noexcept {
    SetLastError(ERROR_NOT_FOUND);
    return FALSE;
}

LINTEL_SDK_INLINE BOOL SetFilePointerEx(HANDLE file, LARGE_INTEGER distance,
                                        PLARGE_INTEGER new_position, DWORD method) noexcept {
    const int fd = LintelFdFromHandle(file);
    if (fd < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    const int whence = method == FILE_BEGIN     ? SEEK_SET
                       : method == FILE_CURRENT ? SEEK_CUR
                       : method == FILE_END     ? SEEK_END
                                                : -1;
    if (whence < 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const off_t position = lseek(fd, static_cast<off_t>(distance.QuadPart), whence);
    if (position < 0) {
        SetLastError(errno == EINVAL ? ERROR_NEGATIVE_SEEK : LintelWin32ErrorFromErrno(errno));
        return FALSE;
    }
    if (new_position != nullptr) {
        new_position->QuadPart = static_cast<LONGLONG>(position);
    }
    return TRUE;
}
// Returns the low 32 bits of the new position (high bits through distance_high if given);
// INVALID_SET_FILE_POINTER with a last error on failure.
LINTEL_SDK_INLINE DWORD SetFilePointer(HANDLE file, LONG distance, PLONG distance_high,
                                       DWORD method) noexcept {
    LARGE_INTEGER move;
    if (distance_high != nullptr) {
        move.QuadPart = static_cast<LONGLONG>(
            (static_cast<unsigned long long>(static_cast<DWORD>(*distance_high)) << 32) |
            static_cast<DWORD>(distance));
    } else {
        move.QuadPart = distance;
    }
    LARGE_INTEGER position;
    if (!SetFilePointerEx(file, move, &position, method)) {
        return INVALID_SET_FILE_POINTER;
    }
    if (distance_high != nullptr) {
        *distance_high = position.HighPart;
    }
    SetLastError(ERROR_SUCCESS);
    return position.LowPart;
}
LINTEL_SDK_INLINE BOOL SetEndOfFile(HANDLE file) noexcept {
    const int fd = LintelFdFromHandle(file);
    if (fd < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    const off_t position = lseek(fd, 0, SEEK_CUR);
    if (position < 0 || ftruncate(fd, position) != 0) {
        LintelSetLastErrorFromErrno(errno);
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL FlushFileBuffers(HANDLE file) noexcept {
    const int fd = LintelFdFromHandle(file);
    if (fd < 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (fsync(fd) != 0 && errno != EINVAL) {
        LintelSetLastErrorFromErrno(errno);
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL GetFileSizeEx(HANDLE file, PLARGE_INTEGER size) noexcept {
    const int fd = LintelFdFromHandle(file);
    struct stat st;
    if (fd < 0 || size == nullptr) {
        SetLastError(fd < 0 ? ERROR_INVALID_HANDLE : ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (fstat(fd, &st) != 0) {
        LintelSetLastErrorFromErrno(errno);
        return FALSE;
    }
    size->QuadPart = static_cast<LONGLONG>(st.st_size);
    return TRUE;
}
// On failure returns INVALID_FILE_SIZE with a last error other than NO_ERROR (a file whose low
// size word is 0xFFFFFFFF also returns it, with NO_ERROR, as on Windows).
LINTEL_SDK_INLINE DWORD GetFileSize(HANDLE file, LPDWORD size_high) noexcept {
    LARGE_INTEGER size;
    if (!GetFileSizeEx(file, &size)) {
        return INVALID_FILE_SIZE;
    }
    if (size_high != nullptr) {
        *size_high = static_cast<DWORD>(size.HighPart);
    }
    SetLastError(ERROR_SUCCESS);
    return size.LowPart;
}
LINTEL_SDK_INLINE DWORD GetFileType(HANDLE file) noexcept {
    const int fd = LintelFdFromHandle(file);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FILE_TYPE_UNKNOWN;
    }
    SetLastError(ERROR_SUCCESS);
    if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode)) {
        return FILE_TYPE_DISK;
    }
    if (S_ISCHR(st.st_mode)) {
        return FILE_TYPE_CHAR;
    }
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        return FILE_TYPE_PIPE;
    }
    return FILE_TYPE_UNKNOWN;
}
LINTEL_SDK_INLINE BOOL GetFileTime(HANDLE file, LPFILETIME creation, LPFILETIME last_access,
                                   LPFILETIME last_write) noexcept {
    const int fd = LintelFdFromHandle(file);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    // Linux keeps no portable creation time: the status-change time stands in for it.
    if (creation != nullptr) {
        *creation = ::lintel::sdk::filetime_from_timespec(st.st_ctim);
    }
    if (last_access != nullptr) {
        *last_access = ::lintel::sdk::filetime_from_timespec(st.st_atim);
    }
    if (last_write != nullptr) {
        *last_write = ::lintel::sdk::filetime_from_timespec(st.st_mtim);
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL GetFileInformationByHandle(HANDLE file,
                                                  LPBY_HANDLE_FILE_INFORMATION info) noexcept {
    const int fd = LintelFdFromHandle(file);
    struct stat st;
    if (fd < 0 || info == nullptr || fstat(fd, &st) != 0) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    info->dwFileAttributes = ::lintel::sdk::attributes_from_stat(st, std::string());
    info->ftCreationTime = ::lintel::sdk::filetime_from_timespec(st.st_ctim);
    info->ftLastAccessTime = ::lintel::sdk::filetime_from_timespec(st.st_atim);
    info->ftLastWriteTime = ::lintel::sdk::filetime_from_timespec(st.st_mtim);
    info->dwVolumeSerialNumber = static_cast<DWORD>(st.st_dev);
    info->nFileSizeHigh = static_cast<DWORD>(static_cast<unsigned long long>(st.st_size) >> 32);
    info->nFileSizeLow = static_cast<DWORD>(st.st_size);
    info->nNumberOfLinks = static_cast<DWORD>(st.st_nlink);
    info->nFileIndexHigh = static_cast<DWORD>(static_cast<unsigned long long>(st.st_ino) >> 32);
    info->nFileIndexLow = static_cast<DWORD>(st.st_ino);
    return TRUE;
}

namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE DWORD file_attributes(const std::string& path) noexcept {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
        SetLastError(path_error(errno, path));
        return INVALID_FILE_ATTRIBUTES;
    }
    return attributes_from_stat(st, path);
}
LINTEL_SDK_INLINE BOOL file_attributes_ex(const std::string& path, GET_FILEEX_INFO_LEVELS level,
                                          LPVOID out) noexcept {
    if (level != GetFileExInfoStandard || out == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
        SetLastError(path_error(errno, path));
        return FALSE;
    }
    auto* data = static_cast<LPWIN32_FILE_ATTRIBUTE_DATA>(out);
    data->dwFileAttributes = attributes_from_stat(st, path);
    data->ftCreationTime = filetime_from_timespec(st.st_ctim);
    data->ftLastAccessTime = filetime_from_timespec(st.st_atim);
    data->ftLastWriteTime = filetime_from_timespec(st.st_mtim);
    const unsigned long long size =
        S_ISDIR(st.st_mode) ? 0 : static_cast<unsigned long long>(st.st_size);
    data->nFileSizeHigh = static_cast<DWORD>(size >> 32);
    data->nFileSizeLow = static_cast<DWORD>(size);
    return TRUE;
}
LINTEL_SDK_INLINE BOOL delete_file(const std::string& path) noexcept {
    struct stat st;
    if (lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        SetLastError(ERROR_ACCESS_DENIED);
        return FALSE;
    }
    if (unlink(path.c_str()) != 0) {
        SetLastError(path_error(errno, path));
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL create_directory(const std::string& path) noexcept {
    if (mkdir(path.c_str(), 0777) != 0) {
        SetLastError(errno == EEXIST ? ERROR_ALREADY_EXISTS : path_error(errno, path));
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL remove_directory(const std::string& path) noexcept {
    if (rmdir(path.c_str()) != 0) {
        SetLastError(errno == ENOTDIR ? ERROR_DIRECTORY : path_error(errno, path));
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL move_file(const std::string& from, const std::string& to,
                                 DWORD flags) noexcept {
    struct stat st;
    if ((flags & MOVEFILE_REPLACE_EXISTING) == 0 && lstat(to.c_str(), &st) == 0) {
        SetLastError(ERROR_ALREADY_EXISTS);
        return FALSE;
    }
    if (rename(from.c_str(), to.c_str()) != 0) {
        SetLastError(path_error(errno, from));
        return FALSE;
    }
    return TRUE;
}
}  // namespace sdk
}  // namespace lintel

LINTEL_SDK_INLINE DWORD GetFileAttributesA(LPCSTR path) noexcept {
    return ::lintel::sdk::file_attributes(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE DWORD GetFileAttributesW(LPCWSTR path) noexcept {
    return ::lintel::sdk::file_attributes(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL GetFileAttributesExA(LPCSTR path, GET_FILEEX_INFO_LEVELS level,
                                            LPVOID info) noexcept {
    return ::lintel::sdk::file_attributes_ex(::lintel::sdk::native_path(path), level, info);
}
LINTEL_SDK_INLINE BOOL GetFileAttributesExW(LPCWSTR path, GET_FILEEX_INFO_LEVELS level,
                                            LPVOID info) noexcept {
    return ::lintel::sdk::file_attributes_ex(::lintel::sdk::native_path(path), level, info);
}
LINTEL_SDK_INLINE BOOL DeleteFileA(LPCSTR path) noexcept {
    return ::lintel::sdk::delete_file(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL DeleteFileW(LPCWSTR path) noexcept {
    return ::lintel::sdk::delete_file(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL CreateDirectoryA(LPCSTR path, LPSECURITY_ATTRIBUTES) noexcept {
    return ::lintel::sdk::create_directory(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL CreateDirectoryW(LPCWSTR path, LPSECURITY_ATTRIBUTES) noexcept {
    return ::lintel::sdk::create_directory(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL RemoveDirectoryA(LPCSTR path) noexcept {
    return ::lintel::sdk::remove_directory(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL RemoveDirectoryW(LPCWSTR path) noexcept {
    return ::lintel::sdk::remove_directory(::lintel::sdk::native_path(path));
}
LINTEL_SDK_INLINE BOOL MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags) noexcept {
    return ::lintel::sdk::move_file(::lintel::sdk::native_path(from),
                                    ::lintel::sdk::native_path(to), flags);
}
LINTEL_SDK_INLINE BOOL MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags) noexcept {
    return ::lintel::sdk::move_file(::lintel::sdk::native_path(from),
                                    ::lintel::sdk::native_path(to), flags);
}
LINTEL_SDK_INLINE BOOL MoveFileA(LPCSTR from, LPCSTR to) noexcept {
    return MoveFileExA(from, to, 0);
}
LINTEL_SDK_INLINE BOOL MoveFileW(LPCWSTR from, LPCWSTR to) noexcept {
    return MoveFileExW(from, to, 0);
}

// ---- environment -------------------------------------------------------------------------------
// Names are looked up exactly first, then case-insensitively (Windows names are case-insensitive).
namespace lintel {
namespace sdk {
LINTEL_SDK_INLINE const char* find_environment(const std::string& name) noexcept {
    if (name.empty()) {
        return nullptr;
    }
    if (const char* value = getenv(name.c_str())) {
        return value;
    }
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const char* equals = strchr(*entry, '=');
        if (equals != nullptr && static_cast<size_t>(equals - *entry) == name.size() &&
            strncasecmp(*entry, name.c_str(), name.size()) == 0) {
            return equals + 1;
        }
    }
    return nullptr;
}
// Replaces each %NAME% whose variable exists; anything else (unknown names, lone %) is kept.
LINTEL_SDK_INLINE std::string expand_environment(const std::string& source) {
    std::string out;
    size_t pos = 0;
    while (pos < source.size()) {
        const size_t open = source.find('%', pos);
        if (open == std::string::npos) {
            out.append(source, pos, std::string::npos);
            break;
        }
        out.append(source, pos, open - pos);
        const size_t close = source.find('%', open + 1);
        if (close == std::string::npos) {
            out.append(source, open, std::string::npos);
            break;
        }
        const char* value = find_environment(source.substr(open + 1, close - open - 1));
        if (value != nullptr) {
            out += value;
            pos = close + 1;
        } else {
            out.append(source, open, close - open);  // keep "%NAME"; the closing % may open
            pos = close;                             // the next reference
        }
    }
    return out;
}
}  // namespace sdk
}  // namespace lintel

// Returns the size needed including the NUL (in characters); the text is written only if it fits.
LINTEL_SDK_INLINE DWORD ExpandEnvironmentStringsA(LPCSTR source, LPSTR dest, DWORD size) noexcept {
    if (source == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const std::string expanded = ::lintel::sdk::expand_environment(source);
    const DWORD needed = static_cast<DWORD>(expanded.size() + 1);
    if (dest != nullptr && size >= needed) {
        memcpy(dest, expanded.c_str(), needed);
    } else if (dest != nullptr && size > 0) {
        dest[0] = '\0';
    }
    return needed;
}
LINTEL_SDK_INLINE DWORD ExpandEnvironmentStringsW(LPCWSTR source, LPWSTR dest,
                                                  DWORD size) noexcept {
    if (source == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    const std::wstring expanded = ::lintel::sdk::widen(
        ::lintel::sdk::expand_environment(::lintel::sdk::narrow(source)).c_str());
    const DWORD needed = static_cast<DWORD>(expanded.size() + 1);
    if (dest != nullptr && size >= needed) {
        memcpy(dest, expanded.c_str(), needed * sizeof(WCHAR));
    } else if (dest != nullptr && size > 0) {
        dest[0] = L'\0';
    }
    return needed;
}
// Returns the length without the NUL, or the size needed with the NUL when the buffer is too
// small, or 0 with ERROR_ENVVAR_NOT_FOUND.
LINTEL_SDK_INLINE DWORD GetEnvironmentVariableA(LPCSTR name, LPSTR buffer, DWORD size) noexcept {
    const char* value = name != nullptr ? ::lintel::sdk::find_environment(name) : nullptr;
    if (value == nullptr) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    const size_t length = strlen(value);
    if (buffer == nullptr || size <= length) {
        return static_cast<DWORD>(length + 1);
    }
    memcpy(buffer, value, length + 1);
    return static_cast<DWORD>(length);
}
LINTEL_SDK_INLINE DWORD GetEnvironmentVariableW(LPCWSTR name, LPWSTR buffer, DWORD size) noexcept {
    const char* value =
        name != nullptr ? ::lintel::sdk::find_environment(::lintel::sdk::narrow(name)) : nullptr;
    if (value == nullptr) {
        SetLastError(ERROR_ENVVAR_NOT_FOUND);
        return 0;
    }
    const std::wstring wide = ::lintel::sdk::widen(value);
    if (buffer == nullptr || size <= wide.size()) {
        return static_cast<DWORD>(wide.size() + 1);
    }
    memcpy(buffer, wide.c_str(), (wide.size() + 1) * sizeof(WCHAR));
    return static_cast<DWORD>(wide.size());
}
// value == NULL removes the variable. Not thread-safe with concurrent getenv (POSIX rule).
LINTEL_SDK_INLINE BOOL SetEnvironmentVariableA(LPCSTR name, LPCSTR value) noexcept {
    if (name == nullptr || name[0] == '\0' || strchr(name, '=') != nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const int rc = value == nullptr ? unsetenv(name) : setenv(name, value, 1);
    if (rc != 0) {
        LintelSetLastErrorFromErrno(errno);
        return FALSE;
    }
    return TRUE;
}
LINTEL_SDK_INLINE BOOL SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value) noexcept {
    if (name == nullptr) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const std::string narrow_name = ::lintel::sdk::narrow(name);
    if (value == nullptr) {
        return SetEnvironmentVariableA(narrow_name.c_str(), nullptr);
    }
    return SetEnvironmentVariableA(narrow_name.c_str(), ::lintel::sdk::narrow(value).c_str());
}
#define MAX_COMPUTERNAME_LENGTH 15
// The host name (not truncated to 15 characters). size is in characters, NUL included on input.
LINTEL_SDK_INLINE BOOL GetComputerNameA(LPSTR buffer, LPDWORD size) noexcept {
    char host[256] = {};
    if (size == nullptr || gethostname(host, sizeof(host) - 1) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const size_t length = strlen(host);
    if (buffer == nullptr || *size <= length) {
        *size = static_cast<DWORD>(length + 1);
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    memcpy(buffer, host, length + 1);
    *size = static_cast<DWORD>(length);
    return TRUE;
}
LINTEL_SDK_INLINE BOOL GetComputerNameW(LPWSTR buffer, LPDWORD size) noexcept {
    char host[256] = {};
    if (size == nullptr || gethostname(host, sizeof(host) - 1) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    const std::wstring wide = ::lintel::sdk::widen(host);
    if (buffer == nullptr || *size <= wide.size()) {
        *size = static_cast<DWORD>(wide.size() + 1);
        SetLastError(ERROR_BUFFER_OVERFLOW);
        return FALSE;
    }
    memcpy(buffer, wide.c_str(), (wide.size() + 1) * sizeof(WCHAR));
    *size = static_cast<DWORD>(wide.size());
    return TRUE;
}

// ---- event log and debug output ----------------------------------------------------------------
#define EVENTLOG_SUCCESS 0x0000
#define EVENTLOG_ERROR_TYPE 0x0001
#define EVENTLOG_WARNING_TYPE 0x0002
#define EVENTLOG_INFORMATION_TYPE 0x0004
#define EVENTLOG_AUDIT_SUCCESS 0x0008
#define EVENTLOG_AUDIT_FAILURE 0x0010

// Lintel's log sink, exported by the server executable (declared weak here so that a module
// still loads, and the SDK falls back to stderr, when nothing provides it).
//   level:   1 error, 2 warning, 4 information (the EVENTLOG_*_TYPE values).
//   source:  the event source name (UTF-8), never NULL.
//   message: one line of UTF-8 text, never NULL.
// May be called from any thread, concurrently. Must not call back into the module.
extern "C" __attribute__((weak, visibility("default"))) void lintel_sdk_log(int level,
                                                                            const char* source,
                                                                            const char* message);

namespace lintel {
namespace sdk {
struct __attribute__((visibility("hidden"))) event_source_object : LintelHandleObject {
    std::string source;
};
LINTEL_SDK_INLINE void destroy_event_source(LintelHandleObject* object) noexcept {
    object->magic = 0;
    delete static_cast<event_source_object*>(object);
}
// Writes "[level] source: message" as one line to stderr, in one write() so that concurrent
// lines do not interleave.
LINTEL_SDK_INLINE void stderr_line(int level, const char* source, const char* message) noexcept
    try {
    const char* name = level == 1 ? "error" : level == 2 ? "warning" : "info";
    std::string line;
    line.reserve(strlen(source) + strlen(message) + 24);
    line += "[";
    line += name;
    line += "] ";
    line += source;
    line += ": ";
    for (const char* p = message; *p != '\0'; ++p) {
        line += (*p == '\n' || *p == '\r') ? ' ' : *p;  // keep it one line
    }
    line += '\n';
    const ssize_t ignored = write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
} catch (...) {
    // Out of memory while logging: drop the line rather than terminate the server.
}
// Sends one message to lintel_sdk_log, or writes it to stderr when the server provides no sink.
LINTEL_SDK_INLINE void log_line(int level, const char* source, const char* message) noexcept {
    if (source == nullptr) {
        source = "";
    }
    if (message == nullptr) {
        message = "";
    }
    if (&lintel_sdk_log != nullptr) {
        lintel_sdk_log(level, source, message);
        return;
    }
    stderr_line(level, source, message);
}
LINTEL_SDK_INLINE int level_from_event_type(WORD type) noexcept {
    switch (type) {
        case EVENTLOG_ERROR_TYPE: return 1;
        case EVENTLOG_WARNING_TYPE:
        case EVENTLOG_AUDIT_FAILURE: return 2;
        default: return 4;  // success, information, audit success
    }
}
LINTEL_SDK_INLINE HANDLE register_event_source(std::string source) noexcept {
    auto* object = new (std::nothrow) event_source_object;
    if (object == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    object->magic = LINTEL_HANDLE_OBJECT_MAGIC;
    object->kind = LintelHandleKindEventSource;
    object->destroy = &destroy_event_source;
    object->source = std::move(source);
    return LintelHandleFromObject(object);
}
LINTEL_SDK_INLINE event_source_object* event_source_from_handle(HANDLE handle) noexcept {
    LintelHandleObject* object = LintelObjectFromHandle(handle);
    if (object == nullptr || object->kind != LintelHandleKindEventSource) {
        return nullptr;
    }
    return static_cast<event_source_object*>(object);
}
// The message is "[event <id>] " followed by the insertion strings separated by "; ".
LINTEL_SDK_INLINE BOOL report_event(HANDLE handle, WORD type, DWORD event_id,
                                    const std::string* strings, size_t count) {
    event_source_object* source = event_source_from_handle(handle);
    if (source == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    std::string message = "[event " + std::to_string(event_id & 0xFFFF) + "]";
    for (size_t i = 0; i < count; ++i) {
        message += i == 0 ? " " : "; ";
        message += strings[i];
    }
    log_line(level_from_event_type(type), source->source.c_str(), message.c_str());
    return TRUE;
}
}  // namespace sdk
}  // namespace lintel

// The server name must be NULL or empty (there is no remote event log).
LINTEL_SDK_INLINE HANDLE RegisterEventSourceA(LPCSTR server, LPCSTR source) noexcept try {
    if (server != nullptr && server[0] != '\0') {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    return ::lintel::sdk::register_event_source(source != nullptr ? source : "Application");
} catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}
LINTEL_SDK_INLINE HANDLE RegisterEventSourceW(LPCWSTR server, LPCWSTR source) noexcept try {
    if (server != nullptr && server[0] != L'\0') {
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    return ::lintel::sdk::register_event_source(source != nullptr ? ::lintel::sdk::narrow(source)
                                                                  : std::string("Application"));
} catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}
LINTEL_SDK_INLINE BOOL DeregisterEventSource(HANDLE handle) noexcept {
    ::lintel::sdk::event_source_object* source = ::lintel::sdk::event_source_from_handle(handle);
    if (source == nullptr) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    source->destroy(source);
    return TRUE;
}
// The user SID, category and raw data are accepted and not logged.
LINTEL_SDK_INLINE BOOL ReportEventA(HANDLE handle, WORD type, WORD, DWORD event_id, PSID,
                                    WORD string_count, DWORD, LPCSTR* strings, LPVOID) noexcept
    try {
    std::string parts[64];
    const size_t count = string_count < 64 ? string_count : 64;
    for (size_t i = 0; i < count && strings != nullptr; ++i) {
        parts[i] = strings[i] != nullptr ? strings[i] : "";
    }
    return ::lintel::sdk::report_event(handle, type, event_id, parts,
                                       strings != nullptr ? count : 0);
} catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
}
LINTEL_SDK_INLINE BOOL ReportEventW(HANDLE handle, WORD type, WORD, DWORD event_id, PSID,
                                    WORD string_count, DWORD, LPCWSTR* strings, LPVOID) noexcept
    try {
    std::string parts[64];
    const size_t count = string_count < 64 ? string_count : 64;
    for (size_t i = 0; i < count && strings != nullptr; ++i) {
        parts[i] = ::lintel::sdk::narrow(strings[i]);
    }
    return ::lintel::sdk::report_event(handle, type, event_id, parts,
                                       strings != nullptr ? count : 0);
} catch (...) {
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
}

// Debug output goes to stderr as is (the text usually carries its own newline).
LINTEL_SDK_INLINE void OutputDebugStringA(LPCSTR text) noexcept {
    if (text != nullptr) {
        const ssize_t ignored = write(STDERR_FILENO, text, strlen(text));
        (void)ignored;
    }
}
LINTEL_SDK_INLINE void OutputDebugStringW(LPCWSTR text) noexcept {
    if (text != nullptr) {
        const std::string utf8 = ::lintel::sdk::narrow(text);
        const ssize_t ignored = write(STDERR_FILENO, utf8.data(), utf8.size());
        (void)ignored;
    }
}
// A module's breakpoint must not take the server down (there is no debugger to catch the trap):
// it only writes a line to stderr.
LINTEL_SDK_INLINE void DebugBreak() noexcept {
    ::lintel::sdk::stderr_line(2, "lintel-sdk", "DebugBreak() called by a module (ignored)");
}
LINTEL_SDK_INLINE void __debugbreak() noexcept {
    DebugBreak();
}
LINTEL_SDK_INLINE BOOL IsDebuggerPresent() noexcept {
    return FALSE;
}

// ---- security identifiers ----------------------------------------------------------------------
LINTEL_SDK_INLINE BOOL IsValidSid(PSID sid) noexcept {
    const auto* s = static_cast<const SID*>(sid);
    return s != nullptr && s->Revision == SID_REVISION &&
                   s->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES
               ? TRUE
               : FALSE;
}
LINTEL_SDK_INLINE DWORD GetLengthSid(PSID sid) noexcept {
    if (!IsValidSid(sid)) {
        return 0;
    }
    return static_cast<DWORD>(8 + 4 * static_cast<const SID*>(sid)->SubAuthorityCount);
}
LINTEL_SDK_INLINE BOOL EqualSid(PSID a, PSID b) noexcept {
    if (!IsValidSid(a) || !IsValidSid(b)) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    const DWORD length = GetLengthSid(a);
    return length == GetLengthSid(b) && memcmp(a, b, length) == 0 ? TRUE : FALSE;
}
LINTEL_SDK_INLINE BOOL CopySid(DWORD size, PSID dest, PSID src) noexcept {
    if (!IsValidSid(src)) {
        SetLastError(ERROR_INVALID_SID);
        return FALSE;
    }
    const DWORD length = GetLengthSid(src);
    if (dest == nullptr || size < length) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    memcpy(dest, src, length);
    return TRUE;
}
LINTEL_SDK_INLINE PSID_IDENTIFIER_AUTHORITY GetSidIdentifierAuthority(PSID sid) noexcept {
    return &static_cast<SID*>(sid)->IdentifierAuthority;
}
LINTEL_SDK_INLINE PUCHAR GetSidSubAuthorityCount(PSID sid) noexcept {
    return &static_cast<SID*>(sid)->SubAuthorityCount;
}
LINTEL_SDK_INLINE PDWORD GetSidSubAuthority(PSID sid, DWORD index) noexcept {
    return &static_cast<SID*>(sid)->SubAuthority[index];
}
// Freed with FreeSid.
LINTEL_SDK_INLINE BOOL AllocateAndInitializeSid(PSID_IDENTIFIER_AUTHORITY authority, BYTE count,
                                                DWORD s0, DWORD s1, DWORD s2, DWORD s3, DWORD s4,
                                                DWORD s5, DWORD s6, DWORD s7, PSID* sid) noexcept {
    if (authority == nullptr || sid == nullptr || count > 8) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    auto* s = static_cast<SID*>(calloc(1, 8 + 4 * 8));
    if (s == nullptr) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    s->Revision = SID_REVISION;
    s->SubAuthorityCount = count;
    s->IdentifierAuthority = *authority;
    const DWORD values[8] = {s0, s1, s2, s3, s4, s5, s6, s7};
    DWORD* sub = reinterpret_cast<DWORD*>(reinterpret_cast<BYTE*>(s) + 8);
    for (BYTE i = 0; i < count; ++i) {
        sub[i] = values[i];
    }
    *sid = s;
    return TRUE;
}
LINTEL_SDK_INLINE PVOID FreeSid(PSID sid) noexcept {
    free(sid);
    return nullptr;
}

// ---- unsuffixed names ---------------------------------------------------------------------------
// Name() forwards to NameA or NameW. The form whose character type is TCHAR (which follows
// UNICODE) is a plain function; the other is a function template, so overload resolution prefers
// the TCHAR form when the arguments fit both (NULL strings) and still accepts literals of the
// other width (module code calls RegisterEventSource(NULL, L"...") without UNICODE).
namespace lintel {
namespace sdk {
#ifdef UNICODE
typedef char other_tchar;
#else
typedef wchar_t other_tchar;
#endif
}  // namespace sdk
}  // namespace lintel
#ifdef UNICODE
#define LINTEL_T_(name) name##W
#define LINTEL_O_(name) name##A
#else
#define LINTEL_T_(name) name##A
#define LINTEL_O_(name) name##W
#endif
#define LINTEL_OTHER_                        \
    template <typename LintelUnused_ = void> \
    LINTEL_SDK_INLINE
typedef const ::lintel::sdk::other_tchar* LintelOtherCStr_;
typedef ::lintel::sdk::other_tchar* LintelOtherStr_;

LINTEL_SDK_INLINE HANDLE RegisterEventSource(LPCTSTR server, LPCTSTR source) noexcept {
    return LINTEL_T_(RegisterEventSource)(server, source);
}
LINTEL_OTHER_ HANDLE RegisterEventSource(LintelOtherCStr_ server,
                                         LintelOtherCStr_ source) noexcept {
    return LINTEL_O_(RegisterEventSource)(server, source);
}
LINTEL_SDK_INLINE BOOL ReportEvent(HANDLE handle, WORD type, WORD category, DWORD event_id,
                                   PSID sid, WORD count, DWORD data_size, LPCTSTR* strings,
                                   LPVOID data) noexcept {
    return LINTEL_T_(ReportEvent)(handle, type, category, event_id, sid, count, data_size, strings,
                                  data);
}
LINTEL_OTHER_ BOOL ReportEvent(HANDLE handle, WORD type, WORD category, DWORD event_id, PSID sid,
                               WORD count, DWORD data_size, LintelOtherCStr_* strings,
                               LPVOID data) noexcept {
    return LINTEL_O_(ReportEvent)(handle, type, category, event_id, sid, count, data_size, strings,
                                  data);
}
LINTEL_SDK_INLINE HANDLE CreateFile(LPCTSTR path, DWORD access, DWORD share,
                                    LPSECURITY_ATTRIBUTES security, DWORD disposition, DWORD flags,
                                    HANDLE templ) noexcept {
    return LINTEL_T_(CreateFile)(path, access, share, security, disposition, flags, templ);
}
LINTEL_OTHER_ HANDLE CreateFile(LintelOtherCStr_ path, DWORD access, DWORD share,
                                LPSECURITY_ATTRIBUTES security, DWORD disposition, DWORD flags,
                                HANDLE templ) noexcept {
    return LINTEL_O_(CreateFile)(path, access, share, security, disposition, flags, templ);
}
LINTEL_SDK_INLINE DWORD GetFileAttributes(LPCTSTR path) noexcept {
    return LINTEL_T_(GetFileAttributes)(path);
}
LINTEL_OTHER_ DWORD GetFileAttributes(LintelOtherCStr_ path) noexcept {
    return LINTEL_O_(GetFileAttributes)(path);
}
LINTEL_SDK_INLINE BOOL GetFileAttributesEx(LPCTSTR path, GET_FILEEX_INFO_LEVELS level,
                                           LPVOID info) noexcept {
    return LINTEL_T_(GetFileAttributesEx)(path, level, info);
}
LINTEL_OTHER_ BOOL GetFileAttributesEx(LintelOtherCStr_ path, GET_FILEEX_INFO_LEVELS level,
                                       LPVOID info) noexcept {
    return LINTEL_O_(GetFileAttributesEx)(path, level, info);
}
LINTEL_SDK_INLINE BOOL DeleteFile(LPCTSTR path) noexcept {
    return LINTEL_T_(DeleteFile)(path);
}
LINTEL_OTHER_ BOOL DeleteFile(LintelOtherCStr_ path) noexcept {
    return LINTEL_O_(DeleteFile)(path);
}
LINTEL_SDK_INLINE BOOL CreateDirectory(LPCTSTR path, LPSECURITY_ATTRIBUTES security) noexcept {
    return LINTEL_T_(CreateDirectory)(path, security);
}
LINTEL_OTHER_ BOOL CreateDirectory(LintelOtherCStr_ path, LPSECURITY_ATTRIBUTES security) noexcept {
    return LINTEL_O_(CreateDirectory)(path, security);
}
LINTEL_SDK_INLINE BOOL RemoveDirectory(LPCTSTR path) noexcept {
    return LINTEL_T_(RemoveDirectory)(path);
}
LINTEL_OTHER_ BOOL RemoveDirectory(LintelOtherCStr_ path) noexcept {
    return LINTEL_O_(RemoveDirectory)(path);
}
LINTEL_SDK_INLINE BOOL MoveFile(LPCTSTR from, LPCTSTR to) noexcept {
    return LINTEL_T_(MoveFile)(from, to);
}
LINTEL_OTHER_ BOOL MoveFile(LintelOtherCStr_ from, LintelOtherCStr_ to) noexcept {
    return LINTEL_O_(MoveFile)(from, to);
}
LINTEL_SDK_INLINE BOOL MoveFileEx(LPCTSTR from, LPCTSTR to, DWORD flags) noexcept {
    return LINTEL_T_(MoveFileEx)(from, to, flags);
}
LINTEL_OTHER_ BOOL MoveFileEx(LintelOtherCStr_ from, LintelOtherCStr_ to, DWORD flags) noexcept {
    return LINTEL_O_(MoveFileEx)(from, to, flags);
}
LINTEL_SDK_INLINE void OutputDebugString(LPCTSTR text) noexcept {
    LINTEL_T_(OutputDebugString)(text);
}
LINTEL_OTHER_ void OutputDebugString(LintelOtherCStr_ text) noexcept {
    LINTEL_O_(OutputDebugString)(text);
}
LINTEL_SDK_INLINE int lstrlen(LPCTSTR text) noexcept {
    return LINTEL_T_(lstrlen)(text);
}
LINTEL_OTHER_ int lstrlen(LintelOtherCStr_ text) noexcept {
    return LINTEL_O_(lstrlen)(text);
}
LINTEL_SDK_INLINE LPTSTR lstrcpy(LPTSTR dest, LPCTSTR src) noexcept {
    return LINTEL_T_(lstrcpy)(dest, src);
}
LINTEL_OTHER_ LintelOtherStr_ lstrcpy(LintelOtherStr_ dest, LintelOtherCStr_ src) noexcept {
    return LINTEL_O_(lstrcpy)(dest, src);
}
LINTEL_SDK_INLINE LPTSTR lstrcpyn(LPTSTR dest, LPCTSTR src, int max_length) noexcept {
    return LINTEL_T_(lstrcpyn)(dest, src, max_length);
}
LINTEL_OTHER_ LintelOtherStr_ lstrcpyn(LintelOtherStr_ dest, LintelOtherCStr_ src,
                                       int max_length) noexcept {
    return LINTEL_O_(lstrcpyn)(dest, src, max_length);
}
LINTEL_SDK_INLINE LPTSTR lstrcat(LPTSTR dest, LPCTSTR src) noexcept {
    return LINTEL_T_(lstrcat)(dest, src);
}
LINTEL_OTHER_ LintelOtherStr_ lstrcat(LintelOtherStr_ dest, LintelOtherCStr_ src) noexcept {
    return LINTEL_O_(lstrcat)(dest, src);
}
LINTEL_SDK_INLINE int lstrcmp(LPCTSTR a, LPCTSTR b) noexcept {
    return LINTEL_T_(lstrcmp)(a, b);
}
LINTEL_OTHER_ int lstrcmp(LintelOtherCStr_ a, LintelOtherCStr_ b) noexcept {
    return LINTEL_O_(lstrcmp)(a, b);
}
LINTEL_SDK_INLINE int lstrcmpi(LPCTSTR a, LPCTSTR b) noexcept {
    return LINTEL_T_(lstrcmpi)(a, b);
}
LINTEL_OTHER_ int lstrcmpi(LintelOtherCStr_ a, LintelOtherCStr_ b) noexcept {
    return LINTEL_O_(lstrcmpi)(a, b);
}
LINTEL_SDK_INLINE HANDLE CreateEvent(LPSECURITY_ATTRIBUTES security, BOOL manual_reset,
                                     BOOL initial_state, LPCTSTR name) noexcept {
    return LINTEL_T_(CreateEvent)(security, manual_reset, initial_state, name);
}
LINTEL_OTHER_ HANDLE CreateEvent(LPSECURITY_ATTRIBUTES security, BOOL manual_reset,
                                 BOOL initial_state, LintelOtherCStr_ name) noexcept {
    return LINTEL_O_(CreateEvent)(security, manual_reset, initial_state, name);
}
LINTEL_SDK_INLINE HANDLE CreateEventEx(LPSECURITY_ATTRIBUTES security, LPCTSTR name, DWORD flags,
                                       DWORD access) noexcept {
    return LINTEL_T_(CreateEventEx)(security, name, flags, access);
}
LINTEL_OTHER_ HANDLE CreateEventEx(LPSECURITY_ATTRIBUTES security, LintelOtherCStr_ name,
                                   DWORD flags, DWORD access) noexcept {
    return LINTEL_O_(CreateEventEx)(security, name, flags, access);
}
LINTEL_SDK_INLINE HANDLE OpenEvent(DWORD access, BOOL inherit, LPCTSTR name) noexcept {
    return LINTEL_T_(OpenEvent)(access, inherit, name);
}
LINTEL_OTHER_ HANDLE OpenEvent(DWORD access, BOOL inherit, LintelOtherCStr_ name) noexcept {
    return LINTEL_O_(OpenEvent)(access, inherit, name);
}
LINTEL_SDK_INLINE DWORD ExpandEnvironmentStrings(LPCTSTR source, LPTSTR dest, DWORD size) noexcept {
    return LINTEL_T_(ExpandEnvironmentStrings)(source, dest, size);
}
LINTEL_OTHER_ DWORD ExpandEnvironmentStrings(LintelOtherCStr_ source, LintelOtherStr_ dest,
                                             DWORD size) noexcept {
    return LINTEL_O_(ExpandEnvironmentStrings)(source, dest, size);
}
LINTEL_SDK_INLINE DWORD GetEnvironmentVariable(LPCTSTR name, LPTSTR buffer, DWORD size) noexcept {
    return LINTEL_T_(GetEnvironmentVariable)(name, buffer, size);
}
LINTEL_OTHER_ DWORD GetEnvironmentVariable(LintelOtherCStr_ name, LintelOtherStr_ buffer,
                                           DWORD size) noexcept {
    return LINTEL_O_(GetEnvironmentVariable)(name, buffer, size);
}
LINTEL_SDK_INLINE BOOL SetEnvironmentVariable(LPCTSTR name, LPCTSTR value) noexcept {
    return LINTEL_T_(SetEnvironmentVariable)(name, value);
}
LINTEL_OTHER_ BOOL SetEnvironmentVariable(LintelOtherCStr_ name, LintelOtherCStr_ value) noexcept {
    return LINTEL_O_(SetEnvironmentVariable)(name, value);
}
LINTEL_SDK_INLINE BOOL GetComputerName(LPTSTR buffer, LPDWORD size) noexcept {
    return LINTEL_T_(GetComputerName)(buffer, size);
}
LINTEL_OTHER_ BOOL GetComputerName(LintelOtherStr_ buffer, LPDWORD size) noexcept {
    return LINTEL_O_(GetComputerName)(buffer, size);
}

#undef LINTEL_T_
#undef LINTEL_O_
#undef LINTEL_OTHER_

// ---- the rest of the surface windows.h brings on Windows ----------------------------------------
// Sockets as on Windows (windows.h pulls winsock there), unless WIN32_LEAN_AND_MEAN. Defining
// _WINSOCKAPI_ first (common in IIS samples, to keep the old winsock.h away) is harmless here.
#ifndef WIN32_LEAN_AND_MEAN
#include <winsock2.h>
#endif
#include <objbase.h>
#include <oleauto.h>
#include <unknwn.h>

#endif  // LINTEL_WINDOWS_H
