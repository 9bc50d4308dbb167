// Test module: a complete module whose registration function has the wrong name, so the .so exports
// no RegisterModule (tests/integration/test_module_loading.py). Loading it must fail with "does not
// export RegisterModule", naming the module and its image.
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>

namespace {

class NeverRegisteredModule final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnBeginRequest(IHttpContext*, IHttpEventProvider*) override {
        return RQ_NOTIFICATION_CONTINUE;
    }
};

class NeverRegisteredFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new NeverRegisteredModule;
        return S_OK;
    }

    VOID Terminate() override { delete this; }
};

}  // namespace

// The mistake under test: a plausible misspelling of the entry point. extern "C" keeps the symbol
// unmangled, so the image really exports a registration-like function, just not under the required
// name.
extern "C" HRESULT __stdcall RegisterHttpModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                                IHttpServer*) {
    return module_info->SetRequestNotifications(new NeverRegisteredFactory, RQ_BEGIN_REQUEST, 0);
}
