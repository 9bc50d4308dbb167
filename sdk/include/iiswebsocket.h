// iiswebsocket.h - WebSocket access for IIS modules.
//
// After a successful upgrade (101 sent by the WebSocket module), the connection's
// IWebSocketContext is found with
//     pHttpContext3->GetNamedContextContainer()->GetNamedContext(IIS_WEBSOCKET)
// The context belongs to the server and lives until the request ends; the module never calls
// CleanupStoredContext on it.
//
// Threading and completions: the request's loop thread owns the context. One read and one write
// may be outstanding at the same time (full duplex). With fAsync = TRUE and
// *pfCompletionExpected = TRUE the PFN_WEBSOCKET_COMPLETION callback runs later on the request's
// loop thread, never inside the call that started the operation, and the data buffer must stay
// valid until then.
#ifndef _IISWEBSOCKET_H
#define _IISWEBSOCKET_H

#include <httpserv.h>

// Name of the named context, and of the server variable that says the upgrade happened.
#define IIS_WEBSOCKET                       L"websockets"
#define IIS_WEBSOCKET_SERVER_VARIABLE       "IIS_WEBSOCK"

// Completion of an asynchronous WebSocket operation. cbIO is the number of bytes read or written;
// fClose is TRUE when a read met the peer's close frame.
typedef VOID(WINAPI* PFN_WEBSOCKET_COMPLETION)(HRESULT hrError, VOID* pvCompletionContext,
                                               DWORD cbIO, BOOL fUTF8Encoded,
                                               BOOL fFinalFragment, BOOL fClose);

class IWebSocketContext : public IHttpStoredContext
{
public:
    // Sends one fragment (a whole message when fFinalFragment is TRUE). *pcbSent: in, the
    // number of bytes in pData; out (synchronous case), the number sent.
    virtual HRESULT WriteFragment(VOID* pData, DWORD* pcbSent, BOOL fAsync, BOOL fUTF8Encoded,
                                  BOOL fFinalFragment,
                                  PFN_WEBSOCKET_COMPLETION pfnCompletion = NULL,
                                  VOID* pvCompletionContext = NULL,
                                  BOOL* pfCompletionExpected = NULL) = 0;

    // Reads the next fragment. *pcbData: in, the size of pData; out (synchronous case), the
    // number of bytes received.
    virtual HRESULT ReadFragment(VOID* pData, DWORD* pcbData, BOOL fAsync, BOOL* pfUTF8Encoded,
                                 BOOL* pfFinalFragment, BOOL* pfConnectionClose,
                                 PFN_WEBSOCKET_COMPLETION pfnCompletion = NULL,
                                 VOID* pvCompletionContext = NULL,
                                 BOOL* pfCompletionExpected = NULL) = 0;

    virtual HRESULT SendConnectionClose(BOOL fAsync, USHORT uStatusCode, LPCWSTR pszReason = NULL,
                                        PFN_WEBSOCKET_COMPLETION pfnCompletion = NULL,
                                        VOID* pvCompletionContext = NULL,
                                        BOOL* pfCompletionExpected = NULL) = 0;

    // The peer's close status and reason, once its close frame arrived.
    virtual HRESULT GetCloseStatus(USHORT* pStatusCode, LPCWSTR* ppszReason = NULL,
                                   USHORT* pcchReason = NULL) = 0;

    // Drops the TCP connection without a close handshake.
    virtual VOID CloseTcpConnection(VOID) = 0;

    // Cancels the pending read and write; as with IHttpContext::CancelIo, each still completes
    // once, with HRESULT_FROM_WIN32(ERROR_OPERATION_ABORTED).
    virtual VOID CancelOutstandingIO(VOID) = 0;
};

#endif  // _IISWEBSOCKET_H
