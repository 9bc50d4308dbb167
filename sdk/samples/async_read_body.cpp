// async_read_body - reading the request body asynchronously.
//
// The handler counts the bytes of the request body without blocking a thread while the client
// sends them, then answers "received N bytes". It shows the asynchronous contract:
// - ReadEntityBody with fAsync = TRUE; when *pfCompletionPending comes back TRUE the handler
//   returns RQ_NOTIFICATION_PENDING and must not touch the request until the completion;
// - the completion arrives in OnAsyncCompletion (never inside ReadEntityBody), with the byte count
//   in IHttpCompletionInfo; its return value continues the interrupted notification;
// - the read buffer belongs to the module instance, so it stays valid until the completion.
#define _WINSOCKAPI_
#include <windows.h>
#include <sal.h>
#include <httpserv.h>

#include <stdio.h>

class CBodyCounterModule : public CHttpModule
{
public:
    CBodyCounterModule()
        : m_cbTotal( 0 )
    {
    }

    REQUEST_NOTIFICATION_STATUS
    OnExecuteRequestHandler(
        IN IHttpContext * pHttpContext,
        IN IHttpEventProvider * pProvider
    )
    {
        UNREFERENCED_PARAMETER( pProvider );
        return ReadMore( pHttpContext );
    }

    REQUEST_NOTIFICATION_STATUS
    OnAsyncCompletion(
        IN IHttpContext * pHttpContext,
        IN DWORD dwNotification,
        IN BOOL fPostNotification,
        IN IHttpEventProvider * pProvider,
        IN IHttpCompletionInfo * pCompletionInfo
    )
    {
        UNREFERENCED_PARAMETER( dwNotification );
        UNREFERENCED_PARAMETER( fPostNotification );
        UNREFERENCED_PARAMETER( pProvider );

        HRESULT hr = pCompletionInfo->GetCompletionStatus();
        if ( hr == HRESULT_FROM_WIN32( ERROR_HANDLE_EOF ) )
        {
            return WriteSummary( pHttpContext );
        }
        if ( FAILED( hr ) )
        {
            return Fail( pHttpContext, hr );
        }

        m_cbTotal += pCompletionInfo->GetCompletionBytes();
        return ReadMore( pHttpContext );
    }

private:
    REQUEST_NOTIFICATION_STATUS
    ReadMore(
        IN IHttpContext * pHttpContext
    )
    {
        IHttpRequest * pHttpRequest = pHttpContext->GetRequest();
        while ( pHttpRequest->GetRemainingEntityBytes() != 0 )
        {
            DWORD cbRead = 0;
            BOOL fCompletionPending = FALSE;
            HRESULT hr = pHttpRequest->ReadEntityBody(
                m_buffer, sizeof( m_buffer ), TRUE, &cbRead, &fCompletionPending );
            if ( hr == HRESULT_FROM_WIN32( ERROR_HANDLE_EOF ) )
            {
                break;
            }
            if ( FAILED( hr ) )
            {
                return Fail( pHttpContext, hr );
            }
            if ( fCompletionPending )
            {
                // OnAsyncCompletion takes over from here.
                return RQ_NOTIFICATION_PENDING;
            }
            // Finished at once: the result is final and no completion will follow.
            m_cbTotal += cbRead;
        }
        return WriteSummary( pHttpContext );
    }

    REQUEST_NOTIFICATION_STATUS
    WriteSummary(
        IN IHttpContext * pHttpContext
    )
    {
        IHttpResponse * pHttpResponse = pHttpContext->GetResponse();
        pHttpResponse->Clear();
        pHttpResponse->SetStatus( 200, "OK" );
        pHttpResponse->SetHeader( HttpHeaderContentType, "text/plain", 10, TRUE );

        int cchSummary = snprintf( m_summary, sizeof( m_summary ), "received %llu bytes\n",
                                   m_cbTotal );
        HTTP_DATA_CHUNK dataChunk;
        dataChunk.DataChunkType = HttpDataChunkFromMemory;
        dataChunk.FromMemory.pBuffer = m_summary;
        dataChunk.FromMemory.BufferLength = (ULONG)cchSummary;

        DWORD cbSent = 0;
        HRESULT hr = pHttpResponse->WriteEntityChunks( &dataChunk, 1, FALSE, FALSE, &cbSent );
        if ( FAILED( hr ) )
        {
            return Fail( pHttpContext, hr );
        }
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }

    REQUEST_NOTIFICATION_STATUS
    Fail(
        IN IHttpContext * pHttpContext,
        IN HRESULT hr
    )
    {
        pHttpContext->GetResponse()->SetStatus( 400, "Bad Request", 0, hr );
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }

    unsigned long long m_cbTotal;
    char m_buffer[16384];
    char m_summary[64];
};

class CBodyCounterFactory final : public IHttpModuleFactory
{
public:
    HRESULT
    GetHttpModule(
        OUT CHttpModule ** ppModule,
        IN IModuleAllocator * pAllocator
    )
    {
        UNREFERENCED_PARAMETER( pAllocator );

        CBodyCounterModule * pModule = new CBodyCounterModule;
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

    return pModuleInfo->SetRequestNotifications(
        new CBodyCounterFactory,
        RQ_EXECUTE_REQUEST_HANDLER,
        0 );
}
