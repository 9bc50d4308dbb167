// Test module: RegisterModule fails with E_FAIL (tests/integration/test_module_loading.py). The
// server must refuse to start, reporting "RegisterModule failed with HRESULT 0x80004005" with the
// module's name and image.
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo*, IHttpServer*) {
    return E_FAIL;
}
