// hello: the smallest useful IIS native module, built unchanged for Lintel.
//
// Map it as a handler and every request it handles is answered with
//
//     200 OK
//     Content-Type: text/plain
//
//     Hello from Lintel!
//
// The source is plain IIS module code: the same file builds as a DLL for IIS. For Lintel:
//
//     g++ -std=c++17 -shared -fPIC -I <prefix>/include/lintel hello.cpp -o hello.so
//
// and in applicationHost.config:
//
//     <globalModules><add name="Hello" image="/path/to/hello.so" /></globalModules>
//     <modules><add name="Hello" /></modules>
//     <handlers><add name="HelloHandler" path="*" verb="GET,HEAD" modules="Hello" /></handlers>
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>

#include <cstring>
#include <new>

namespace {

constexpr char k_greeting[] = "Hello from Lintel!\n";
constexpr char k_content_type[] = "text/plain";

// One instance per request: the server asks the factory for a fresh module at the start of each
// request and calls Dispose (by default `delete this`) at its end, so members would be per-request
// state.
class HelloModule final : public CHttpModule {
public:
    // Runs only when this module is the handler mapped for the request.
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider* provider) override {
        IHttpResponse* response = context->GetResponse();

        response->SetStatus(200, "OK");
        HRESULT hr = response->SetHeader("Content-Type", k_content_type,
                                         static_cast<USHORT>(std::strlen(k_content_type)), TRUE);
        if (FAILED(hr)) {
            return fail(provider, hr);
        }

        // With buffering on (the default) the server copies the chunk, so pointing at a constant is
        // enough. The body is written for HEAD too: the server drops it but keeps the
        // Content-Length it implies.
        HTTP_DATA_CHUNK chunk = {};
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = const_cast<char*>(k_greeting);
        chunk.FromMemory.BufferLength = static_cast<ULONG>(std::strlen(k_greeting));
        DWORD bytes_written = 0;
        hr = response->WriteEntityChunks(&chunk, 1, FALSE, FALSE, &bytes_written);
        if (FAILED(hr)) {
            return fail(provider, hr);
        }

        // CONTINUE rather than FINISH_REQUEST: the rest of the pipeline (logging, other modules'
        // post-events) still sees the request; the server sends the buffered response when the
        // pipeline is done.
        return RQ_NOTIFICATION_CONTINUE;
    }

private:
    // Record why the request failed (the server logs it and answers 500) and stop processing it.
    static REQUEST_NOTIFICATION_STATUS fail(IHttpEventProvider* provider, HRESULT hr) {
        provider->SetErrorStatus(hr);
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }
};

// Lives from RegisterModule until the server shuts down and calls Terminate.
class HelloModuleFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        // Plain new: Dispose's default `delete this` releases it. (A module allocated from the
        // request's IModuleAllocator would have to override Dispose instead.)
        HelloModule* instance = new (std::nothrow) HelloModule;
        if (instance == nullptr) {
            return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
        }
        *module = instance;
        return S_OK;
    }

    VOID Terminate() override { delete this; }
};

}  // namespace

// The entry point the server looks up after loading the image. httpserv.h declares it extern "C",
// so this definition exports the plain symbol `RegisterModule` without further decoration.
HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info, IHttpServer*) {
    IHttpModuleFactory* factory = new (std::nothrow) HelloModuleFactory;
    if (factory == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
    }
    const HRESULT hr = module_info->SetRequestNotifications(factory, RQ_EXECUTE_REQUEST_HANDLER, 0);
    if (FAILED(hr)) {
        factory->Terminate();
    }
    return hr;
}
