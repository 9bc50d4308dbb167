// HttpGetExtendedInterface: IHttpServer2::GetExtendedInterface(in-uuid, object, out-uuid, result) hands out the
// newer interface of an object the module already holds (IHttpContext -> IHttpContext3, ...).
#include "api/context.h"

namespace lintel::api {

namespace {

// `input` is typed as the interface whose uuid is `in`: any version of the family. Find which, recover the
// implementation from it, then hand out the version asked for.
template <class Impl, class... Versions>
Impl* recover(const GUID& in, PVOID input) {
    Impl* impl = nullptr;
    ((in == __uuidof(Versions) ? (impl = static_cast<Impl*>(static_cast<Versions*>(input)), true) : false) ||
     ...);
    return impl;
}

template <class Base, class Impl, class... Versions>
bool try_versions(const GUID& in, PVOID input, const GUID& out, PVOID* output) {
    Impl* impl = recover<Impl, Versions...>(in, input);
    if (impl == nullptr) {
        return false;
    }
    return ((out == __uuidof(Versions) ? (*output = static_cast<Versions*>(impl), true) : false) || ...);
}

}  // namespace

HRESULT server_runtime::GetExtendedInterface(const GUID& version1, PVOID input, const GUID& version2,
                                             PVOID* output) {
    if (output == nullptr) return E_POINTER;
    *output = nullptr;
    if (version1 == __uuidof(IHttpServer) && version2 == __uuidof(IHttpServer2)) {
        *output = static_cast<IHttpServer2*>(this);
        return S_OK;
    }
    if (input == nullptr) return E_INVALIDARG;
    if (try_versions<IHttpContext, http_context, IHttpContext, IHttpContext2, IHttpContext3, IHttpContext4>(
            version1, input, version2, output) ||
        try_versions<IHttpRequest, request_impl, IHttpRequest, IHttpRequest2, IHttpRequest3, IHttpRequest4>(
            version1, input, version2, output) ||
        try_versions<IHttpResponse, response_impl, IHttpResponse, IHttpResponse2, IHttpResponse3,
                     IHttpResponse4>(version1, input, version2, output) ||
        try_versions<IHttpModuleRegistrationInfo, registration_info, IHttpModuleRegistrationInfo,
                     IHttpModuleRegistrationInfo2>(version1, input, version2, output) ||
        try_versions<IHttpApplication, application_runtime, IHttpApplication, IHttpApplication2>(
            version1, input, version2, output) ||
        try_versions<IHttpCompletionInfo, completion_info, IHttpCompletionInfo, IHttpCompletionInfo2>(
            version1, input, version2, output)) {
        return S_OK;
    }
    return E_NOINTERFACE;
}

}  // namespace lintel::api
