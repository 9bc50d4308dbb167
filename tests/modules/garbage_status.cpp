// Test module: returns a value that is not a REQUEST_NOTIFICATION_STATUS
// (tests/integration/test_module_loading.py).
//
// As the mapped handler it returns 42 from OnExecuteRequestHandler when the request carries
// "X-Garbage-Status: 1", and otherwise answers 200 with the body "ok". The server must answer the
// bad request with a 500, log the module's name and keep serving.
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>

#include <cstring>

namespace {

constexpr char k_body[] = "ok";

// Read through a volatile so the compiler cannot reason about the out-of-range enum value; on the
// wire (the x86-64 return register) it is simply the integer 42, which is what a broken module
// hands back.
volatile int g_garbage_status = 42;

class GarbageStatusModule final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        PCSTR value = context->GetRequest()->GetHeader("X-Garbage-Status");
        if (value != nullptr && std::strcmp(value, "1") == 0) {
            return static_cast<REQUEST_NOTIFICATION_STATUS>(g_garbage_status);
        }

        IHttpResponse* response = context->GetResponse();
        response->SetStatus(200, "OK");
        HTTP_DATA_CHUNK chunk = {};
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = const_cast<char*>(k_body);
        chunk.FromMemory.BufferLength = static_cast<ULONG>(std::strlen(k_body));
        DWORD sent = 0;
        const HRESULT hr = response->WriteEntityChunks(&chunk, 1, FALSE, FALSE, &sent);
        if (FAILED(hr)) {
            response->SetStatus(500, "Internal Server Error", 0, hr);
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }
        return RQ_NOTIFICATION_CONTINUE;
    }
};

class GarbageStatusFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new GarbageStatusModule;
        return S_OK;
    }

    VOID Terminate() override { delete this; }
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info, IHttpServer*) {
    return module_info->SetRequestNotifications(new GarbageStatusFactory,
                                                RQ_EXECUTE_REQUEST_HANDLER, 0);
}
