// Lintel SDK: the HTTP Server API data types that the IIS module API exposes.
//
// IIS modules reach these types through IHttpRequest::GetRawHttpRequest(),
// IHttpResponse::GetRawHttpResponse(), WriteEntityChunks(), ISendResponseProvider and friends.
// Lintel's server fills the structures and modules read (and sometimes edit) them by field
// name, so every name, enumerator value, field order and field type below follows the Windows
// SDK. On LP64 Linux with the 32-bit ULONG of <windows.h>, the layouts come out identical to
// Windows x64 except where a WCHAR array is embedded (WCHAR is 4 bytes here).
//
// Only the data side of the HTTP Server API is provided: there is no HttpInitialize(),
// HttpReceiveHttpRequest() and so on, and none of the HTTP_SERVICE_CONFIG_* types.
//
// HTTP_REQUEST and HTTP_RESPONSE are always the version 2 structures (as with
// _WIN32_WINNT >= 0x0600 on Windows, which every IIS 7+ module assumes); the version 2
// structures derive from version 1, as the SDK declares them for C++. Like the rest of Lintel's
// SDK this header is C++ only.

#ifndef LINTEL_SDK_HTTP_H
#define LINTEL_SDK_HTTP_H

#pragma once

#include <windows.h>
// PSOCKADDR and the sockaddr_in/in6 shapes that HTTP_TRANSPORT_ADDRESS points at; the SDK's
// http.h includes both, so modules rely on getting them from here.
#include <winsock2.h>
#include <ws2tcpip.h>

// wininet.h and winhttp.h define HTTP_VERSION as a string macro; the struct below must win.
#ifdef HTTP_VERSION
#undef HTTP_VERSION
#endif

// ---------------------------------------------------------------------------------------------
// Flags passed with a send (ISendResponseProvider::GetFlags/SetFlags). Values as on Windows.
// ---------------------------------------------------------------------------------------------

#define HTTP_SEND_RESPONSE_FLAG_DISCONNECT          0x00000001  // close after this response
#define HTTP_SEND_RESPONSE_FLAG_MORE_DATA           0x00000002  // more body follows later
#define HTTP_SEND_RESPONSE_FLAG_BUFFER_DATA         0x00000004  // buffering allowed
#define HTTP_SEND_RESPONSE_FLAG_ENABLE_NAGLING      0x00000008  // keep Nagle on for this send
#define HTTP_SEND_RESPONSE_FLAG_PROCESS_RANGES      0x00000020  // server applies Range itself
#define HTTP_SEND_RESPONSE_FLAG_OPAQUE              0x00000040  // rest of stream is raw bytes
#define HTTP_SEND_RESPONSE_FLAG_GOAWAY              0x00000100  // with DISCONNECT: h2/h3 GOAWAY
#define HTTP_SEND_RESPONSE_FLAG_AUTOMATIC_CHUNKING  0x00000200  // server adds chunked framing

#define HTTP_FLUSH_RESPONSE_FLAG_RECURSIVE          0x00000001

// ---------------------------------------------------------------------------------------------
// Opaque identifiers. All are 64-bit; zero means "no id".
// ---------------------------------------------------------------------------------------------

typedef ULONGLONG HTTP_OPAQUE_ID, *PHTTP_OPAQUE_ID;

typedef HTTP_OPAQUE_ID HTTP_REQUEST_ID, *PHTTP_REQUEST_ID;
typedef HTTP_OPAQUE_ID HTTP_CONNECTION_ID, *PHTTP_CONNECTION_ID;
typedef HTTP_OPAQUE_ID HTTP_RAW_CONNECTION_ID, *PHTTP_RAW_CONNECTION_ID;
typedef HTTP_OPAQUE_ID HTTP_URL_GROUP_ID, *PHTTP_URL_GROUP_ID;
typedef HTTP_OPAQUE_ID HTTP_SERVER_SESSION_ID, *PHTTP_SERVER_SESSION_ID;

// Context value attached to a URL registration; Lintel hands out 0.
typedef ULONGLONG HTTP_URL_CONTEXT;

#define HTTP_NULL_ID ((ULONGLONG)0)
#define HTTP_IS_NULL_ID(pid) (*(pid) == HTTP_NULL_ID)
#define HTTP_SET_NULL_ID(pid) (*(pid) = HTTP_NULL_ID)

// ---------------------------------------------------------------------------------------------
// Byte ranges and protocol versions.
// ---------------------------------------------------------------------------------------------

// As HTTP_BYTE_RANGE.Length: everything from StartingOffset to the end of the file.
#define HTTP_BYTE_RANGE_TO_EOF ((ULONGLONG)-1)

typedef struct _HTTP_BYTE_RANGE {
    ULARGE_INTEGER StartingOffset;
    ULARGE_INTEGER Length;  // HTTP_BYTE_RANGE_TO_EOF for "to the end"
} HTTP_BYTE_RANGE, *PHTTP_BYTE_RANGE;

typedef struct _HTTP_VERSION {
    USHORT MajorVersion;
    USHORT MinorVersion;
} HTTP_VERSION, *PHTTP_VERSION;

// Brace initialisers: HTTP_VERSION v = HTTP_VERSION_1_1;
#define HTTP_VERSION_UNKNOWN { 0, 0 }
#define HTTP_VERSION_0_9 { 0, 9 }
#define HTTP_VERSION_1_0 { 1, 0 }
#define HTTP_VERSION_1_1 { 1, 1 }
#define HTTP_VERSION_2_0 { 2, 0 }
#define HTTP_VERSION_3_0 { 3, 0 }

// Comparisons of an HTTP_VERSION lvalue against a (major, minor) pair.
#define HTTP_SET_VERSION(version, major, minor) \
    do {                                        \
        (version).MajorVersion = (major);       \
        (version).MinorVersion = (minor);       \
    } while (0)
#define HTTP_EQUAL_VERSION(version, major, minor) \
    ((version).MajorVersion == (major) && (version).MinorVersion == (minor))
#define HTTP_GREATER_VERSION(version, major, minor) \
    ((version).MajorVersion > (major) ||            \
     ((version).MajorVersion == (major) && (version).MinorVersion > (minor)))
#define HTTP_LESS_VERSION(version, major, minor) \
    ((version).MajorVersion < (major) ||         \
     ((version).MajorVersion == (major) && (version).MinorVersion < (minor)))
#define HTTP_NOT_EQUAL_VERSION(version, major, minor) \
    (!HTTP_EQUAL_VERSION(version, major, minor))
#define HTTP_GREATER_EQUAL_VERSION(version, major, minor) \
    (!HTTP_LESS_VERSION(version, major, minor))
#define HTTP_LESS_EQUAL_VERSION(version, major, minor) \
    (!HTTP_GREATER_VERSION(version, major, minor))

typedef enum _HTTP_URI_SCHEME {
    HttpSchemeHttp,
    HttpSchemeHttps,
    HttpSchemeMaximum
} HTTP_SCHEME, *PHTTP_URI_SCHEME;

// ---------------------------------------------------------------------------------------------
// Verbs. The parser maps the well-known methods to their enumerator; anything else is
// HttpVerbUnknown with the text in HTTP_REQUEST.pUnknownVerb.
// ---------------------------------------------------------------------------------------------

typedef enum _HTTP_VERB {
    HttpVerbUnparsed,   // 0
    HttpVerbUnknown,    // 1: see pUnknownVerb / UnknownVerbLength
    HttpVerbInvalid,    // 2
    HttpVerbOPTIONS,    // 3
    HttpVerbGET,        // 4
    HttpVerbHEAD,       // 5
    HttpVerbPOST,       // 6
    HttpVerbPUT,        // 7
    HttpVerbDELETE,     // 8
    HttpVerbTRACE,      // 9
    HttpVerbCONNECT,    // 10
    HttpVerbTRACK,      // 11
    HttpVerbMOVE,       // 12
    HttpVerbCOPY,       // 13
    HttpVerbPROPFIND,   // 14
    HttpVerbPROPPATCH,  // 15
    HttpVerbMKCOL,      // 16
    HttpVerbLOCK,       // 17
    HttpVerbUNLOCK,     // 18
    HttpVerbSEARCH,     // 19
    HttpVerbMaximum     // 20
} HTTP_VERB, *PHTTP_VERB;

// ---------------------------------------------------------------------------------------------
// Known header ids: each one indexes KnownHeaders[] of the request or response header block.
// The first 20 are shared; from 20 on, request and response ids reuse the same numbers for
// different headers, so always index the array the id was meant for.
// ---------------------------------------------------------------------------------------------

typedef enum _HTTP_HEADER_ID {
    // General and entity headers, valid in both directions.
    HttpHeaderCacheControl = 0,
    HttpHeaderConnection = 1,
    HttpHeaderDate = 2,
    HttpHeaderKeepAlive = 3,
    HttpHeaderPragma = 4,
    HttpHeaderTrailer = 5,
    HttpHeaderTransferEncoding = 6,
    HttpHeaderUpgrade = 7,
    HttpHeaderVia = 8,
    HttpHeaderWarning = 9,
    HttpHeaderAllow = 10,
    HttpHeaderContentLength = 11,
    HttpHeaderContentType = 12,
    HttpHeaderContentEncoding = 13,
    HttpHeaderContentLanguage = 14,
    HttpHeaderContentLocation = 15,
    HttpHeaderContentMd5 = 16,
    HttpHeaderContentRange = 17,
    HttpHeaderExpires = 18,
    HttpHeaderLastModified = 19,

    // Request-only headers.
    HttpHeaderAccept = 20,
    HttpHeaderAcceptCharset = 21,
    HttpHeaderAcceptEncoding = 22,
    HttpHeaderAcceptLanguage = 23,
    HttpHeaderAuthorization = 24,
    HttpHeaderCookie = 25,
    HttpHeaderExpect = 26,
    HttpHeaderFrom = 27,
    HttpHeaderHost = 28,
    HttpHeaderIfMatch = 29,
    HttpHeaderIfModifiedSince = 30,
    HttpHeaderIfNoneMatch = 31,
    HttpHeaderIfRange = 32,
    HttpHeaderIfUnmodifiedSince = 33,
    HttpHeaderMaxForwards = 34,
    HttpHeaderProxyAuthorization = 35,
    HttpHeaderReferer = 36,
    HttpHeaderRange = 37,
    HttpHeaderTe = 38,
    HttpHeaderTranslate = 39,
    HttpHeaderUserAgent = 40,
    HttpHeaderRequestMaximum = 41,

    // Response-only headers (same numbers as some request headers above).
    HttpHeaderAcceptRanges = 20,
    HttpHeaderAge = 21,
    HttpHeaderEtag = 22,
    HttpHeaderLocation = 23,
    HttpHeaderProxyAuthenticate = 24,
    HttpHeaderRetryAfter = 25,
    HttpHeaderServer = 26,
    HttpHeaderSetCookie = 27,
    HttpHeaderVary = 28,
    HttpHeaderWwwAuthenticate = 29,
    HttpHeaderResponseMaximum = 30,

    HttpHeaderMaximum = 41
} HTTP_HEADER_ID, *PHTTP_HEADER_ID;

// One slot of KnownHeaders[]. An absent header has RawValueLength 0 and pRawValue NULL.
typedef struct _HTTP_KNOWN_HEADER {
    USHORT RawValueLength;  // bytes, terminating NUL not counted
    PCSTR pRawValue;
} HTTP_KNOWN_HEADER, *PHTTP_KNOWN_HEADER;

// A header without an HTTP_HEADER_ID: name (no colon) and value, lengths in bytes without NUL.
typedef struct _HTTP_UNKNOWN_HEADER {
    USHORT NameLength;
    USHORT RawValueLength;
    PCSTR pName;
    PCSTR pRawValue;
} HTTP_UNKNOWN_HEADER, *PHTTP_UNKNOWN_HEADER;

// ---------------------------------------------------------------------------------------------
// Log data handed to ISendResponseProvider::SetLogData / GetLogData.
// ---------------------------------------------------------------------------------------------

typedef enum _HTTP_LOG_DATA_TYPE {
    HttpLogDataTypeFields = 0
} HTTP_LOG_DATA_TYPE, *PHTTP_LOG_DATA_TYPE;

// Common head of every log record; Type says which full structure it begins.
typedef struct _HTTP_LOG_DATA {
    HTTP_LOG_DATA_TYPE Type;
} HTTP_LOG_DATA, *PHTTP_LOG_DATA;

// Log record of type HttpLogDataTypeFields. The lengths are in bytes (for the two wide strings
// that is count * sizeof(WCHAR)); the strings are not necessarily NUL-terminated.
typedef struct _HTTP_LOG_FIELDS_DATA {
    HTTP_LOG_DATA Base;  // Base.Type == HttpLogDataTypeFields

    USHORT UserNameLength;
    USHORT UriStemLength;
    USHORT ClientIpLength;
    USHORT ServerNameLength;
    USHORT ServiceNameLength;
    USHORT ServerIpLength;
    USHORT MethodLength;
    USHORT UriQueryLength;
    USHORT HostLength;
    USHORT UserAgentLength;
    USHORT CookieLength;
    USHORT ReferrerLength;

    PWCHAR UserName;
    PWCHAR UriStem;
    PCHAR ClientIp;
    PCHAR ServerName;
    PCHAR ServiceName;
    PCHAR ServerIp;
    PCHAR Method;
    PCHAR UriQuery;
    PCHAR Host;
    PCHAR UserAgent;
    PCHAR Cookie;
    PCHAR Referrer;

    USHORT ServerPort;
    USHORT ProtocolStatus;
    ULONG Win32Status;
    HTTP_VERB MethodNum;
    USHORT SubStatus;
} HTTP_LOG_FIELDS_DATA, *PHTTP_LOG_FIELDS_DATA;

// ---------------------------------------------------------------------------------------------
// Data chunks: the unit of request and response bodies.
// ---------------------------------------------------------------------------------------------

// Opaque payload of the WinHTTP fast-forwarding chunk; Lintel never produces one.
typedef struct _HTTP_WINHTTP_FAST_FORWARDING_DATA {
    UCHAR Reserved[16];
} HTTP_WINHTTP_FAST_FORWARDING_DATA, *PHTTP_WINHTTP_FAST_FORWARDING_DATA;

typedef enum _HTTP_DATA_CHUNK_TYPE {
    HttpDataChunkFromMemory,                 // 0: FromMemory
    HttpDataChunkFromFileHandle,             // 1: FromFileHandle
    HttpDataChunkFromFragmentCache,          // 2: FromFragmentCache
    HttpDataChunkFromFragmentCacheEx,        // 3: FromFragmentCacheEx
    HttpDataChunkTrailers,                   // 4: Trailers
    HttpDataChunkFromWinHttpFastForwarding,  // 5: FromWinHttpFastForwarding
    HttpDataChunkMaximum                     // 6
} HTTP_DATA_CHUNK_TYPE, *PHTTP_DATA_CHUNK_TYPE;

// DataChunkType selects the one union member that is valid. The memory a chunk points at (and
// the file handle) must stay valid until the write that consumes the chunk has completed.
typedef struct _HTTP_DATA_CHUNK {
    HTTP_DATA_CHUNK_TYPE DataChunkType;

    union {
        struct {
            PVOID pBuffer;
            ULONG BufferLength;  // bytes
        } FromMemory;

        // FileHandle: a file HANDLE from the SDK's file functions; windows.h decides how it
        // maps to a descriptor. It must stay open until the send has completed.
        struct {
            HTTP_BYTE_RANGE ByteRange;
            HANDLE FileHandle;
        } FromFileHandle;

        struct {
            USHORT FragmentNameLength;  // bytes, terminating NUL not counted
            PCWSTR pFragmentName;
        } FromFragmentCache;

        struct {
            HTTP_BYTE_RANGE ByteRange;
            PCWSTR pFragmentName;  // NUL-terminated
        } FromFragmentCacheEx;

        struct {
            USHORT TrailerCount;
            PHTTP_UNKNOWN_HEADER pTrailers;
        } Trailers;

        struct {
            HTTP_WINHTTP_FAST_FORWARDING_DATA WhFastForwardingData;
        } FromWinHttpFastForwarding;
    };
} HTTP_DATA_CHUNK, *PHTTP_DATA_CHUNK;

// ---------------------------------------------------------------------------------------------
// Header blocks, addresses, URLs.
// ---------------------------------------------------------------------------------------------

// Request headers. Known headers sit at KnownHeaders[HTTP_HEADER_ID]; everything else is in
// pUnknownHeaders. TrailerCount/pTrailers are reserved (0/NULL).
typedef struct _HTTP_REQUEST_HEADERS {
    USHORT UnknownHeaderCount;
    PHTTP_UNKNOWN_HEADER pUnknownHeaders;
    USHORT TrailerCount;
    PHTTP_UNKNOWN_HEADER pTrailers;
    HTTP_KNOWN_HEADER KnownHeaders[HttpHeaderRequestMaximum];
} HTTP_REQUEST_HEADERS, *PHTTP_REQUEST_HEADERS;

// Response headers; same shape with the shorter response id range.
typedef struct _HTTP_RESPONSE_HEADERS {
    USHORT UnknownHeaderCount;
    PHTTP_UNKNOWN_HEADER pUnknownHeaders;
    USHORT TrailerCount;
    PHTTP_UNKNOWN_HEADER pTrailers;
    HTTP_KNOWN_HEADER KnownHeaders[HttpHeaderResponseMaximum];
} HTTP_RESPONSE_HEADERS, *PHTTP_RESPONSE_HEADERS;

// Both ends of the connection, in network byte order; both have the same sa_family.
typedef struct _HTTP_TRANSPORT_ADDRESS {
    PSOCKADDR pRemoteAddress;
    PSOCKADDR pLocalAddress;
} HTTP_TRANSPORT_ADDRESS, *PHTTP_TRANSPORT_ADDRESS;

// The canonicalised URL "scheme://host:port/path?query" as a wide string. pHost, pAbsPath and
// pQueryString point into pFullUrl (pQueryString at the '?', NULL without a query). Lengths are
// in bytes, i.e. characters * sizeof(WCHAR), without a NUL.
typedef struct _HTTP_COOKED_URL {
    USHORT FullUrlLength;
    USHORT HostLength;
    USHORT AbsPathLength;
    USHORT QueryStringLength;

    PCWSTR pFullUrl;
    PCWSTR pHost;
    PCWSTR pAbsPath;
    PCWSTR pQueryString;
} HTTP_COOKED_URL, *PHTTP_COOKED_URL;

// ---------------------------------------------------------------------------------------------
// Authentication, TLS and per-request information records.
// ---------------------------------------------------------------------------------------------

typedef enum _HTTP_AUTH_STATUS {
    HttpAuthStatusSuccess,
    HttpAuthStatusNotAuthenticated,
    HttpAuthStatusFailure
} HTTP_AUTH_STATUS, *PHTTP_AUTH_STATUS;

typedef enum _HTTP_REQUEST_AUTH_TYPE {
    HttpRequestAuthTypeNone = 0,
    HttpRequestAuthTypeBasic,
    HttpRequestAuthTypeDigest,
    HttpRequestAuthTypeNTLM,
    HttpRequestAuthTypeNegotiate,
    HttpRequestAuthTypeKerberos
} HTTP_REQUEST_AUTH_TYPE, *PHTTP_REQUEST_AUTH_TYPE;

typedef struct _HTTP_SSL_CLIENT_CERT_INFO {
    ULONG CertFlags;
    ULONG CertEncodedSize;  // bytes at pCertEncoded (DER)
    PUCHAR pCertEncoded;
    HANDLE Token;
    BOOLEAN CertDeniedByMapper;
} HTTP_SSL_CLIENT_CERT_INFO, *PHTTP_SSL_CLIENT_CERT_INFO;

#define HTTP_RECEIVE_SECURE_CHANNEL_TOKEN 0x1
#define HTTP_RECEIVE_FULL_CHAIN 0x2

// TLS facts of the connection; HTTP_REQUEST.pSslInfo is NULL on plain HTTP.
typedef struct _HTTP_SSL_INFO {
    USHORT ServerCertKeySize;
    USHORT ConnectionKeySize;
    ULONG ServerCertIssuerSize;
    ULONG ServerCertSubjectSize;

    PCSTR pServerCertIssuer;
    PCSTR pServerCertSubject;

    PHTTP_SSL_CLIENT_CERT_INFO pClientCertInfo;  // NULL until a client certificate is known
    ULONG SslClientCertNegotiated;
} HTTP_SSL_INFO, *PHTTP_SSL_INFO;

// Payload of HttpRequestInfoTypeSslProtocol. Informational only: by the time a module reads it,
// the request has already travelled over the negotiated channel.
typedef struct _HTTP_SSL_PROTOCOL_INFO {
    ULONG Protocol;
    ULONG CipherType;
    ULONG CipherStrength;
    ULONG HashType;
    ULONG HashStrength;
    ULONG KeyExchangeType;
    ULONG KeyExchangeStrength;
} HTTP_SSL_PROTOCOL_INFO, *PHTTP_SSL_PROTOCOL_INFO;

// Channel binding (Extended Protection) records.
typedef enum _HTTP_SERVICE_BINDING_TYPE {
    HttpServiceBindingTypeNone = 0,
    HttpServiceBindingTypeW,
    HttpServiceBindingTypeA
} HTTP_SERVICE_BINDING_TYPE;

typedef struct _HTTP_SERVICE_BINDING_BASE {
    HTTP_SERVICE_BINDING_TYPE Type;
} HTTP_SERVICE_BINDING_BASE, *PHTTP_SERVICE_BINDING_BASE;

typedef struct _HTTP_SERVICE_BINDING_A {
    HTTP_SERVICE_BINDING_BASE Base;
    PCHAR Buffer;
    ULONG BufferSize;
} HTTP_SERVICE_BINDING_A, *PHTTP_SERVICE_BINDING_A;

typedef struct _HTTP_SERVICE_BINDING_W {
    HTTP_SERVICE_BINDING_BASE Base;
    PWCHAR Buffer;
    ULONG BufferSize;
} HTTP_SERVICE_BINDING_W, *PHTTP_SERVICE_BINDING_W;

typedef struct _HTTP_REQUEST_CHANNEL_BIND_STATUS {
    PHTTP_SERVICE_BINDING_BASE ServiceName;
    PUCHAR ChannelToken;
    ULONG ChannelTokenSize;
    ULONG Flags;
} HTTP_REQUEST_CHANNEL_BIND_STATUS, *PHTTP_REQUEST_CHANNEL_BIND_STATUS;

typedef struct _HTTP_REQUEST_TOKEN_BINDING_INFO {
    PUCHAR TokenBinding;
    ULONG TokenBindingSize;
    PUCHAR EKM;
    ULONG EKMSize;
    UCHAR KeyType;
} HTTP_REQUEST_TOKEN_BINDING_INFO, *PHTTP_REQUEST_TOKEN_BINDING_INFO;

// Kind of record in HTTP_REQUEST_V2.pRequestInfo[].
typedef enum _HTTP_REQUEST_INFO_TYPE {
    HttpRequestInfoTypeAuth,                  // HTTP_REQUEST_AUTH_INFO
    HttpRequestInfoTypeChannelBind,           // HTTP_REQUEST_CHANNEL_BIND_STATUS
    HttpRequestInfoTypeSslProtocol,           // HTTP_SSL_PROTOCOL_INFO
    HttpRequestInfoTypeSslTokenBindingDraft,  // HTTP_REQUEST_TOKEN_BINDING_INFO
    HttpRequestInfoTypeSslTokenBinding,       // HTTP_REQUEST_TOKEN_BINDING_INFO
    HttpRequestInfoTypeRequestTiming,
    HttpRequestInfoTypeTcpInfoV0,
    HttpRequestInfoTypeRequestSizing,
    HttpRequestInfoTypeQuicStats,
    HttpRequestInfoTypeTcpInfoV1,
    HttpRequestInfoTypeQuicStatsV2,
    HttpRequestInfoTypeTcpInfoV2
} HTTP_REQUEST_INFO_TYPE, *PHTTP_REQUEST_INFO_TYPE;

typedef struct _HTTP_REQUEST_INFO {
    HTTP_REQUEST_INFO_TYPE InfoType;
    ULONG InfoLength;  // bytes at pInfo
    PVOID pInfo;
} HTTP_REQUEST_INFO, *PHTTP_REQUEST_INFO;

// sspi.h owns SECURITY_STATUS; declare it only if nobody has yet (same guard as the SDK).
#ifndef __SECSTATUS_DEFINED__
#define __SECSTATUS_DEFINED__
typedef LONG SECURITY_STATUS;
#endif

#define HTTP_REQUEST_AUTH_FLAG_TOKEN_FOR_CACHED_CRED 0x00000001

// Payload of HttpRequestInfoTypeAuth.
typedef struct _HTTP_REQUEST_AUTH_INFO {
    HTTP_AUTH_STATUS AuthStatus;
    SECURITY_STATUS SecStatus;
    ULONG Flags;
    HTTP_REQUEST_AUTH_TYPE AuthType;
    HANDLE AccessToken;
    ULONG ContextAttributes;

    ULONG PackedContextLength;
    ULONG PackedContextType;
    PVOID PackedContext;

    ULONG MutualAuthDataLength;
    PCHAR pMutualAuthData;

    USHORT PackageNameLength;  // bytes, no NUL
    PWSTR pPackageName;
} HTTP_REQUEST_AUTH_INFO, *PHTTP_REQUEST_AUTH_INFO;

// ---------------------------------------------------------------------------------------------
// The request.
// ---------------------------------------------------------------------------------------------

// Version 1 of the parsed request. Lintel builds one per request before the first notification
// and keeps it for the life of the request. The strings it points at may be replaced when a
// module changes the request (SetHeader, SetUrl ...): re-read pointers after such calls instead
// of caching them.
typedef struct _HTTP_REQUEST_V1 {
    ULONG Flags;  // HTTP_REQUEST_FLAG_*

    HTTP_CONNECTION_ID ConnectionId;
    HTTP_REQUEST_ID RequestId;
    HTTP_URL_CONTEXT UrlContext;

    HTTP_VERSION Version;
    HTTP_VERB Verb;
    USHORT UnknownVerbLength;  // bytes, no NUL; only for HttpVerbUnknown
    USHORT RawUrlLength;       // bytes, no NUL
    PCSTR pUnknownVerb;        // only for HttpVerbUnknown
    PCSTR pRawUrl;             // request-target exactly as received

    HTTP_COOKED_URL CookedUrl;
    HTTP_TRANSPORT_ADDRESS Address;
    HTTP_REQUEST_HEADERS Headers;

    ULONGLONG BytesReceived;  // network bytes of this request so far

    USHORT EntityChunkCount;  // body already in memory (preloaded), if any
    PHTTP_DATA_CHUNK pEntityChunks;

    HTTP_RAW_CONNECTION_ID RawConnectionId;
    PHTTP_SSL_INFO pSslInfo;  // NULL unless the connection is TLS
} HTTP_REQUEST_V1, *PHTTP_REQUEST_V1;

// Version 2 appends the typed information records. Being derived, a PHTTP_REQUEST converts to
// PHTTP_REQUEST_V1 implicitly, as with the SDK. Not standard-layout (members in base and
// derived), but trivially copyable, and V1's fields keep their offsets.
typedef struct _HTTP_REQUEST_V2 : _HTTP_REQUEST_V1 {
    USHORT RequestInfoCount;
    PHTTP_REQUEST_INFO pRequestInfo;
} HTTP_REQUEST_V2, *PHTTP_REQUEST_V2;

typedef HTTP_REQUEST_V2 HTTP_REQUEST;
typedef HTTP_REQUEST *PHTTP_REQUEST;

#define HTTP_REQUEST_FLAG_MORE_ENTITY_BODY_EXISTS 0x00000001  // body not (fully) in pEntityChunks
#define HTTP_REQUEST_FLAG_IP_ROUTED 0x00000002
#define HTTP_REQUEST_FLAG_HTTP2 0x00000004  // arrived over HTTP/2
#define HTTP_REQUEST_FLAG_HTTP3 0x00000008  // arrived over HTTP/3
#define HTTP_REQUEST_FLAG_FAST_FORWARDING_ALLOWED 0x00000010
#define HTTP_REQUEST_FLAG_FAST_FORWARDING_RESPONSE_ALLOWED \
    HTTP_REQUEST_FLAG_FAST_FORWARDING_ALLOWED

// ---------------------------------------------------------------------------------------------
// The response.
// ---------------------------------------------------------------------------------------------

typedef struct _HTTP_RESPONSE_V1 {
    ULONG Flags;  // HTTP_RESPONSE_FLAG_*
    HTTP_VERSION Version;
    USHORT StatusCode;
    USHORT ReasonLength;  // bytes, no NUL; printable ASCII only
    PCSTR pReason;
    HTTP_RESPONSE_HEADERS Headers;
    USHORT EntityChunkCount;
    PHTTP_DATA_CHUNK pEntityChunks;
} HTTP_RESPONSE_V1, *PHTTP_RESPONSE_V1;

#define HTTP_RESPONSE_FLAG_MULTIPLE_ENCODINGS_AVAILABLE 0x00000001
#define HTTP_RESPONSE_FLAG_MORE_ENTITY_BODY_EXISTS 0x00000002

typedef enum _HTTP_RESPONSE_INFO_TYPE {
    HttpResponseInfoTypeMultipleKnownHeaders,  // HTTP_MULTIPLE_KNOWN_HEADERS
    HttpResponseInfoTypeAuthenticationProperty,
    HttpResponseInfoTypeQoSProperty,
    HttpResponseInfoTypeChannelBind
} HTTP_RESPONSE_INFO_TYPE, *PHTTP_RESPONSE_INFO_TYPE;

typedef struct _HTTP_RESPONSE_INFO {
    HTTP_RESPONSE_INFO_TYPE Type;
    ULONG Length;  // bytes at pInfo
    PVOID pInfo;
} HTTP_RESPONSE_INFO, *PHTTP_RESPONSE_INFO;

#define HTTP_RESPONSE_INFO_FLAGS_PRESERVE_ORDER 0x00000001

// Several values of one known response header, each sent as its own header line.
typedef struct _HTTP_MULTIPLE_KNOWN_HEADERS {
    HTTP_HEADER_ID HeaderId;
    ULONG Flags;  // HTTP_RESPONSE_INFO_FLAGS_*
    USHORT KnownHeaderCount;
    PHTTP_KNOWN_HEADER KnownHeaders;
} HTTP_MULTIPLE_KNOWN_HEADERS, *PHTTP_MULTIPLE_KNOWN_HEADERS;

typedef struct _HTTP_RESPONSE_V2 : _HTTP_RESPONSE_V1 {
    USHORT ResponseInfoCount;
    PHTTP_RESPONSE_INFO pResponseInfo;
} HTTP_RESPONSE_V2, *PHTTP_RESPONSE_V2;

typedef HTTP_RESPONSE_V2 HTTP_RESPONSE;
typedef HTTP_RESPONSE *PHTTP_RESPONSE;

// ---------------------------------------------------------------------------------------------
// Caching.
// ---------------------------------------------------------------------------------------------

typedef enum _HTTP_CACHE_POLICY_TYPE {
    HttpCachePolicyNocache,
    HttpCachePolicyUserInvalidates,
    HttpCachePolicyTimeToLive,
    HttpCachePolicyMaximum
} HTTP_CACHE_POLICY_TYPE, *PHTTP_CACHE_POLICY_TYPE;

typedef struct _HTTP_CACHE_POLICY {
    HTTP_CACHE_POLICY_TYPE Policy;
    ULONG SecondsToLive;  // used with HttpCachePolicyTimeToLive
} HTTP_CACHE_POLICY, *PHTTP_CACHE_POLICY;

// ---------------------------------------------------------------------------------------------
// Request properties (IHttpServer3::QueryRequestProperty).
// ---------------------------------------------------------------------------------------------

typedef enum _HTTP_REQUEST_PROPERTY {
    HttpRequestPropertyIsb,
    HttpRequestPropertyTcpInfoV0,
    HttpRequestPropertyQuicStats,
    HttpRequestPropertyTcpInfoV1,
    HttpRequestPropertySni,          // HTTP_REQUEST_PROPERTY_SNI
    HttpRequestPropertyStreamError,  // HTTP_REQUEST_PROPERTY_STREAM_ERROR
    HttpRequestPropertyWskApiTimings,
    HttpRequestPropertyQuicApiTimings,
    HttpRequestPropertyQuicStatsV2,
    HttpRequestPropertyQuicStreamStats,
    HttpRequestPropertyTcpInfoV2
} HTTP_REQUEST_PROPERTY, *PHTTP_REQUEST_PROPERTY;

#define HTTP_REQUEST_PROPERTY_SNI_HOST_MAX_LENGTH 255

#define HTTP_REQUEST_PROPERTY_SNI_FLAG_SNI_USED 0x00000001  // SNI chose the endpoint
#define HTTP_REQUEST_PROPERTY_SNI_FLAG_NO_SNI 0x00000002    // client sent no SNI

// Note: WCHAR is 4 bytes on Lintel, so this structure is larger than on Windows.
typedef struct _HTTP_REQUEST_PROPERTY_SNI {
    WCHAR Hostname[HTTP_REQUEST_PROPERTY_SNI_HOST_MAX_LENGTH + 1];
    ULONG Flags;  // HTTP_REQUEST_PROPERTY_SNI_FLAG_*
} HTTP_REQUEST_PROPERTY_SNI, *PHTTP_REQUEST_PROPERTY_SNI;

typedef struct _HTTP_REQUEST_PROPERTY_STREAM_ERROR {
    ULONG ErrorCode;
} HTTP_REQUEST_PROPERTY_STREAM_ERROR, *PHTTP_REQUEST_PROPERTY_STREAM_ERROR;

#endif  // LINTEL_SDK_HTTP_H
