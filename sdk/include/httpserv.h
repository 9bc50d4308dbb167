// httpserv.h - Lintel's IIS native-module API.
//
// Modules written for IIS compile against this header unchanged: same class names, same method
// names and signatures, and the same virtual-function order as the Windows SDK header, because the
// order of the virtuals is the binary contract between a module and the server. New capabilities
// come as new interfaces (IHttpContext3 style); an existing vtable is never edited.
//
// General rules for every interface below unless its comment says otherwise:
// - Interfaces named I* are implemented by the server and handed to modules; modules never delete
//   them. The exceptions (implemented by the module) are IHttpModuleFactory, IHttpStoredContext
//   and its children, and the optional IHttpUser, IScriptMapInfo, IHttpCacheKey,
//   IHttpCacheSpecificData and ICustomNotificationProvider objects a module passes in.
// - Request-level objects (IHttpContext and everything reached through it) belong to the request's
//   event-loop thread. Notifications and completions for a request are delivered on that thread,
//   one at a time; call request objects from that thread only.
// - Pointers and strings returned by a request-level object stay valid until the request ends,
//   or until the module changes the value they describe (for example SetHeader after GetHeader).
// - Lengths named cch* count characters, cb* count bytes. Wide strings are wchar_t (4 bytes on
//   Linux) and NUL-terminated.
// - A method that takes fAsync = TRUE and reports *pfCompletionExpected = TRUE has started real
//   asynchronous work: the module must return RQ_NOTIFICATION_PENDING from the current
//   notification, and the result arrives later through CHttpModule::OnAsyncCompletion (or the
//   per-call PFN_ASYNC_COMPLETION callback), never inline inside the call that started it.
#ifndef _HTTPSERV_H_
#define _HTTPSERV_H_

#include <windows.h>
#include <http.h>
#include <httptrace.h>
#include <ahadmin.h>

#include <stdio.h>

//
// Request notifications (IHttpModuleRegistrationInfo::SetRequestNotifications bit masks)
//

// Deterministic notifications, in pipeline order; each has a post-notification.
#define RQ_BEGIN_REQUEST                    0x00000001
#define RQ_AUTHENTICATE_REQUEST             0x00000002
#define RQ_AUTHORIZE_REQUEST                0x00000004
#define RQ_RESOLVE_REQUEST_CACHE            0x00000008
#define RQ_MAP_REQUEST_HANDLER              0x00000010
#define RQ_ACQUIRE_REQUEST_STATE            0x00000020
#define RQ_PRE_EXECUTE_REQUEST_HANDLER      0x00000040
#define RQ_EXECUTE_REQUEST_HANDLER          0x00000080
#define RQ_RELEASE_REQUEST_STATE            0x00000100
#define RQ_UPDATE_REQUEST_CACHE             0x00000200
#define RQ_LOG_REQUEST                      0x00000400
#define RQ_END_REQUEST                      0x00000800

// Non-deterministic notifications: raised when the triggering action happens, no post form.
// RQ_SEND_RESPONSE_STATUS_AND_HEADERS has no CHttpModule handler.
#define RQ_SEND_RESPONSE_STATUS_AND_HEADERS 0x08000000
#define RQ_CUSTOM_NOTIFICATION              0x10000000
#define RQ_SEND_RESPONSE                    0x20000000
#define RQ_READ_ENTITY                      0x40000000
#define RQ_MAP_PATH                         0x80000000

//
// Global notifications (IHttpModuleRegistrationInfo::SetGlobalNotifications bit masks)
//
#define GL_STOP_LISTENING                   0x00000002
#define GL_CACHE_CLEANUP                    0x00000004
#define GL_CACHE_OPERATION                  0x00000010
#define GL_HEALTH_CHECK                     0x00000020
#define GL_CONFIGURATION_CHANGE             0x00000040
#define GL_FILE_CHANGE                      0x00000080
#define GL_PRE_BEGIN_REQUEST                0x00000100
#define GL_APPLICATION_START                0x00000200
#define GL_APPLICATION_RESOLVE_MODULES      0x00000400
#define GL_APPLICATION_STOP                 0x00000800
#define GL_RSCA_QUERY                       0x00001000
#define GL_TRACE_EVENT                      0x00002000
#define GL_CUSTOM_NOTIFICATION              0x00004000
#define GL_THREAD_CLEANUP                   0x00008000
#define GL_APPLICATION_PRELOAD              0x00010000
#define GL_SUSPEND_PROCESS                  0x00020000

// What a request-level handler tells the pipeline.
// CONTINUE: go on with the next module / notification.
// PENDING: asynchronous work is outstanding; the request waits for its completion. Return it
//          only when a completion is really expected, or the request never resumes.
// FINISH_REQUEST: skip the rest of the request pipeline; Lintel still runs RQ_LOG_REQUEST and
//          RQ_END_REQUEST (and their post forms) and sends the buffered response.
enum REQUEST_NOTIFICATION_STATUS
{
    RQ_NOTIFICATION_CONTINUE,
    RQ_NOTIFICATION_PENDING,
    RQ_NOTIFICATION_FINISH_REQUEST
};

// What a global handler tells the server: CONTINUE lets later modules see the notification,
// HANDLED stops it here.
enum GLOBAL_NOTIFICATION_STATUS
{
    GL_NOTIFICATION_CONTINUE,
    GL_NOTIFICATION_HANDLED
};

// Priority aliases for SetPriorityFor*Notification. MEDIUM is the default. For RQ_SEND_RESPONSE
// the whole order is inverted (a FIRST module runs last).
#define PRIORITY_ALIAS_FIRST                L"FIRST"
#define PRIORITY_ALIAS_HIGH                 L"HIGH"
#define PRIORITY_ALIAS_MEDIUM               L"MEDIUM"
#define PRIORITY_ALIAS_LOW                  L"LOW"
#define PRIORITY_ALIAS_LAST                 L"LAST"

enum CACHE_OPERATION
{
    CACHE_OPERATION_RETRIEVE,
    CACHE_OPERATION_ADD,
    CACHE_OPERATION_DELETE,
    CACHE_OPERATION_FLUSH_PREFIX,
    CACHE_OPERATION_ENUM
};

// Opaque module identity (IHttpModuleRegistrationInfo::GetId); the key for per-module contexts.
typedef VOID* HTTP_MODULE_ID;

// IHttpContext::CloneContext flags.
#define CLONE_FLAG_BASICS                   0x01
#define CLONE_FLAG_HEADERS                  0x02
#define CLONE_FLAG_ENTITY                   0x04
#define CLONE_FLAG_NO_PRECONDITION          0x08
#define CLONE_FLAG_NO_DAV                   0x10
#define CLONE_FLAG_USER_CACHE_VARY_BY       0x20
#define CLONE_FLAG_SERVER_VARIABLE          0x40

// IHttpContext::ExecuteRequest flags.
#define EXECUTE_FLAG_NO_HEADERS                 0x01
#define EXECUTE_FLAG_IGNORE_CURRENT_INTERCEPTOR 0x02
#define EXECUTE_FLAG_IGNORE_APPPOOL             0x04
#define EXECUTE_FLAG_DISABLE_CUSTOM_ERROR       0x08
#define EXECUTE_FLAG_SAME_URL                   0x10
#define EXECUTE_FLAG_BUFFER_RESPONSE            0x20
#define EXECUTE_FLAG_HTTP_CACHE_ELIGIBLE        0x40

//
// Forward declarations
//
class IWorkerProcessFramework;
class IWpfSettings;
class IHttpTraceContext;
class IHttpContext3;
class IHttpCompletionInfo2;
class IHttpTokenEntry;
class IHttpFileInfo;
class IHttpSite;
class ICustomNotificationProvider;
class IHttpEventProvider;
class IHttpCacheSpecificData;
class IHttpModuleFactory;
class CHttpModule;

// Per-module state a module attaches to a server object (request, connection, site, application,
// URL, file, named container). Implemented by the module. The server calls CleanupStoredContext
// exactly once, when the owning object goes away (end of request for a request context); the
// module frees itself there. The server never deletes it.
class IHttpStoredContext
{
public:
    virtual VOID CleanupStoredContext(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpStoredContext, "f1927f76-790e-4ccb-a72e-396bdfdae05d");

// Holds one IHttpStoredContext per module, keyed by the module's HTTP_MODULE_ID (from
// IHttpModuleRegistrationInfo::GetId). SetModuleContext fails with
// HRESULT_FROM_WIN32(ERROR_ALREADY_ASSIGNED) when the slot is taken.
class IHttpModuleContextContainer
{
public:
    virtual IHttpStoredContext* GetModuleContext(HTTP_MODULE_ID moduleId) = 0;

    virtual HRESULT SetModuleContext(IHttpStoredContext* ppStoredContext,
                                     HTTP_MODULE_ID moduleId) = 0;
};
LINTEL_DECLARE_UUID(IHttpModuleContextContainer, "d7fad7c9-aa27-4ab9-bd60-e55ccba3f5dc");

// Contexts keyed by name rather than by module (IHttpContext3::GetNamedContextContainer); the
// WebSocket context lives here under IIS_WEBSOCKET.
class INamedContextContainer
{
public:
    virtual IHttpStoredContext* GetNamedContext(LPCWSTR szName) = 0;

    virtual HRESULT SetNamedContext(IHttpStoredContext* ppStoredContext, LPCWSTR szName) = 0;
};
LINTEL_DECLARE_UUID(INamedContextContainer, "16db6f7c-1a94-47ca-a8e8-fea6005ff3ba");

// A free-standing container from IHttpServer::DispenseContainer. The module owns it and must
// call ReleaseContainer once, which also cleans up every context stored in it.
class IDispensedHttpModuleContextContainer : public IHttpModuleContextContainer
{
public:
    virtual VOID ReleaseContainer(VOID) = 0;
};
LINTEL_DECLARE_UUID(IDispensedHttpModuleContextContainer,
                    "2ae49359-95dd-4e48-ae20-c0cb9d0bc03a");

class IHttpPerfCounterInfo
{
public:
    virtual VOID IncrementCounter(DWORD dwCounterIndex, DWORD dwValue = 1) = 0;

    virtual VOID DecrementCounter(DWORD dwCounterIndex, DWORD dwValue = 1) = 0;
};
LINTEL_DECLARE_UUID(IHttpPerfCounterInfo, "bdfc4c4a-12a4-4744-87d8-765eb320c59f");

// The application (virtual directory root) a request belongs to. Lives as long as the
// application; its strings stay valid for that long.
class IHttpApplication
{
public:
    virtual PCWSTR GetApplicationPhysicalPath(VOID) const = 0;

    virtual PCWSTR GetApplicationId(VOID) const = 0;

    virtual PCWSTR GetAppConfigPath(VOID) const = 0;

    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpApplication, "3f75d9e6-1075-422c-ad89-93a85f2d7bdc");

class IHttpApplication2 : public IHttpApplication
{
public:
    virtual VOID BeginApplicationWarmup(VOID) = 0;

    virtual VOID EndApplicationWarmup(VOID) = 0;

    virtual BOOL QueryIsWarmingUp(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpApplication2, "311a3b7a-b673-4a1c-8349-2e98a23cadcb");

// Cached per-URL data.
class IHttpUrlInfo
{
public:
    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;

    virtual BOOL IsFrequentlyHit(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpUrlInfo, "7e0e6167-0094-49a1-8287-ecf6dc6e73a6");

// A handler mapping (<handlers> entry). Modules may implement it to hand their own mapping to
// IMapHandlerProvider::SetScriptMap; the object must then outlive the request.
class IScriptMapInfo
{
public:
    virtual PCWSTR GetPath(VOID) const = 0;

    virtual PCSTR GetAllowedVerbs(VOID) const = 0;

    virtual PCWSTR GetModules(DWORD* pcchModules = NULL) const = 0;

    virtual PCWSTR GetScriptProcessor(DWORD* pcchScriptProcessor = NULL) const = 0;

    virtual PCWSTR GetManagedType(DWORD* pcchManagedType = NULL) const = 0;

    virtual BOOL GetAllowPathInfoForScriptMappings(VOID) const = 0;

    virtual DWORD GetRequiredAccess(VOID) const = 0;

    virtual DWORD GetResourceType(VOID) const = 0;

    virtual BOOL GetIsStarScriptMap(VOID) const = 0;

    virtual DWORD GetResponseBufferLimit(VOID) const = 0;

    virtual PCWSTR GetName(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IScriptMapInfo, "d7fe3d77-68bc-4d4a-851f-eec9fb68017c");

// Configuration metadata of the URL being processed.
class IMetadataInfo
{
public:
    virtual PCWSTR GetMetaPath(VOID) const = 0;

    virtual PCWSTR GetVrPath(VOID) const = 0;

    virtual IHttpTokenEntry* GetVrToken(VOID) = 0;

    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;
};
LINTEL_DECLARE_UUID(IMetadataInfo, "48b10633-825d-495e-93b0-225380053e8e");

// Metadata handed out by IHttpServer2::GetMetadata; reference counted, the caller owns one
// reference and must release it with DereferenceMetadata.
class IReferencedMetadataInfo : public IMetadataInfo
{
public:
    virtual VOID ReferenceMetadata(VOID) = 0;

    virtual VOID DereferenceMetadata(VOID) = 0;
};
LINTEL_DECLARE_UUID(IReferencedMetadataInfo, "3fc5c336-9ad7-45ea-af2f-31b59302c9fe");

// The request being processed. Header names are case-insensitive. Header values handed out are
// NUL-terminated; *pcchHeaderValue (when asked) excludes the NUL. GetHeader returns NULL (and a
// length of 0) for a missing header.
class IHttpRequest
{
public:
    // The HTTP Server API view of the request, built on first use. Valid until the request ends;
    // changes made through this interface are reflected in it.
    virtual HTTP_REQUEST* GetRawHttpRequest(VOID) = 0;

    virtual const HTTP_REQUEST* GetRawHttpRequest(VOID) const = 0;

    virtual PCSTR GetHeader(PCSTR pszHeaderName, USHORT* pcchHeaderValue = NULL) const = 0;

    virtual PCSTR GetHeader(HTTP_HEADER_ID ulHeaderIndex, USHORT* pcchHeaderValue = NULL) const = 0;

    // fReplace = FALSE adds the value to an existing header instead of replacing it.
    virtual HRESULT SetHeader(PCSTR pszHeaderName, PCSTR pszHeaderValue, USHORT cchHeaderValue,
                              BOOL fReplace) = 0;

    virtual HRESULT SetHeader(HTTP_HEADER_ID ulHeaderIndex, PCSTR pszHeaderValue,
                              USHORT cchHeaderValue, BOOL fReplace) = 0;

    virtual HRESULT DeleteHeader(PCSTR pszHeaderName) = 0;

    virtual HRESULT DeleteHeader(HTTP_HEADER_ID ulHeaderIndex) = 0;

    virtual PCSTR GetHttpMethod(VOID) const = 0;

    virtual HRESULT SetHttpMethod(PCSTR pszHttpMethod) = 0;

    // Rewrites the URL the rest of the pipeline sees; call it before RQ_MAP_REQUEST_HANDLER
    // for the new URL to choose the handler.
    virtual HRESULT SetUrl(PCWSTR pszUrl, DWORD cchUrl, BOOL fResetQueryString) = 0;

    virtual HRESULT SetUrl(PCSTR pszUrl, DWORD cchUrl, BOOL fResetQueryString) = 0;

    virtual BOOL GetUrlChanged(VOID) const = 0;

    virtual PCWSTR GetForwardedUrl(VOID) const = 0;

    // Windows-layout socket addresses (AF_INET / AF_INET6); valid until the request ends.
    virtual PSOCKADDR GetLocalAddress(VOID) const = 0;

    virtual PSOCKADDR GetRemoteAddress(VOID) const = 0;

    // Reads request body bytes. Sync: may suspend this request (never the loop) until data
    // arrives. Async: returns at once; when *pfCompletionPending is TRUE return
    // RQ_NOTIFICATION_PENDING and take the byte count from IHttpCompletionInfo. End of body is
    // HRESULT_FROM_WIN32(ERROR_HANDLE_EOF). pvBuffer must stay valid until the read completes.
    virtual HRESULT ReadEntityBody(VOID* pvBuffer, DWORD cbBuffer, BOOL fAsync,
                                   DWORD* pcbBytesReceived,
                                   BOOL* pfCompletionPending = NULL) = 0;

    // Puts bytes in front of the unread body. Not copied: pvBuffer must live until the request
    // ends. Content-Length is not adjusted.
    virtual HRESULT InsertEntityBody(VOID* pvBuffer, DWORD cbBuffer) = 0;

    virtual DWORD GetRemainingEntityBytes(VOID) = 0;

    virtual VOID GetHttpVersion(USHORT* pMajorVersion, USHORT* pMinorVersion) const = 0;

    virtual HRESULT GetClientCertificate(HTTP_SSL_CLIENT_CERT_INFO** ppClientCertInfo,
                                         BOOL* pfClientCertNegotiated) = 0;

    virtual HRESULT NegotiateClientCertificate(BOOL fAsync, BOOL* pfCompletionPending = NULL) = 0;

    virtual DWORD GetSiteId(VOID) const = 0;

    virtual HRESULT GetHeaderChanges(DWORD dwOldChangeNumber, DWORD* pdwNewChangeNumber,
                                     PCSTR knownHeaderSnapshot[HttpHeaderRequestMaximum],
                                     DWORD* pdwUnknownHeaderSnapshot,
                                     PCSTR** ppUnknownHeaderNameSnapshot,
                                     PCSTR** ppUnknownHeaderValueSnapshot,
                                     DWORD diffedKnownHeaderIndices[HttpHeaderRequestMaximum + 1],
                                     DWORD* pdwDiffedUnknownHeaders,
                                     DWORD** ppDiffedUnknownHeaderIndices) = 0;
};
LINTEL_DECLARE_UUID(IHttpRequest, "e8698f7e-576e-4cac-a309-67435355faef");

// Obtained with HttpGetExtendedInterface(server, pRequest, &pRequest2).
class IHttpRequest2 : public IHttpRequest
{
public:
    virtual HRESULT GetChannelBindingToken(PBYTE* ppToken, DWORD* pTokenSize) = 0;
};
LINTEL_DECLARE_UUID(IHttpRequest2, "d9244ae1-51f8-4aa1-a66d-19277c33e610");

// Per-call completion callback (IHttpRequest3, IHttpResponse2). Called on the request's loop
// thread instead of CHttpModule::OnAsyncCompletion for that one operation; its return value has
// the same meaning as OnAsyncCompletion's.
typedef REQUEST_NOTIFICATION_STATUS(WINAPI* PFN_ASYNC_COMPLETION)(
    IHttpContext3* pHttpContext, IHttpCompletionInfo2* pCompletionInfo, VOID* pvCompletionContext);

class IHttpRequest3 : public IHttpRequest2
{
public:
    virtual HRESULT ReadEntityBody(VOID* pvBuffer, DWORD cbBuffer, BOOL fAsync,
                                   PFN_ASYNC_COMPLETION pfnCompletionCallback,
                                   VOID* pvCompletionContext, DWORD* pcbBytesReceived,
                                   BOOL* pfCompletionPending = NULL) = 0;
};
LINTEL_DECLARE_UUID(IHttpRequest3, "b32e4e0f-4057-4feb-aeab-7b69c03c6314");

class IHttpRequest4 : public IHttpRequest3
{
public:
    virtual HRESULT ReadEntityBody(VOID* pvBuffer, DWORD cbBuffer, BOOL fAsync, ULONG ulFlags,
                                   DWORD* pcbBytesReceived, BOOL* pfCompletionPending = NULL) = 0;
};
LINTEL_DECLARE_UUID(IHttpRequest4, "3816f517-f631-49f0-8b51-16d6f0c6ffb2");

// Output-cache policy of the response. The HTTP_CACHE_POLICY pointers stay valid until the
// request ends and may be written through.
class IHttpCachePolicy
{
public:
    virtual HTTP_CACHE_POLICY* GetKernelCachePolicy(VOID) = 0;

    virtual VOID SetKernelCacheInvalidatorSet(VOID) = 0;

    virtual HTTP_CACHE_POLICY* GetUserCachePolicy(VOID) = 0;

    virtual HRESULT AppendVaryByHeader(PCSTR pszHeader) = 0;

    virtual PCSTR GetVaryByHeaders(VOID) const = 0;

    virtual HRESULT AppendVaryByQueryString(PCSTR pszParam) = 0;

    virtual PCSTR GetVaryByQueryStrings(VOID) const = 0;

    virtual HRESULT SetVaryByValue(PCSTR pszValue) = 0;

    virtual PCSTR GetVaryByValue(VOID) const = 0;

    virtual BOOL IsUserCacheEnabled(VOID) const = 0;

    virtual VOID DisableUserCache(VOID) = 0;

    virtual BOOL IsCached(VOID) const = 0;

    virtual VOID SetIsCached(VOID) = 0;

    virtual BOOL GetKernelCacheInvalidatorSet(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpCachePolicy, "cb1c40ca-70f2-41a0-add2-881f5ef57388");

class IHttpCachePolicy2 : public IHttpCachePolicy
{
public:
    virtual BOOL IsForceUpdateSet(VOID) const = 0;

    virtual VOID SetForceUpdate(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpCachePolicy2, "9f4ba807-050e-4495-ae55-8870f7e9194a");

// The response being built. Buffered by default: status, headers and body are kept until the
// end of the request, a Flush, or the buffer limit. Once headers went out
// (IHttpContext::GetResponseHeadersSent) status and header changes no longer reach the client.
class IHttpResponse
{
public:
    virtual HTTP_RESPONSE* GetRawHttpResponse(VOID) = 0;

    virtual const HTTP_RESPONSE* GetRawHttpResponse(VOID) const = 0;

    virtual IHttpCachePolicy* GetCachePolicy(VOID) = 0;

    // pszReason is copied. fTrySkipCustomErrors asks the custom-error module to leave this
    // response alone.
    virtual HRESULT SetStatus(USHORT statusCode, PCSTR pszReason, USHORT uSubStatus = 0,
                              HRESULT hrErrorToReport = S_OK,
                              IAppHostConfigException* pException = NULL,
                              BOOL fTrySkipCustomErrors = FALSE) = 0;

    virtual HRESULT SetHeader(PCSTR pszHeaderName, PCSTR pszHeaderValue, USHORT cchHeaderValue,
                              BOOL fReplace) = 0;

    virtual HRESULT SetHeader(HTTP_HEADER_ID ulHeaderIndex, PCSTR pszHeaderValue,
                              USHORT cchHeaderValue, BOOL fReplace) = 0;

    virtual HRESULT DeleteHeader(PCSTR pszHeaderName) = 0;

    virtual HRESULT DeleteHeader(HTTP_HEADER_ID ulHeaderIndex) = 0;

    virtual PCSTR GetHeader(PCSTR pszHeaderName, USHORT* pcchHeaderValue = NULL) const = 0;

    virtual PCSTR GetHeader(HTTP_HEADER_ID ulHeaderIndex, USHORT* pcchHeaderValue = NULL) const = 0;

    // Resets status, headers and buffered body to their defaults.
    virtual VOID Clear(VOID) = 0;

    virtual VOID ClearHeaders(VOID) = 0;

    // Close the connection after this response: "Connection: close" on HTTP/1.x, GOAWAY on
    // HTTP/2.
    virtual VOID SetNeedDisconnect(VOID) = 0;

    // Abort the connection now (RST; RST_STREAM on HTTP/2). Return
    // RQ_NOTIFICATION_FINISH_REQUEST afterwards or the pipeline keeps running.
    virtual VOID ResetConnection(VOID) = 0;

    virtual VOID DisableKernelCache(ULONG reason = 9) = 0;

    virtual BOOL GetKernelCacheEnabled(VOID) const = 0;

    // Keep status and headers available to modules but do not send them.
    virtual VOID SuppressHeaders(VOID) = 0;

    virtual BOOL GetHeadersSuppressed(VOID) const = 0;

    // Sends what is buffered (at least status and headers). Async: return
    // RQ_NOTIFICATION_PENDING when *pfCompletionExpected is TRUE.
    virtual HRESULT Flush(BOOL fAsync, BOOL fMoreData, DWORD* pcbSent,
                          BOOL* pfCompletionExpected = NULL) = 0;

    // Drops buffered body and sets a redirect; return RQ_NOTIFICATION_FINISH_REQUEST afterwards
    // or later modules may append to the response. No effect once headers were sent.
    virtual HRESULT Redirect(PCSTR pszUrl, BOOL fResetStatusCode = TRUE,
                             BOOL fIncludeParameters = FALSE) = 0;

    // Adds a chunk without copying it: the memory it points to must live until the request
    // ends (never stack memory). lInsertPosition 0 prepends, -1 appends.
    virtual HRESULT WriteEntityChunkByReference(HTTP_DATA_CHUNK* pDataChunk,
                                                LONG lInsertPosition = -1) = 0;

    // Appends body chunks. While buffering, chunks and their data are copied at once. With
    // buffering off and fAsync = TRUE the data must stay valid until the completion arrives.
    // At most 65535 chunks per response.
    virtual HRESULT WriteEntityChunks(HTTP_DATA_CHUNK* pDataChunks, DWORD nChunks, BOOL fAsync,
                                      BOOL fMoreData, DWORD* pcbSent,
                                      BOOL* pfCompletionExpected = NULL) = 0;

    virtual VOID DisableBuffering(VOID) = 0;

    virtual VOID GetStatus(USHORT* pStatusCode, USHORT* pSubStatus = NULL,
                           PCSTR* ppszReason = NULL, USHORT* pcchReason = NULL,
                           HRESULT* phrErrorToReport = NULL, PCWSTR* ppszModule = NULL,
                           DWORD* pdwNotification = NULL,
                           IAppHostConfigException** ppException = NULL,
                           BOOL* pfTrySkipCustomErrors = NULL) = 0;

    virtual HRESULT SetErrorDescription(PCWSTR pszDescription, DWORD cchDescription,
                                        BOOL fHtmlEncode = TRUE) = 0;

    virtual PCWSTR GetErrorDescription(DWORD* pcchDescription = NULL) = 0;

    virtual HRESULT GetHeaderChanges(DWORD dwOldChangeNumber, DWORD* pdwNewChangeNumber,
                                     PCSTR knownHeaderSnapshot[HttpHeaderResponseMaximum],
                                     DWORD* pdwUnknownHeaderSnapshot,
                                     PCSTR** ppUnknownHeaderNameSnapshot,
                                     PCSTR** ppUnknownHeaderValueSnapshot,
                                     DWORD diffedKnownHeaderIndices[HttpHeaderResponseMaximum + 1],
                                     DWORD* pdwDiffedUnknownHeaders,
                                     DWORD** ppDiffedUnknownHeaderIndices) = 0;

    virtual VOID CloseConnection(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpResponse, "7e1c6b38-628f-4e6c-95dc-41237eb7f95e");

// Same operations as IHttpResponse with a per-call completion callback.
class IHttpResponse2 : public IHttpResponse
{
public:
    virtual HRESULT WriteEntityChunks(HTTP_DATA_CHUNK* pDataChunks, DWORD nChunks, BOOL fAsync,
                                      BOOL fMoreData, PFN_ASYNC_COMPLETION pfnCompletionCallback,
                                      VOID* pvCompletionContext, DWORD* pcbSent,
                                      BOOL* pfCompletionExpected = NULL) = 0;

    virtual HRESULT Flush(BOOL fAsync, BOOL fMoreData, PFN_ASYNC_COMPLETION pfnCompletionCallback,
                          VOID* pvCompletionContext, DWORD* pcbSent,
                          BOOL* pfCompletionExpected = NULL) = 0;
};
LINTEL_DECLARE_UUID(IHttpResponse2, "0822c871-f14e-4974-a1e6-5b3c1f09b76a");

// HTTP/2 server push.
class IHttpResponse3 : public IHttpResponse2
{
public:
    virtual HRESULT PushPromise(PCSTR pszVerb, PCWSTR pwszPath, PCWSTR pwszQuery, DWORD cHeaders,
                                PCSTR* rgHeaderNames, PCSTR* rgHeaderValues) = 0;
};
LINTEL_DECLARE_UUID(IHttpResponse3, "19578e49-d080-45da-b673-96cb475d3c5d");

// HTTP/2 trailers, GOAWAY and RST_STREAM.
class IHttpResponse4 : public IHttpResponse3
{
public:
    virtual HRESULT DeleteTrailer(PCSTR pszHeaderName) = 0;

    virtual PCSTR GetTrailer(PCSTR pszHeaderName, USHORT* pcchHeaderValue = NULL) const = 0;

    virtual VOID ResetStream(ULONG errorCode) = 0;

    virtual VOID SetNeedGoAway(VOID) = 0;

    virtual HRESULT SetTrailer(PCSTR pszHeaderName, PCSTR pszHeaderValue, USHORT cchHeaderValue,
                               BOOL fReplace) = 0;
};
LINTEL_DECLARE_UUID(IHttpResponse4, "1a2acc57-cae2-4f28-b4ab-00c8f96b12ec");

// An authenticated user. Server-made users live as long as the request; a module that keeps one
// longer calls ReferenceUser / DereferenceUser. Modules may implement it for
// IAuthenticationProvider::SetUser.
class IHttpUser
{
public:
    virtual PCWSTR GetRemoteUserName(VOID) = 0;

    virtual PCWSTR GetUserName(VOID) = 0;

    virtual PCWSTR GetAuthenticationType(VOID) = 0;

    virtual PCWSTR GetPassword(VOID) = 0;

    virtual HANDLE GetImpersonationToken(VOID) = 0;

    virtual HANDLE GetPrimaryToken(VOID) = 0;

    virtual VOID ReferenceUser(VOID) = 0;

    virtual VOID DereferenceUser(VOID) = 0;

    virtual BOOL SupportsIsInRole(VOID) = 0;

    virtual HRESULT IsInRole(PCWSTR pszRoleName, BOOL* pfInRole) = 0;

    // Accepts the HTTP_USER_VARIABLE_* names.
    virtual PVOID GetUserVariable(PCSTR pszVariableName) = 0;
};
LINTEL_DECLARE_UUID(IHttpUser, "8059e6f8-10ce-4d61-b47e-5a1d8d9a8b67");

#define HTTP_USER_VARIABLE_SID              "SID"
#define HTTP_USER_VARIABLE_CTXT_HANDLE      "CtxtHandle"
#define HTTP_USER_VARIABLE_CRED_HANDLE      "CredHandle"

// A stored context that also hears about the connection closing. NotifyDisconnect runs on the
// connection's loop thread; CleanupStoredContext follows when the connection object goes away.
class IHttpConnectionStoredContext : public IHttpStoredContext
{
public:
    virtual VOID NotifyDisconnect(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpConnectionStoredContext, "841d9a71-75f4-4626-8b97-66046ca7e45b");

class IHttpConnectionModuleContextContainer : public IHttpModuleContextContainer
{
public:
    virtual IHttpConnectionStoredContext* GetConnectionModuleContext(HTTP_MODULE_ID moduleId) = 0;

    virtual HRESULT SetConnectionModuleContext(IHttpConnectionStoredContext* ppStoredContext,
                                               HTTP_MODULE_ID moduleId) = 0;
};
LINTEL_DECLARE_UUID(IHttpConnectionModuleContextContainer,
                    "f3dd2fb3-4d11-4295-b8ab-4cb667add1fe");

// The client connection; outlives each request on it (keep-alive, HTTP/2 streams).
class IHttpConnection
{
public:
    virtual BOOL IsConnected(VOID) const = 0;

    // Memory freed when the connection closes.
    virtual VOID* AllocateMemory(DWORD cbAllocation) = 0;

    virtual IHttpConnectionModuleContextContainer* GetModuleContextContainer(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpConnection, "d9a5de00-3346-4599-9826-fe88565e1226");

// Deprecated version selector of IHttpContext::GetExtendedInterface; it has no values in the
// SDK either (g++ accepts an empty enumeration).
enum HTTP_CONTEXT_INTERFACE_VERSION
{
};

// One request as it moves through the pipeline: the object every request-level handler gets.
// Owned by the server; valid from the first notification until the module's Dispose. Call it
// only on the request's loop thread (PostCompletion excepted, see there).
class IHttpContext
{
public:
    virtual IHttpSite* GetSite(VOID) = 0;

    virtual IHttpApplication* GetApplication(VOID) = 0;

    virtual IHttpConnection* GetConnection(VOID) = 0;

    virtual IHttpRequest* GetRequest(VOID) = 0;

    virtual IHttpResponse* GetResponse(VOID) = 0;

    virtual BOOL GetResponseHeadersSent(VOID) const = 0;

    // NULL until authentication has produced a user.
    virtual IHttpUser* GetUser(VOID) const = 0;

    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;

    // Ends a PENDING state from the module's side and applies notificationStatus as if the
    // interrupted handler had returned it; the handler is not called again.
    virtual VOID IndicateCompletion(REQUEST_NOTIFICATION_STATUS notificationStatus) = 0;

    // Queues a completion for the current module: OnAsyncCompletion follows on the request's
    // loop thread with GetCompletionBytes() == cbBytes. Safe to call from any thread.
    virtual HRESULT PostCompletion(DWORD cbBytes) = 0;

    // Turns off pending notifications (and post-notifications) for the calling module only;
    // disabling the running notification also disables its post form.
    virtual VOID DisableNotifications(DWORD dwNotifications, DWORD dwPostNotifications) = 0;

    virtual BOOL GetNextNotification(REQUEST_NOTIFICATION_STATUS status, DWORD* pdwNotification,
                                     BOOL* pfIsPostNotification, CHttpModule** ppModuleInfo,
                                     IHttpEventProvider** ppRequestOutput) = 0;

    virtual BOOL GetIsLastNotification(REQUEST_NOTIFICATION_STATUS status) = 0;

    // Runs a child made by CloneContext on this context. Only fAsync = TRUE is supported; when
    // *pfCompletionExpected is TRUE return RQ_NOTIFICATION_PENDING and release the child in
    // OnAsyncCompletion.
    virtual HRESULT ExecuteRequest(BOOL fAsync, IHttpContext* pHttpContext, DWORD dwExecuteFlags,
                                   IHttpUser* pHttpUser, BOOL* pfCompletionExpected = NULL) = 0;

    virtual DWORD GetExecuteFlags(VOID) const = 0;

    virtual HRESULT GetServerVariable(PCSTR pszVariableName, PCWSTR* ppszValue,
                                      DWORD* pcchValueLength) = 0;

    virtual HRESULT GetServerVariable(PCSTR pszVariableName, PCSTR* ppszValue,
                                      DWORD* pcchValueLength) = 0;

    virtual HRESULT SetServerVariable(PCSTR pszVariableName, PCWSTR pszVariableValue) = 0;

    // Request-pool memory: freed by the server when the request ends, never by the module.
    virtual VOID* AllocateRequestMemory(DWORD cbAllocation) = 0;

    virtual IHttpUrlInfo* GetUrlInfo(VOID) = 0;

    virtual IMetadataInfo* GetMetadata(VOID) = 0;

    virtual PCWSTR GetPhysicalPath(DWORD* pcchPhysicalPath = NULL) = 0;

    virtual PCWSTR GetScriptName(DWORD* pcchScriptName = NULL) const = 0;

    virtual PCWSTR GetScriptTranslated(DWORD* pcchScriptTranslated = NULL) = 0;

    virtual IScriptMapInfo* GetScriptMap(VOID) const = 0;

    // Stops further handlers of the mapped handler list from running.
    virtual VOID SetRequestHandled(VOID) = 0;

    virtual IHttpFileInfo* GetFileInfo(VOID) const = 0;

    // *pcbPhysicalPath is a byte count: in, the buffer size; out, the size needed or used.
    virtual HRESULT MapPath(PCWSTR pszUrl, PWSTR pszPhysicalPath, DWORD* pcbPhysicalPath) = 0;

    // Raises RQ_CUSTOM_NOTIFICATION with a provider the module made; the provider must stay
    // valid until the notification (or its completion) is over.
    virtual HRESULT NotifyCustomNotification(ICustomNotificationProvider* pCustomOutput,
                                             BOOL* pfCompletionExpected) = 0;

    // NULL for a top-level request.
    virtual IHttpContext* GetParentContext(VOID) const = 0;

    // NULL when this context is itself the root.
    virtual IHttpContext* GetRootContext(VOID) const = 0;

    // Makes a child context for ExecuteRequest. Release children with ReleaseClonedContext,
    // newest first.
    virtual HRESULT CloneContext(DWORD dwCloneFlags, IHttpContext** ppHttpContext) = 0;

    virtual HRESULT ReleaseClonedContext(VOID) = 0;

    virtual HRESULT GetCurrentExecutionStats(DWORD* pdwNotification,
                                             DWORD* pdwNotificationStartTickCount = NULL,
                                             PCWSTR* ppszModule = NULL,
                                             DWORD* pdwModuleStartTickCount = NULL,
                                             DWORD* pdwAsyncNotification = NULL,
                                             DWORD* pdwAsyncNotificationStartTickCount = NULL) const
        = 0;

    virtual IHttpTraceContext* GetTraceContext(VOID) const = 0;

    virtual HRESULT GetServerVarChanges(DWORD dwOldChangeNumber, DWORD* pdwNewChangeNumber,
                                        DWORD* pdwVariableSnapshot, PCSTR** ppVariableNameSnapshot,
                                        PCWSTR** ppVariableValueSnapshot,
                                        DWORD* pdwDiffedVariables,
                                        DWORD** ppDiffedVariableIndices) = 0;

    // Cancels every pending client read and write of this request. Each cancelled operation
    // still completes exactly once, through its normal completion path, with
    // HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED); one that already finished keeps its result.
    // Nothing pending: S_OK and no effect. Connection gone or request finished:
    // HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE). The connection is closed after the request.
    virtual HRESULT CancelIo(VOID) = 0;

    virtual HRESULT MapHandler(DWORD dwSiteId, PCWSTR pszSiteName, PCWSTR pszUrl, PCSTR pszVerb,
                               IScriptMapInfo** ppScriptMap,
                               BOOL fIgnoreWildcardMappings = FALSE) = 0;

    // Superseded by HttpGetExtendedInterface.
    [[deprecated("use HttpGetExtendedInterface")]]
    virtual HRESULT GetExtendedInterface(HTTP_CONTEXT_INTERFACE_VERSION version,
                                         PVOID* ppInterface) = 0;
};
LINTEL_DECLARE_UUID(IHttpContext, "424c1b8c-a1ba-44d7-ac98-9f8f457701a5");

class IHttpContext2 : public IHttpContext
{
public:
    // The user before any module replaced it.
    virtual IHttpUser* GetOriginalUser(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpContext2, "c986182c-cf4a-4482-8205-0dbbc1fd6cee");

class IHttpContext3 : public IHttpContext2
{
public:
    virtual INamedContextContainer* GetNamedContextContainer(VOID) = 0;

    // Lets reads and writes be outstanding at the same time (WebSockets).
    virtual VOID EnableFullDuplex(VOID) = 0;

    virtual HRESULT InheritServerVariable(PCSTR szName, BOOL fFailIfNotExist = FALSE) = 0;

    // Like IHttpContext::PostCompletion, but pfnCompletionRoutine is called (on the request's
    // loop thread) instead of OnAsyncCompletion.
    virtual HRESULT PostCompletion(DWORD cbBytes,
                                   LPOVERLAPPED_COMPLETION_ROUTINE pfnCompletionRoutine,
                                   VOID* pvCompletionContext) = 0;
};
LINTEL_DECLARE_UUID(IHttpContext3, "bf53c022-ca4b-4349-a38e-a4b78ad897fb");

class IHttpContext4 : public IHttpContext3
{
public:
    // Milliseconds on the GetTickCount64 clock.
    virtual ULONGLONG GetRequestStartTime(VOID) = 0;

    virtual ULONGLONG GetRequestElapsedTime(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpContext4, "2c9463d8-4ec4-4622-8917-d486321a9443");

// Tracing for a request (or for the server). Do not raise trace events from RegisterModule.
class IHttpTraceContext
{
public:
    virtual HRESULT GetTraceConfiguration(HTTP_TRACE_CONFIGURATION* pHttpTraceConfiguration) = 0;

    virtual HRESULT SetTraceConfiguration(HTTP_MODULE_ID moduleId,
                                          HTTP_TRACE_CONFIGURATION* pHttpTraceConfiguration,
                                          DWORD cHttpTraceConfiguration = 1) = 0;

    virtual HRESULT RaiseTraceEvent(HTTP_TRACE_EVENT* pTraceEvent) = 0;

    virtual LPCGUID GetTraceActivityId() = 0;

    // Level 4 is TRACE_LEVEL_INFORMATION.
    virtual HRESULT QuickTrace(PCWSTR pszData1, PCWSTR pszData2 = NULL,
                               HRESULT hrLastError = S_OK, UCHAR Level = 4) = 0;
};
LINTEL_DECLARE_UUID(IHttpTraceContext, "9f9098d5-915c-4294-a52e-66532a232bc9");

// Key of a server cache entry (URI, file, token caches; see httpcach.h for the concrete key
// kinds). Modules may implement it for IHttpServer::DoCacheOperation.
class IHttpCacheKey
{
public:
    virtual DWORD GetHash(VOID) const = 0;

    virtual PCWSTR GetCacheName(VOID) const = 0;

    virtual bool GetIsEqual(IHttpCacheKey* pCacheCompareKey) const = 0;

    virtual bool GetIsPrefix(IHttpCacheKey* pCacheCompareKey) const = 0;

    virtual VOID Enum(IHttpCacheSpecificData* pCacheData) = 0;
};
LINTEL_DECLARE_UUID(IHttpCacheKey, "cdef2aad-20b3-4512-b1b1-094b3844aeb2");

// A reference-counted cache entry. Whoever receives one from the server owns one reference and
// gives it back with DereferenceCacheData.
class IHttpCacheSpecificData
{
public:
    virtual IHttpCacheKey* GetCacheKey(VOID) const = 0;

    virtual VOID ReferenceCacheData(VOID) = 0;

    virtual VOID DereferenceCacheData(VOID) = 0;

    virtual VOID ResetTTL(VOID) = 0;

    virtual VOID DecrementTTL(BOOL* pfTTLExpired) = 0;

    virtual VOID SetFlushed(VOID) = 0;

    virtual BOOL GetFlushed(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpCacheSpecificData, "37776aff-852e-4eec-93a5-b85a285a95b8");

// The site (<site> element) serving the request; lives as long as the site's configuration.
class IHttpSite
{
public:
    virtual DWORD GetSiteId(VOID) const = 0;

    virtual PCWSTR GetSiteName(VOID) const = 0;

    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;

    virtual IHttpPerfCounterInfo* GetPerfCounterInfo(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpSite, "eb16a6ec-ba5d-436f-bf24-3ede13906450");

// Returned by IHttpServer::RegisterFileChangeMonitor; release with DereferenceFileMonitor.
class IHttpFileMonitor
{
public:
    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;

    virtual VOID DereferenceFileMonitor(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpFileMonitor, "985422da-b0cf-473b-ba9e-8148ceb3e240");

// A (possibly cached) file. When obtained from IHttpServer::GetFileInfo the caller owns one
// reference (DereferenceCacheData); IHttpContext::GetFileInfo's belongs to the request.
class IHttpFileInfo : public IHttpCacheSpecificData
{
public:
    virtual DWORD GetAttributes(VOID) const = 0;

    virtual VOID GetSize(ULARGE_INTEGER* pliSize) const = 0;

    // The file's contents when the server holds them in memory, else NULL.
    virtual const BYTE* GetFileBuffer(VOID) const = 0;

    virtual HANDLE GetFileHandle(VOID) const = 0;

    virtual PCWSTR GetFilePath(VOID) const = 0;

    virtual PCSTR GetETag(USHORT* pcchETag = NULL) const = 0;

    virtual VOID GetLastModifiedTime(FILETIME* pFileTime) const = 0;

    virtual PCSTR GetLastModifiedString(VOID) const = 0;

    virtual BOOL GetHttpCacheAllowed(DWORD* pSecondsToLive) const = 0;

    virtual HRESULT AccessCheck(HANDLE hUserToken, PSID pUserSid) = 0;

    virtual HANDLE GetVrToken(VOID) const = 0;

    virtual PCWSTR GetVrPath(VOID) const = 0;

    virtual IHttpModuleContextContainer* GetModuleContextContainer(VOID) = 0;

    virtual BOOL CheckIfFileHasChanged(HANDLE hUserToken) = 0;
};
LINTEL_DECLARE_UUID(IHttpFileInfo, "71e95595-8c74-44d9-88a9-f5112d5f5900");

// A logon token from the token cache (IHttpServer2::GetToken); release with
// DereferenceCacheData.
class IHttpTokenEntry : public IHttpCacheSpecificData
{
public:
    virtual HANDLE GetImpersonationToken(VOID) = 0;

    virtual HANDLE GetPrimaryToken(VOID) = 0;

    virtual PSID GetSid(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpTokenEntry, "fd86e6de-fb0e-47dd-820a-e0da12be46e9");

// Version selector of IHttpServer::GetExtendedInterface.
enum HTTP_SERVER_INTERFACE_VERSION
{
    HTTP_SERVER_INTERFACE_V2,
    HTTP_SERVER_INTERFACE_V3
};

// Process-wide server services, handed to RegisterModule. Lives until the process ends (after
// every Terminate); thread-safe: callable from any thread.
class IHttpServer
{
public:
    virtual BOOL IsCommandLineLaunch(VOID) const = 0;

    virtual PCWSTR GetAppPoolName(VOID) const = 0;

    // Binds a handle opened for overlapped I/O to the server's I/O threads; completionRoutine
    // runs there.
    virtual HRESULT AssociateWithThreadPool(HANDLE hHandle,
                                            LPOVERLAPPED_COMPLETION_ROUTINE completionRoutine) = 0;

    virtual VOID IncrementThreadCount(VOID) = 0;

    virtual VOID DecrementThreadCount(VOID) = 0;

    virtual VOID ReportUnhealthy(PCWSTR pszReasonString, HRESULT hrReason) = 0;

    virtual VOID RecycleProcess(PCWSTR pszReason) = 0;

    // Read-only view of the configuration (ahadmin.h).
    virtual IAppHostAdminManager* GetAdminManager(VOID) const = 0;

    virtual HRESULT GetFileInfo(PCWSTR pszPhysicalPath, HANDLE hUserToken, PSID pSid,
                                PCWSTR pszChangeNotificationPath, HANDLE hChangeNotificationToken,
                                BOOL fCache, IHttpFileInfo** ppFileInfo,
                                IHttpTraceContext* pHttpTraceContext = NULL) = 0;

    virtual HRESULT FlushKernelCache(PCWSTR pszUrl) = 0;

    virtual HRESULT DoCacheOperation(CACHE_OPERATION cacheOperation, IHttpCacheKey* pCacheKey,
                                     IHttpCacheSpecificData** ppCacheSpecificData,
                                     IHttpTraceContext* pHttpTraceContext = NULL) = 0;

    virtual GLOBAL_NOTIFICATION_STATUS NotifyCustomNotification(
        ICustomNotificationProvider* pCustomOutput) = 0;

    virtual IHttpPerfCounterInfo* GetPerfCounterInfo(VOID) = 0;

    virtual VOID RecycleApplication(PCWSTR pszAppConfigPath) = 0;

    virtual VOID NotifyConfigurationChange(PCWSTR pszPath) = 0;

    virtual VOID NotifyFileChange(PCWSTR pszFileName) = 0;

    virtual IDispensedHttpModuleContextContainer* DispenseContainer(VOID) = 0;

    virtual HRESULT AddFragmentToCache(HTTP_DATA_CHUNK* pDataChunk, PCWSTR pszFragmentName) = 0;

    virtual HRESULT ReadFragmentFromCache(PCWSTR pszFragmentName, BYTE* pvBuffer, DWORD cbSize,
                                          DWORD* pcbCopied) = 0;

    virtual HRESULT RemoveFragmentFromCache(PCWSTR pszFragmentName) = 0;

    virtual HRESULT GetWorkerProcessSettings(IWpfSettings** ppWorkerProcessSettings) = 0;

    virtual HRESULT GetProtocolManagerCustomInterface(PCWSTR pProtocolManagerDll,
                                                      PCWSTR pProtocolManagerDllInitFunction,
                                                      DWORD dwCustomInterfaceId,
                                                      PVOID* ppCustomInterface) = 0;

    virtual BOOL SatisfiesPrecondition(PCWSTR pszPrecondition,
                                       BOOL* pfUnknownPrecondition = NULL) const = 0;

    virtual IHttpTraceContext* GetTraceContext(VOID) const = 0;

    virtual HRESULT RegisterFileChangeMonitor(PCWSTR pszPath, HANDLE hToken,
                                              IHttpFileMonitor** ppFileMonitor) = 0;

    // HTTP_SERVER_INTERFACE_V2 yields the IHttpServer2 of this server, V3 its IHttpServer3.
    // The result is not reference counted and lives as long as the server.
    virtual HRESULT GetExtendedInterface(HTTP_SERVER_INTERFACE_VERSION version,
                                         PVOID* ppInterface) = 0;
};
LINTEL_DECLARE_UUID(IHttpServer, "eda2a40f-fb92-4d6d-b52b-c8c207380b4e");

class IHttpServer2 : public IHttpServer
{
public:
    virtual HRESULT GetToken(PCWSTR pszUserName, PCWSTR pszPassword, DWORD dwLogonMethod,
                             IHttpTokenEntry** ppTokenEntry, PCWSTR pszDefaultDomain = NULL,
                             PSOCKADDR pSockAddr = NULL,
                             IHttpTraceContext* pHttpTraceContext = NULL) = 0;

    virtual PCWSTR GetAppPoolConfigFile(DWORD* pcchConfigFilePath = NULL) const = 0;

    // Version1 is the interface pInput points to, Version2 the one wanted. Answers
    // E_NOINTERFACE when the object behind pInput has no such interface. The result is the
    // same object seen through another interface: same lifetime, no reference to release.
    virtual HRESULT GetExtendedInterface(const GUID& Version1, PVOID pInput, const GUID& Version2,
                                         PVOID* ppOutput) = 0;

    virtual HRESULT GetMetadata(PCWSTR pszSiteName, PCWSTR pszUrl,
                                IReferencedMetadataInfo** ppMetadataInfo) = 0;

    virtual HRESULT GetWorkerProcessFramework(IWorkerProcessFramework** ppWorkerProcessFramework)
        = 0;
};
LINTEL_DECLARE_UUID(IHttpServer2, "34af637e-afe8-4556-bcc1-767f8e0b4a4e");

class IHttpServer3 : public IHttpServer2
{
public:
    virtual HRESULT QueryRequestProperty(HTTP_OPAQUE_ID id, HTTP_REQUEST_PROPERTY propertyId,
                                         PVOID pQualifier, ULONG qualifierSize, PVOID pOutput,
                                         ULONG outputBufferSize, PULONG pcbBytesReturned,
                                         LPOVERLAPPED pOverlapped) = 0;
};
LINTEL_DECLARE_UUID(IHttpServer3, "f7a66d59-c0a2-48b5-a88f-be5975c960fb");

// Reaches a newer interface of a server object, e.g.
//     IHttpRequest2* pRequest2 = NULL;
//     HRESULT hr = HttpGetExtendedInterface(g_pHttpServer, pHttpContext->GetRequest(), &pRequest2);
// Both template arguments are deduced; both types need a uuid.
template <class HttpType1, class HttpType2>
HRESULT HttpGetExtendedInterface(IHttpServer* pHttpServer, HttpType1* pInput,
                                 HttpType2** ppOutput)
{
    IHttpServer2* pHttpServer2 = NULL;
    HRESULT hr = pHttpServer->GetExtendedInterface(HTTP_SERVER_INTERFACE_V2,
                                                   reinterpret_cast<void**>(&pHttpServer2));
    if (SUCCEEDED(hr))
    {
        hr = pHttpServer2->GetExtendedInterface(__uuidof(HttpType1), pInput, __uuidof(HttpType2),
                                                reinterpret_cast<void**>(ppOutput));
    }
    return hr;
}

//
// Notification providers: the second argument of each handler. A provider is valid only during
// the call it was passed to (and, for a PENDING handler, until its OnAsyncCompletion returns).
//

class IHttpEventProvider
{
public:
    // Records why the notification failed, for the server and later modules; it does not by
    // itself stop processing (return FINISH_REQUEST / HANDLED for that).
    virtual VOID SetErrorStatus(HRESULT hrError) = 0;
};
LINTEL_DECLARE_UUID(IHttpEventProvider, "6f3f657d-2fb8-43c6-a096-5064b41f0580");

// Result of an asynchronous operation, passed to OnAsyncCompletion; valid during that call.
class IHttpCompletionInfo
{
public:
    // Bytes read or sent, or the cbBytes given to PostCompletion.
    virtual DWORD GetCompletionBytes(VOID) const = 0;

    virtual HRESULT GetCompletionStatus(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpCompletionInfo, "49dd20e3-d9c0-463c-8821-f3413b55cc00");

class IHttpCompletionInfo2 : public IHttpCompletionInfo
{
public:
    virtual DWORD GetCompletedOperation(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IHttpCompletionInfo2, "53129f70-0196-47ec-b16c-127906e2afeb");

// RQ_CUSTOM_NOTIFICATION / GL_CUSTOM_NOTIFICATION. Implemented by the module that raises the
// notification; receivers tell custom notifications apart by QueryNotificationType.
class ICustomNotificationProvider : public IHttpEventProvider
{
public:
    virtual PCWSTR QueryNotificationType(VOID) = 0;
};
LINTEL_DECLARE_UUID(ICustomNotificationProvider, "671e6d34-9380-4df4-b453-91129df02b24");

// RQ_AUTHENTICATE_REQUEST. SetUser makes pUser the request's user; the module keeps pUser valid
// until the request ends.
class IAuthenticationProvider : public IHttpEventProvider
{
public:
    virtual VOID SetUser(IHttpUser* pUser) = 0;
};
LINTEL_DECLARE_UUID(IAuthenticationProvider, "304d51d0-0307-45ed-83fd-dd3fc032fdfc");

// RQ_MAP_REQUEST_HANDLER: lets a module choose the handler and the file.
class IMapHandlerProvider : public IHttpEventProvider
{
public:
    virtual HRESULT SetScriptName(PCWSTR pszScriptName, DWORD cchScriptName) = 0;

    virtual VOID SetScriptMap(IScriptMapInfo* pScriptMap) = 0;

    virtual VOID SetFileInfo(IHttpFileInfo* pFileInfo) = 0;
};
LINTEL_DECLARE_UUID(IMapHandlerProvider, "fea3ce6b-e346-47e7-b2a6-ad265baeff2c");

// RQ_MAP_PATH.
class IMapPathProvider : public IHttpEventProvider
{
public:
    virtual PCWSTR GetUrl(VOID) const = 0;

    virtual PCWSTR GetPhysicalPath(VOID) const = 0;

    virtual HRESULT SetPhysicalPath(PCWSTR pszPhysicalPath, DWORD cchPhysicalPath) = 0;
};
LINTEL_DECLARE_UUID(IMapPathProvider, "8efdf557-a8f1-4bc9-b462-6df3b038a59a");

// RQ_SEND_RESPONSE: raised once per send (each Flush that sends, and the final send).
class ISendResponseProvider : public IHttpEventProvider
{
public:
    virtual BOOL GetHeadersBeingSent(VOID) const = 0;

    // HTTP_SEND_RESPONSE_FLAG_* (http.h) for this send.
    virtual DWORD GetFlags(VOID) const = 0;

    virtual VOID SetFlags(DWORD dwFlags) = 0;

    // Points to an HTTP_LOG_FIELDS_DATA (Type == HttpLogDataTypeFields). NULL unless
    // GetReadyToLogData() is TRUE, which needs the module to have registered RQ_SEND_RESPONSE
    // with PRIORITY_ALIAS_FIRST or PRIORITY_ALIAS_HIGH. Valid during this notification.
    virtual HTTP_LOG_DATA* GetLogData(VOID) const = 0;

    // The data is copied before the call returns.
    virtual HRESULT SetLogData(HTTP_LOG_DATA* pLogData) = 0;

    virtual BOOL GetReadyToLogData(VOID) const = 0;

    // Lintel addition, not in the SDK: the IIS documentation and many modules pass the full
    // HTTP_LOG_FIELDS_DATA. Non-virtual, so the vtable is unchanged; it forwards to the virtual.
    HRESULT SetLogData(HTTP_LOG_FIELDS_DATA* pLogData)
    {
        return SetLogData(pLogData != NULL ? &pLogData->Base : static_cast<HTTP_LOG_DATA*>(NULL));
    }
};
LINTEL_DECLARE_UUID(ISendResponseProvider, "57f2e7bc-0bcf-4a9f-94a4-10e55c6e5b51");

// RQ_READ_ENTITY: the body bytes just read from the client, before the reader sees them.
class IReadEntityProvider : public IHttpEventProvider
{
public:
    virtual VOID GetEntity(PVOID* ppBuffer, DWORD* pcbData, DWORD* pcbBuffer) = 0;

    // Replaces the data; pBuffer must stay valid until the request ends.
    virtual VOID SetEntity(PVOID pBuffer, DWORD cbData, DWORD cbBuffer) = 0;
};
LINTEL_DECLARE_UUID(IReadEntityProvider, "fe6d905a-99b8-49fd-b389-cfc809562b81");

// GL_PRE_BEGIN_REQUEST: before the request enters the pipeline. Runs on the request's loop
// thread.
class IPreBeginRequestProvider : public IHttpEventProvider
{
public:
    virtual IHttpContext* GetHttpContext(VOID) = 0;
};
LINTEL_DECLARE_UUID(IPreBeginRequestProvider, "fb715d26-aff9-476a-8fc0-6b1acb3d1098");

// GL_APPLICATION_START / GL_APPLICATION_STOP.
class IHttpApplicationProvider : public IHttpEventProvider
{
public:
    virtual IHttpApplication* GetApplication(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpApplicationProvider, "1de2c71c-c126-4512-aed3-f4f885e14997");

typedef IHttpApplicationProvider IHttpApplicationStartProvider;

// GL_APPLICATION_RESOLVE_MODULES: register extra request modules for one application.
class IHttpApplicationResolveModulesProvider : public IHttpApplicationProvider
{
public:
    virtual HRESULT RegisterModule(HTTP_MODULE_ID parentModuleId,
                                   IHttpModuleFactory* pModuleFactory, PCWSTR pszModuleName,
                                   PCWSTR pszModuleType, PCWSTR pszModulePreCondition,
                                   DWORD dwRequestNotifications,
                                   DWORD dwPostRequestNotifications) = 0;

    virtual HRESULT SetPriorityForRequestNotification(PCWSTR pszModuleName,
                                                      DWORD dwRequestNotification,
                                                      PCWSTR pszPriorityAlias) = 0;
};
LINTEL_DECLARE_UUID(IHttpApplicationResolveModulesProvider,
                    "0617d9b9-e20f-4a9f-94f9-35403b3be01e");

typedef IHttpApplicationProvider IHttpApplicationStopProvider;

// GL_RSCA_QUERY.
class IGlobalRSCAQueryProvider : public IHttpEventProvider
{
public:
    virtual PCWSTR GetFunctionName(VOID) const = 0;

    virtual PCWSTR GetFunctionParameters(VOID) const = 0;

    virtual HRESULT GetOutputBuffer(DWORD cbBuffer, BYTE** ppbBuffer) = 0;

    virtual HRESULT ResizeOutputBuffer(DWORD cbNewBuffer, DWORD cbBytesToCopy,
                                       BYTE** ppbBuffer) = 0;

    virtual VOID SetResult(DWORD cbData, HRESULT hr) = 0;
};
LINTEL_DECLARE_UUID(IGlobalRSCAQueryProvider, "63fdc43f-934a-4ee5-bcd8-7e7b50b75605");

// GL_STOP_LISTENING.
class IGlobalStopListeningProvider : public IHttpEventProvider
{
public:
    virtual BOOL DrainRequestsGracefully(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IGlobalStopListeningProvider, "41f9a601-e25d-4ac8-8a1f-635698a30ab9");

// GL_CACHE_OPERATION.
class ICacheProvider : public IHttpEventProvider
{
public:
    virtual CACHE_OPERATION GetCacheOperation(VOID) const = 0;

    virtual IHttpCacheKey* GetCacheKey(VOID) const = 0;

    virtual IHttpCacheSpecificData* GetCacheRecord(VOID) const = 0;

    virtual VOID SetCacheRecord(IHttpCacheSpecificData* pCacheRecord) = 0;

    virtual IHttpTraceContext* GetTraceContext(VOID) const = 0;
};
LINTEL_DECLARE_UUID(ICacheProvider, "58925fb9-7c5e-4684-833b-4a04e1286690");

// GL_CONFIGURATION_CHANGE.
class IGlobalConfigurationChangeProvider : public IHttpEventProvider
{
public:
    virtual PCWSTR GetChangePath(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IGlobalConfigurationChangeProvider, "3405f3b4-b3d6-4b73-b5f5-4d8a3cc642ce");

// GL_FILE_CHANGE.
class IGlobalFileChangeProvider : public IHttpEventProvider
{
public:
    virtual PCWSTR GetFileName(VOID) const = 0;

    virtual IHttpFileMonitor* GetFileMonitor(VOID) = 0;
};
LINTEL_DECLARE_UUID(IGlobalFileChangeProvider, "ece31ee5-0486-4fb0-a875-6739a2d7daf5");

// GL_TRACE_EVENT.
class IGlobalTraceEventProvider : public IHttpEventProvider
{
public:
    virtual HRESULT GetTraceEvent(HTTP_TRACE_EVENT** ppTraceEvent) = 0;

    virtual BOOL CheckSubscription(HTTP_MODULE_ID ModuleId) = 0;

    virtual HRESULT GetCurrentHttpRequestContext(IHttpContext** ppHttpContext) = 0;
};
LINTEL_DECLARE_UUID(IGlobalTraceEventProvider, "7c6bb150-0310-4718-a01f-6faceb62dc1d");

// GL_THREAD_CLEANUP.
class IGlobalThreadCleanupProvider : public IHttpEventProvider
{
public:
    virtual IHttpApplication* GetApplication(VOID) = 0;
};
LINTEL_DECLARE_UUID(IGlobalThreadCleanupProvider, "6b36a149-8620-45a0-8197-00814a706e2e");

// GL_APPLICATION_PRELOAD.
class IGlobalApplicationPreloadProvider : public IHttpEventProvider
{
public:
    virtual HRESULT CreateContext(IHttpContext** ppHttpContext) = 0;

    virtual HRESULT ExecuteRequest(IHttpContext* pHttpContext, IHttpUser* pHttpUser) = 0;
};
LINTEL_DECLARE_UUID(IGlobalApplicationPreloadProvider, "2111f8d6-0c41-4ff7-bd45-5c04c7e91a73");

class IGlobalApplicationPreloadProvider2 : public IGlobalApplicationPreloadProvider
{
public:
    virtual BOOL IsProcessRecycled(VOID) const = 0;
};
LINTEL_DECLARE_UUID(IGlobalApplicationPreloadProvider2, "251db2dd-81e7-44ce-ae02-46529f2d71ea");

// GL_SUSPEND_PROCESS.
class IGlobalSuspendProcessCallback : public IHttpEventProvider
{
public:
    virtual HRESULT Resume(VOID) = 0;
};
LINTEL_DECLARE_UUID(IGlobalSuspendProcessCallback, "7fd8f303-1031-4e50-918a-b7b916fd6c54");

// Support for the default handler bodies below; not part of the IIS API. Hidden visibility keeps
// these helpers (and their state) private to each module binary.
namespace lintel_sdk_detail __attribute__((visibility("hidden")))
{
// True the first time a given module class reaches a given default handler. module_type is the
// object's vtable pointer, which identifies its dynamic class without needing RTTI. A full table
// (more than 128 module classes with missing overrides) stays quiet rather than flood the log.
inline bool claim_first_report(const void* module_type, unsigned slot)
{
    static const void* module_types[128] = {};
    static unsigned long long reported_slots[128] = {};
    const unsigned long long bit = 1ULL << (slot & 63U);
    const unsigned long long hash = reinterpret_cast<unsigned long long>(module_type) >> 4;
    for (unsigned probe = 0; probe < 128; ++probe)
    {
        const unsigned index = static_cast<unsigned>(hash + probe) & 127U;
        const void* owner = __atomic_load_n(&module_types[index], __ATOMIC_ACQUIRE);
        if (owner == NULL)
        {
            const void* expected = NULL;
            owner = __atomic_compare_exchange_n(&module_types[index], &expected, module_type,
                                                false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)
                        ? module_type
                        : expected;
        }
        if (owner == module_type)
        {
            return (__atomic_fetch_or(&reported_slots[index], bit, __ATOMIC_RELAXED) & bit) == 0;
        }
    }
    return false;
}

// The Windows SDK's default bodies stop in the debugger, which on a server would mean a crash.
// Lintel's report a warning, once per module class and handler, and carry on. The report goes to
// the server's log hook, or to stderr when no server provides one (a module under test).
inline void report_missing_override(const void* module, unsigned slot, const char* owner,
                                    const char* event, const char* method)
{
    // Itanium C++ ABI: a polymorphic object starts with its vtable pointer.
    const void* module_type = *static_cast<const void* const*>(module);
    if (!claim_first_report(module_type, slot))
    {
        return;
    }
    char message[192];
    unsigned length = 0;
    const char* const parts[] = {"module subscribed to ", event, " but does not override ", owner,
                                 "::", method};
    for (const char* part : parts)
    {
        for (; *part != '\0' && length + 1 < sizeof(message); ++part)
        {
            message[length++] = *part;
        }
    }
    message[length] = '\0';
    if (lintel_sdk_log != NULL)
    {
        lintel_sdk_log(2, owner, message);
    }
    else
    {
        fprintf(stderr, "[warning] %s: %s\n", owner, message);
    }
}

inline REQUEST_NOTIFICATION_STATUS missing_request_handler(const void* module, unsigned slot,
                                                           const char* event, const char* method)
{
    report_missing_override(module, slot, "CHttpModule", event, method);
    return RQ_NOTIFICATION_CONTINUE;
}

inline GLOBAL_NOTIFICATION_STATUS missing_global_handler(const void* module, unsigned slot,
                                                         const char* event, const char* method)
{
    report_missing_override(module, 32 + slot, "CGlobalModule", event, method);
    return GL_NOTIFICATION_CONTINUE;
}
}  // namespace lintel_sdk_detail

// Base class of a request-level module; one instance per request, made by the module's
// IHttpModuleFactory::GetHttpModule when the request starts.
//
// - Every handler runs on the request's loop thread, one at a time, never concurrently with
//   another handler of the same instance.
// - Override each handler the module registered for (SetRequestNotifications). A handler left
//   at its default logs a warning once and returns RQ_NOTIFICATION_CONTINUE.
// - OnAsyncCompletion is not registered for: it is called when an asynchronous operation the
//   module started during dwNotification (fPostNotification tells the post form) has finished.
//   Its return value is the status of that interrupted notification for this module.
// - Dispose runs exactly once, after the request's last notification and after every completion
//   has been delivered or cancelled; nothing of the request may be used after it. The default
//   deletes the instance (so allocate it with new, or override Dispose).
class CHttpModule
{
public:
    virtual REQUEST_NOTIFICATION_STATUS OnBeginRequest(IHttpContext* /*pHttpContext*/,
                                                       IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 0, "RQ_BEGIN_REQUEST",
                                                          "OnBeginRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostBeginRequest(IHttpContext* /*pHttpContext*/,
                                                           IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 1, "RQ_BEGIN_REQUEST (post)",
                                                          "OnPostBeginRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnAuthenticateRequest(
        IHttpContext* /*pHttpContext*/, IAuthenticationProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 2, "RQ_AUTHENTICATE_REQUEST",
                                                          "OnAuthenticateRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostAuthenticateRequest(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 3, "RQ_AUTHENTICATE_REQUEST (post)",
                                                          "OnPostAuthenticateRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnAuthorizeRequest(IHttpContext* /*pHttpContext*/,
                                                           IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 4, "RQ_AUTHORIZE_REQUEST",
                                                          "OnAuthorizeRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostAuthorizeRequest(IHttpContext* /*pHttpContext*/,
                                                               IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 5, "RQ_AUTHORIZE_REQUEST (post)",
                                                          "OnPostAuthorizeRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnResolveRequestCache(IHttpContext* /*pHttpContext*/,
                                                              IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 6, "RQ_RESOLVE_REQUEST_CACHE",
                                                          "OnResolveRequestCache");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostResolveRequestCache(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 7, "RQ_RESOLVE_REQUEST_CACHE (post)", "OnPostResolveRequestCache");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnMapRequestHandler(IHttpContext* /*pHttpContext*/,
                                                            IMapHandlerProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 8, "RQ_MAP_REQUEST_HANDLER",
                                                          "OnMapRequestHandler");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostMapRequestHandler(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 9, "RQ_MAP_REQUEST_HANDLER (post)",
                                                          "OnPostMapRequestHandler");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnAcquireRequestState(IHttpContext* /*pHttpContext*/,
                                                              IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 10, "RQ_ACQUIRE_REQUEST_STATE",
                                                          "OnAcquireRequestState");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostAcquireRequestState(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 11, "RQ_ACQUIRE_REQUEST_STATE (post)", "OnPostAcquireRequestState");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPreExecuteRequestHandler(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 12, "RQ_PRE_EXECUTE_REQUEST_HANDLER", "OnPreExecuteRequestHandler");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostPreExecuteRequestHandler(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 13, "RQ_PRE_EXECUTE_REQUEST_HANDLER (post)", "OnPostPreExecuteRequestHandler");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 14, "RQ_EXECUTE_REQUEST_HANDLER",
                                                          "OnExecuteRequestHandler");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostExecuteRequestHandler(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 15, "RQ_EXECUTE_REQUEST_HANDLER (post)", "OnPostExecuteRequestHandler");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnReleaseRequestState(IHttpContext* /*pHttpContext*/,
                                                              IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 16, "RQ_RELEASE_REQUEST_STATE",
                                                          "OnReleaseRequestState");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostReleaseRequestState(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 17, "RQ_RELEASE_REQUEST_STATE (post)", "OnPostReleaseRequestState");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnUpdateRequestCache(IHttpContext* /*pHttpContext*/,
                                                             IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 18, "RQ_UPDATE_REQUEST_CACHE",
                                                          "OnUpdateRequestCache");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostUpdateRequestCache(
        IHttpContext* /*pHttpContext*/, IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 19, "RQ_UPDATE_REQUEST_CACHE (post)", "OnPostUpdateRequestCache");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnLogRequest(IHttpContext* /*pHttpContext*/,
                                                     IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 20, "RQ_LOG_REQUEST",
                                                          "OnLogRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostLogRequest(IHttpContext* /*pHttpContext*/,
                                                         IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 21, "RQ_LOG_REQUEST (post)",
                                                          "OnPostLogRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnEndRequest(IHttpContext* /*pHttpContext*/,
                                                     IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 22, "RQ_END_REQUEST",
                                                          "OnEndRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnPostEndRequest(IHttpContext* /*pHttpContext*/,
                                                         IHttpEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 23, "RQ_END_REQUEST (post)",
                                                          "OnPostEndRequest");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnSendResponse(IHttpContext* /*pHttpContext*/,
                                                       ISendResponseProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 24, "RQ_SEND_RESPONSE",
                                                          "OnSendResponse");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnMapPath(IHttpContext* /*pHttpContext*/,
                                                  IMapPathProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 25, "RQ_MAP_PATH", "OnMapPath");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnReadEntity(IHttpContext* /*pHttpContext*/,
                                                     IReadEntityProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 26, "RQ_READ_ENTITY",
                                                          "OnReadEntity");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnCustomRequestNotification(
        IHttpContext* /*pHttpContext*/, ICustomNotificationProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_request_handler(this, 27, "RQ_CUSTOM_NOTIFICATION",
                                                          "OnCustomRequestNotification");
    }

    virtual REQUEST_NOTIFICATION_STATUS OnAsyncCompletion(IHttpContext* /*pHttpContext*/,
                                                          DWORD /*dwNotification*/,
                                                          BOOL /*fPostNotification*/,
                                                          IHttpEventProvider* /*pProvider*/,
                                                          IHttpCompletionInfo* /*pCompletionInfo*/)
    {
        return lintel_sdk_detail::missing_request_handler(
            this, 28, "asynchronous completions (it started async I/O)", "OnAsyncCompletion");
    }

    virtual VOID Dispose(VOID)
    {
        delete this;
    }

protected:
    CHttpModule() {}

    virtual ~CHttpModule() {}
};

// Base class of a global module; one instance for the process, handed to
// IHttpModuleRegistrationInfo::SetGlobalNotifications.
//
// - Global handlers may run on any server thread, and concurrently with each other and with
//   themselves; a global module guards its own state. GL_PRE_BEGIN_REQUEST runs on the request's
//   loop thread.
// - A handler left at its default logs a warning once and returns GL_NOTIFICATION_CONTINUE.
// - Terminate is called once at shutdown, after the last notification; the module frees itself
//   there (typically delete this).
class CGlobalModule
{
public:
    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalStopListening(
        IGlobalStopListeningProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 0, "GL_STOP_LISTENING",
                                                         "OnGlobalStopListening");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalCacheCleanup(VOID)
    {
        return lintel_sdk_detail::missing_global_handler(this, 1, "GL_CACHE_CLEANUP",
                                                         "OnGlobalCacheCleanup");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalCacheOperation(ICacheProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 2, "GL_CACHE_OPERATION",
                                                         "OnGlobalCacheOperation");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalHealthCheck(VOID)
    {
        return lintel_sdk_detail::missing_global_handler(this, 3, "GL_HEALTH_CHECK",
                                                         "OnGlobalHealthCheck");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalConfigurationChange(
        IGlobalConfigurationChangeProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 4, "GL_CONFIGURATION_CHANGE",
                                                         "OnGlobalConfigurationChange");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalFileChange(IGlobalFileChangeProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 5, "GL_FILE_CHANGE",
                                                         "OnGlobalFileChange");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalPreBeginRequest(
        IPreBeginRequestProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 6, "GL_PRE_BEGIN_REQUEST",
                                                         "OnGlobalPreBeginRequest");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalApplicationStart(
        IHttpApplicationStartProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 7, "GL_APPLICATION_START",
                                                         "OnGlobalApplicationStart");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalApplicationResolveModules(
        IHttpApplicationResolveModulesProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 8, "GL_APPLICATION_RESOLVE_MODULES",
                                                         "OnGlobalApplicationResolveModules");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalApplicationStop(
        IHttpApplicationStopProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 9, "GL_APPLICATION_STOP",
                                                         "OnGlobalApplicationStop");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalRSCAQuery(IGlobalRSCAQueryProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 10, "GL_RSCA_QUERY",
                                                         "OnGlobalRSCAQuery");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalTraceEvent(IGlobalTraceEventProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 11, "GL_TRACE_EVENT",
                                                         "OnGlobalTraceEvent");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalCustomNotification(
        ICustomNotificationProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 12, "GL_CUSTOM_NOTIFICATION",
                                                         "OnGlobalCustomNotification");
    }

    virtual VOID Terminate(VOID) = 0;

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalThreadCleanup(
        IGlobalThreadCleanupProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 13, "GL_THREAD_CLEANUP",
                                                         "OnGlobalThreadCleanup");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnGlobalApplicationPreload(
        IGlobalApplicationPreloadProvider* /*pProvider*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 14, "GL_APPLICATION_PRELOAD",
                                                         "OnGlobalApplicationPreload");
    }

    virtual GLOBAL_NOTIFICATION_STATUS OnSuspendProcess(
        IGlobalSuspendProcessCallback** /*pCallback*/)
    {
        return lintel_sdk_detail::missing_global_handler(this, 15, "GL_SUSPEND_PROCESS",
                                                         "OnSuspendProcess");
    }
};

// Request-pool allocator passed to GetHttpModule; memory is freed when the request ends.
class IModuleAllocator
{
public:
    virtual VOID* AllocateMemory(DWORD cbAllocation) = 0;
};
LINTEL_DECLARE_UUID(IModuleAllocator, "85c1679c-0b21-491c-afb5-c7b5c86464c4");

// Implemented by the module. GetHttpModule is called at the start of every request, on that
// request's loop thread (so concurrently from several threads): it must be thread-safe and
// return a fresh CHttpModule in *ppModule. Terminate is called once at shutdown, after the last
// request; the factory frees itself there.
class IHttpModuleFactory
{
public:
    virtual HRESULT GetHttpModule(CHttpModule** ppModule, IModuleAllocator* pAllocator) = 0;

    virtual VOID Terminate(VOID) = 0;
};
LINTEL_DECLARE_UUID(IHttpModuleFactory, "ba32d330-9ea8-4b9e-89f1-8c76a323277f");

// Handed to RegisterModule; valid only during that call. Each module subscribes once:
// calling SetRequestNotifications or SetGlobalNotifications twice fails with
// HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS).
class IHttpModuleRegistrationInfo
{
public:
    // The module's name from <globalModules>/<modules>.
    virtual PCWSTR GetName(VOID) const = 0;

    // Stable for the life of the process; key for module context containers.
    virtual HTTP_MODULE_ID GetId(VOID) const = 0;

    // The server owns pModuleFactory from here on and calls its Terminate at shutdown.
    virtual HRESULT SetRequestNotifications(IHttpModuleFactory* pModuleFactory,
                                            DWORD dwRequestNotifications,
                                            DWORD dwPostRequestNotifications) = 0;

    virtual HRESULT SetGlobalNotifications(CGlobalModule* pGlobalModule,
                                           DWORD dwGlobalNotifications) = 0;

    virtual HRESULT SetPriorityForRequestNotification(DWORD dwRequestNotification,
                                                      PCWSTR pszPriority) = 0;

    virtual HRESULT SetPriorityForGlobalNotification(DWORD dwGlobalNotification,
                                                     PCWSTR pszPriority) = 0;
};
LINTEL_DECLARE_UUID(IHttpModuleRegistrationInfo, "07e5beb3-b798-459d-a98a-e6c485b2b3bc");

class IHttpModuleRegistrationInfo2 : public IHttpModuleRegistrationInfo
{
public:
    virtual HRESULT SetPriorityForPostRequestNotification(DWORD dwPostRequestNotification,
                                                          PCWSTR pszPriority) = 0;
};
LINTEL_DECLARE_UUID(IHttpModuleRegistrationInfo2, "4fd11cbf-8cc5-418e-8000-c9e765f88533");

// The entry point every module exports. dwServerVersion is LINTEL_IIS_SERVER_VERSION (10).
// Called once per module at startup, before any request; return S_OK on success. Keep
// pModuleInfo only for the call; pGlobalInfo lives as long as the process. Do not raise trace
// events from it.
typedef HRESULT(WINAPI* PFN_REGISTERMODULE)(DWORD dwServerVersion,
                                            IHttpModuleRegistrationInfo* pModuleInfo,
                                            IHttpServer* pGlobalInfo);

#define MODULE_REGISTERMODULE "RegisterModule"

// Declared here with C linkage and default visibility so that a module's own definition, written
// the IIS way without extern "C" (HRESULT __stdcall RegisterModule(...) { ... }), still exports
// the plain symbol "RegisterModule", even under -fvisibility=hidden.
extern "C" __attribute__((visibility("default"))) HRESULT WINAPI RegisterModule(
    DWORD dwServerVersion, IHttpModuleRegistrationInfo* pModuleInfo, IHttpServer* pGlobalInfo);

#endif  // _HTTPSERV_H_
