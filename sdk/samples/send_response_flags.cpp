// send_response_flags - adjusting each send in RQ_SEND_RESPONSE.
//
// OnSendResponse runs every time the server sends response data (each Flush that sends, and the
// final send). This module
// - closes the connection after any 5xx response, by adding HTTP_SEND_RESPONSE_FLAG_DISCONNECT
//   to the flags of the send that carries the headers;
// - keeps the client's User-Agent out of the request log. Log data is only handed to modules
//   that registered RQ_SEND_RESPONSE with PRIORITY_ALIAS_FIRST or PRIORITY_ALIAS_HIGH, and only
//   once GetReadyToLogData() says it is assembled.
#define _WINSOCKAPI_
#include <windows.h>
#include <sal.h>
#include <httpserv.h>

class CSendResponseFlagsModule : public CHttpModule
{
public:
    REQUEST_NOTIFICATION_STATUS
    OnSendResponse(
        IN IHttpContext * pHttpContext,
        IN ISendResponseProvider * pProvider
    )
    {
        if ( pProvider->GetHeadersBeingSent() )
        {
            USHORT statusCode = 0;
            pHttpContext->GetResponse()->GetStatus( &statusCode );
            if ( statusCode >= 500 )
            {
                pProvider->SetFlags( pProvider->GetFlags() | HTTP_SEND_RESPONSE_FLAG_DISCONNECT );
            }
        }

        if ( pProvider->GetReadyToLogData() )
        {
            HTTP_LOG_FIELDS_DATA * pLogFields =
                (HTTP_LOG_FIELDS_DATA *)pProvider->GetLogData();
            if ( pLogFields != NULL && pLogFields->Base.Type == HttpLogDataTypeFields )
            {
                static CHAR szHidden[] = "-";
                pLogFields->UserAgent = szHidden;
                pLogFields->UserAgentLength = (USHORT)( sizeof( szHidden ) - 1 );
                HRESULT hr = pProvider->SetLogData( pLogFields );
                if ( FAILED( hr ) )
                {
                    pProvider->SetErrorStatus( hr );
                }
            }
        }

        return RQ_NOTIFICATION_CONTINUE;
    }
};

class CSendResponseFlagsFactory final : public IHttpModuleFactory
{
public:
    HRESULT
    GetHttpModule(
        OUT CHttpModule ** ppModule,
        IN IModuleAllocator * pAllocator
    )
    {
        UNREFERENCED_PARAMETER( pAllocator );

        CSendResponseFlagsModule * pModule = new CSendResponseFlagsModule;
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
        new CSendResponseFlagsFactory,
        RQ_SEND_RESPONSE,
        0 );
    if ( FAILED( hr ) )
    {
        return hr;
    }

    // HIGH is what makes GetLogData available. The send-response order is inverted, so this
    // module runs after the MEDIUM and LOW ones, when the log fields are complete.
    return pModuleInfo->SetPriorityForRequestNotification(
        RQ_SEND_RESPONSE, PRIORITY_ALIAS_HIGH );
}
