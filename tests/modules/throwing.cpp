// Test module: lets a C++ exception escape from a notification
// (tests/integration/test_module_loading.py).
//
// As the mapped handler it throws std::runtime_error from OnExecuteRequestHandler when the request
// carries "X-Throw: 1", and otherwise answers 200 with the body "ok". The server must turn the
// escaped exception into a 500 for that request, log the module's name and keep serving.
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>

#include <cstring>
#include <stdexcept>

namespace {

constexpr char k_body[] = "ok";

class ThrowingModule final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        PCSTR value = context->GetRequest()->GetHeader("X-Throw");
        if (value != nullptr && std::strcmp(value, "1") == 0) {
            throw std::runtime_error("throwing test module: X-Throw asked for an exception");
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

class ThrowingFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new ThrowingModule;
        return S_OK;
    }

    VOID Terminate() override { delete this; }
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info, IHttpServer*) {
    return module_info->SetRequestNotifications(new ThrowingFactory, RQ_EXECUTE_REQUEST_HANDLER, 0);
}
