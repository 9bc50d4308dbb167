// Test module: a CGlobalModule plus a request-level module that write one line per call, so the
// integration tests can assert the order of the global notifications around startup, requests and
// shutdown (tests/integration/test_global_notifications.py).
//
// Each line is "<module-name> <event> [details]\n", appended to the file named by the environment
// variable GLOBAL_RECORDER_LOG (nothing is written when it is unset). module-name is what
// IHttpModuleRegistrationInfo::GetName returned, so one image loaded under several configuration
// names tells its instances apart. Events:
//   RegisterModule version=<dwServerVersion> name=<GetName()>
//   ApplicationStart <app config path> <app physical path>
//   ApplicationStop <app config path> <app physical path>
//   StopListening drain=<0|1>
//   PreBeginRequest <raw url>
//   Custom <QueryNotificationType()> own=<1 when the provider is this image's>
//   BeginRequest <raw url>
//   RaiseCustom status=<what IHttpServer::NotifyCustomNotification returned>
//   ExecuteRequestHandler <raw url>
//   Dispose
//   FactoryTerminate
//   GlobalTerminate
//
// Behaviour switches (NAME = the configuration name upper-cased, other characters than A-Z and
// 0-9 replaced by '_'):
//   env GLOBAL_RECORDER_PRIORITY_<NAME>  FIRST, HIGH, MEDIUM, LOW or LAST: the priority of that
//                                        instance's GL_PRE_BEGIN_REQUEST and
//                                        GL_CUSTOM_NOTIFICATION.
//   env GLOBAL_RECORDER_HANDLED_<NAME>   comma-separated global events ("PreBeginRequest",
//                                        "Custom") for which that instance returns
//                                        GL_NOTIFICATION_HANDLED instead of CONTINUE.
//   header X-Raise-Custom: 1             OnBeginRequest raises a global custom notification of
//                                        type L"lintel-test" through the IHttpServer kept from
//                                        RegisterModule.
// As the mapped handler it answers 200 with the body "global-recorder <module-name>\n".
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

constexpr DWORD k_global_notifications = GL_APPLICATION_START | GL_APPLICATION_STOP |
                                         GL_STOP_LISTENING | GL_PRE_BEGIN_REQUEST |
                                         GL_CUSTOM_NOTIFICATION;

constexpr DWORD k_request_notifications = RQ_BEGIN_REQUEST | RQ_EXECUTE_REQUEST_HANDLER;

constexpr WCHAR k_custom_type[] = L"lintel-test";

// Process-wide, as on IIS: the same IHttpServer is handed to every RegisterModule call.
IHttpServer* g_server = nullptr;

// The tests only use ASCII names and paths; anything else becomes '?' so a token stays one token.
std::string narrow(PCWSTR wide) {
    std::string result;
    for (; wide != nullptr && *wide != L'\0'; ++wide) {
        const bool printable = *wide >= L' ' && *wide < 0x7f;
        result += printable ? static_cast<char>(*wide) : '?';
    }
    return result.empty() ? std::string("-") : result;
}

// One write() per line on an O_APPEND descriptor: lines from concurrent threads never interleave.
void append_line(const std::string& line) {
    const char* path = std::getenv("GLOBAL_RECORDER_LOG");
    if (path == nullptr || *path == '\0') {
        return;
    }
    const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    const std::string text = line + "\n";
    const ssize_t written = ::write(fd, text.data(), text.size());
    (void)written;
    ::close(fd);
}

std::string env_for(const std::string& prefix, const std::string& module_name) {
    std::string key = prefix;
    for (char c : module_name) {
        const unsigned char u = static_cast<unsigned char>(c);
        key += std::isalnum(u) ? static_cast<char>(std::toupper(u)) : '_';
    }
    const char* value = std::getenv(key.c_str());
    return value == nullptr ? std::string() : std::string(value);
}

bool listed(const std::string& list, const std::string& item) {
    size_t start = 0;
    while (start <= list.size()) {
        size_t comma = list.find(',', start);
        if (comma == std::string::npos) {
            comma = list.size();
        }
        if (list.compare(start, comma - start, item) == 0 && comma - start == item.size()) {
            return true;
        }
        start = comma + 1;
    }
    return false;
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

std::string raw_url(IHttpContext* context) {
    if (context == nullptr || context->GetRequest() == nullptr) {
        return "-";
    }
    const HTTP_REQUEST* raw = context->GetRequest()->GetRawHttpRequest();
    if (raw == nullptr || raw->pRawUrl == nullptr || raw->RawUrlLength == 0) {
        return "-";
    }
    return std::string(raw->pRawUrl, raw->RawUrlLength);
}

std::string application_of(IHttpApplicationProvider* provider) {
    IHttpApplication* application = provider == nullptr ? nullptr : provider->GetApplication();
    if (application == nullptr) {
        return "- -";
    }
    return narrow(application->GetAppConfigPath()) + " " +
           narrow(application->GetApplicationPhysicalPath());
}

// Raised by the request module; receivers recognise it by type, and by dynamic_cast as ours.
class LintelTestNotification final : public ICustomNotificationProvider {
public:
    VOID SetErrorStatus(HRESULT) override {}

    PCWSTR QueryNotificationType() override { return k_custom_type; }
};

class GlobalRecorder final : public CGlobalModule {
public:
    explicit GlobalRecorder(const std::string& name)
        : name_(name), handled_(env_for("GLOBAL_RECORDER_HANDLED_", name)) {}

    GLOBAL_NOTIFICATION_STATUS OnGlobalApplicationStart(
        IHttpApplicationStartProvider* provider) override {
        record("ApplicationStart " + application_of(provider));
        return GL_NOTIFICATION_CONTINUE;
    }

    GLOBAL_NOTIFICATION_STATUS OnGlobalApplicationStop(
        IHttpApplicationStopProvider* provider) override {
        record("ApplicationStop " + application_of(provider));
        return GL_NOTIFICATION_CONTINUE;
    }

    GLOBAL_NOTIFICATION_STATUS OnGlobalStopListening(
        IGlobalStopListeningProvider* provider) override {
        const bool drain = provider != nullptr && provider->DrainRequestsGracefully();
        record(std::string("StopListening drain=") + (drain ? "1" : "0"));
        return GL_NOTIFICATION_CONTINUE;
    }

    GLOBAL_NOTIFICATION_STATUS OnGlobalPreBeginRequest(
        IPreBeginRequestProvider* provider) override {
        record("PreBeginRequest " + raw_url(provider == nullptr ? nullptr
                                                                : provider->GetHttpContext()));
        return status_for("PreBeginRequest");
    }

    GLOBAL_NOTIFICATION_STATUS OnGlobalCustomNotification(
        ICustomNotificationProvider* provider) override {
        const bool own = dynamic_cast<LintelTestNotification*>(provider) != nullptr;
        record("Custom " + narrow(provider == nullptr ? nullptr
                                                      : provider->QueryNotificationType()) +
               " own=" + (own ? "1" : "0"));
        return status_for("Custom");
    }

    VOID Terminate() override {
        record("GlobalTerminate");
        delete this;
    }

private:
    void record(const std::string& what) const { append_line(name_ + " " + what); }

    GLOBAL_NOTIFICATION_STATUS status_for(const std::string& event) const {
        return listed(handled_, event) ? GL_NOTIFICATION_HANDLED : GL_NOTIFICATION_CONTINUE;
    }

    std::string name_;
    std::string handled_;
};

class RequestRecorder final : public CHttpModule {
public:
    explicit RequestRecorder(const std::string& name) : name_(name) {}

    REQUEST_NOTIFICATION_STATUS OnBeginRequest(IHttpContext* context,
                                               IHttpEventProvider*) override {
        record("BeginRequest " + raw_url(context));
        USHORT length = 0;
        PCSTR raise = context->GetRequest()->GetHeader("X-Raise-Custom", &length);
        if (raise != nullptr && length == 1 && raise[0] == '1' && g_server != nullptr) {
            LintelTestNotification notification;
            const GLOBAL_NOTIFICATION_STATUS status = g_server->NotifyCustomNotification(
                &notification);
            record("RaiseCustom status=" + std::to_string(static_cast<int>(status)));
        }
        return RQ_NOTIFICATION_CONTINUE;
    }

    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider* provider) override {
        record("ExecuteRequestHandler " + raw_url(context));
        IHttpResponse* response = context->GetResponse();
        response->Clear();
        response->SetStatus(200, "OK");
        response->SetHeader(HttpHeaderContentType, "text/plain", 10, TRUE);
        body_ = "global-recorder " + name_ + "\n";
        HTTP_DATA_CHUNK chunk;
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = &body_[0];
        chunk.FromMemory.BufferLength = static_cast<ULONG>(body_.size());
        DWORD sent = 0;
        HRESULT hr = response->WriteEntityChunks(&chunk, 1, FALSE, FALSE, &sent);
        if (FAILED(hr)) {
            provider->SetErrorStatus(hr);
        }
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }

    VOID Dispose() override {
        record("Dispose");
        delete this;
    }

private:
    void record(const std::string& what) const { append_line(name_ + " " + what); }

    std::string name_;
    std::string body_;  // outlives the write: the module lives until Dispose
};

class RequestRecorderFactory final : public IHttpModuleFactory {
public:
    explicit RequestRecorderFactory(const std::string& name) : name_(name) {}

    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new RequestRecorder(name_);
        return S_OK;
    }

    VOID Terminate() override {
        append_line(name_ + " FactoryTerminate");
        delete this;
    }

private:
    std::string name_;
};

}  // namespace

HRESULT __stdcall RegisterModule(DWORD dwServerVersion, IHttpModuleRegistrationInfo* pModuleInfo,
                                 IHttpServer* pGlobalInfo) {
    g_server = pGlobalInfo;
    const std::string name = narrow(pModuleInfo->GetName());
    append_line(name + " RegisterModule version=" + std::to_string(dwServerVersion) +
                " name=" + name);

    const std::string priority_text = env_for("GLOBAL_RECORDER_PRIORITY_", name);
    PCWSTR priority = nullptr;
    if (!priority_text.empty()) {
        priority = priority_alias(priority_text);
        if (priority == nullptr) {
            return E_INVALIDARG;  // a typo in a test must not pass silently as MEDIUM
        }
    }

    auto* global = new GlobalRecorder(name);
    HRESULT hr = pModuleInfo->SetGlobalNotifications(global, k_global_notifications);
    if (FAILED(hr)) {
        delete global;  // not taken by the server
        return hr;
    }
    if (priority != nullptr) {
        hr = pModuleInfo->SetPriorityForGlobalNotification(
            GL_PRE_BEGIN_REQUEST | GL_CUSTOM_NOTIFICATION, priority);
        if (FAILED(hr)) {
            return hr;
        }
    }

    auto* factory = new RequestRecorderFactory(name);
    hr = pModuleInfo->SetRequestNotifications(factory, k_request_notifications, 0);
    if (FAILED(hr)) {
        delete factory;
    }
    return hr;
}
