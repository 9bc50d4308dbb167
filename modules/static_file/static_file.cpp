// StaticFileModule: IIS's static file handler for Lintel, built like any third-party IIS module
// (windows.h, httpserv.h, a CHttpModule, a factory, RegisterModule) and configured by
// system.webServer/staticContent (mimeMap, clientCache) read through the admin API.
//
// It is the first module of IIS's default "StaticFile" handler mapping
// (modules="StaticFileModule,DefaultDocumentModule,DirectoryListingModule"): for a file it
// answers GET and HEAD (ETag, Last-Modified, conditional requests, byte ranges, clientCache
// headers) and ends the handler list with SetRequestHandled; for a directory it does nothing but
// mark the response 403.14 and lets the next modules of the mapping pick a default document or a
// listing. Status codes follow IIS: 404.0 no such file, 404.3 no MIME mapping for the extension,
// 405.0 another verb, 403.0 no permission to read.
//
// Behaviour, caching and the Linux-specific decisions (trailing dots, case, symbolic links) are
// described in docs/config.md, "Static files"; the engine is file_server.h.
// clang-format off
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
// clang-format on

#include <new>
#include <string>

#include "file_server.h"

namespace {

using namespace lintel_static;

IHttpServer* g_server = nullptr;
file_server* g_files = nullptr;  // from RegisterModule until the factory's Terminate

// The request's URL path (decoded, canonical) in UTF-8, in a per-thread buffer.
std::string_view script_name(IHttpContext* context) {
    thread_local std::string url;
    url.clear();
    DWORD length = 0;
    PCWSTR wide = context->GetScriptName(&length);
    if (wide != nullptr) append_utf8(url, wide, length);
    return url;
}

class StaticFileModule final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        file_server::lookup_result found =
            g_files->lookup(context, script_name(context),
                            [context] { return to_utf8(context->GetPhysicalPath()); });
        if (found.status != 0) {
            return fail(context, found.status, found.substatus, found.reason, found.error);
        }
        entry_ = std::move(found.entry);
        if (entry_->directory) {
            // Not a file: the rest of the handler's modules decide (default document, listing).
            // If none of them does, the client gets IIS's answer for an unlisted directory.
            context->GetResponse()->SetStatus(403, "Forbidden", 14);
            return RQ_NOTIFICATION_CONTINUE;
        }
        if (entry_->content_type == nullptr) {
            return fail(context, 404, 3, "Not Found", HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED));
        }
        return g_files->respond(context, *entry_);
    }

    // The instance lives in request memory (see the factory): end its life, free nothing.
    VOID Dispose() override { this->~StaticFileModule(); }

private:
    entry_ref entry_;  // keeps the descriptor open until the response is over
};

class StaticFileModuleFactory final : public IHttpModuleFactory {
public:
    // Called concurrently on every loop thread. Request memory keeps the request path free of
    // heap allocations; the server releases it when the request ends.
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator* allocator) override {
        void* memory = allocator->AllocateMemory(sizeof(StaticFileModule));
        if (memory == nullptr) return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
        *module = new (memory) StaticFileModule();
        return S_OK;
    }

    // After the last request: close every cached descriptor.
    VOID Terminate() override {
        delete g_files;
        g_files = nullptr;
        delete this;
    }
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                 IHttpServer* server) {
    g_server = server;
    g_files = new (std::nothrow) file_server(server);
    auto* factory = new (std::nothrow) StaticFileModuleFactory();
    if (g_files == nullptr || factory == nullptr) {
        delete g_files;
        g_files = nullptr;
        delete factory;
        return HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY);
    }
    return module_info->SetRequestNotifications(factory, RQ_EXECUTE_REQUEST_HANDLER, 0);
}
