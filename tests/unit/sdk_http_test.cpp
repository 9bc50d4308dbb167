// Checks of the SDK's http.h and httptrace.h: enumerator values and flag bits that modules
// compile in as numbers, and the structure layouts the server fills for modules to read.
//
// Sizes and offsets are derived by hand from the field lists for LP64 Linux with 4-byte
// ULONG/DWORD/enums and 8-byte pointers/HANDLE; that is also the Windows x64 layout, so the
// numbers below are the Windows x64 ones except where a WCHAR array is embedded.

#include <http.h>
#include <httptrace.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

// --- compile-time layout -------------------------------------------------------------------

static_assert(sizeof(HTTP_OPAQUE_ID) == 8);
static_assert(std::is_same_v<HTTP_REQUEST_ID, ULONGLONG>);
static_assert(std::is_same_v<HTTP_CONNECTION_ID, ULONGLONG>);
static_assert(std::is_same_v<HTTP_RAW_CONNECTION_ID, ULONGLONG>);
static_assert(std::is_same_v<HTTP_URL_CONTEXT, ULONGLONG>);

// Enumerations travel inside structures, so they must be int-sized as with MSVC.
static_assert(sizeof(HTTP_VERB) == 4);
static_assert(sizeof(HTTP_HEADER_ID) == 4);
static_assert(sizeof(HTTP_DATA_CHUNK_TYPE) == 4);
static_assert(sizeof(HTTP_REQUEST_INFO_TYPE) == 4);
static_assert(sizeof(HTTP_TRACE_TYPE) == 4);

static_assert(sizeof(HTTP_VERSION) == 4);
static_assert(sizeof(HTTP_BYTE_RANGE) == 16);
static_assert(sizeof(HTTP_KNOWN_HEADER) == 16);
static_assert(offsetof(HTTP_KNOWN_HEADER, pRawValue) == 8);
static_assert(sizeof(HTTP_UNKNOWN_HEADER) == 24);
static_assert(offsetof(HTTP_UNKNOWN_HEADER, RawValueLength) == 2);
static_assert(offsetof(HTTP_UNKNOWN_HEADER, pName) == 8);
static_assert(offsetof(HTTP_UNKNOWN_HEADER, pRawValue) == 16);

static_assert(std::extent_v<decltype(HTTP_REQUEST_HEADERS::KnownHeaders)> == 41);
static_assert(std::extent_v<decltype(HTTP_RESPONSE_HEADERS::KnownHeaders)> == 30);
static_assert(offsetof(HTTP_REQUEST_HEADERS, pUnknownHeaders) == 8);
static_assert(offsetof(HTTP_REQUEST_HEADERS, TrailerCount) == 16);
static_assert(offsetof(HTTP_REQUEST_HEADERS, pTrailers) == 24);
static_assert(offsetof(HTTP_REQUEST_HEADERS, KnownHeaders) == 32);
static_assert(sizeof(HTTP_REQUEST_HEADERS) == 32 + 41 * 16);
static_assert(sizeof(HTTP_RESPONSE_HEADERS) == 32 + 30 * 16);

static_assert(sizeof(HTTP_COOKED_URL) == 40);
static_assert(offsetof(HTTP_COOKED_URL, QueryStringLength) == 6);
static_assert(offsetof(HTTP_COOKED_URL, pFullUrl) == 8);
static_assert(offsetof(HTTP_COOKED_URL, pQueryString) == 32);
static_assert(sizeof(HTTP_TRANSPORT_ADDRESS) == 16);

static_assert(sizeof(HTTP_DATA_CHUNK) == 32);
static_assert(alignof(HTTP_DATA_CHUNK) == 8);
static_assert(sizeof(HTTP_WINHTTP_FAST_FORWARDING_DATA) == 16);

static_assert(sizeof(HTTP_SSL_CLIENT_CERT_INFO) == 32);
static_assert(offsetof(HTTP_SSL_CLIENT_CERT_INFO, Token) == 16);
static_assert(offsetof(HTTP_SSL_CLIENT_CERT_INFO, CertDeniedByMapper) == 24);
static_assert(sizeof(HTTP_SSL_INFO) == 48);
static_assert(offsetof(HTTP_SSL_INFO, pServerCertIssuer) == 16);
static_assert(offsetof(HTTP_SSL_INFO, pClientCertInfo) == 32);
static_assert(offsetof(HTTP_SSL_INFO, SslClientCertNegotiated) == 40);
static_assert(sizeof(HTTP_SSL_PROTOCOL_INFO) == 28);

static_assert(sizeof(HTTP_REQUEST_INFO) == 16);
static_assert(offsetof(HTTP_REQUEST_INFO, pInfo) == 8);
static_assert(sizeof(HTTP_REQUEST_AUTH_INFO) == 80);
static_assert(offsetof(HTTP_REQUEST_AUTH_INFO, AccessToken) == 16);
static_assert(offsetof(HTTP_REQUEST_AUTH_INFO, PackedContext) == 40);
static_assert(offsetof(HTTP_REQUEST_AUTH_INFO, pMutualAuthData) == 56);
static_assert(offsetof(HTTP_REQUEST_AUTH_INFO, pPackageName) == 72);

// HTTP_REQUEST_V1 walked field by field.
static_assert(offsetof(HTTP_REQUEST_V1, Flags) == 0);
static_assert(offsetof(HTTP_REQUEST_V1, ConnectionId) == 8);
static_assert(offsetof(HTTP_REQUEST_V1, RequestId) == 16);
static_assert(offsetof(HTTP_REQUEST_V1, UrlContext) == 24);
static_assert(offsetof(HTTP_REQUEST_V1, Version) == 32);
static_assert(offsetof(HTTP_REQUEST_V1, Verb) == 36);
static_assert(offsetof(HTTP_REQUEST_V1, UnknownVerbLength) == 40);
static_assert(offsetof(HTTP_REQUEST_V1, RawUrlLength) == 42);
static_assert(offsetof(HTTP_REQUEST_V1, pUnknownVerb) == 48);
static_assert(offsetof(HTTP_REQUEST_V1, pRawUrl) == 56);
static_assert(offsetof(HTTP_REQUEST_V1, CookedUrl) == 64);
static_assert(offsetof(HTTP_REQUEST_V1, Address) == 104);
static_assert(offsetof(HTTP_REQUEST_V1, Headers) == 120);
static_assert(offsetof(HTTP_REQUEST_V1, BytesReceived) == 808);
static_assert(offsetof(HTTP_REQUEST_V1, EntityChunkCount) == 816);
static_assert(offsetof(HTTP_REQUEST_V1, pEntityChunks) == 824);
static_assert(offsetof(HTTP_REQUEST_V1, RawConnectionId) == 832);
static_assert(offsetof(HTTP_REQUEST_V1, pSslInfo) == 840);
static_assert(sizeof(HTTP_REQUEST_V1) == 848);
static_assert(sizeof(HTTP_REQUEST_V2) == 864);
static_assert(std::is_same_v<HTTP_REQUEST, HTTP_REQUEST_V2>);
static_assert(std::is_same_v<PHTTP_REQUEST, HTTP_REQUEST_V2 *>);
static_assert(std::is_base_of_v<HTTP_REQUEST_V1, HTTP_REQUEST_V2>);
static_assert(std::is_trivially_copyable_v<HTTP_REQUEST>);

static_assert(offsetof(HTTP_RESPONSE_V1, Version) == 4);
static_assert(offsetof(HTTP_RESPONSE_V1, StatusCode) == 8);
static_assert(offsetof(HTTP_RESPONSE_V1, ReasonLength) == 10);
static_assert(offsetof(HTTP_RESPONSE_V1, pReason) == 16);
static_assert(offsetof(HTTP_RESPONSE_V1, Headers) == 24);
static_assert(offsetof(HTTP_RESPONSE_V1, EntityChunkCount) == 536);
static_assert(offsetof(HTTP_RESPONSE_V1, pEntityChunks) == 544);
static_assert(sizeof(HTTP_RESPONSE_V1) == 552);
static_assert(sizeof(HTTP_RESPONSE_V2) == 568);
static_assert(std::is_same_v<HTTP_RESPONSE, HTTP_RESPONSE_V2>);
static_assert(std::is_base_of_v<HTTP_RESPONSE_V1, HTTP_RESPONSE_V2>);
static_assert(sizeof(HTTP_RESPONSE_INFO) == 16);
static_assert(sizeof(HTTP_MULTIPLE_KNOWN_HEADERS) == 24);

static_assert(sizeof(HTTP_CACHE_POLICY) == 8);
static_assert(sizeof(HTTP_LOG_DATA) == 4);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, UserNameLength) == 4);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, ReferrerLength) == 26);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, UserName) == 32);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, Referrer) == 120);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, ServerPort) == 128);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, ProtocolStatus) == 130);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, Win32Status) == 132);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, MethodNum) == 136);
static_assert(offsetof(HTTP_LOG_FIELDS_DATA, SubStatus) == 140);
static_assert(sizeof(HTTP_LOG_FIELDS_DATA) == 144);

// Differs from Windows (516 bytes there) because WCHAR is 4 bytes on Lintel.
static_assert(sizeof(HTTP_REQUEST_PROPERTY_SNI) == 256 * sizeof(WCHAR) + 4);

static_assert(sizeof(HTTP_TRACE_EVENT) == 88);
static_assert(offsetof(HTTP_TRACE_EVENT, dwArea) == 8);
static_assert(offsetof(HTTP_TRACE_EVENT, pAreaGuid) == 16);
static_assert(offsetof(HTTP_TRACE_EVENT, pszEventName) == 32);
static_assert(offsetof(HTTP_TRACE_EVENT, dwVerbosity) == 44);
static_assert(offsetof(HTTP_TRACE_EVENT, pActivityGuid) == 48);
static_assert(offsetof(HTTP_TRACE_EVENT, dwTimeStamp) == 64);
static_assert(offsetof(HTTP_TRACE_EVENT, cEventItems) == 72);
static_assert(offsetof(HTTP_TRACE_EVENT, pEventItems) == 80);
static_assert(sizeof(HTTP_TRACE_EVENT_ITEM) == 40);
static_assert(offsetof(HTTP_TRACE_EVENT_ITEM, dwDataType) == 8);
static_assert(offsetof(HTTP_TRACE_EVENT_ITEM, pbData) == 16);
static_assert(offsetof(HTTP_TRACE_EVENT_ITEM, cbData) == 24);
static_assert(offsetof(HTTP_TRACE_EVENT_ITEM, pszDataDescription) == 32);
static_assert(sizeof(HTTP_TRACE_CONFIGURATION) == 24);
static_assert(offsetof(HTTP_TRACE_CONFIGURATION, fProviderEnabled) == 16);

// The provider GUIDs are compile-time constants.
static_assert(GUID_IIS_WWW_SERVER_TRACE_PROVIDER.Data1 == 0x3a2a4e84);

// --- enumerators and flags -----------------------------------------------------------------

TEST(SdkHttpHeaderId, SharedHeadersComeFirst) {
    EXPECT_EQ(0, HttpHeaderCacheControl);
    EXPECT_EQ(1, HttpHeaderConnection);
    EXPECT_EQ(2, HttpHeaderDate);
    EXPECT_EQ(6, HttpHeaderTransferEncoding);
    EXPECT_EQ(9, HttpHeaderWarning);
    EXPECT_EQ(10, HttpHeaderAllow);
    EXPECT_EQ(11, HttpHeaderContentLength);
    EXPECT_EQ(12, HttpHeaderContentType);
    EXPECT_EQ(13, HttpHeaderContentEncoding);
    EXPECT_EQ(16, HttpHeaderContentMd5);
    EXPECT_EQ(19, HttpHeaderLastModified);
}

TEST(SdkHttpHeaderId, RequestOrdinals) {
    EXPECT_EQ(20, HttpHeaderAccept);
    EXPECT_EQ(22, HttpHeaderAcceptEncoding);
    EXPECT_EQ(24, HttpHeaderAuthorization);
    EXPECT_EQ(25, HttpHeaderCookie);
    EXPECT_EQ(28, HttpHeaderHost);
    EXPECT_EQ(30, HttpHeaderIfModifiedSince);
    EXPECT_EQ(31, HttpHeaderIfNoneMatch);
    EXPECT_EQ(36, HttpHeaderReferer);
    EXPECT_EQ(37, HttpHeaderRange);
    EXPECT_EQ(38, HttpHeaderTe);
    EXPECT_EQ(39, HttpHeaderTranslate);
    EXPECT_EQ(40, HttpHeaderUserAgent);
    EXPECT_EQ(41, HttpHeaderRequestMaximum);
    EXPECT_EQ(41, HttpHeaderMaximum);
}

TEST(SdkHttpHeaderId, ResponseOrdinalsOverlapRequestOnes) {
    EXPECT_EQ(20, HttpHeaderAcceptRanges);
    EXPECT_EQ(21, HttpHeaderAge);
    EXPECT_EQ(22, HttpHeaderEtag);
    EXPECT_EQ(23, HttpHeaderLocation);
    EXPECT_EQ(24, HttpHeaderProxyAuthenticate);
    EXPECT_EQ(25, HttpHeaderRetryAfter);
    EXPECT_EQ(26, HttpHeaderServer);
    EXPECT_EQ(27, HttpHeaderSetCookie);
    EXPECT_EQ(28, HttpHeaderVary);
    EXPECT_EQ(29, HttpHeaderWwwAuthenticate);
    EXPECT_EQ(30, HttpHeaderResponseMaximum);
    // Same number, different header: the reason both KnownHeaders arrays exist.
    EXPECT_EQ(static_cast<int>(HttpHeaderHost), static_cast<int>(HttpHeaderVary));
}

TEST(SdkHttpVerb, DeclarationOrder) {
    EXPECT_EQ(0, HttpVerbUnparsed);
    EXPECT_EQ(1, HttpVerbUnknown);
    EXPECT_EQ(2, HttpVerbInvalid);
    EXPECT_EQ(3, HttpVerbOPTIONS);
    EXPECT_EQ(4, HttpVerbGET);
    EXPECT_EQ(5, HttpVerbHEAD);
    EXPECT_EQ(6, HttpVerbPOST);
    EXPECT_EQ(7, HttpVerbPUT);
    EXPECT_EQ(8, HttpVerbDELETE);
    EXPECT_EQ(9, HttpVerbTRACE);
    EXPECT_EQ(10, HttpVerbCONNECT);
    EXPECT_EQ(11, HttpVerbTRACK);
    EXPECT_EQ(12, HttpVerbMOVE);
    EXPECT_EQ(13, HttpVerbCOPY);
    EXPECT_EQ(14, HttpVerbPROPFIND);
    EXPECT_EQ(15, HttpVerbPROPPATCH);
    EXPECT_EQ(16, HttpVerbMKCOL);
    EXPECT_EQ(17, HttpVerbLOCK);
    EXPECT_EQ(18, HttpVerbUNLOCK);
    EXPECT_EQ(19, HttpVerbSEARCH);
    EXPECT_EQ(20, HttpVerbMaximum);
}

TEST(SdkHttpEnums, DataChunkTypes) {
    EXPECT_EQ(0, HttpDataChunkFromMemory);
    EXPECT_EQ(1, HttpDataChunkFromFileHandle);
    EXPECT_EQ(2, HttpDataChunkFromFragmentCache);
    EXPECT_EQ(3, HttpDataChunkFromFragmentCacheEx);
    EXPECT_EQ(4, HttpDataChunkTrailers);
    EXPECT_EQ(5, HttpDataChunkFromWinHttpFastForwarding);
    EXPECT_EQ(6, HttpDataChunkMaximum);
}

TEST(SdkHttpEnums, CacheLogInfoAndProperty) {
    EXPECT_EQ(0, HttpCachePolicyNocache);
    EXPECT_EQ(1, HttpCachePolicyUserInvalidates);
    EXPECT_EQ(2, HttpCachePolicyTimeToLive);
    EXPECT_EQ(3, HttpCachePolicyMaximum);
    EXPECT_EQ(0, HttpLogDataTypeFields);
    EXPECT_EQ(0, HttpRequestInfoTypeAuth);
    EXPECT_EQ(2, HttpRequestInfoTypeSslProtocol);
    EXPECT_EQ(11, HttpRequestInfoTypeTcpInfoV2);
    EXPECT_EQ(0, HttpResponseInfoTypeMultipleKnownHeaders);
    EXPECT_EQ(3, HttpResponseInfoTypeChannelBind);
    EXPECT_EQ(0, HttpRequestPropertyIsb);
    EXPECT_EQ(4, HttpRequestPropertySni);
    EXPECT_EQ(5, HttpRequestPropertyStreamError);
    EXPECT_EQ(10, HttpRequestPropertyTcpInfoV2);
    EXPECT_EQ(0, HttpAuthStatusSuccess);
    EXPECT_EQ(2, HttpAuthStatusFailure);
    EXPECT_EQ(3, HttpRequestAuthTypeNTLM);
    EXPECT_EQ(5, HttpRequestAuthTypeKerberos);
    EXPECT_EQ(1, HttpSchemeHttps);
}

TEST(SdkHttpFlags, SendResponseFlags) {
    EXPECT_EQ(0x001u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_DISCONNECT));
    EXPECT_EQ(0x002u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_MORE_DATA));
    EXPECT_EQ(0x004u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_BUFFER_DATA));
    EXPECT_EQ(0x008u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_ENABLE_NAGLING));
    EXPECT_EQ(0x020u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_PROCESS_RANGES));
    EXPECT_EQ(0x040u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_OPAQUE));
    EXPECT_EQ(0x100u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_GOAWAY));
    EXPECT_EQ(0x200u, static_cast<unsigned>(HTTP_SEND_RESPONSE_FLAG_AUTOMATIC_CHUNKING));
}

TEST(SdkHttpFlags, RequestAndResponseFlags) {
    EXPECT_EQ(0x1u, static_cast<unsigned>(HTTP_REQUEST_FLAG_MORE_ENTITY_BODY_EXISTS));
    EXPECT_EQ(0x2u, static_cast<unsigned>(HTTP_REQUEST_FLAG_IP_ROUTED));
    EXPECT_EQ(0x4u, static_cast<unsigned>(HTTP_REQUEST_FLAG_HTTP2));
    EXPECT_EQ(0x8u, static_cast<unsigned>(HTTP_REQUEST_FLAG_HTTP3));
    EXPECT_EQ(0x10u, static_cast<unsigned>(HTTP_REQUEST_FLAG_FAST_FORWARDING_RESPONSE_ALLOWED));
    EXPECT_EQ(0x1u, static_cast<unsigned>(HTTP_RESPONSE_FLAG_MULTIPLE_ENCODINGS_AVAILABLE));
    EXPECT_EQ(0x2u, static_cast<unsigned>(HTTP_RESPONSE_FLAG_MORE_ENTITY_BODY_EXISTS));
    EXPECT_EQ(0x1u, static_cast<unsigned>(HTTP_REQUEST_AUTH_FLAG_TOKEN_FOR_CACHED_CRED));
}

TEST(SdkHttpIds, NullIdHelpers) {
    HTTP_REQUEST_ID id = 42;
    EXPECT_FALSE(HTTP_IS_NULL_ID(&id));
    HTTP_SET_NULL_ID(&id);
    EXPECT_EQ(0u, id);
    EXPECT_TRUE(HTTP_IS_NULL_ID(&id));
    EXPECT_EQ(~static_cast<ULONGLONG>(0), HTTP_BYTE_RANGE_TO_EOF);
}

TEST(SdkHttpVersion, InitialisersAndComparisons) {
    HTTP_VERSION v11 = HTTP_VERSION_1_1;
    HTTP_VERSION v2 = HTTP_VERSION_2_0;
    EXPECT_EQ(1, v11.MajorVersion);
    EXPECT_EQ(1, v11.MinorVersion);
    EXPECT_TRUE(HTTP_EQUAL_VERSION(v11, 1, 1));
    EXPECT_TRUE(HTTP_NOT_EQUAL_VERSION(v11, 1, 0));
    EXPECT_TRUE(HTTP_GREATER_VERSION(v11, 1, 0));
    EXPECT_FALSE(HTTP_GREATER_VERSION(v11, 1, 1));
    EXPECT_TRUE(HTTP_LESS_VERSION(v11, 2, 0));
    EXPECT_TRUE(HTTP_GREATER_EQUAL_VERSION(v2, 2, 0));
    EXPECT_TRUE(HTTP_LESS_EQUAL_VERSION(v11, 1, 1));
    EXPECT_FALSE(HTTP_LESS_EQUAL_VERSION(v2, 1, 1));
    HTTP_SET_VERSION(v2, 1, 0);
    EXPECT_TRUE(HTTP_EQUAL_VERSION(v2, 1, 0));
}

// --- building and reading structures -------------------------------------------------------

TEST(SdkHttpDataChunk, FromFileHandle) {
    HTTP_DATA_CHUNK chunk;
    std::memset(&chunk, 0, sizeof(chunk));
    HANDLE file = reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(0x1234));
    chunk.DataChunkType = HttpDataChunkFromFileHandle;
    chunk.FromFileHandle.ByteRange.StartingOffset.QuadPart = 4096;
    chunk.FromFileHandle.ByteRange.Length.QuadPart = HTTP_BYTE_RANGE_TO_EOF;
    chunk.FromFileHandle.FileHandle = file;

    const auto *base = reinterpret_cast<const unsigned char *>(&chunk);
    const auto *range = reinterpret_cast<const unsigned char *>(&chunk.FromFileHandle.ByteRange);
    const auto *handle = reinterpret_cast<const unsigned char *>(&chunk.FromFileHandle.FileHandle);
    EXPECT_EQ(8, range - base);  // the union starts 8-aligned after the 4-byte type
    EXPECT_EQ(24, handle - base);

    EXPECT_EQ(HttpDataChunkFromFileHandle, chunk.DataChunkType);
    EXPECT_EQ(4096u, chunk.FromFileHandle.ByteRange.StartingOffset.QuadPart);
    EXPECT_EQ(HTTP_BYTE_RANGE_TO_EOF, chunk.FromFileHandle.ByteRange.Length.QuadPart);
    EXPECT_EQ(file, chunk.FromFileHandle.FileHandle);
    // The range and the fragment-cache range are the same bytes of the union.
    EXPECT_EQ(4096u, chunk.FromFragmentCacheEx.ByteRange.StartingOffset.QuadPart);
}

TEST(SdkHttpDataChunk, FromMemoryOverlaysTheSameUnion) {
    static char body[] = "hello";
    HTTP_DATA_CHUNK chunk = {};
    chunk.DataChunkType = HttpDataChunkFromMemory;
    chunk.FromMemory.pBuffer = body;
    chunk.FromMemory.BufferLength = sizeof(body) - 1;
    EXPECT_EQ(static_cast<void *>(&chunk.FromMemory.pBuffer),
              static_cast<void *>(&chunk.FromFileHandle.ByteRange));
    EXPECT_EQ(5u, chunk.FromMemory.BufferLength);
    EXPECT_EQ(0, std::memcmp(chunk.FromMemory.pBuffer, "hello", 5));
}

TEST(SdkHttpRequest, V2ExtendsV1AtTheEnd) {
    HTTP_REQUEST request;
    std::memset(&request, 0, sizeof(request));
    const auto *base = reinterpret_cast<const unsigned char *>(&request);
    const auto *count = reinterpret_cast<const unsigned char *>(&request.RequestInfoCount);
    const auto *info = reinterpret_cast<const unsigned char *>(&request.pRequestInfo);
    EXPECT_EQ(848, count - base);
    EXPECT_EQ(856, info - base);

    // A V2 pointer is usable wherever a V1 pointer is expected, at the same address.
    PHTTP_REQUEST_V1 v1 = &request;
    EXPECT_EQ(static_cast<void *>(v1), static_cast<void *>(&request));

    HTTP_RESPONSE response;
    std::memset(&response, 0, sizeof(response));
    const auto *rbase = reinterpret_cast<const unsigned char *>(&response);
    const auto *rcount = reinterpret_cast<const unsigned char *>(&response.ResponseInfoCount);
    EXPECT_EQ(552, rcount - rbase);
}

TEST(SdkHttpRequest, ServerFilledFieldsReadBack) {
    static const char host[] = "example.test";
    static const char raw_url[] = "/a/b?x=1";
    static const wchar_t full_url[] = L"http://example.test:80/a/b?x=1";
    HTTP_REQUEST request;
    std::memset(&request, 0, sizeof(request));
    request.Verb = HttpVerbGET;
    HTTP_SET_VERSION(request.Version, 1, 1);
    request.pRawUrl = raw_url;
    request.RawUrlLength = sizeof(raw_url) - 1;
    request.Headers.KnownHeaders[HttpHeaderHost].pRawValue = host;
    request.Headers.KnownHeaders[HttpHeaderHost].RawValueLength = sizeof(host) - 1;
    request.CookedUrl.pFullUrl = full_url;
    request.CookedUrl.FullUrlLength = (sizeof(full_url) / sizeof(WCHAR) - 1) * sizeof(WCHAR);
    request.CookedUrl.pQueryString = full_url + 26;
    request.CookedUrl.QueryStringLength = 4 * sizeof(WCHAR);

    // How a module reads it back (IHttpRequest::GetRawHttpRequest()->...).
    const HTTP_REQUEST *raw = &request;
    EXPECT_EQ(HttpVerbGET, raw->Verb);
    EXPECT_TRUE(HTTP_EQUAL_VERSION(raw->Version, 1, 1));
    EXPECT_EQ(12, raw->Headers.KnownHeaders[HttpHeaderHost].RawValueLength);
    EXPECT_STREQ("example.test", raw->Headers.KnownHeaders[HttpHeaderHost].pRawValue);
    EXPECT_EQ(L'?', raw->CookedUrl.pQueryString[0]);
    EXPECT_EQ(30 * sizeof(WCHAR), raw->CookedUrl.FullUrlLength);
    EXPECT_EQ(nullptr, raw->pSslInfo);
}

TEST(SdkHttpLog, FieldsDataStartsWithBase) {
    HTTP_LOG_FIELDS_DATA fields = {};
    fields.Base.Type = HttpLogDataTypeFields;
    fields.ProtocolStatus = 404;
    fields.SubStatus = 2;
    fields.MethodNum = HttpVerbPOST;
    // ISendResponseProvider hands out HTTP_LOG_DATA*; modules cast it back to the full record.
    HTTP_LOG_DATA *head = &fields.Base;
    EXPECT_EQ(static_cast<void *>(head), static_cast<void *>(&fields));
    auto *back = reinterpret_cast<HTTP_LOG_FIELDS_DATA *>(head);
    EXPECT_EQ(404, back->ProtocolStatus);
    EXPECT_EQ(2, back->SubStatus);
    EXPECT_EQ(HttpVerbPOST, back->MethodNum);
}

// --- httptrace.h -----------------------------------------------------------------------------

TEST(SdkHttpTrace, TypeValuesAreVariantCodes) {
    EXPECT_EQ(17, HTTP_TRACE_TYPE_BYTE);
    EXPECT_EQ(18, HTTP_TRACE_TYPE_USHORT);
    EXPECT_EQ(19, HTTP_TRACE_TYPE_ULONG);
    EXPECT_EQ(21, HTTP_TRACE_TYPE_ULONGLONG);
    EXPECT_EQ(16, HTTP_TRACE_TYPE_CHAR);
    EXPECT_EQ(2, HTTP_TRACE_TYPE_SHORT);
    EXPECT_EQ(3, HTTP_TRACE_TYPE_LONG);
    EXPECT_EQ(20, HTTP_TRACE_TYPE_LONGLONG);
    EXPECT_EQ(31, HTTP_TRACE_TYPE_LPCWSTR);
    EXPECT_EQ(30, HTTP_TRACE_TYPE_LPCSTR);
    EXPECT_EQ(72, HTTP_TRACE_TYPE_LPCGUID);
    EXPECT_EQ(11, HTTP_TRACE_TYPE_BOOL);
    EXPECT_EQ(0x01, HTTP_TRACE_EVENT_FLAG_STATIC_DESCRIPTIVE_FIELDS);
    EXPECT_EQ(6, HTTP_TRACE_LEVEL_START);
    EXPECT_EQ(7, HTTP_TRACE_LEVEL_END);
}

TEST(SdkHttpTrace, ProviderGuids) {
    EXPECT_EQ(0u, GUID_IIS_ALL_TRACE_PROVIDERS.Data1);
    EXPECT_EQ(0u, GUID_IIS_ALL_TRACE_PROVIDERS.Data4[7]);

    const GUID &www = GUID_IIS_WWW_SERVER_TRACE_PROVIDER;  // {3A2A4E84-4C21-4981-AE10-3FDA0D9B0F83}
    EXPECT_EQ(0x3a2a4e84u, www.Data1);
    EXPECT_EQ(0x4c21, www.Data2);
    EXPECT_EQ(0x4981, www.Data3);
    const unsigned char www_tail[8] = {0xae, 0x10, 0x3f, 0xda, 0x0d, 0x9b, 0x0f, 0x83};
    EXPECT_EQ(0, std::memcmp(www.Data4, www_tail, 8));

    EXPECT_EQ(0xaff081feu, GUID_IIS_ASPNET_TRACE_PROVIDER.Data1);
    EXPECT_EQ(0x06b94d9au, GUID_IIS_ASP_TRACE_TRACE_PROVIDER.Data1);
    EXPECT_EQ(0xef, GUID_IIS_ASP_TRACE_TRACE_PROVIDER.Data4[1]);
    EXPECT_EQ(0xd55d3bc9u, GUID_IIS_WWW_GLOBAL_TRACE_PROVIDER.Data1);
    EXPECT_EQ(0x44df, GUID_IIS_WWW_GLOBAL_TRACE_PROVIDER.Data3);
    EXPECT_EQ(0xa1c2040eu, GUID_IIS_ISAPI_TRACE_PROVIDER.Data1);
    EXPECT_EQ(0xea, GUID_IIS_ISAPI_TRACE_PROVIDER.Data4[7]);
    EXPECT_EQ(0xde4649c9u, GUID_IIS_WWW_SERVER_V2_TRACE_PROVIDER.Data1);
}

TEST(SdkHttpTrace, EventWithItemsAsAModuleBuildsIt) {
    ULONG status = 200;
    HTTP_TRACE_EVENT_ITEM items[1] = {};
    items[0].pszName = L"Status";
    items[0].dwDataType = HTTP_TRACE_TYPE_ULONG;
    items[0].pbData = reinterpret_cast<PBYTE>(&status);
    items[0].cbData = sizeof(status);

    HTTP_TRACE_EVENT event = {};
    event.pProviderGuid = &GUID_IIS_WWW_SERVER_TRACE_PROVIDER;
    event.dwVerbosity = 4;
    event.dwFlags = HTTP_TRACE_EVENT_FLAG_STATIC_DESCRIPTIVE_FIELDS;
    event.cEventItems = 1;
    event.pEventItems = items;

    EXPECT_EQ(0x3a2a4e84u, event.pProviderGuid->Data1);
    EXPECT_EQ(HTTP_TRACE_TYPE_ULONG, event.pEventItems[0].dwDataType);
    EXPECT_EQ(200u, *reinterpret_cast<const ULONG *>(event.pEventItems[0].pbData));

    HTTP_TRACE_CONFIGURATION config = {};
    config.pProviderGuid = &GUID_IIS_ALL_TRACE_PROVIDERS;
    config.dwAreas = 0xffffe;
    config.dwVerbosity = 5;
    config.fProviderEnabled = 1;
    EXPECT_EQ(0u, config.pProviderGuid->Data1);
}
