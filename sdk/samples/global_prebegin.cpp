// global_prebegin - a global module that sees every request before the pipeline starts.
//
// GL_PRE_BEGIN_REQUEST runs once per request, ahead of RQ_BEGIN_REQUEST. This module numbers the
// requests the worker process has accepted and stamps the number on the response as
// X-Request-Sequence. One CGlobalModule instance serves the whole process and its handlers may
// run on several threads at once, so the counter is atomic.
#define _WINSOCKAPI_
#include <windows.h>
#include <sal.h>
#include <httpserv.h>

#include <stdio.h>
#include <atomic>

class CRequestSequenceModule final : public CGlobalModule
{
public:
    CRequestSequenceModule()
        : m_nextSequence( 1 )
    {
    }

    GLOBAL_NOTIFICATION_STATUS
    OnGlobalPreBeginRequest(
        IN IPreBeginRequestProvider * pProvider
    )
    {
        IHttpContext * pHttpContext = pProvider->GetHttpContext();
        if ( pHttpContext == NULL )
        {
            return GL_NOTIFICATION_CONTINUE;
        }

        unsigned long long sequence = m_nextSequence.fetch_add( 1 );
        char szSequence[24];
        int cchSequence = snprintf( szSequence, sizeof( szSequence ), "%llu", sequence );

        IHttpResponse * pHttpResponse = pHttpContext->GetResponse();
        if ( pHttpResponse != NULL )
        {
            HRESULT hr = pHttpResponse->SetHeader(
                "X-Request-Sequence", szSequence, (USHORT)cchSequence, TRUE );
            if ( FAILED( hr ) )
            {
                pProvider->SetErrorStatus( hr );
            }
        }

        // Let every other global module see the request too.
        return GL_NOTIFICATION_CONTINUE;
    }

    VOID
    Terminate()
    {
        delete this;
    }

private:
    std::atomic<unsigned long long> m_nextSequence;
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

    CRequestSequenceModule * pGlobalModule = new CRequestSequenceModule;
    if ( pGlobalModule == NULL )
    {
        return HRESULT_FROM_WIN32( ERROR_NOT_ENOUGH_MEMORY );
    }

    HRESULT hr = pModuleInfo->SetGlobalNotifications( pGlobalModule, GL_PRE_BEGIN_REQUEST );
    if ( FAILED( hr ) )
    {
        // The server did not take ownership.
        delete pGlobalModule;
    }
    return hr;
}
