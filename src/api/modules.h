// What the server knows about each loaded module: the objects RegisterModule handed over (factory, global module)
// and the notifications and priorities it asked for. Records are created at startup and never move (their
// address is the module's HTTP_MODULE_ID) and are immutable once startup is over.
#pragma once

#include <windows.h>
#include <httpserv.h>

#include <memory>
#include <string>
#include <vector>

#include "core/pipeline_table.h"

namespace lintel::api {

struct module_record {
    std::string name;       // the config name (<globalModules><add name>)
    std::wstring wide_name;
    std::string image;      // resolved path of the .so
    IHttpModuleFactory* factory = nullptr;
    CGlobalModule* global_module = nullptr;
    DWORD global_mask = 0;
    core::module_subscription subscription;
    // Priority per GL_* bit (bit index 0..17), MEDIUM unless SetPriorityForGlobalNotification said otherwise.
    core::priority global_priority[18] = {
        core::priority::medium, core::priority::medium, core::priority::medium, core::priority::medium,
        core::priority::medium, core::priority::medium, core::priority::medium, core::priority::medium,
        core::priority::medium, core::priority::medium, core::priority::medium, core::priority::medium,
        core::priority::medium, core::priority::medium, core::priority::medium, core::priority::medium,
        core::priority::medium, core::priority::medium};
    size_t config_order = 0;
};

// IHttpModuleRegistrationInfo given to one RegisterModule call.
class registration_info final : public IHttpModuleRegistrationInfo2 {
public:
    explicit registration_info(module_record& record) : record_(record) {}

    PCWSTR GetName() const override;
    HTTP_MODULE_ID GetId() const override;
    HRESULT SetRequestNotifications(IHttpModuleFactory* factory, DWORD request_notifications,
                                    DWORD post_request_notifications) override;
    HRESULT SetGlobalNotifications(CGlobalModule* global_module, DWORD global_notifications) override;
    HRESULT SetPriorityForRequestNotification(DWORD request_notification, PCWSTR priority) override;
    HRESULT SetPriorityForGlobalNotification(DWORD global_notification, PCWSTR priority) override;
    HRESULT SetPriorityForPostRequestNotification(DWORD post_request_notification,
                                                  PCWSTR priority) override;

private:
    module_record& record_;
};

}  // namespace lintel::api
