// Symbols the SDK headers look up weakly in the process: modules compiled against the SDK call these when they
// run inside Lintel (and fall back to stderr elsewhere, e.g. in a module's own unit tests).
#include <string>

#include "api/admin.h"
#include "core/log.h"

extern "C" __attribute__((visibility("default"))) void lintel_sdk_log(int level, const char* source,
                                                                       const char* message) {
    lintel::core::log_level mapped = lintel::core::log_level::info;
    if (level == 1) mapped = lintel::core::log_level::error;
    else if (level == 2) mapped = lintel::core::log_level::warning;
    std::string component = "module";
    if (source && *source) component = std::string("module ") + source;
    lintel::core::log(mapped, component, message ? message : "");
}

// CoCreateInstance in a module lands here (objbase.h); the server's in-process classes are the
// admin API's (api/admin.h). This file must not include <windows.h>, whose weak declaration of
// the hook would make this definition weak too.
extern "C" __attribute__((visibility("default"))) int lintel_sdk_co_create_instance(
    const _GUID* clsid, const _GUID* iid, void** object) {
    if (clsid == nullptr || iid == nullptr) return static_cast<int>(0x80070057u);  // E_INVALIDARG
    return lintel::api::create_admin_object(*clsid, *iid, object);
}
