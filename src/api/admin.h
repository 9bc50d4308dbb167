// The configuration admin API modules read their sections with: IAppHostAdminManager and the
// element, property and collection objects behind it (sdk/include/ahadmin.h), answering from
// config::section_for() (config/sections.h).
//
// Where the configuration comes from: a process-wide snapshot, published by the host when it
// loads a configuration (and by a reload, which only has to publish the new one). It is process-
// wide rather than per server_runtime because CoCreateInstance(CLSID_AppHostAdminManager), which
// modules call on their own, reaches the server through a plain C hook with no server at hand.
// Each GetAdminSection reads the snapshot current at that moment; the objects it returns own a
// copy of the merged section, so they stay valid (and unchanged) across a reload and after the
// server stopped, for as long as the module holds a reference.
//
// This header does not include <windows.h>: src/main/sdk_hooks.cpp defines the SDK's C hook
// and must not see the SDK's weak declaration of it.
#pragma once

#include <memory>

#include "config/config.h"

class IAppHostAdminManager;
struct _GUID;

namespace lintel::api {

// Thread: any. Replaces the snapshot later GetAdminSection calls read; null withdraws it (they
// then fail with HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)).
void publish_admin_configuration(std::shared_ptr<const config::snapshot> snapshot);
std::shared_ptr<const config::snapshot> admin_configuration();

// What IHttpServer::GetAdminManager returns: one object per process that lives until exit.
// Modules use it without AddRef/Release (as on IIS); balanced AddRef/Release are harmless and an
// extra Release never frees it.
IAppHostAdminManager* server_admin_manager();

// The in-process COM classes: CLSID_AppHostAdminManager gives a new reference-counted manager
// (one reference, QueryInterface'd to iid). Any other class is REGDB_E_CLASSNOTREG; the writable
// manager is not provided (configuration is read-only). Returns an HRESULT.
int create_admin_object(const _GUID& clsid, const _GUID& iid, void** object);

}  // namespace lintel::api
