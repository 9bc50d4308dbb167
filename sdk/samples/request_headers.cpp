// request_headers - reading and rewriting request headers, and adding response headers.
//
// At RQ_BEGIN_REQUEST, before any other stage has looked at the request:
// - tags every request with an X-Original-Method header recording the client's verb, so later
//   modules can see it even after a rewrite;
// - removes any client-supplied X-Internal-Auth header (clients must not be able to forge it);
// - echoes the client's User-Agent length in an X-Seen-User-Agent-Length response header.
#define _WINSOCKAPI_
#include <windows.h>
#include <sal.h>
#include <httpserv.h>

#include <stdio.h>
#include <string.h>

class CRequestHeadersModule : public CHttpModule
{
public:
    REQUEST_NOTIFICATION_STATUS
    OnBeginRequest(
        IN IHttpContext * pHttpContext,
        IN IHttpEventProvider * pProvider
    )
    {
        IHttpRequest * pHttpRequest = pHttpContext->GetRequest();
        IHttpResponse * pHttpResponse = pHttpContext->GetResponse();
        if ( pHttpRequest == NULL || pHttpResponse == NULL )
        {
            return RQ_NOTIFICATION_CONTINUE;
        }

        // Copy the verb into request memory: the pointer GetHttpMethod returns may change if a
        // later module calls SetHttpMethod.
        PCSTR pszMethod = pHttpRequest->GetHttpMethod();
        if ( pszMethod != NULL )
        {
            size_t cchMethod = strlen( pszMethod );
            char * pszCopy = (char *)pHttpContext->AllocateRequestMemory( (DWORD)cchMethod + 1 );
            if ( pszCopy == NULL )
            {
                pProvider->SetErrorStatus( HRESULT_FROM_WIN32( ERROR_NOT_ENOUGH_MEMORY ) );
                return RQ_NOTIFICATION_FINISH_REQUEST;
            }
            memcpy( pszCopy, pszMethod, cchMethod + 1 );
            HRESULT hr = pHttpRequest->SetHeader(
                "X-Original-Method", pszCopy, (USHORT)cchMethod, TRUE );
            if ( FAILED( hr ) )
            {
                pProvider->SetErrorStatus( hr );
                return RQ_NOTIFICATION_FINISH_REQUEST;
            }
        }

        if ( pHttpRequest->GetHeader( "X-Internal-Auth" ) != NULL )
        {
            pHttpRequest->DeleteHeader( "X-Internal-Auth" );
        }

        // Known headers can be addressed by their HTTP_HEADER_ID as well as by name.
        USHORT cchUserAgent = 0;
        PCSTR pszUserAgent = pHttpRequest->GetHeader( HttpHeaderUserAgent, &cchUserAgent );
        char szLength[16];
        int cchLength = snprintf( szLength, sizeof( szLength ), "%u",
                                  pszUserAgent != NULL ? (unsigned)cchUserAgent : 0U );
        pHttpResponse->SetHeader(
            "X-Seen-User-Agent-Length", szLength, (USHORT)cchLength, TRUE );

        return RQ_NOTIFICATION_CONTINUE;
    }
};

class CRequestHeadersFactory final : public IHttpModuleFactory
{
public:
    HRESULT
    GetHttpModule(
        OUT CHttpModule ** ppModule,
        IN IModuleAllocator * pAllocator
    )
    {
        UNREFERENCED_PARAMETER( pAllocator );

        CRequestHeadersModule * pModule = new CRequestHeadersModule;
        if ( pModule == NULL )
        {
            return HRESULT_FROM_WIN32( ERROR_NOT_ENOUGH_MEMORY );
        }
        *ppModule = pModule;
        return S_OK;
    }

    void
    Terminate()
    {
        delete this;
    }
};

HRESULT
__stdcall
RegisterModule(
    DWORD dwServerVersion,
    IHttpModuleRegistrationInfo * pModuleInfo,
    IHttpServer * pGlobalInfo
)
{
    UNREFERENCED_PARAMETER( dwServerVersion );
    UNREFERENCED_PARAMETER( pGlobalInfo );

    HRESULT hr = pModuleInfo->SetRequestNotifications(
        new CRequestHeadersFactory,
        RQ_BEGIN_REQUEST,
        0 );
    if ( FAILED( hr ) )
    {
        return hr;
    }

    // Strip the forged header before any other module can trust it.
    return pModuleInfo->SetPriorityForRequestNotification(
        RQ_BEGIN_REQUEST, PRIORITY_ALIAS_FIRST );
}
