// IIS server variables computed from the request (the IIS names, HTTP_* and HEADER_* forms).
#include <cstring>

#include "api/context.h"
#include "api/text.h"
#include "core/headers.h"

namespace lintel::api {

namespace {

std::string header_to_http_name(std::string_view name) {
    std::string out = "HTTP_";
    for (char c : name) {
        out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

// "HTTP_USER_AGENT" -> matches "User-Agent"
bool http_name_matches(std::string_view variable_suffix, std::string_view header) {
    if (variable_suffix.size() != header.size()) return false;
    for (size_t i = 0; i < header.size(); ++i) {
        char h = header[i] == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(header[i])));
        char v = static_cast<char>(std::toupper(static_cast<unsigned char>(variable_suffix[i])));
        if (h != v) return false;
    }
    return true;
}

}  // namespace

std::string http_context::compute_server_variable(std::string_view name, bool& found) {
    found = true;
    const core::request& req = ex_.req;
    auto upper = [&](std::string_view expected) { return core::iequals(name, expected); };
    if (upper("REQUEST_METHOD")) return req.method;
    if (upper("URL") || upper("SCRIPT_NAME") || upper("PATH_INFO")) return req.path;
    if (upper("QUERY_STRING")) return req.query;
    if (upper("UNENCODED_URL") || upper("HTTP_URL") || upper("CACHE_URL")) return req.target;
    if (upper("REMOTE_ADDR") || upper("REMOTE_HOST")) return req.remote.ip_text();
    if (upper("REMOTE_PORT")) return std::to_string(req.remote.port());
    if (upper("LOCAL_ADDR")) return req.local.ip_text();
    if (upper("SERVER_PORT")) return std::to_string(req.local.port());
    if (upper("SERVER_PORT_SECURE")) return req.secure ? "1" : "0";
    if (upper("HTTPS")) return req.secure ? "on" : "off";
    if (upper("SERVER_PROTOCOL") || upper("HTTP_VERSION")) {
        return "HTTP/" + std::to_string(req.version_major) + "." + std::to_string(req.version_minor);
    }
    if (upper("SERVER_SOFTWARE")) return std::string(core::server_software);
    if (upper("GATEWAY_INTERFACE")) return "CGI/1.1";
    if (upper("SERVER_NAME")) {
        const std::string* host = req.headers.find("Host");
        if (!host) return req.local.ip_text();
        std::string value = *host;
        if (!value.empty() && value.front() == '[') return value.substr(0, value.find(']') + 1);
        return value.substr(0, value.rfind(':') == std::string::npos ? value.size() : value.rfind(':'));
    }
    if (upper("CONTENT_LENGTH")) {
        const std::string* value = req.headers.find("Content-Length");
        return value ? *value : std::string(req.body.empty() ? "0" : std::to_string(req.body.size()));
    }
    if (upper("CONTENT_TYPE")) {
        const std::string* value = req.headers.find("Content-Type");
        return value ? *value : std::string();
    }
    if (upper("INSTANCE_ID")) return std::to_string(app_.site().GetSiteId());
    if (upper("INSTANCE_NAME")) return app_.site().name();
    if (upper("APPL_MD_PATH")) return narrow(app_.GetApplicationId());
    if (upper("APPL_PHYSICAL_PATH")) return app_.physical_path();
    if (upper("PATH_TRANSLATED") || upper("SCRIPT_FILENAME") || upper("REQUEST_FILENAME")) {
        return narrow(GetPhysicalPath(nullptr));
    }
    if (upper("APP_POOL_ID")) return narrow(app_.server().GetAppPoolName());
    if (upper("AUTH_TYPE")) return narrow(GetUser()->GetAuthenticationType());
    if (upper("LOGON_USER") || upper("REMOTE_USER") || upper("AUTH_USER")) {
        return narrow(GetUser()->GetUserName());
    }
    if (upper("AUTH_PASSWORD")) return narrow(GetUser()->GetPassword());
    if (upper("REQUEST_URI")) return req.target;
    if (upper("ALL_RAW")) {
        std::string all;
        for (const auto& field : req.headers.fields()) {
            all += field.name + ": " + field.value + "\r\n";
        }
        return all;
    }
    if (upper("ALL_HTTP")) {
        std::string all;
        for (const auto& field : req.headers.fields()) {
            all += header_to_http_name(field.name) + ":" + field.value + "\n";
        }
        return all;
    }
    if (name.size() > 7 && core::iequals(name.substr(0, 7), "HEADER_")) {
        const std::string* value = req.headers.find(name.substr(7));
        if (value) return *value;
        found = false;
        return {};
    }
    if (name.size() > 5 && core::iequals(name.substr(0, 5), "HTTP_")) {
        for (const auto& field : req.headers.fields()) {
            if (http_name_matches(name.substr(5), field.name)) return field.value;
        }
        found = false;
        return {};
    }
    found = false;
    return {};
}

HRESULT http_context::GetServerVariable(PCSTR name, PCSTR* value, DWORD* length) {
    if (name == nullptr || value == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    for (const auto& [key, stored] : server_variable_overrides_) {
        if (core::iequals(key, name)) {
            narrow_values_.push_back(std::make_unique<std::string>(stored));
            *value = narrow_values_.back()->c_str();
            if (length) *length = static_cast<DWORD>(narrow_values_.back()->size());
            return S_OK;
        }
    }
    bool found = false;
    std::string computed = compute_server_variable(name, found);
    if (!found) {
        *value = nullptr;
        if (length) *length = 0;
        return HRESULT_FROM_WIN32(ERROR_INVALID_INDEX);
    }
    narrow_values_.push_back(std::make_unique<std::string>(std::move(computed)));
    *value = narrow_values_.back()->c_str();
    if (length) *length = static_cast<DWORD>(narrow_values_.back()->size());
    return S_OK;
}

HRESULT http_context::GetServerVariable(PCSTR name, PCWSTR* value, DWORD* length) {
    if (value == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    PCSTR narrow_value = nullptr;
    DWORD narrow_length = 0;
    HRESULT hr = GetServerVariable(name, &narrow_value, &narrow_length);
    if (FAILED(hr)) {
        *value = nullptr;
        if (length) *length = 0;
        return hr;
    }
    wide_values_.push_back(std::make_unique<std::wstring>(widen(std::string_view(narrow_value, narrow_length))));
    *value = wide_values_.back()->c_str();
    if (length) *length = static_cast<DWORD>(wide_values_.back()->size());
    return S_OK;
}

HRESULT http_context::SetServerVariable(PCSTR name, PCWSTR value) {
    if (name == nullptr || *name == '\0') {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    for (auto it = server_variable_overrides_.begin(); it != server_variable_overrides_.end(); ++it) {
        if (core::iequals(it->first, name)) {
            if (value == nullptr) {
                server_variable_overrides_.erase(it);
            } else {
                it->second = narrow(value);
            }
            return S_OK;
        }
    }
    if (value != nullptr) {
        server_variable_overrides_.emplace_back(name, narrow(value));
    }
    return S_OK;
}

HRESULT http_context::InheritServerVariable(PCSTR name, BOOL fail_if_not_exist) {
    if (name == nullptr) {
        return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
    }
    return fail_if_not_exist ? HRESULT_FROM_WIN32(ERROR_NOT_FOUND) : S_OK;
}

}  // namespace lintel::api
