// Test module: writes one line per notification it receives, so the integration tests can assert
// the exact order of the pipeline (tests/integration/test_pipeline_order.py).
//
// Each line is "<trace-id> <module-name> <handler-name>\n", appended to the file named by the
// environment variable RECORDER_LOG (nothing is written when it is unset). trace-id is the request
// header X-Trace-Id ("-" when absent); module-name is the configuration name the server passed to
// RegisterModule, so one image loaded under several names tells its instances apart.
//
// Behaviour switches:
//   env RECORDER_PRIORITY_<NAME>   FIRST, HIGH, MEDIUM, LOW or LAST: the priority of every
//                                  request notification of the instance whose upper-cased
//                                  configuration name is NAME.
//   header X-Finish-At             "<module-name>:<handler-name>": that handler sets 403 and
//                                  returns RQ_NOTIFICATION_FINISH_REQUEST.
//   header X-Flush-In-Handler: 1   OnExecuteRequestHandler flushes after writing its body.
// As the mapped handler it answers 200 with the body "recorded".
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr DWORD k_deterministic_events =
    RQ_BEGIN_REQUEST | RQ_AUTHENTICATE_REQUEST | RQ_AUTHORIZE_REQUEST | RQ_RESOLVE_REQUEST_CACHE |
    RQ_MAP_REQUEST_HANDLER | RQ_ACQUIRE_REQUEST_STATE | RQ_PRE_EXECUTE_REQUEST_HANDLER |
    RQ_EXECUTE_REQUEST_HANDLER | RQ_RELEASE_REQUEST_STATE | RQ_UPDATE_REQUEST_CACHE |
    RQ_LOG_REQUEST | RQ_END_REQUEST;

constexpr DWORD k_request_notifications = k_deterministic_events | RQ_SEND_RESPONSE;

constexpr char k_body[] = "recorded";

// Module names are plain ASCII in the tests; anything else is replaced so a line stays one token.
std::string narrow(PCWSTR wide) {
    std::string result;
    for (; wide != nullptr && *wide != L'\0'; ++wide) {
        const bool printable = *wide > L' ' && *wide < 0x7f;
        result += printable ? static_cast<char>(*wide) : '?';
    }
    return result.empty() ? std::string("?") : result;
}

// One write() per line on an O_APPEND descriptor: lines from concurrent requests never interleave.
void append_line(const std::string& line) {
    const char* path = std::getenv("RECORDER_LOG");
    if (path == nullptr || *path == '\0') {
        return;
    }
    const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    const ssize_t written = ::write(fd, line.data(), line.size());
    (void)written;
    ::close(fd);
}

std::string request_header(IHttpContext* context, PCSTR name) {
    USHORT length = 0;
    PCSTR value = context->GetRequest()->GetHeader(name, &length);
    return value == nullptr ? std::string() : std::string(value, length);
}

std::string trace_id_of(IHttpContext* context) {
    const std::string trace = request_header(context, "X-Trace-Id");
    return trace.empty() ? std::string("-") : trace;
}

PCWSTR priority_alias(const std::string& text) {
    if (text == "FIRST") {
        return PRIORITY_ALIAS_FIRST;
    }
    if (text == "HIGH") {
        return PRIORITY_ALIAS_HIGH;
    }
    if (text == "MEDIUM") {
        return PRIORITY_ALIAS_MEDIUM;
    }
    if (text == "LOW") {
        return PRIORITY_ALIAS_LOW;
    }
    if (text == "LAST") {
        return PRIORITY_ALIAS_LAST;
    }
    return nullptr;
}

class Recorder final : public CHttpModule {
public:
    explicit Recorder(const std::string& name) : name_(name) {}

    REQUEST_NOTIFICATION_STATUS OnBeginRequest(IHttpContext* context,
                                               IHttpEventProvider*) override {
        return record(context, "OnBeginRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnPostBeginRequest(IHttpContext* context,
                                                   IHttpEventProvider*) override {
        return record(context, "OnPostBeginRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnAuthenticateRequest(IHttpContext* context,
                                                      IAuthenticationProvider*) override {
        return record(context, "OnAuthenticateRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnPostAuthenticateRequest(IHttpContext* context,
                                                          IHttpEventProvider*) override {
        return record(context, "OnPostAuthenticateRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnAuthorizeRequest(IHttpContext* context,
                                                   IHttpEventProvider*) override {
        return record(context, "OnAuthorizeRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnPostAuthorizeRequest(IHttpContext* context,
                                                       IHttpEventProvider*) override {
        return record(context, "OnPostAuthorizeRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnResolveRequestCache(IHttpContext* context,
                                                      IHttpEventProvider*) override {
        return record(context, "OnResolveRequestCache");
    }
    REQUEST_NOTIFICATION_STATUS OnPostResolveRequestCache(IHttpContext* context,
                                                          IHttpEventProvider*) override {
        return record(context, "OnPostResolveRequestCache");
    }
    REQUEST_NOTIFICATION_STATUS OnMapRequestHandler(IHttpContext* context,
                                                    IMapHandlerProvider*) override {
        return record(context, "OnMapRequestHandler");
    }
    REQUEST_NOTIFICATION_STATUS OnPostMapRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        return record(context, "OnPostMapRequestHandler");
    }
    REQUEST_NOTIFICATION_STATUS OnAcquireRequestState(IHttpContext* context,
                                                      IHttpEventProvider*) override {
        return record(context, "OnAcquireRequestState");
    }
    REQUEST_NOTIFICATION_STATUS OnPostAcquireRequestState(IHttpContext* context,
                                                          IHttpEventProvider*) override {
        return record(context, "OnPostAcquireRequestState");
    }
    REQUEST_NOTIFICATION_STATUS OnPreExecuteRequestHandler(IHttpContext* context,
                                                           IHttpEventProvider*) override {
        return record(context, "OnPreExecuteRequestHandler");
    }
    REQUEST_NOTIFICATION_STATUS OnPostPreExecuteRequestHandler(IHttpContext* context,
                                                               IHttpEventProvider*) override {
        return record(context, "OnPostPreExecuteRequestHandler");
    }

    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        const REQUEST_NOTIFICATION_STATUS status = record(context, "OnExecuteRequestHandler");
        if (status != RQ_NOTIFICATION_CONTINUE) {
            return status;
        }
        return answer(context);
    }

    REQUEST_NOTIFICATION_STATUS OnPostExecuteRequestHandler(IHttpContext* context,
                                                            IHttpEventProvider*) override {
        return record(context, "OnPostExecuteRequestHandler");
    }
    REQUEST_NOTIFICATION_STATUS OnReleaseRequestState(IHttpContext* context,
                                                      IHttpEventProvider*) override {
        return record(context, "OnReleaseRequestState");
    }
    REQUEST_NOTIFICATION_STATUS OnPostReleaseRequestState(IHttpContext* context,
                                                          IHttpEventProvider*) override {
        return record(context, "OnPostReleaseRequestState");
    }
    REQUEST_NOTIFICATION_STATUS OnUpdateRequestCache(IHttpContext* context,
                                                     IHttpEventProvider*) override {
        return record(context, "OnUpdateRequestCache");
    }
    REQUEST_NOTIFICATION_STATUS OnPostUpdateRequestCache(IHttpContext* context,
                                                         IHttpEventProvider*) override {
        return record(context, "OnPostUpdateRequestCache");
    }
    REQUEST_NOTIFICATION_STATUS OnLogRequest(IHttpContext* context, IHttpEventProvider*) override {
        return record(context, "OnLogRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnPostLogRequest(IHttpContext* context,
                                                 IHttpEventProvider*) override {
        return record(context, "OnPostLogRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnEndRequest(IHttpContext* context, IHttpEventProvider*) override {
        return record(context, "OnEndRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnPostEndRequest(IHttpContext* context,
                                                 IHttpEventProvider*) override {
        return record(context, "OnPostEndRequest");
    }
    REQUEST_NOTIFICATION_STATUS OnSendResponse(IHttpContext* context,
                                               ISendResponseProvider*) override {
        return record(context, "OnSendResponse");
    }

    // Dispose has no context: it reports the trace id remembered from the request's first
    // notification.
    VOID Dispose() override {
        append_line(trace_id_ + " " + name_ + " Dispose\n");
        delete this;
    }

private:
    REQUEST_NOTIFICATION_STATUS record(IHttpContext* context, const char* handler) {
        if (trace_id_.empty()) {
            trace_id_ = trace_id_of(context);
        }
        append_line(trace_id_ + " " + name_ + " " + handler + "\n");
        if (request_header(context, "X-Finish-At") == name_ + ":" + handler) {
            context->GetResponse()->SetStatus(403, "Forbidden");
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS answer(IHttpContext* context) {
        IHttpResponse* response = context->GetResponse();
        response->SetStatus(200, "OK");
        response->SetHeader("Content-Type", "text/plain",
                            static_cast<USHORT>(std::strlen("text/plain")), TRUE);

        HTTP_DATA_CHUNK chunk = {};
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = const_cast<char*>(k_body);
        chunk.FromMemory.BufferLength = static_cast<ULONG>(std::strlen(k_body));
        DWORD sent = 0;
        HRESULT hr = response->WriteEntityChunks(&chunk, 1, FALSE, TRUE, &sent);
        if (SUCCEEDED(hr) && request_header(context, "X-Flush-In-Handler") == "1") {
            hr = response->Flush(FALSE, TRUE, &sent);
        }
        if (FAILED(hr)) {
            // The test sees a status it does not expect; the server log gets the HRESULT.
            response->SetStatus(500, "Internal Server Error", 0, hr);
            return RQ_NOTIFICATION_FINISH_REQUEST;
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    std::string name_;
    std::string trace_id_;
};

class RecorderFactory final : public IHttpModuleFactory {
public:
    explicit RecorderFactory(const std::string& name) : name_(name) {}

    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new Recorder(name_);
        return S_OK;
    }

    VOID Terminate() override { delete this; }

private:
    std::string name_;
};

class RecorderGlobal final : public CGlobalModule {
public:
    explicit RecorderGlobal(const std::string& name) : name_(name) {}

    GLOBAL_NOTIFICATION_STATUS OnGlobalPreBeginRequest(
        IPreBeginRequestProvider* provider) override {
        append_line(trace_id_of(provider->GetHttpContext()) + " " + name_ +
                    " OnGlobalPreBeginRequest\n");
        return GL_NOTIFICATION_CONTINUE;
    }

    VOID Terminate() override { delete this; }

private:
    std::string name_;
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info, IHttpServer*) {
    const std::string name = narrow(module_info->GetName());

    std::string variable = "RECORDER_PRIORITY_";
    for (char c : name) {
        variable += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    PCWSTR priority = nullptr;
    if (const char* text = std::getenv(variable.c_str()); text != nullptr && *text != '\0') {
        priority = priority_alias(text);
        if (priority == nullptr) {
            return E_INVALIDARG;  // a typo must fail loudly, not run with the default order
        }
    }

    HRESULT hr = module_info->SetRequestNotifications(
        new RecorderFactory(name), k_request_notifications, k_deterministic_events);
    if (FAILED(hr)) {
        return hr;
    }
    hr = module_info->SetGlobalNotifications(new RecorderGlobal(name), GL_PRE_BEGIN_REQUEST);
    if (FAILED(hr)) {
        return hr;
    }
    if (priority != nullptr) {
        hr = module_info->SetPriorityForRequestNotification(k_request_notifications, priority);
    }
    return hr;
}
