// Test module: reads configuration the IIS way, through the admin API, and answers what it read,
// for tests/integration/test_admin_api.py.
//
// As the mapped handler it reads one section twice - through IHttpServer::GetAdminManager() and
// through a manager of its own made with CoCreateInstance(CLSID_AppHostAdminManager) - and
// answers text/plain, one "key=value" line per observation:
//
//   path=<configuration path read>
//   startup=<what RegisterModule read: the server-level label of system.webServer/lintelTest,
//           or the HRESULT>
//   server.<...> / com.<...>   the two reads, the same keys:
//     hr=0x........            GetAdminSection's HRESULT (nothing else follows on failure)
//     name=<element name>
//     qi.element=0x........ qi.property=0x........   QueryInterface for IAppHostElement and
//                              for IAppHostProperty (which an element is not)
//     then a dump of the element: "<prefix>prop.<name>=<typed>|<string>" for each property (by
//     index; typed is bool:true, i4:5, ui4:4000000000 or bstr:text, from get_Value; string from
//     get_StringValue), "<prefix>items=<n>" and "<prefix>item<i>." + the entry's dump for the
//     collection (by index), "<prefix>children=<n>" and "<prefix><child name>." + its dump.
//     byname.<key>=<value property>|hr:0x........   IAppHostElementCollection::get_Item with a
//                              VT_BSTR key, for each key of the X-Lookup header
//     attr.<name>=<typed>|hr:0x........   GetPropertyByName, for each name of X-Props
//     element.<name>=<child name>|hr:0x........   GetElementByName, for each name of X-Children
//
// Request headers: X-Section (default system.webServer/lintelTest), X-Config-Path (default: the
// application's GetAppConfigPath(), i.e. MACHINE/WEBROOT/APPHOST/<site><application path>),
// X-Lookup, X-Props, X-Children (comma lists).

// windows.h comes first, as in every IIS module source.
// clang-format off
#define _WINSOCKAPI_
#include <windows.h>
#include <httpserv.h>
#include <comdef.h>
// clang-format on

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

_COM_SMARTPTR_TYPEDEF(IAppHostAdminManager, __uuidof(IAppHostAdminManager));
_COM_SMARTPTR_TYPEDEF(IAppHostElement, __uuidof(IAppHostElement));

namespace {

IHttpServer* g_server = nullptr;
std::string g_startup;

std::string hex(HRESULT hr) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(hr));
    return text;
}

// UTF-8 from a NUL-terminated wide string (WCHAR is UTF-32 on Linux).
std::string narrow(const wchar_t* text) {
    std::string out;
    for (; text != nullptr && *text != 0; ++text) {
        const uint32_t c = static_cast<uint32_t>(*text);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

std::wstring widen(const std::string& text) {
    // The tests send ASCII names and paths.
    return std::wstring(text.begin(), text.end());
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    for (char c : text) {
        if (c == ',') {
            if (!item.empty()) out.push_back(item);
            item.clear();
        } else if (c != ' ') {
            item += c;
        }
    }
    if (!item.empty()) out.push_back(item);
    return out;
}

std::string typed_value(IAppHostProperty* property) {
    VARIANT value;
    VariantInit(&value);
    const HRESULT hr = property->get_Value(&value);
    if (FAILED(hr)) return "hr:" + hex(hr);
    std::string out;
    switch (value.vt) {
        case VT_BOOL: out = value.boolVal != VARIANT_FALSE ? "bool:true" : "bool:false"; break;
        case VT_I4: out = "i4:" + std::to_string(value.lVal); break;
        case VT_UI4: out = "ui4:" + std::to_string(value.ulVal); break;
        case VT_BSTR: out = "bstr:" + narrow(value.bstrVal); break;
        default: out = "vt:" + std::to_string(value.vt); break;
    }
    VariantClear(&value);
    return out;
}

std::string string_value(IAppHostProperty* property) {
    BSTR text = nullptr;
    const HRESULT hr = property->get_StringValue(&text);
    if (FAILED(hr)) return "hr:" + hex(hr);
    std::string out = narrow(text);
    SysFreeString(text);
    return out;
}

std::string name_of(IAppHostElement* element) {
    BSTR name = nullptr;
    if (FAILED(element->get_Name(&name))) return "?";
    std::string out = narrow(name);
    SysFreeString(name);
    return out;
}

std::string name_of(IAppHostProperty* property) {
    BSTR name = nullptr;
    if (FAILED(property->get_Name(&name))) return "?";
    std::string out = narrow(name);
    SysFreeString(name);
    return out;
}

VARIANT index_variant(LONG index) {
    VARIANT v;
    VariantInit(&v);
    v.vt = VT_I4;
    v.lVal = index;
    return v;
}

void dump(IAppHostElement* element, const std::string& prefix, std::string& out) {
    IAppHostPropertyCollection* properties = nullptr;
    if (SUCCEEDED(element->get_Properties(&properties))) {
        DWORD count = 0;
        properties->get_Count(&count);
        for (DWORD i = 0; i < count; ++i) {
            IAppHostProperty* property = nullptr;
            if (FAILED(properties->get_Item(index_variant(static_cast<LONG>(i)), &property))) {
                continue;
            }
            out += prefix + "prop." + name_of(property) + "=" + typed_value(property) + "|" +
                   string_value(property) + "\n";
            property->Release();
        }
        properties->Release();
    }
    IAppHostElementCollection* collection = nullptr;
    if (SUCCEEDED(element->get_Collection(&collection)) && collection != nullptr) {
        DWORD count = 0;
        collection->get_Count(&count);
        out += prefix + "items=" + std::to_string(count) + "\n";
        for (DWORD i = 0; i < count; ++i) {
            IAppHostElement* entry = nullptr;
            if (FAILED(collection->get_Item(index_variant(static_cast<LONG>(i)), &entry))) {
                continue;
            }
            dump(entry, prefix + "item" + std::to_string(i) + ".", out);
            entry->Release();
        }
        collection->Release();
    }
    IAppHostChildElementCollection* children = nullptr;
    if (SUCCEEDED(element->get_ChildElements(&children))) {
        DWORD count = 0;
        children->get_Count(&count);
        out += prefix + "children=" + std::to_string(count) + "\n";
        for (DWORD i = 0; i < count; ++i) {
            IAppHostElement* child = nullptr;
            if (FAILED(children->get_Item(index_variant(static_cast<LONG>(i)), &child))) continue;
            dump(child, prefix + name_of(child) + ".", out);
            child->Release();
        }
        children->Release();
    }
}

struct lookups {
    std::vector<std::string> keys, props, children;
};

void describe(IAppHostElement* section, const std::string& prefix, const lookups& wanted,
              std::string& out) {
    out += prefix + "name=" + name_of(section) + "\n";
    void* same = nullptr;
    HRESULT hr = section->QueryInterface(__uuidof(IAppHostElement), &same);
    out += prefix + "qi.element=" + hex(hr) + "\n";
    if (SUCCEEDED(hr)) static_cast<IUnknown*>(same)->Release();
    void* other = nullptr;
    hr = section->QueryInterface(__uuidof(IAppHostProperty), &other);
    out += prefix + "qi.property=" + hex(hr) + "\n";
    if (SUCCEEDED(hr)) static_cast<IUnknown*>(other)->Release();

    dump(section, prefix, out);

    IAppHostElementCollection* collection = nullptr;
    if (SUCCEEDED(section->get_Collection(&collection)) && collection != nullptr) {
        for (const std::string& key : wanted.keys) {
            _variant_t selector(widen(key).c_str());  // VT_BSTR
            IAppHostElement* entry = nullptr;
            hr = collection->get_Item(selector, &entry);
            if (FAILED(hr)) {
                out += prefix + "byname." + key + "=hr:" + hex(hr) + "\n";
                continue;
            }
            IAppHostProperty* value = nullptr;
            std::string text = "no value";
            if (SUCCEEDED(entry->GetPropertyByName(const_cast<BSTR>(L"value"), &value))) {
                text = string_value(value);
                value->Release();
            }
            out += prefix + "byname." + key + "=" + text + "\n";
            entry->Release();
        }
        collection->Release();
    }
    for (const std::string& name : wanted.props) {
        IAppHostProperty* property = nullptr;
        const std::wstring wide = widen(name);
        // A plain wide string where a BSTR is expected, as IIS module code often does.
        hr = section->GetPropertyByName(const_cast<BSTR>(wide.c_str()), &property);
        if (FAILED(hr)) {
            out += prefix + "attr." + name + "=hr:" + hex(hr) + "\n";
            continue;
        }
        out += prefix + "attr." + name + "=" + typed_value(property) + "\n";
        property->Release();
    }
    for (const std::string& name : wanted.children) {
        IAppHostElement* child = nullptr;
        _bstr_t wide_name(widen(name).c_str());
        hr = section->GetElementByName(wide_name, &child);
        if (FAILED(hr)) {
            out += prefix + "element." + name + "=hr:" + hex(hr) + "\n";
            continue;
        }
        out += prefix + "element." + name + "=" + name_of(child) + "\n";
        child->Release();
    }
}

std::string header(IHttpContext* context, PCSTR name) {
    USHORT length = 0;
    PCSTR value = context->GetRequest()->GetHeader(name, &length);
    return value != nullptr ? std::string(value, length) : std::string();
}

// The read through the server's manager: BSTRs made with SysAllocString.
void read_through_server(const std::string& section_name, const std::string& path,
                         const lookups& wanted, std::string& out) {
    IAppHostAdminManager* manager = g_server->GetAdminManager();
    if (manager == nullptr) {
        out += "server.hr=manager is NULL\n";
        return;
    }
    BSTR section_bstr = SysAllocString(widen(section_name).c_str());
    BSTR path_bstr = SysAllocString(widen(path).c_str());
    IAppHostElement* section = nullptr;
    const HRESULT hr = manager->GetAdminSection(section_bstr, path_bstr, &section);
    SysFreeString(section_bstr);
    SysFreeString(path_bstr);
    out += "server.hr=" + hex(hr) + "\n";
    if (FAILED(hr)) return;
    describe(section, "server.", wanted, out);
    section->Release();
}

// The read through a manager the module makes itself, with the comdef.h helpers.
void read_through_com(const std::string& section_name, const std::string& path,
                      const lookups& wanted, std::string& out) {
    IAppHostAdminManager* raw = nullptr;
    HRESULT hr = CoCreateInstance(__uuidof(AppHostAdminManager), nullptr, CLSCTX_INPROC_SERVER,
                                  __uuidof(IAppHostAdminManager), reinterpret_cast<void**>(&raw));
    if (FAILED(hr)) {
        out += "com.hr=create " + hex(hr) + "\n";
        return;
    }
    IAppHostAdminManagerPtr manager;
    manager.Attach(raw);  // takes over the reference CoCreateInstance returned
    IAppHostElementPtr section;
    hr = manager->GetAdminSection(_bstr_t(widen(section_name).c_str()),
                                  _bstr_t(widen(path).c_str()), &section);
    out += "com.hr=" + hex(hr) + "\n";
    if (FAILED(hr)) return;
    describe(section, "com.", wanted, out);
}

class ConfigReader final : public CHttpModule {
public:
    REQUEST_NOTIFICATION_STATUS OnExecuteRequestHandler(IHttpContext* context,
                                                        IHttpEventProvider*) override {
        std::string section = header(context, "X-Section");
        if (section.empty()) section = "system.webServer/lintelTest";
        std::string path = header(context, "X-Config-Path");
        if (path.empty()) path = narrow(context->GetApplication()->GetAppConfigPath());
        lookups wanted{split_list(header(context, "X-Lookup")),
                       split_list(header(context, "X-Props")),
                       split_list(header(context, "X-Children"))};

        body_ = "path=" + path + "\nstartup=" + g_startup + "\n";
        read_through_server(section, path, wanted, body_);
        read_through_com(section, path, wanted, body_);

        IHttpResponse* response = context->GetResponse();
        static const char type[] = "text/plain";
        response->SetHeader("Content-Type", type, static_cast<USHORT>(sizeof type - 1), TRUE);
        HTTP_DATA_CHUNK chunk = {};
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = const_cast<char*>(body_.data());
        chunk.FromMemory.BufferLength = static_cast<ULONG>(body_.size());
        DWORD sent = 0;
        response->WriteEntityChunks(&chunk, 1, FALSE, FALSE, &sent);
        return RQ_NOTIFICATION_FINISH_REQUEST;
    }

private:
    std::string body_;  // lives until the response is sent (the chunk points into it)
};

class ConfigReaderFactory final : public IHttpModuleFactory {
public:
    HRESULT GetHttpModule(CHttpModule** module, IModuleAllocator*) override {
        *module = new ConfigReader();
        return S_OK;
    }
    void Terminate() override { delete this; }
};

// The server-level label, read while the module registers (configuration is readable from then).
std::string read_at_startup(IHttpServer* server) {
    IAppHostElement* section = nullptr;
    HRESULT hr = server->GetAdminManager()->GetAdminSection(
        const_cast<BSTR>(L"system.webServer/lintelTest"),
        const_cast<BSTR>(L"MACHINE/WEBROOT/APPHOST"), &section);
    if (FAILED(hr)) return "hr:" + hex(hr);
    std::string label = "absent";
    IAppHostProperty* property = nullptr;
    if (SUCCEEDED(section->GetPropertyByName(const_cast<BSTR>(L"label"), &property))) {
        label = string_value(property);
        property->Release();
    }
    section->Release();
    return label;
}

}  // namespace

HRESULT __stdcall RegisterModule(DWORD, IHttpModuleRegistrationInfo* module_info,
                                 IHttpServer* server) {
    g_server = server;
    g_startup = read_at_startup(server);
    return module_info->SetRequestNotifications(new ConfigReaderFactory(),
                                                RQ_EXECUTE_REQUEST_HANDLER, 0);
}
