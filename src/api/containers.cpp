#include "api/containers.h"

namespace lintel::api {

namespace {
// ERROR_ALREADY_ASSIGNED: a module context is already stored for that module id.
constexpr DWORD already_assigned = 85;

IHttpStoredContext* find(const std::vector<std::pair<HTTP_MODULE_ID, IHttpStoredContext*>>& slots,
                         HTTP_MODULE_ID id) {
    for (const auto& [owner, stored] : slots) {
        if (owner == id) {
            return stored;
        }
    }
    return nullptr;
}
}  // namespace

IHttpStoredContext* context_container::GetModuleContext(HTTP_MODULE_ID module_id) {
    return find(slots_, module_id);
}

HRESULT context_container::SetModuleContext(IHttpStoredContext* stored, HTTP_MODULE_ID module_id) {
    if (stored == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    if (find(slots_, module_id) != nullptr) {
        return HRESULT_FROM_WIN32(already_assigned);
    }
    slots_.emplace_back(module_id, stored);
    return S_OK;
}

IHttpConnectionStoredContext* context_container::GetConnectionModuleContext(HTTP_MODULE_ID module_id) {
    // Only contexts stored with SetConnectionModuleContext are connection contexts.
    IHttpStoredContext* stored = find(slots_, module_id);
    for (IHttpConnectionStoredContext* candidate : connection_contexts_) {
        if (static_cast<IHttpStoredContext*>(candidate) == stored) {
            return candidate;
        }
    }
    return nullptr;
}

HRESULT context_container::SetConnectionModuleContext(IHttpConnectionStoredContext* stored,
                                                      HTTP_MODULE_ID module_id) {
    HRESULT hr = SetModuleContext(stored, module_id);
    if (SUCCEEDED(hr)) {
        connection_contexts_.push_back(stored);
    }
    return hr;
}

void context_container::disconnect() {
    auto contexts = std::move(connection_contexts_);
    connection_contexts_.clear();
    for (IHttpConnectionStoredContext* stored : contexts) {
        stored->NotifyDisconnect();
    }
    cleanup();
}

void context_container::cleanup() {
    auto slots = std::move(slots_);
    slots_.clear();
    for (auto& [owner, stored] : slots) {
        stored->CleanupStoredContext();
    }
}

IHttpStoredContext* shared_context_container::GetModuleContext(HTTP_MODULE_ID module_id) {
    std::lock_guard lock(mutex_);
    return find(slots_, module_id);
}

HRESULT shared_context_container::SetModuleContext(IHttpStoredContext* stored,
                                                   HTTP_MODULE_ID module_id) {
    if (stored == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    std::lock_guard lock(mutex_);
    if (find(slots_, module_id) != nullptr) {
        return HRESULT_FROM_WIN32(already_assigned);
    }
    slots_.emplace_back(module_id, stored);
    return S_OK;
}

VOID shared_context_container::ReleaseContainer() {
    cleanup();
    if (dispensed_) {
        delete this;
    }
}

void shared_context_container::cleanup() {
    std::vector<std::pair<HTTP_MODULE_ID, IHttpStoredContext*>> slots;
    {
        std::lock_guard lock(mutex_);
        slots.swap(slots_);
    }
    for (auto& [owner, stored] : slots) {
        stored->CleanupStoredContext();
    }
}

}  // namespace lintel::api
