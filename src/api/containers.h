// IHttpModuleContextContainer implementations: one slot per module id. The request-level one is used on one loop
// only; the site/application/global ones are shared by every loop and take a lock.
#pragma once

#include <windows.h>
#include <httpserv.h>

#include <mutex>
#include <utility>
#include <vector>

namespace lintel::api {

class context_container : public IHttpConnectionModuleContextContainer {
public:
    IHttpStoredContext* GetModuleContext(HTTP_MODULE_ID module_id) override;
    HRESULT SetModuleContext(IHttpStoredContext* stored, HTTP_MODULE_ID module_id) override;
    IHttpConnectionStoredContext* GetConnectionModuleContext(HTTP_MODULE_ID module_id) override;
    HRESULT SetConnectionModuleContext(IHttpConnectionStoredContext* stored,
                                       HTTP_MODULE_ID module_id) override;

    // Calls CleanupStoredContext on every stored context, once, and empties the container.
    void cleanup();
    // The client connection ended: NotifyDisconnect on every connection-level context, then cleanup().
    void disconnect();

private:
    std::vector<std::pair<HTTP_MODULE_ID, IHttpStoredContext*>> slots_;
    std::vector<IHttpConnectionStoredContext*> connection_contexts_;
};

class shared_context_container final : public IDispensedHttpModuleContextContainer {
public:
    IHttpStoredContext* GetModuleContext(HTTP_MODULE_ID module_id) override;
    HRESULT SetModuleContext(IHttpStoredContext* stored, HTTP_MODULE_ID module_id) override;
    VOID ReleaseContainer() override;
    void cleanup();

    bool dispensed_ = false;  // DispenseContainer: ReleaseContainer deletes it

private:
    std::mutex mutex_;
    std::vector<std::pair<HTTP_MODULE_ID, IHttpStoredContext*>> slots_;
};

}  // namespace lintel::api
