#include "api/modules.h"

#include "api/text.h"

namespace lintel::api {

namespace {
bool to_priority(PCWSTR alias, core::priority& out) {
    if (alias == nullptr) {
        return false;
    }
    return core::parse_priority(narrow(alias), out);
}
}  // namespace

PCWSTR registration_info::GetName() const { return record_.wide_name.c_str(); }

HTTP_MODULE_ID registration_info::GetId() const { return &record_; }

HRESULT registration_info::SetRequestNotifications(IHttpModuleFactory* factory,
                                                   DWORD request_notifications,
                                                   DWORD post_request_notifications) {
    if (factory == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    if (record_.factory != nullptr) {
        return HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS);
    }
    // Only deterministic notifications have post-events.
    if ((post_request_notifications & ~core::notification::deterministic_mask) != 0) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    record_.factory = factory;
    record_.subscription.request_mask = request_notifications;
    record_.subscription.post_mask = post_request_notifications;
    return S_OK;
}

HRESULT registration_info::SetGlobalNotifications(CGlobalModule* global_module,
                                                  DWORD global_notifications) {
    if (global_module == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    if (record_.global_module != nullptr) {
        return HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS);
    }
    record_.global_module = global_module;
    record_.global_mask = global_notifications;
    return S_OK;
}

HRESULT registration_info::SetPriorityForRequestNotification(DWORD request_notification,
                                                             PCWSTR priority) {
    core::priority value;
    if (!to_priority(priority, value)) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    record_.subscription.set_priority(request_notification, value);
    return S_OK;
}

HRESULT registration_info::SetPriorityForGlobalNotification(DWORD global_notification,
                                                            PCWSTR priority) {
    core::priority value;
    if (!to_priority(priority, value)) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    for (int bit = 0; bit < 18; ++bit) {
        if (global_notification & (1u << bit)) {
            record_.global_priority[bit] = value;
        }
    }
    return S_OK;
}

HRESULT registration_info::SetPriorityForPostRequestNotification(DWORD post_request_notification,
                                                                 PCWSTR priority) {
    core::priority value;
    if (!to_priority(priority, value)) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    record_.subscription.set_post_priority(post_request_notification, value);
    return S_OK;
}

}  // namespace lintel::api
