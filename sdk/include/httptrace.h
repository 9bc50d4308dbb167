// Lintel SDK: IIS trace-event types (IHttpTraceContext, IGlobalTraceEventProvider, GL_TRACE_EVENT).
//
// A module describes an event with HTTP_TRACE_EVENT plus an array of HTTP_TRACE_EVENT_ITEM and
// raises it through IHttpTraceContext::RaiseTraceEvent; consumers say which providers, areas and
// verbosity they want with HTTP_TRACE_CONFIGURATION. Names, enumerator values and field order
// follow the Windows SDK. The structures are plain struct tags (not typedefs of unnamed structs)
// because httpserv.h forward-declares them as `struct HTTP_TRACE_EVENT;` and so on.

#ifndef LINTEL_SDK_HTTPTRACE_H
#define LINTEL_SDK_HTTPTRACE_H

#pragma once

#include <windows.h>

// Type of the value an HTTP_TRACE_EVENT_ITEM points at. The numbers are the matching VARIANT
// type codes (VT_UI1, VT_I2, ...), which is why they are not consecutive.
enum HTTP_TRACE_TYPE {
    HTTP_TRACE_TYPE_BYTE = 17,
    HTTP_TRACE_TYPE_USHORT = 18,
    HTTP_TRACE_TYPE_ULONG = 19,
    HTTP_TRACE_TYPE_ULONGLONG = 21,
    HTTP_TRACE_TYPE_CHAR = 16,
    HTTP_TRACE_TYPE_SHORT = 2,
    HTTP_TRACE_TYPE_LONG = 3,
    HTTP_TRACE_TYPE_LONGLONG = 20,
    HTTP_TRACE_TYPE_LPCWSTR = 31,
    HTTP_TRACE_TYPE_LPCSTR = 30,
    HTTP_TRACE_TYPE_LPCGUID = 72,
    HTTP_TRACE_TYPE_BOOL = 11,
};

// HTTP_TRACE_EVENT.dwFlags: the provider promises that the descriptive strings and GUIDs of the
// event and of its items (provider/area GUID, event name, item names and descriptions) live as
// long as the process, so a consumer that queues the event may keep the pointers uncopied.
#define HTTP_TRACE_EVENT_FLAG_STATIC_DESCRIPTIVE_FIELDS 0x01

// Verbosity levels beyond the ETW levels 1 (fatal) .. 5 (verbose).
#define HTTP_TRACE_LEVEL_START 6
#define HTTP_TRACE_LEVEL_END 7

struct HTTP_TRACE_EVENT_ITEM;

// One trace event. Everything it points at only has to live for the duration of the
// RaiseTraceEvent call unless dwFlags says otherwise (see above).
struct HTTP_TRACE_EVENT {
    LPCGUID pProviderGuid;        // provider, e.g. &GUID_IIS_WWW_SERVER_TRACE_PROVIDER
    DWORD dwArea;                 // provider-defined area bit
    LPCGUID pAreaGuid;            // GUID naming the same area
    DWORD dwEvent;                // event id within the provider
    LPCWSTR pszEventName;         // text name of dwEvent
    DWORD dwEventVersion;
    DWORD dwVerbosity;            // 1 fatal .. 5 verbose, or HTTP_TRACE_LEVEL_START/END
    LPCGUID pActivityGuid;        // usually the request's activity id; may be NULL
    LPCGUID pRelatedActivityGuid; // may be NULL
    DWORD dwTimeStamp;            // tick count; 0 lets the server fill it in
    DWORD dwFlags;                // HTTP_TRACE_EVENT_FLAG_*
    DWORD cEventItems;            // entries in pEventItems (ETW allows at most 16)
    struct HTTP_TRACE_EVENT_ITEM *pEventItems;
};

// One named value of an event. pbData points at a value of type dwDataType (for the string
// types, at the characters), cbData bytes long.
struct HTTP_TRACE_EVENT_ITEM {
    LPCWSTR pszName;
    enum HTTP_TRACE_TYPE dwDataType;
    PBYTE pbData;
    DWORD cbData;
    LPCWSTR pszDataDescription;  // NULL unless the value needs explaining (e.g. an enum)
};

// Which events a consumer wants from one provider: the area bits and the highest verbosity.
struct HTTP_TRACE_CONFIGURATION {
    LPCGUID pProviderGuid;  // &GUID_IIS_ALL_TRACE_PROVIDERS for every provider
    DWORD dwAreas;
    DWORD dwVerbosity;
    BOOL fProviderEnabled;
};

// Provider GUIDs. Each translation unit gets its own internal-linkage constant, so the header
// can be included anywhere without initguid.h, a library or multiple-definition errors, and the
// module exports no symbol for them. (An inline variable would be one object per process, but
// g++ emits it as a GNU-unique symbol, which stops dlclose() from ever unloading the module.)
// Consequence: compare provider GUIDs by value (IsEqualGUID / ==), never by address.
#define LINTEL_HTTPTRACE_GUID_(name, d1, d2, d3, b0, b1, b2, b3, b4, b5, b6, b7) \
    static constexpr GUID name = { d1, d2, d3, { b0, b1, b2, b3, b4, b5, b6, b7 } }

// Matches every provider in HTTP_TRACE_CONFIGURATION.pProviderGuid.
LINTEL_HTTPTRACE_GUID_(GUID_IIS_ALL_TRACE_PROVIDERS,
                       0x00000000, 0x0000, 0x0000, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
// "WWW Server": the core server's own events.
LINTEL_HTTPTRACE_GUID_(GUID_IIS_WWW_SERVER_TRACE_PROVIDER,
                       0x3a2a4e84, 0x4c21, 0x4981, 0xae, 0x10, 0x3f, 0xda, 0x0d, 0x9b, 0x0f, 0x83);
// Version 2 (unified) form of the WWW Server provider.
LINTEL_HTTPTRACE_GUID_(GUID_IIS_WWW_SERVER_V2_TRACE_PROVIDER,
                       0xde4649c9, 0x15e8, 0x4fea, 0x9d, 0x85, 0x1c, 0xdd, 0xa5, 0x20, 0xc3, 0x34);
LINTEL_HTTPTRACE_GUID_(GUID_IIS_ASPNET_TRACE_PROVIDER,
                       0xaff081fe, 0x0247, 0x4275, 0x9c, 0x4e, 0x02, 0x1f, 0x3d, 0xc1, 0xda, 0x35);
LINTEL_HTTPTRACE_GUID_(GUID_IIS_ASP_TRACE_TRACE_PROVIDER,
                       0x06b94d9a, 0xb15e, 0x456e, 0xa4, 0xef, 0x37, 0xc9, 0x84, 0xa2, 0xcb, 0x4b);
LINTEL_HTTPTRACE_GUID_(GUID_IIS_WWW_GLOBAL_TRACE_PROVIDER,
                       0xd55d3bc9, 0xcba9, 0x44df, 0x82, 0x7e, 0x13, 0x2d, 0x3a, 0x45, 0x96, 0xc2);
LINTEL_HTTPTRACE_GUID_(GUID_IIS_ISAPI_TRACE_PROVIDER,
                       0xa1c2040e, 0x8840, 0x4c31, 0xba, 0x11, 0x98, 0x71, 0x03, 0x1a, 0x19, 0xea);

#undef LINTEL_HTTPTRACE_GUID_

#endif  // LINTEL_SDK_HTTPTRACE_H
