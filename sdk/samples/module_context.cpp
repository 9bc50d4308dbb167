// module_context - keeping per-request state in the request's module context container.
//
// A module instance already lives for one request, but state that other code must reach
// through the IHttpContext (a global module, a child request, a helper that only has the
// context) belongs in the context container, keyed by this module's HTTP_MODULE_ID. This module
// records which pipeline stages it passed through and reports them in an X-Stages-Seen response
// header just before the handler runs. The server calls CleanupStoredContext when the request
// ends; the stored object frees itself there.
#define _WINSOCKAPI_
#include <windows.h>
#include <sal.h>
#include <httpserv.h>

#include <string.h>

// Saved by RegisterModule; identifies this module's slot in every context container.
static HTTP_MODULE_ID g_pModuleId = NULL;

class CStageContext final : public IHttpStoredContext
{
public:
    CStageContext()
        : m_cchStages( 0 )
    {
        m_szStages[0] = '\0';
    }

    void
    AddStage(
        IN PCSTR pszStage
    )
    {
        size_t cchStage = strlen( pszStage );
        size_t cchSeparator = m_cchStages != 0 ? 1 : 0;
        if ( m_cchStages + cchSeparator + cchStage + 1 > sizeof( m_szStages ) )
        {
            return;
        }
        if ( cchSeparator != 0 )
        {
            m_szStages[m_cchStages++] = ',';
        }
        memcpy( m_szStages + m_cchStages, pszStage, cchStage + 1 );
        m_cchStages += cchStage;
    }

    PCSTR
    QueryStages() const
    {
        return m_szStages;
    }

    USHORT
    QueryStagesLength() const
    {
        return (USHORT)m_cchStages;
    }

    VOID
    CleanupStoredContext()
    {
        delete this;
    }

private:
    char m_szStages[128];
    size_t m_cchStages;
};

class CStageModule : public CHttpModule
{
public:
    REQUEST_NOTIFICATION_STATUS
    OnBeginRequest(
        IN IHttpContext * pHttpContext,
        IN IHttpEventProvider * pProvider
    )
    {
        CStageContext * pStageContext = new CStageContext;
        if ( pStageContext == NULL )
        {
            pProvider->SetErrorStatus( HRESULT_FROM_WIN32( ERROR_NOT_ENOUGH_MEMORY ) );
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }

        HRESULT hr = pHttpContext->GetModuleContextContainer()->SetModuleContext(
            pStageContext, g_pModuleId );
        if ( FAILED( hr ) )
        {
            // Not stored, so the server will not clean it up.
            delete pStageContext;
            pProvider->SetErrorStatus( hr );
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }

        pStageContext->AddStage( "BeginRequest" );
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS
    OnAuthorizeRequest(
        IN IHttpContext * pHttpContext,
        IN IHttpEventProvider * pProvider
    )
    {
        UNREFERENCED_PARAMETER( pProvider );

        CStageContext * pStageContext = GetStageContext( pHttpContext );
        if ( pStageContext != NULL )
        {
            pStageContext->AddStage( "AuthorizeRequest" );
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS
    OnPreExecuteRequestHandler(
        IN IHttpContext * pHttpContext,
        IN IHttpEventProvider * pProvider
    )
    {
        CStageContext * pStageContext = GetStageContext( pHttpContext );
        if ( pStageContext == NULL )
        {
            return RQ_NOTIFICATION_CONTINUE;
        }
        pStageContext->AddStage( "PreExecuteRequestHandler" );

        HRESULT hr = pHttpContext->GetResponse()->SetHeader(
            "X-Stages-Seen",
            pStageContext->QueryStages(),
            pStageContext->QueryStagesLength(),
            TRUE );
        if ( FAILED( hr ) )
        {
            pProvider->SetErrorStatus( hr );
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

private:
    static
    CStageContext *
    GetStageContext(
        IN IHttpContext * pHttpContext
    )
    {
        // Only this module stores under g_pModuleId, so the downcast is safe.
        return static_cast<CStageContext *>(
            pHttpContext->GetModuleContextContainer()->GetModuleContext( g_pModuleId ) );
    }
};

class CStageModuleFactory final : public IHttpModuleFactory
{
public:
    HRESULT
    GetHttpModule(
        OUT CHttpModule ** ppModule,
        IN IModuleAllocator * pAllocator
    )
    {
        UNREFERENCED_PARAMETER( pAllocator );

        CStageModule * pModule = new CStageModule;
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

    g_pModuleId = pModuleInfo->GetId();

    return pModuleInfo->SetRequestNotifications(
        new CStageModuleFactory,
        RQ_BEGIN_REQUEST | RQ_AUTHORIZE_REQUEST | RQ_PRE_EXECUTE_REQUEST_HANDLER,
        0 );
}
