// hello_handler - the smallest useful request handler.
//
// Subscribes to RQ_EXECUTE_REQUEST_HANDLER, replaces whatever response was being built with a
// plain-text greeting, and ends the request. Map it in <handlers> (e.g. path="hello") so that it
// is the handler for the URLs it should answer.
#define _WINSOCKAPI_
#include <windows.h>
#include <sal.h>
#include <httpserv.h>

#include <string.h>

class CHelloModule : public CHttpModule
{
public:
    REQUEST_NOTIFICATION_STATUS
    OnExecuteRequestHandler(
        IN IHttpContext * pHttpContext,
        IN IHttpEventProvider * pProvider
    )
    {
        IHttpResponse * pHttpResponse = pHttpContext->GetResponse();
        if ( pHttpResponse == NULL )
        {
            return RQ_NOTIFICATION_CONTINUE;
        }

        // Start from an empty response: status, headers and body.
        pHttpResponse->Clear();
        pHttpResponse->SetStatus( 200, "OK" );

        PCSTR pszContentType = "text/plain; charset=utf-8";
        HRESULT hr = pHttpResponse->SetHeader(
            HttpHeaderContentType,
            pszContentType,
            (USHORT)strlen( pszContentType ),
            TRUE );
        if ( FAILED( hr ) )
        {
            pProvider->SetErrorStatus( hr );
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }

        // The response is buffered, so the chunk's data is copied before WriteEntityChunks
        // returns and a string literal (or a stack buffer) is fine here.
        static char szGreeting[] = "Hello from a native IIS module running on Lintel.\n";
        HTTP_DATA_CHUNK dataChunk;
        dataChunk.DataChunkType = HttpDataChunkFromMemory;
        dataChunk.FromMemory.pBuffer = szGreeting;
        dataChunk.FromMemory.BufferLength = (ULONG)strlen( szGreeting );

        DWORD cbSent = 0;
        hr = pHttpResponse->WriteEntityChunks( &dataChunk, 1, FALSE, FALSE, &cbSent );
        if ( FAILED( hr ) )
        {
            pProvider->SetErrorStatus( hr );
        }

        // Nothing else should touch this response.
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }
};

class CHelloModuleFactory final : public IHttpModuleFactory
{
public:
    HRESULT
    GetHttpModule(
        OUT CHttpModule ** ppModule,
        IN IModuleAllocator * pAllocator
    )
    {
        UNREFERENCED_PARAMETER( pAllocator );

        CHelloModule * pModule = new CHelloModule;
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
        new CHelloModuleFactory,
        RQ_EXECUTE_REQUEST_HANDLER,
        0 );
}
