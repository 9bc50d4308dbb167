// The module host: loads every <globalModules> image, calls its RegisterModule, and builds the runtime (sites,
// applications, notification tables) from a configuration snapshot. Startup only; nothing here runs per request.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "api/runtime.h"
#include "config/config.h"

namespace lintel::host {

struct loaded_server {
    std::unique_ptr<api::server_runtime> runtime;
    std::vector<void*> libraries;  // dlopen handles, closed after Terminate
    bool listening = false;              // GL_STOP_LISTENING only when the server listened
    bool applications_started = false;   // GL_APPLICATION_STOP only after GL_APPLICATION_START
};

// Loads modules and builds the runtime. On failure returns nullptr runtime and fills errors, each naming the
// module, its image and the reason (dlerror text, missing RegisterModule, or the HRESULT it returned).
loaded_server load(const config::snapshot& config, std::vector<std::string>& errors);

// Raises GL_APPLICATION_START for every application.
void start_applications(loaded_server& server);

// GL_STOP_LISTENING: the listeners are closed (called once; shutdown() raises it if nobody did).
void stop_listening(loaded_server& server);

// GL_STOP_LISTENING (unless raised already), GL_APPLICATION_STOP, then Terminate for every factory and global
// module, then dlclose.
void shutdown(loaded_server& server);

}  // namespace lintel::host
