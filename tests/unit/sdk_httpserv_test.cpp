// Checks the module-facing contract of sdk/include/httpserv.h and its companion headers:
// constant and enum values, interface uuids, the virtual-function order (the binary contract
// with modules), and the behaviour of the inline code the SDK ships (CHttpModule defaults,
// HttpGetExtendedInterface, the SetLogData convenience overload, the cache key names).
//
// The SDK headers come first on purpose: module sources include them before any standard
// header, and the standard library must still compile after them.
#include <windows.h>
#include <httpserv.h>
#include <httpcach.h>
#include <iiswebsocket.h>
#include <ahadmin.h>
#include <lintel/version.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>
#include <cwchar>

#include <gtest/gtest.h>

namespace
{

// --- lintel_sdk_log capture ---------------------------------------------------------------------

struct sdk_log_entry
{
    int level;
    std::string source;
    std::string message;
};

std::vector<sdk_log_entry>& sdk_log_entries()
{
    static std::vector<sdk_log_entry> entries;
    return entries;
}

}  // namespace

// The server's strong definition of the hook the SDK's default handlers call.
extern "C" void lintel_sdk_log(int level, const char* source, const char* message)
{
    sdk_log_entries().push_back({level, source != nullptr ? source : "",
                                 message != nullptr ? message : ""});
}

namespace
{

// --- helpers ------------------------------------------------------------------------------------

// Index of a virtual function in its class's vtable, read from an Itanium C++ ABI pointer to
// member function: for a virtual function the pointer field holds 1 + the byte offset of the
// slot. Returns -1 for a non-virtual member.
template <class Class, class Function>
std::ptrdiff_t vtable_slot(Function Class::*member)
{
    struct itanium_member_pointer
    {
        std::uintptr_t pointer;
        std::ptrdiff_t adjustment;
    };
    static_assert(sizeof(member) == sizeof(itanium_member_pointer));
    itanium_member_pointer raw{};
    std::memcpy(&raw, &member, sizeof(raw));
    if ((raw.pointer & 1U) == 0)
    {
        return -1;
    }
    return static_cast<std::ptrdiff_t>((raw.pointer - 1) / sizeof(void*));
}

unsigned hex_digit(char c)
{
    if (c >= '0' && c <= '9')
    {
        return static_cast<unsigned>(c - '0');
    }
    return static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

unsigned long long hex_field(const char* text, int digits)
{
    unsigned long long value = 0;
    for (int i = 0; i < digits; ++i)
    {
        value = value * 16 + hex_digit(text[i]);
    }
    return value;
}

// Compares a GUID field by field with its registry-format text ("xxxxxxxx-xxxx-...").
::testing::AssertionResult guid_matches(const GUID& guid, const char* text)
{
    const bool same_head = guid.Data1 == hex_field(text, 8) &&
                           guid.Data2 == hex_field(text + 9, 4) &&
                           guid.Data3 == hex_field(text + 14, 4);
    const int byte_offsets[8] = {19, 21, 24, 26, 28, 30, 32, 34};
    bool same_tail = true;
    for (int i = 0; i < 8; ++i)
    {
        same_tail = same_tail && guid.Data4[i] == hex_field(text + byte_offsets[i], 2);
    }
    if (same_head && same_tail)
    {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "GUID differs from " << text;
}

bool wide_equals(const wchar_t* actual, const wchar_t* expected)
{
    return actual != nullptr && std::wcscmp(actual, expected) == 0;
}

}  // namespace

// --- constants and enums ------------------------------------------------------------------------

TEST(SdkHttpservConstants, RequestNotificationBits)
{
    EXPECT_EQ(0x00000001u, static_cast<DWORD>(RQ_BEGIN_REQUEST));
    EXPECT_EQ(0x00000002u, static_cast<DWORD>(RQ_AUTHENTICATE_REQUEST));
    EXPECT_EQ(0x00000004u, static_cast<DWORD>(RQ_AUTHORIZE_REQUEST));
    EXPECT_EQ(0x00000008u, static_cast<DWORD>(RQ_RESOLVE_REQUEST_CACHE));
    EXPECT_EQ(0x00000010u, static_cast<DWORD>(RQ_MAP_REQUEST_HANDLER));
    EXPECT_EQ(0x00000020u, static_cast<DWORD>(RQ_ACQUIRE_REQUEST_STATE));
    EXPECT_EQ(0x00000040u, static_cast<DWORD>(RQ_PRE_EXECUTE_REQUEST_HANDLER));
    EXPECT_EQ(0x00000080u, static_cast<DWORD>(RQ_EXECUTE_REQUEST_HANDLER));
    EXPECT_EQ(0x00000100u, static_cast<DWORD>(RQ_RELEASE_REQUEST_STATE));
    EXPECT_EQ(0x00000200u, static_cast<DWORD>(RQ_UPDATE_REQUEST_CACHE));
    EXPECT_EQ(0x00000400u, static_cast<DWORD>(RQ_LOG_REQUEST));
    EXPECT_EQ(0x00000800u, static_cast<DWORD>(RQ_END_REQUEST));
    EXPECT_EQ(0x08000000u, static_cast<DWORD>(RQ_SEND_RESPONSE_STATUS_AND_HEADERS));
    EXPECT_EQ(0x10000000u, static_cast<DWORD>(RQ_CUSTOM_NOTIFICATION));
    EXPECT_EQ(0x20000000u, static_cast<DWORD>(RQ_SEND_RESPONSE));
    EXPECT_EQ(0x40000000u, static_cast<DWORD>(RQ_READ_ENTITY));
    EXPECT_EQ(0x80000000u, static_cast<DWORD>(RQ_MAP_PATH));
}

TEST(SdkHttpservConstants, GlobalNotificationBits)
{
    EXPECT_EQ(0x00000002u, static_cast<DWORD>(GL_STOP_LISTENING));
    EXPECT_EQ(0x00000004u, static_cast<DWORD>(GL_CACHE_CLEANUP));
    EXPECT_EQ(0x00000010u, static_cast<DWORD>(GL_CACHE_OPERATION));
    EXPECT_EQ(0x00000020u, static_cast<DWORD>(GL_HEALTH_CHECK));
    EXPECT_EQ(0x00000040u, static_cast<DWORD>(GL_CONFIGURATION_CHANGE));
    EXPECT_EQ(0x00000080u, static_cast<DWORD>(GL_FILE_CHANGE));
    EXPECT_EQ(0x00000100u, static_cast<DWORD>(GL_PRE_BEGIN_REQUEST));
    EXPECT_EQ(0x00000200u, static_cast<DWORD>(GL_APPLICATION_START));
    EXPECT_EQ(0x00000400u, static_cast<DWORD>(GL_APPLICATION_RESOLVE_MODULES));
    EXPECT_EQ(0x00000800u, static_cast<DWORD>(GL_APPLICATION_STOP));
    EXPECT_EQ(0x00001000u, static_cast<DWORD>(GL_RSCA_QUERY));
    EXPECT_EQ(0x00002000u, static_cast<DWORD>(GL_TRACE_EVENT));
    EXPECT_EQ(0x00004000u, static_cast<DWORD>(GL_CUSTOM_NOTIFICATION));
    EXPECT_EQ(0x00008000u, static_cast<DWORD>(GL_THREAD_CLEANUP));
    EXPECT_EQ(0x00010000u, static_cast<DWORD>(GL_APPLICATION_PRELOAD));
    EXPECT_EQ(0x00020000u, static_cast<DWORD>(GL_SUSPEND_PROCESS));
}

TEST(SdkHttpservConstants, EnumerationValues)
{
    EXPECT_EQ(0, RQ_NOTIFICATION_CONTINUE);
    EXPECT_EQ(1, RQ_NOTIFICATION_PENDING);
    EXPECT_EQ(2, RQ_NOTIFICATION_FINISH_REQUEST);
    EXPECT_EQ(0, GL_NOTIFICATION_CONTINUE);
    EXPECT_EQ(1, GL_NOTIFICATION_HANDLED);
    EXPECT_EQ(0, CACHE_OPERATION_RETRIEVE);
    EXPECT_EQ(1, CACHE_OPERATION_ADD);
    EXPECT_EQ(2, CACHE_OPERATION_DELETE);
    EXPECT_EQ(3, CACHE_OPERATION_FLUSH_PREFIX);
    EXPECT_EQ(4, CACHE_OPERATION_ENUM);
    EXPECT_EQ(0, HTTP_SERVER_INTERFACE_V2);
    EXPECT_EQ(1, HTTP_SERVER_INTERFACE_V3);
    EXPECT_TRUE(std::is_enum_v<HTTP_CONTEXT_INTERFACE_VERSION>);
}

TEST(SdkHttpservConstants, CloneAndExecuteFlags)
{
    EXPECT_EQ(0x01, CLONE_FLAG_BASICS);
    EXPECT_EQ(0x02, CLONE_FLAG_HEADERS);
    EXPECT_EQ(0x04, CLONE_FLAG_ENTITY);
    EXPECT_EQ(0x08, CLONE_FLAG_NO_PRECONDITION);
    EXPECT_EQ(0x10, CLONE_FLAG_NO_DAV);
    EXPECT_EQ(0x20, CLONE_FLAG_USER_CACHE_VARY_BY);
    EXPECT_EQ(0x40, CLONE_FLAG_SERVER_VARIABLE);
    EXPECT_EQ(0x01, EXECUTE_FLAG_NO_HEADERS);
    EXPECT_EQ(0x02, EXECUTE_FLAG_IGNORE_CURRENT_INTERCEPTOR);
    EXPECT_EQ(0x04, EXECUTE_FLAG_IGNORE_APPPOOL);
    EXPECT_EQ(0x08, EXECUTE_FLAG_DISABLE_CUSTOM_ERROR);
    EXPECT_EQ(0x10, EXECUTE_FLAG_SAME_URL);
    EXPECT_EQ(0x20, EXECUTE_FLAG_BUFFER_RESPONSE);
    EXPECT_EQ(0x40, EXECUTE_FLAG_HTTP_CACHE_ELIGIBLE);
}

TEST(SdkHttpservConstants, StringConstants)
{
    EXPECT_TRUE(wide_equals(PRIORITY_ALIAS_FIRST, L"FIRST"));
    EXPECT_TRUE(wide_equals(PRIORITY_ALIAS_HIGH, L"HIGH"));
    EXPECT_TRUE(wide_equals(PRIORITY_ALIAS_MEDIUM, L"MEDIUM"));
    EXPECT_TRUE(wide_equals(PRIORITY_ALIAS_LOW, L"LOW"));
    EXPECT_TRUE(wide_equals(PRIORITY_ALIAS_LAST, L"LAST"));
    EXPECT_STREQ("SID", HTTP_USER_VARIABLE_SID);
    EXPECT_STREQ("CtxtHandle", HTTP_USER_VARIABLE_CTXT_HANDLE);
    EXPECT_STREQ("CredHandle", HTTP_USER_VARIABLE_CRED_HANDLE);
    EXPECT_STREQ("RegisterModule", MODULE_REGISTERMODULE);
    EXPECT_TRUE(wide_equals(URI_CACHE_NAME, L"URI"));
    EXPECT_TRUE(wide_equals(FILE_CACHE_NAME, L"FILE"));
    EXPECT_TRUE(wide_equals(TOKEN_CACHE_NAME, L"TOKEN"));
    EXPECT_TRUE(wide_equals(IIS_WEBSOCKET, L"websockets"));
    EXPECT_STREQ("IIS_WEBSOCK", IIS_WEBSOCKET_SERVER_VARIABLE);
}

TEST(SdkHttpservConstants, VersionHeader)
{
    EXPECT_EQ(0, LINTEL_VERSION_MAJOR);
    EXPECT_EQ(1, LINTEL_VERSION_MINOR);
    EXPECT_EQ(0, LINTEL_VERSION_PATCH);
    EXPECT_STREQ("0.1.0", LINTEL_VERSION_STRING);
    EXPECT_EQ(std::to_string(LINTEL_VERSION_MAJOR) + "." + std::to_string(LINTEL_VERSION_MINOR) +
                  "." + std::to_string(LINTEL_VERSION_PATCH),
              LINTEL_VERSION_STRING);
    EXPECT_EQ(10, LINTEL_IIS_SERVER_VERSION);
    EXPECT_GE(LINTEL_VERSION_NUMBER, LINTEL_MAKE_VERSION(0, 1, 0));
}

TEST(SdkHttpservConstants, TypeAliases)
{
    EXPECT_TRUE((std::is_same_v<HTTP_MODULE_ID, void*>));
    EXPECT_TRUE((std::is_same_v<IHttpApplicationStartProvider, IHttpApplicationProvider>));
    EXPECT_TRUE((std::is_same_v<IHttpApplicationStopProvider, IHttpApplicationProvider>));
    EXPECT_TRUE((std::is_same_v<INativeSectionException, IAppHostConfigException>));
    EXPECT_TRUE((std::is_same_v<decltype(&RegisterModule), PFN_REGISTERMODULE>));
    EXPECT_TRUE((std::is_base_of_v<IHttpContext, IHttpContext4>));
    EXPECT_TRUE((std::is_base_of_v<IHttpRequest, IHttpRequest4>));
    EXPECT_TRUE((std::is_base_of_v<IHttpResponse, IHttpResponse4>));
    EXPECT_TRUE((std::is_base_of_v<IHttpServer, IHttpServer3>));
    EXPECT_TRUE((std::is_base_of_v<IHttpStoredContext, IWebSocketContext>));
    EXPECT_TRUE((std::is_base_of_v<IHttpCacheKey, IUriKey>));
    EXPECT_TRUE((std::is_base_of_v<IUnknown, IAppHostWritableAdminManager>));
    // Interfaces carry no data: a single vtable pointer each.
    EXPECT_EQ(sizeof(void*), sizeof(IHttpContext4));
    EXPECT_EQ(sizeof(void*), sizeof(IHttpResponse4));
    EXPECT_EQ(sizeof(void*), sizeof(ISendResponseProvider));
    EXPECT_EQ(sizeof(void*), sizeof(CHttpModule));
    EXPECT_EQ(sizeof(void*), sizeof(CGlobalModule));
    EXPECT_TRUE(std::is_abstract_v<CGlobalModule>);
    EXPECT_FALSE(std::is_abstract_v<CHttpModule>);
    EXPECT_TRUE(std::has_virtual_destructor_v<CHttpModule>);
}

// --- uuids --------------------------------------------------------------------------------------

TEST(SdkHttpservUuids, CoreInterfaces)
{
    EXPECT_TRUE(guid_matches(__uuidof(IHttpContext), "424c1b8c-a1ba-44d7-ac98-9f8f457701a5"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpContext2), "c986182c-cf4a-4482-8205-0dbbc1fd6cee"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpContext3), "bf53c022-ca4b-4349-a38e-a4b78ad897fb"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpContext4), "2c9463d8-4ec4-4622-8917-d486321a9443"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpRequest), "e8698f7e-576e-4cac-a309-67435355faef"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpRequest2), "d9244ae1-51f8-4aa1-a66d-19277c33e610"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpRequest3), "b32e4e0f-4057-4feb-aeab-7b69c03c6314"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpRequest4), "3816f517-f631-49f0-8b51-16d6f0c6ffb2"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpResponse), "7e1c6b38-628f-4e6c-95dc-41237eb7f95e"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpResponse2), "0822c871-f14e-4974-a1e6-5b3c1f09b76a"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpResponse3), "19578e49-d080-45da-b673-96cb475d3c5d"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpResponse4), "1a2acc57-cae2-4f28-b4ab-00c8f96b12ec"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpServer), "eda2a40f-fb92-4d6d-b52b-c8c207380b4e"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpServer2), "34af637e-afe8-4556-bcc1-767f8e0b4a4e"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpServer3), "f7a66d59-c0a2-48b5-a88f-be5975c960fb"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpCachePolicy), "cb1c40ca-70f2-41a0-add2-881f5ef57388"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpCachePolicy2), "9f4ba807-050e-4495-ae55-8870f7e9194a"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpCompletionInfo),
                             "49dd20e3-d9c0-463c-8821-f3413b55cc00"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpCompletionInfo2),
                             "53129f70-0196-47ec-b16c-127906e2afeb"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpConnection), "d9a5de00-3346-4599-9826-fe88565e1226"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpApplication), "3f75d9e6-1075-422c-ad89-93a85f2d7bdc"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpApplication2), "311a3b7a-b673-4a1c-8349-2e98a23cadcb"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpSite), "eb16a6ec-ba5d-436f-bf24-3ede13906450"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpUser), "8059e6f8-10ce-4d61-b47e-5a1d8d9a8b67"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpUrlInfo), "7e0e6167-0094-49a1-8287-ecf6dc6e73a6"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpTraceContext), "9f9098d5-915c-4294-a52e-66532a232bc9"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpFileInfo), "71e95595-8c74-44d9-88a9-f5112d5f5900"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpFileMonitor), "985422da-b0cf-473b-ba9e-8148ceb3e240"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpTokenEntry), "fd86e6de-fb0e-47dd-820a-e0da12be46e9"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpCacheKey), "cdef2aad-20b3-4512-b1b1-094b3844aeb2"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpCacheSpecificData),
                             "37776aff-852e-4eec-93a5-b85a285a95b8"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpPerfCounterInfo),
                             "bdfc4c4a-12a4-4744-87d8-765eb320c59f"));
    EXPECT_TRUE(guid_matches(__uuidof(IScriptMapInfo), "d7fe3d77-68bc-4d4a-851f-eec9fb68017c"));
    EXPECT_TRUE(guid_matches(__uuidof(IMetadataInfo), "48b10633-825d-495e-93b0-225380053e8e"));
    EXPECT_TRUE(guid_matches(__uuidof(IReferencedMetadataInfo),
                             "3fc5c336-9ad7-45ea-af2f-31b59302c9fe"));
}

TEST(SdkHttpservUuids, ContextsModulesAndProviders)
{
    EXPECT_TRUE(guid_matches(__uuidof(IHttpStoredContext),
                             "f1927f76-790e-4ccb-a72e-396bdfdae05d"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpConnectionStoredContext),
                             "841d9a71-75f4-4626-8b97-66046ca7e45b"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpModuleContextContainer),
                             "d7fad7c9-aa27-4ab9-bd60-e55ccba3f5dc"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpConnectionModuleContextContainer),
                             "f3dd2fb3-4d11-4295-b8ab-4cb667add1fe"));
    EXPECT_TRUE(guid_matches(__uuidof(IDispensedHttpModuleContextContainer),
                             "2ae49359-95dd-4e48-ae20-c0cb9d0bc03a"));
    EXPECT_TRUE(guid_matches(__uuidof(INamedContextContainer),
                             "16db6f7c-1a94-47ca-a8e8-fea6005ff3ba"));
    EXPECT_TRUE(guid_matches(__uuidof(IModuleAllocator), "85c1679c-0b21-491c-afb5-c7b5c86464c4"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpModuleFactory),
                             "ba32d330-9ea8-4b9e-89f1-8c76a323277f"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpModuleRegistrationInfo),
                             "07e5beb3-b798-459d-a98a-e6c485b2b3bc"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpModuleRegistrationInfo2),
                             "4fd11cbf-8cc5-418e-8000-c9e765f88533"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpEventProvider),
                             "6f3f657d-2fb8-43c6-a096-5064b41f0580"));
    EXPECT_TRUE(guid_matches(__uuidof(IAuthenticationProvider),
                             "304d51d0-0307-45ed-83fd-dd3fc032fdfc"));
    EXPECT_TRUE(guid_matches(__uuidof(ICacheProvider), "58925fb9-7c5e-4684-833b-4a04e1286690"));
    EXPECT_TRUE(guid_matches(__uuidof(ICustomNotificationProvider),
                             "671e6d34-9380-4df4-b453-91129df02b24"));
    EXPECT_TRUE(guid_matches(__uuidof(IMapHandlerProvider),
                             "fea3ce6b-e346-47e7-b2a6-ad265baeff2c"));
    EXPECT_TRUE(guid_matches(__uuidof(IMapPathProvider), "8efdf557-a8f1-4bc9-b462-6df3b038a59a"));
    EXPECT_TRUE(guid_matches(__uuidof(ISendResponseProvider),
                             "57f2e7bc-0bcf-4a9f-94a4-10e55c6e5b51"));
    EXPECT_TRUE(guid_matches(__uuidof(IReadEntityProvider),
                             "fe6d905a-99b8-49fd-b389-cfc809562b81"));
    EXPECT_TRUE(guid_matches(__uuidof(IPreBeginRequestProvider),
                             "fb715d26-aff9-476a-8fc0-6b1acb3d1098"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpApplicationProvider),
                             "1de2c71c-c126-4512-aed3-f4f885e14997"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpApplicationResolveModulesProvider),
                             "0617d9b9-e20f-4a9f-94f9-35403b3be01e"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalRSCAQueryProvider),
                             "63fdc43f-934a-4ee5-bcd8-7e7b50b75605"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalStopListeningProvider),
                             "41f9a601-e25d-4ac8-8a1f-635698a30ab9"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalConfigurationChangeProvider),
                             "3405f3b4-b3d6-4b73-b5f5-4d8a3cc642ce"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalFileChangeProvider),
                             "ece31ee5-0486-4fb0-a875-6739a2d7daf5"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalTraceEventProvider),
                             "7c6bb150-0310-4718-a01f-6faceb62dc1d"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalThreadCleanupProvider),
                             "6b36a149-8620-45a0-8197-00814a706e2e"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalApplicationPreloadProvider),
                             "2111f8d6-0c41-4ff7-bd45-5c04c7e91a73"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalApplicationPreloadProvider2),
                             "251db2dd-81e7-44ce-ae02-46529f2d71ea"));
    EXPECT_TRUE(guid_matches(__uuidof(IGlobalSuspendProcessCallback),
                             "7fd8f303-1031-4e50-918a-b7b916fd6c54"));
}

TEST(SdkHttpservUuids, CacheKeysAndAdminInterfaces)
{
    EXPECT_TRUE(guid_matches(__uuidof(IUriKey), "f1bc4f8c-6bf8-42c0-b745-4fbe1a67e5a7"));
    EXPECT_TRUE(guid_matches(__uuidof(IFileKey), "7377f6a4-266c-4043-b62a-9ea955a5e97a"));
    EXPECT_TRUE(guid_matches(__uuidof(IHttpTokenKey), "1d3dc8cb-fc52-42bc-97e1-1bf02136e8ba"));
    EXPECT_TRUE(guid_matches(__uuidof(IAppHostAdminManager),
                             "9be77978-73ed-4a9a-87fd-13f09fec1b13"));
    EXPECT_TRUE(guid_matches(__uuidof(IAppHostWritableAdminManager),
                             "fa7660f6-7b3f-4237-a8bf-ed0ad0dcbbd9"));
    EXPECT_TRUE(guid_matches(__uuidof(IAppHostElement), "64ff8ccc-b287-4dae-b08a-a72cbf45f453"));
    EXPECT_TRUE(guid_matches(__uuidof(IAppHostProperty), "ed35f7a1-5024-4e7b-a44d-07ddaf4b524d"));
    EXPECT_TRUE(guid_matches(__uuidof(IAppHostElementCollection),
                             "c8550bff-5281-4b1e-ac34-99b6fa38464d"));
    EXPECT_TRUE(guid_matches(__uuidof(IAppHostConfigException),
                             "4dfa1df3-8900-4bc7-bbb5-d1a458c52410"));
    EXPECT_TRUE(guid_matches(CLSID_AppHostAdminManager, "228fb8f7-fb53-4fd5-8c7b-ff59de606c5b"));
    EXPECT_TRUE(guid_matches(CLSID_AppHostWritableAdminManager,
                             "2b72133b-3f5b-4602-8952-803546ce3344"));
    EXPECT_TRUE(guid_matches(IID_IAppHostAdminManager, "9be77978-73ed-4a9a-87fd-13f09fec1b13"));
}

// --- vtable order -------------------------------------------------------------------------------

TEST(SdkHttpservVtable, IHttpContextFamily)
{
    using C = IHttpContext;
    EXPECT_EQ(0, vtable_slot(&C::GetSite));
    EXPECT_EQ(1, vtable_slot(&C::GetApplication));
    EXPECT_EQ(2, vtable_slot(&C::GetConnection));
    EXPECT_EQ(3, vtable_slot(&C::GetRequest));
    EXPECT_EQ(4, vtable_slot(&C::GetResponse));
    EXPECT_EQ(5, vtable_slot(&C::GetResponseHeadersSent));
    EXPECT_EQ(6, vtable_slot(&C::GetUser));
    EXPECT_EQ(7, vtable_slot(&C::GetModuleContextContainer));
    EXPECT_EQ(8, vtable_slot(&C::IndicateCompletion));
    EXPECT_EQ(9, vtable_slot(&C::PostCompletion));
    EXPECT_EQ(10, vtable_slot(&C::DisableNotifications));
    EXPECT_EQ(11, vtable_slot(&C::GetNextNotification));
    EXPECT_EQ(12, vtable_slot(&C::GetIsLastNotification));
    EXPECT_EQ(13, vtable_slot(&C::ExecuteRequest));
    EXPECT_EQ(14, vtable_slot(&C::GetExecuteFlags));
    EXPECT_EQ(15, vtable_slot(static_cast<HRESULT (C::*)(PCSTR, PCWSTR*, DWORD*)>(
                      &C::GetServerVariable)));
    EXPECT_EQ(16, vtable_slot(static_cast<HRESULT (C::*)(PCSTR, PCSTR*, DWORD*)>(
                      &C::GetServerVariable)));
    EXPECT_EQ(17, vtable_slot(&C::SetServerVariable));
    EXPECT_EQ(18, vtable_slot(&C::AllocateRequestMemory));
    EXPECT_EQ(19, vtable_slot(&C::GetUrlInfo));
    EXPECT_EQ(20, vtable_slot(&C::GetMetadata));
    EXPECT_EQ(21, vtable_slot(&C::GetPhysicalPath));
    EXPECT_EQ(22, vtable_slot(&C::GetScriptName));
    EXPECT_EQ(23, vtable_slot(&C::GetScriptTranslated));
    EXPECT_EQ(24, vtable_slot(&C::GetScriptMap));
    EXPECT_EQ(25, vtable_slot(&C::SetRequestHandled));
    EXPECT_EQ(26, vtable_slot(&C::GetFileInfo));
    EXPECT_EQ(27, vtable_slot(&C::MapPath));
    EXPECT_EQ(28, vtable_slot(&C::NotifyCustomNotification));
    EXPECT_EQ(29, vtable_slot(&C::GetParentContext));
    EXPECT_EQ(30, vtable_slot(&C::GetRootContext));
    EXPECT_EQ(31, vtable_slot(&C::CloneContext));
    EXPECT_EQ(32, vtable_slot(&C::ReleaseClonedContext));
    EXPECT_EQ(33, vtable_slot(&C::GetCurrentExecutionStats));
    EXPECT_EQ(34, vtable_slot(&C::GetTraceContext));
    EXPECT_EQ(35, vtable_slot(&C::GetServerVarChanges));
    EXPECT_EQ(36, vtable_slot(&C::CancelIo));
    EXPECT_EQ(37, vtable_slot(&C::MapHandler));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    EXPECT_EQ(38, vtable_slot(&C::GetExtendedInterface));
#pragma GCC diagnostic pop
    EXPECT_EQ(39, vtable_slot(&IHttpContext2::GetOriginalUser));
    EXPECT_EQ(40, vtable_slot(&IHttpContext3::GetNamedContextContainer));
    EXPECT_EQ(41, vtable_slot(&IHttpContext3::EnableFullDuplex));
    EXPECT_EQ(42, vtable_slot(&IHttpContext3::InheritServerVariable));
    EXPECT_EQ(43, vtable_slot(static_cast<HRESULT (IHttpContext3::*)(
                                  DWORD, LPOVERLAPPED_COMPLETION_ROUTINE, VOID*)>(
                      &IHttpContext3::PostCompletion)));
    EXPECT_EQ(44, vtable_slot(&IHttpContext4::GetRequestStartTime));
    EXPECT_EQ(45, vtable_slot(&IHttpContext4::GetRequestElapsedTime));
}

TEST(SdkHttpservVtable, IHttpRequestFamily)
{
    using R = IHttpRequest;
    EXPECT_EQ(0, vtable_slot(static_cast<HTTP_REQUEST* (R::*)()>(&R::GetRawHttpRequest)));
    EXPECT_EQ(1, vtable_slot(static_cast<const HTTP_REQUEST* (R::*)() const>(
                     &R::GetRawHttpRequest)));
    EXPECT_EQ(2, vtable_slot(static_cast<PCSTR (R::*)(PCSTR, USHORT*) const>(&R::GetHeader)));
    EXPECT_EQ(3, vtable_slot(static_cast<PCSTR (R::*)(HTTP_HEADER_ID, USHORT*) const>(
                     &R::GetHeader)));
    EXPECT_EQ(4, vtable_slot(static_cast<HRESULT (R::*)(PCSTR, PCSTR, USHORT, BOOL)>(
                     &R::SetHeader)));
    EXPECT_EQ(5, vtable_slot(static_cast<HRESULT (R::*)(HTTP_HEADER_ID, PCSTR, USHORT, BOOL)>(
                     &R::SetHeader)));
    EXPECT_EQ(6, vtable_slot(static_cast<HRESULT (R::*)(PCSTR)>(&R::DeleteHeader)));
    EXPECT_EQ(7, vtable_slot(static_cast<HRESULT (R::*)(HTTP_HEADER_ID)>(&R::DeleteHeader)));
    EXPECT_EQ(8, vtable_slot(&R::GetHttpMethod));
    EXPECT_EQ(9, vtable_slot(&R::SetHttpMethod));
    EXPECT_EQ(10, vtable_slot(static_cast<HRESULT (R::*)(PCWSTR, DWORD, BOOL)>(&R::SetUrl)));
    EXPECT_EQ(11, vtable_slot(static_cast<HRESULT (R::*)(PCSTR, DWORD, BOOL)>(&R::SetUrl)));
    EXPECT_EQ(12, vtable_slot(&R::GetUrlChanged));
    EXPECT_EQ(13, vtable_slot(&R::GetForwardedUrl));
    EXPECT_EQ(14, vtable_slot(&R::GetLocalAddress));
    EXPECT_EQ(15, vtable_slot(&R::GetRemoteAddress));
    EXPECT_EQ(16, vtable_slot(&R::ReadEntityBody));
    EXPECT_EQ(17, vtable_slot(&R::InsertEntityBody));
    EXPECT_EQ(18, vtable_slot(&R::GetRemainingEntityBytes));
    EXPECT_EQ(19, vtable_slot(&R::GetHttpVersion));
    EXPECT_EQ(20, vtable_slot(&R::GetClientCertificate));
    EXPECT_EQ(21, vtable_slot(&R::NegotiateClientCertificate));
    EXPECT_EQ(22, vtable_slot(&R::GetSiteId));
    EXPECT_EQ(23, vtable_slot(&R::GetHeaderChanges));
    EXPECT_EQ(24, vtable_slot(&IHttpRequest2::GetChannelBindingToken));
    EXPECT_EQ(25, vtable_slot(static_cast<HRESULT (IHttpRequest3::*)(
                                  VOID*, DWORD, BOOL, PFN_ASYNC_COMPLETION, VOID*, DWORD*,
                                  BOOL*)>(&IHttpRequest3::ReadEntityBody)));
    EXPECT_EQ(26, vtable_slot(static_cast<HRESULT (IHttpRequest4::*)(VOID*, DWORD, BOOL, ULONG,
                                                                      DWORD*, BOOL*)>(
                      &IHttpRequest4::ReadEntityBody)));
}

TEST(SdkHttpservVtable, IHttpResponseFamily)
{
    using R = IHttpResponse;
    EXPECT_EQ(0, vtable_slot(static_cast<HTTP_RESPONSE* (R::*)()>(&R::GetRawHttpResponse)));
    EXPECT_EQ(1, vtable_slot(static_cast<const HTTP_RESPONSE* (R::*)() const>(
                     &R::GetRawHttpResponse)));
    EXPECT_EQ(2, vtable_slot(&R::GetCachePolicy));
    EXPECT_EQ(3, vtable_slot(&R::SetStatus));
    EXPECT_EQ(4, vtable_slot(static_cast<HRESULT (R::*)(PCSTR, PCSTR, USHORT, BOOL)>(
                     &R::SetHeader)));
    EXPECT_EQ(5, vtable_slot(static_cast<HRESULT (R::*)(HTTP_HEADER_ID, PCSTR, USHORT, BOOL)>(
                     &R::SetHeader)));
    EXPECT_EQ(6, vtable_slot(static_cast<HRESULT (R::*)(PCSTR)>(&R::DeleteHeader)));
    EXPECT_EQ(7, vtable_slot(static_cast<HRESULT (R::*)(HTTP_HEADER_ID)>(&R::DeleteHeader)));
    EXPECT_EQ(8, vtable_slot(static_cast<PCSTR (R::*)(PCSTR, USHORT*) const>(&R::GetHeader)));
    EXPECT_EQ(9, vtable_slot(static_cast<PCSTR (R::*)(HTTP_HEADER_ID, USHORT*) const>(
                     &R::GetHeader)));
    EXPECT_EQ(10, vtable_slot(&R::Clear));
    EXPECT_EQ(11, vtable_slot(&R::ClearHeaders));
    EXPECT_EQ(12, vtable_slot(&R::SetNeedDisconnect));
    EXPECT_EQ(13, vtable_slot(&R::ResetConnection));
    EXPECT_EQ(14, vtable_slot(&R::DisableKernelCache));
    EXPECT_EQ(15, vtable_slot(&R::GetKernelCacheEnabled));
    EXPECT_EQ(16, vtable_slot(&R::SuppressHeaders));
    EXPECT_EQ(17, vtable_slot(&R::GetHeadersSuppressed));
    EXPECT_EQ(18, vtable_slot(&R::Flush));
    EXPECT_EQ(19, vtable_slot(&R::Redirect));
    EXPECT_EQ(20, vtable_slot(&R::WriteEntityChunkByReference));
    EXPECT_EQ(21, vtable_slot(&R::WriteEntityChunks));
    EXPECT_EQ(22, vtable_slot(&R::DisableBuffering));
    EXPECT_EQ(23, vtable_slot(&R::GetStatus));
    EXPECT_EQ(24, vtable_slot(&R::SetErrorDescription));
    EXPECT_EQ(25, vtable_slot(&R::GetErrorDescription));
    EXPECT_EQ(26, vtable_slot(&R::GetHeaderChanges));
    EXPECT_EQ(27, vtable_slot(&R::CloseConnection));
    EXPECT_EQ(28, vtable_slot(static_cast<HRESULT (IHttpResponse2::*)(
                                  HTTP_DATA_CHUNK*, DWORD, BOOL, BOOL, PFN_ASYNC_COMPLETION,
                                  VOID*, DWORD*, BOOL*)>(&IHttpResponse2::WriteEntityChunks)));
    EXPECT_EQ(29, vtable_slot(static_cast<HRESULT (IHttpResponse2::*)(
                                  BOOL, BOOL, PFN_ASYNC_COMPLETION, VOID*, DWORD*, BOOL*)>(
                      &IHttpResponse2::Flush)));
    EXPECT_EQ(30, vtable_slot(&IHttpResponse3::PushPromise));
    EXPECT_EQ(31, vtable_slot(&IHttpResponse4::DeleteTrailer));
    EXPECT_EQ(32, vtable_slot(&IHttpResponse4::GetTrailer));
    EXPECT_EQ(33, vtable_slot(&IHttpResponse4::ResetStream));
    EXPECT_EQ(34, vtable_slot(&IHttpResponse4::SetNeedGoAway));
    EXPECT_EQ(35, vtable_slot(&IHttpResponse4::SetTrailer));
}

TEST(SdkHttpservVtable, IHttpServerFamily)
{
    using S = IHttpServer;
    EXPECT_EQ(0, vtable_slot(&S::IsCommandLineLaunch));
    EXPECT_EQ(1, vtable_slot(&S::GetAppPoolName));
    EXPECT_EQ(2, vtable_slot(&S::AssociateWithThreadPool));
    EXPECT_EQ(3, vtable_slot(&S::IncrementThreadCount));
    EXPECT_EQ(4, vtable_slot(&S::DecrementThreadCount));
    EXPECT_EQ(5, vtable_slot(&S::ReportUnhealthy));
    EXPECT_EQ(6, vtable_slot(&S::RecycleProcess));
    EXPECT_EQ(7, vtable_slot(&S::GetAdminManager));
    EXPECT_EQ(8, vtable_slot(&S::GetFileInfo));
    EXPECT_EQ(9, vtable_slot(&S::FlushKernelCache));
    EXPECT_EQ(10, vtable_slot(&S::DoCacheOperation));
    EXPECT_EQ(11, vtable_slot(&S::NotifyCustomNotification));
    EXPECT_EQ(12, vtable_slot(&S::GetPerfCounterInfo));
    EXPECT_EQ(13, vtable_slot(&S::RecycleApplication));
    EXPECT_EQ(14, vtable_slot(&S::NotifyConfigurationChange));
    EXPECT_EQ(15, vtable_slot(&S::NotifyFileChange));
    EXPECT_EQ(16, vtable_slot(&S::DispenseContainer));
    EXPECT_EQ(17, vtable_slot(&S::AddFragmentToCache));
    EXPECT_EQ(18, vtable_slot(&S::ReadFragmentFromCache));
    EXPECT_EQ(19, vtable_slot(&S::RemoveFragmentFromCache));
    EXPECT_EQ(20, vtable_slot(&S::GetWorkerProcessSettings));
    EXPECT_EQ(21, vtable_slot(&S::GetProtocolManagerCustomInterface));
    EXPECT_EQ(22, vtable_slot(&S::SatisfiesPrecondition));
    EXPECT_EQ(23, vtable_slot(&S::GetTraceContext));
    EXPECT_EQ(24, vtable_slot(&S::RegisterFileChangeMonitor));
    EXPECT_EQ(25, vtable_slot(&S::GetExtendedInterface));
    EXPECT_EQ(26, vtable_slot(&IHttpServer2::GetToken));
    EXPECT_EQ(27, vtable_slot(&IHttpServer2::GetAppPoolConfigFile));
    EXPECT_EQ(28, vtable_slot(static_cast<HRESULT (IHttpServer2::*)(
                                  const GUID&, PVOID, const GUID&, PVOID*)>(
                      &IHttpServer2::GetExtendedInterface)));
    EXPECT_EQ(29, vtable_slot(&IHttpServer2::GetMetadata));
    EXPECT_EQ(30, vtable_slot(&IHttpServer2::GetWorkerProcessFramework));
    EXPECT_EQ(31, vtable_slot(&IHttpServer3::QueryRequestProperty));
}

TEST(SdkHttpservVtable, ModuleBaseClasses)
{
    using M = CHttpModule;
    EXPECT_EQ(0, vtable_slot(&M::OnBeginRequest));
    EXPECT_EQ(1, vtable_slot(&M::OnPostBeginRequest));
    EXPECT_EQ(2, vtable_slot(&M::OnAuthenticateRequest));
    EXPECT_EQ(3, vtable_slot(&M::OnPostAuthenticateRequest));
    EXPECT_EQ(4, vtable_slot(&M::OnAuthorizeRequest));
    EXPECT_EQ(5, vtable_slot(&M::OnPostAuthorizeRequest));
    EXPECT_EQ(6, vtable_slot(&M::OnResolveRequestCache));
    EXPECT_EQ(7, vtable_slot(&M::OnPostResolveRequestCache));
    EXPECT_EQ(8, vtable_slot(&M::OnMapRequestHandler));
    EXPECT_EQ(9, vtable_slot(&M::OnPostMapRequestHandler));
    EXPECT_EQ(10, vtable_slot(&M::OnAcquireRequestState));
    EXPECT_EQ(11, vtable_slot(&M::OnPostAcquireRequestState));
    EXPECT_EQ(12, vtable_slot(&M::OnPreExecuteRequestHandler));
    EXPECT_EQ(13, vtable_slot(&M::OnPostPreExecuteRequestHandler));
    EXPECT_EQ(14, vtable_slot(&M::OnExecuteRequestHandler));
    EXPECT_EQ(15, vtable_slot(&M::OnPostExecuteRequestHandler));
    EXPECT_EQ(16, vtable_slot(&M::OnReleaseRequestState));
    EXPECT_EQ(17, vtable_slot(&M::OnPostReleaseRequestState));
    EXPECT_EQ(18, vtable_slot(&M::OnUpdateRequestCache));
    EXPECT_EQ(19, vtable_slot(&M::OnPostUpdateRequestCache));
    EXPECT_EQ(20, vtable_slot(&M::OnLogRequest));
    EXPECT_EQ(21, vtable_slot(&M::OnPostLogRequest));
    EXPECT_EQ(22, vtable_slot(&M::OnEndRequest));
    EXPECT_EQ(23, vtable_slot(&M::OnPostEndRequest));
    EXPECT_EQ(24, vtable_slot(&M::OnSendResponse));
    EXPECT_EQ(25, vtable_slot(&M::OnMapPath));
    EXPECT_EQ(26, vtable_slot(&M::OnReadEntity));
    EXPECT_EQ(27, vtable_slot(&M::OnCustomRequestNotification));
    EXPECT_EQ(28, vtable_slot(&M::OnAsyncCompletion));
    EXPECT_EQ(29, vtable_slot(&M::Dispose));

    using G = CGlobalModule;
    EXPECT_EQ(0, vtable_slot(&G::OnGlobalStopListening));
    EXPECT_EQ(1, vtable_slot(&G::OnGlobalCacheCleanup));
    EXPECT_EQ(2, vtable_slot(&G::OnGlobalCacheOperation));
    EXPECT_EQ(3, vtable_slot(&G::OnGlobalHealthCheck));
    EXPECT_EQ(4, vtable_slot(&G::OnGlobalConfigurationChange));
    EXPECT_EQ(5, vtable_slot(&G::OnGlobalFileChange));
    EXPECT_EQ(6, vtable_slot(&G::OnGlobalPreBeginRequest));
    EXPECT_EQ(7, vtable_slot(&G::OnGlobalApplicationStart));
    EXPECT_EQ(8, vtable_slot(&G::OnGlobalApplicationResolveModules));
    EXPECT_EQ(9, vtable_slot(&G::OnGlobalApplicationStop));
    EXPECT_EQ(10, vtable_slot(&G::OnGlobalRSCAQuery));
    EXPECT_EQ(11, vtable_slot(&G::OnGlobalTraceEvent));
    EXPECT_EQ(12, vtable_slot(&G::OnGlobalCustomNotification));
    EXPECT_EQ(13, vtable_slot(&G::Terminate));
    EXPECT_EQ(14, vtable_slot(&G::OnGlobalThreadCleanup));
    EXPECT_EQ(15, vtable_slot(&G::OnGlobalApplicationPreload));
    EXPECT_EQ(16, vtable_slot(&G::OnSuspendProcess));

    EXPECT_EQ(0, vtable_slot(&IHttpModuleFactory::GetHttpModule));
    EXPECT_EQ(1, vtable_slot(&IHttpModuleFactory::Terminate));
    EXPECT_EQ(0, vtable_slot(&IHttpModuleRegistrationInfo::GetName));
    EXPECT_EQ(1, vtable_slot(&IHttpModuleRegistrationInfo::GetId));
    EXPECT_EQ(2, vtable_slot(&IHttpModuleRegistrationInfo::SetRequestNotifications));
    EXPECT_EQ(3, vtable_slot(&IHttpModuleRegistrationInfo::SetGlobalNotifications));
    EXPECT_EQ(4, vtable_slot(&IHttpModuleRegistrationInfo::SetPriorityForRequestNotification));
    EXPECT_EQ(5, vtable_slot(&IHttpModuleRegistrationInfo::SetPriorityForGlobalNotification));
    EXPECT_EQ(6, vtable_slot(&IHttpModuleRegistrationInfo2::SetPriorityForPostRequestNotification));
}

TEST(SdkHttpservVtable, ProvidersAndSmallInterfaces)
{
    EXPECT_EQ(0, vtable_slot(&IHttpEventProvider::SetErrorStatus));
    EXPECT_EQ(1, vtable_slot(&ISendResponseProvider::GetHeadersBeingSent));
    EXPECT_EQ(2, vtable_slot(&ISendResponseProvider::GetFlags));
    EXPECT_EQ(3, vtable_slot(&ISendResponseProvider::SetFlags));
    EXPECT_EQ(4, vtable_slot(&ISendResponseProvider::GetLogData));
    EXPECT_EQ(5, vtable_slot(static_cast<HRESULT (ISendResponseProvider::*)(HTTP_LOG_DATA*)>(
                     &ISendResponseProvider::SetLogData)));
    EXPECT_EQ(-1, vtable_slot(static_cast<HRESULT (ISendResponseProvider::*)(
                                  HTTP_LOG_FIELDS_DATA*)>(&ISendResponseProvider::SetLogData)));
    EXPECT_EQ(6, vtable_slot(&ISendResponseProvider::GetReadyToLogData));
    EXPECT_EQ(1, vtable_slot(&IMapPathProvider::GetUrl));
    EXPECT_EQ(3, vtable_slot(&IMapPathProvider::SetPhysicalPath));
    EXPECT_EQ(1, vtable_slot(&IMapHandlerProvider::SetScriptName));
    EXPECT_EQ(3, vtable_slot(&IMapHandlerProvider::SetFileInfo));
    EXPECT_EQ(1, vtable_slot(&ICacheProvider::GetCacheOperation));
    EXPECT_EQ(5, vtable_slot(&ICacheProvider::GetTraceContext));
    EXPECT_EQ(1, vtable_slot(&IHttpApplicationProvider::GetApplication));
    EXPECT_EQ(2, vtable_slot(&IHttpApplicationResolveModulesProvider::RegisterModule));
    EXPECT_EQ(1, vtable_slot(&IGlobalTraceEventProvider::GetTraceEvent));
    EXPECT_EQ(3, vtable_slot(&IGlobalTraceEventProvider::GetCurrentHttpRequestContext));
    EXPECT_EQ(3, vtable_slot(&IGlobalApplicationPreloadProvider2::IsProcessRecycled));
    EXPECT_EQ(1, vtable_slot(&IGlobalSuspendProcessCallback::Resume));
    EXPECT_EQ(0, vtable_slot(&IHttpStoredContext::CleanupStoredContext));
    EXPECT_EQ(1, vtable_slot(&IHttpConnectionStoredContext::NotifyDisconnect));
    EXPECT_EQ(2, vtable_slot(&IHttpConnectionModuleContextContainer::GetConnectionModuleContext));
    EXPECT_EQ(2, vtable_slot(&IHttpConnection::GetModuleContextContainer));
    EXPECT_EQ(2, vtable_slot(&IDispensedHttpModuleContextContainer::ReleaseContainer));
    EXPECT_EQ(4, vtable_slot(&IHttpCacheKey::Enum));
    EXPECT_EQ(1, vtable_slot(&IUriKey::GetCacheName));
    EXPECT_EQ(5, vtable_slot(&IUriKey::GetUrl));
    EXPECT_EQ(9, vtable_slot(&IUriKey::GetConfigPath));
    EXPECT_EQ(5, vtable_slot(&IFileKey::GetPath));
    EXPECT_EQ(7, vtable_slot(&IHttpTokenKey::GetLogonMethod));
    EXPECT_EQ(6, vtable_slot(&IHttpCacheSpecificData::GetFlushed));
    EXPECT_EQ(7, vtable_slot(&IHttpFileInfo::GetAttributes));
    EXPECT_EQ(20, vtable_slot(&IHttpFileInfo::CheckIfFileHasChanged));
    EXPECT_EQ(9, vtable_slot(&IHttpTokenEntry::GetSid));
    EXPECT_EQ(13, vtable_slot(&IHttpCachePolicy::GetKernelCacheInvalidatorSet));
    EXPECT_EQ(15, vtable_slot(&IHttpCachePolicy2::SetForceUpdate));
    EXPECT_EQ(10, vtable_slot(&IScriptMapInfo::GetName));
    EXPECT_EQ(10, vtable_slot(&IHttpUser::GetUserVariable));
    EXPECT_EQ(4, vtable_slot(&IHttpTraceContext::QuickTrace));
}

TEST(SdkHttpservVtable, WebSocketAndAdminInterfaces)
{
    EXPECT_EQ(0, vtable_slot(&IWebSocketContext::CleanupStoredContext));
    EXPECT_EQ(1, vtable_slot(&IWebSocketContext::WriteFragment));
    EXPECT_EQ(2, vtable_slot(&IWebSocketContext::ReadFragment));
    EXPECT_EQ(3, vtable_slot(&IWebSocketContext::SendConnectionClose));
    EXPECT_EQ(4, vtable_slot(&IWebSocketContext::GetCloseStatus));
    EXPECT_EQ(5, vtable_slot(&IWebSocketContext::CloseTcpConnection));
    EXPECT_EQ(6, vtable_slot(&IWebSocketContext::CancelOutstandingIO));

    // IUnknown's three methods come first in every admin interface.
    EXPECT_EQ(0, vtable_slot(static_cast<HRESULT (IUnknown::*)(REFIID, void**)>(
                     &IAppHostAdminManager::QueryInterface)));
    EXPECT_EQ(1, vtable_slot(&IAppHostAdminManager::AddRef));
    EXPECT_EQ(2, vtable_slot(&IAppHostAdminManager::Release));
    EXPECT_EQ(3, vtable_slot(&IAppHostAdminManager::GetAdminSection));
    EXPECT_EQ(6, vtable_slot(&IAppHostAdminManager::get_ConfigManager));
    EXPECT_EQ(7, vtable_slot(&IAppHostWritableAdminManager::CommitChanges));
    EXPECT_EQ(9, vtable_slot(&IAppHostWritableAdminManager::put_CommitPath));
    EXPECT_EQ(3, vtable_slot(&IAppHostElement::get_Name));
    EXPECT_EQ(4, vtable_slot(&IAppHostElement::get_Collection));
    EXPECT_EQ(11, vtable_slot(&IAppHostElement::GetPropertyByName));
    EXPECT_EQ(13, vtable_slot(&IAppHostElement::get_Methods));
    EXPECT_EQ(4, vtable_slot(&IAppHostProperty::get_Value));
    EXPECT_EQ(8, vtable_slot(&IAppHostProperty::get_Exception));
    EXPECT_EQ(11, vtable_slot(&IAppHostProperty::get_Schema));
    EXPECT_EQ(4, vtable_slot(&IAppHostElementCollection::get_Item));
    EXPECT_EQ(9, vtable_slot(&IAppHostElementCollection::get_Schema));
    EXPECT_EQ(3, vtable_slot(&IAppHostConfigException::get_LineNumber));
    EXPECT_EQ(9, vtable_slot(&IAppHostConfigException::get_ErrorString));
}

// --- inline behaviour ---------------------------------------------------------------------------

namespace
{

// A module that overrides nothing: every handler is the SDK default.
class bare_module : public CHttpModule
{
};

// A second class, so "once per module class" can be told apart from "once per process".
class other_bare_module : public CHttpModule
{
};

class bare_global_module : public CGlobalModule
{
public:
    VOID Terminate(VOID) override
    {
    }
};

class tracked_module : public CHttpModule
{
public:
    explicit tracked_module(bool* destroyed) : destroyed_(destroyed)
    {
    }

    ~tracked_module() override
    {
        *destroyed_ = true;
    }

private:
    bool* destroyed_;
};

size_t count_log_entries_containing(const std::string& text)
{
    size_t count = 0;
    for (const sdk_log_entry& entry : sdk_log_entries())
    {
        if (entry.message.find(text) != std::string::npos)
        {
            ++count;
        }
    }
    return count;
}

}  // namespace

TEST(SdkHttpservModules, DefaultRequestHandlerContinuesAndWarnsOncePerClass)
{
    bare_module first;
    bare_module second;
    other_bare_module other;
    CHttpModule* as_base = &first;

    EXPECT_EQ(RQ_NOTIFICATION_CONTINUE, as_base->OnAuthorizeRequest(nullptr, nullptr));
    ASSERT_EQ(1u, count_log_entries_containing("::OnAuthorizeRequest"));
    const sdk_log_entry& entry = sdk_log_entries().back();
    EXPECT_EQ(2, entry.level);
    EXPECT_EQ("CHttpModule", entry.source);
    EXPECT_EQ("module subscribed to RQ_AUTHORIZE_REQUEST but does not override "
              "CHttpModule::OnAuthorizeRequest",
              entry.message);

    // Same class again, another instance: still reported only once.
    EXPECT_EQ(RQ_NOTIFICATION_CONTINUE, second.OnAuthorizeRequest(nullptr, nullptr));
    EXPECT_EQ(1u, count_log_entries_containing("::OnAuthorizeRequest"));

    // Another module class reaching the same default is reported on its own.
    EXPECT_EQ(RQ_NOTIFICATION_CONTINUE, other.OnAuthorizeRequest(nullptr, nullptr));
    EXPECT_EQ(2u, count_log_entries_containing("::OnAuthorizeRequest"));

    // Each handler is reported separately.
    EXPECT_EQ(RQ_NOTIFICATION_CONTINUE, first.OnPostLogRequest(nullptr, nullptr));
    EXPECT_EQ(1u, count_log_entries_containing("RQ_LOG_REQUEST (post)"));
    EXPECT_EQ(RQ_NOTIFICATION_CONTINUE,
              first.OnAsyncCompletion(nullptr, RQ_BEGIN_REQUEST, FALSE, nullptr, nullptr));
    EXPECT_EQ(1u, count_log_entries_containing("CHttpModule::OnAsyncCompletion"));
    EXPECT_EQ(RQ_NOTIFICATION_CONTINUE, first.OnSendResponse(nullptr, nullptr));
    EXPECT_EQ(1u, count_log_entries_containing("RQ_SEND_RESPONSE but"));
}

TEST(SdkHttpservModules, DefaultGlobalHandlerContinuesAndWarns)
{
    bare_global_module global;
    CGlobalModule* as_base = &global;
    EXPECT_EQ(GL_NOTIFICATION_CONTINUE, as_base->OnGlobalPreBeginRequest(nullptr));
    ASSERT_EQ(1u, count_log_entries_containing("CGlobalModule::OnGlobalPreBeginRequest"));
    EXPECT_EQ(2, sdk_log_entries().back().level);
    EXPECT_EQ("CGlobalModule", sdk_log_entries().back().source);
    EXPECT_NE(std::string::npos, sdk_log_entries().back().message.find("GL_PRE_BEGIN_REQUEST"));

    EXPECT_EQ(GL_NOTIFICATION_CONTINUE, as_base->OnGlobalPreBeginRequest(nullptr));
    EXPECT_EQ(1u, count_log_entries_containing("CGlobalModule::OnGlobalPreBeginRequest"));

    EXPECT_EQ(GL_NOTIFICATION_CONTINUE, as_base->OnGlobalHealthCheck());
    EXPECT_EQ(GL_NOTIFICATION_CONTINUE, as_base->OnSuspendProcess(nullptr));
    EXPECT_EQ(1u, count_log_entries_containing("CGlobalModule::OnGlobalHealthCheck"));
    EXPECT_EQ(1u, count_log_entries_containing("GL_SUSPEND_PROCESS"));
}

TEST(SdkHttpservModules, DefaultDisposeDeletesTheModule)
{
    bool destroyed = false;
    CHttpModule* module = new tracked_module(&destroyed);
    module->Dispose();
    EXPECT_TRUE(destroyed);
}

namespace
{

// Records what a module registers, the way the host's registration object would.
class recording_registration final : public IHttpModuleRegistrationInfo2
{
public:
    PCWSTR GetName(VOID) const override
    {
        return L"RecordingModule";
    }

    HTTP_MODULE_ID GetId(VOID) const override
    {
        return const_cast<recording_registration*>(this);
    }

    HRESULT SetRequestNotifications(IHttpModuleFactory* pModuleFactory,
                                    DWORD dwRequestNotifications,
                                    DWORD dwPostRequestNotifications) override
    {
        factory_ = pModuleFactory;
        request_mask_ = dwRequestNotifications;
        post_request_mask_ = dwPostRequestNotifications;
        return S_OK;
    }

    HRESULT SetGlobalNotifications(CGlobalModule* pGlobalModule,
                                   DWORD dwGlobalNotifications) override
    {
        global_module_ = pGlobalModule;
        global_mask_ = dwGlobalNotifications;
        return S_OK;
    }

    HRESULT SetPriorityForRequestNotification(DWORD dwRequestNotification,
                                              PCWSTR pszPriority) override
    {
        priority_mask_ = dwRequestNotification;
        priority_ = pszPriority;
        return S_OK;
    }

    HRESULT SetPriorityForGlobalNotification(DWORD, PCWSTR) override
    {
        return S_OK;
    }

    HRESULT SetPriorityForPostRequestNotification(DWORD dwPostRequestNotification,
                                                  PCWSTR) override
    {
        post_priority_mask_ = dwPostRequestNotification;
        return S_OK;
    }

    IHttpModuleFactory* factory_ = nullptr;
    CGlobalModule* global_module_ = nullptr;
    DWORD request_mask_ = 0;
    DWORD post_request_mask_ = 0;
    DWORD global_mask_ = 0;
    DWORD priority_mask_ = 0;
    DWORD post_priority_mask_ = 0;
    PCWSTR priority_ = nullptr;
};

class counting_factory final : public IHttpModuleFactory
{
public:
    HRESULT GetHttpModule(CHttpModule** ppModule, IModuleAllocator*) override
    {
        *ppModule = new bare_module;
        return S_OK;
    }

    VOID Terminate(VOID) override
    {
        ++terminated_;
    }

    int terminated_ = 0;
};

}  // namespace

TEST(SdkHttpservModules, CallsThroughBasePointersReachTheOverrides)
{
    recording_registration registration;
    counting_factory factory;
    IHttpModuleRegistrationInfo* info = &registration;

    EXPECT_TRUE(wide_equals(info->GetName(), L"RecordingModule"));
    EXPECT_EQ(static_cast<HTTP_MODULE_ID>(&registration), info->GetId());
    EXPECT_EQ(S_OK, info->SetRequestNotifications(&factory, RQ_BEGIN_REQUEST | RQ_SEND_RESPONSE,
                                                  RQ_END_REQUEST));
    EXPECT_EQ(S_OK, info->SetPriorityForRequestNotification(RQ_SEND_RESPONSE,
                                                            PRIORITY_ALIAS_HIGH));
    EXPECT_EQ(&factory, registration.factory_);
    EXPECT_EQ(static_cast<DWORD>(RQ_BEGIN_REQUEST | RQ_SEND_RESPONSE), registration.request_mask_);
    EXPECT_EQ(static_cast<DWORD>(RQ_END_REQUEST), registration.post_request_mask_);
    EXPECT_EQ(static_cast<DWORD>(RQ_SEND_RESPONSE), registration.priority_mask_);
    EXPECT_TRUE(wide_equals(registration.priority_, L"HIGH"));

    IHttpModuleRegistrationInfo2* info2 = &registration;
    EXPECT_EQ(S_OK, info2->SetPriorityForPostRequestNotification(RQ_END_REQUEST,
                                                                 PRIORITY_ALIAS_LOW));
    EXPECT_EQ(static_cast<DWORD>(RQ_END_REQUEST), registration.post_priority_mask_);

    IHttpModuleFactory* as_factory = &factory;
    CHttpModule* module = nullptr;
    ASSERT_EQ(S_OK, as_factory->GetHttpModule(&module, nullptr));
    ASSERT_NE(nullptr, module);
    module->Dispose();
    as_factory->Terminate();
    EXPECT_EQ(1, factory.terminated_);
}

namespace
{

// A server whose only working method is the extended-interface lookup HttpGetExtendedInterface
// relies on; everything else is an inert stub.
class extended_interface_server final : public IHttpServer2
{
public:
    // IHttpServer
    BOOL IsCommandLineLaunch(VOID) const override { return FALSE; }
    PCWSTR GetAppPoolName(VOID) const override { return L"DefaultAppPool"; }
    HRESULT AssociateWithThreadPool(HANDLE, LPOVERLAPPED_COMPLETION_ROUTINE) override
    {
        return S_OK;
    }
    VOID IncrementThreadCount(VOID) override {}
    VOID DecrementThreadCount(VOID) override {}
    VOID ReportUnhealthy(PCWSTR, HRESULT) override {}
    VOID RecycleProcess(PCWSTR) override {}
    IAppHostAdminManager* GetAdminManager(VOID) const override { return nullptr; }
    HRESULT GetFileInfo(PCWSTR, HANDLE, PSID, PCWSTR, HANDLE, BOOL, IHttpFileInfo**,
                        IHttpTraceContext*) override
    {
        return S_OK;
    }
    HRESULT FlushKernelCache(PCWSTR) override { return S_OK; }
    HRESULT DoCacheOperation(CACHE_OPERATION, IHttpCacheKey*, IHttpCacheSpecificData**,
                             IHttpTraceContext*) override
    {
        return S_OK;
    }
    GLOBAL_NOTIFICATION_STATUS NotifyCustomNotification(ICustomNotificationProvider*) override
    {
        return GL_NOTIFICATION_CONTINUE;
    }
    IHttpPerfCounterInfo* GetPerfCounterInfo(VOID) override { return nullptr; }
    VOID RecycleApplication(PCWSTR) override {}
    VOID NotifyConfigurationChange(PCWSTR) override {}
    VOID NotifyFileChange(PCWSTR) override {}
    IDispensedHttpModuleContextContainer* DispenseContainer(VOID) override { return nullptr; }
    HRESULT AddFragmentToCache(HTTP_DATA_CHUNK*, PCWSTR) override { return S_OK; }
    HRESULT ReadFragmentFromCache(PCWSTR, BYTE*, DWORD, DWORD*) override { return S_OK; }
    HRESULT RemoveFragmentFromCache(PCWSTR) override { return S_OK; }
    HRESULT GetWorkerProcessSettings(IWpfSettings**) override { return S_OK; }
    HRESULT GetProtocolManagerCustomInterface(PCWSTR, PCWSTR, DWORD, PVOID*) override
    {
        return S_OK;
    }
    BOOL SatisfiesPrecondition(PCWSTR, BOOL*) const override { return TRUE; }
    IHttpTraceContext* GetTraceContext(VOID) const override { return nullptr; }
    HRESULT RegisterFileChangeMonitor(PCWSTR, HANDLE, IHttpFileMonitor**) override
    {
        return S_OK;
    }

    HRESULT GetExtendedInterface(HTTP_SERVER_INTERFACE_VERSION version,
                                 PVOID* ppInterface) override
    {
        ++server_lookups_;
        if (!offer_server2_ || version != HTTP_SERVER_INTERFACE_V2)
        {
            return E_NOINTERFACE;
        }
        *ppInterface = static_cast<IHttpServer2*>(this);
        return S_OK;
    }

    // IHttpServer2
    HRESULT GetToken(PCWSTR, PCWSTR, DWORD, IHttpTokenEntry**, PCWSTR, PSOCKADDR,
                     IHttpTraceContext*) override
    {
        return S_OK;
    }
    PCWSTR GetAppPoolConfigFile(DWORD*) const override { return nullptr; }

    HRESULT GetExtendedInterface(const GUID& Version1, PVOID pInput, const GUID& Version2,
                                 PVOID* ppOutput) override
    {
        ++object_lookups_;
        asked_from_ = &Version1;
        asked_for_ = &Version2;
        input_ = pInput;
        *ppOutput = answer_;
        return S_OK;
    }

    HRESULT GetMetadata(PCWSTR, PCWSTR, IReferencedMetadataInfo**) override { return S_OK; }
    HRESULT GetWorkerProcessFramework(IWorkerProcessFramework**) override { return S_OK; }

    bool offer_server2_ = true;
    int server_lookups_ = 0;
    int object_lookups_ = 0;
    const GUID* asked_from_ = nullptr;
    const GUID* asked_for_ = nullptr;
    PVOID input_ = nullptr;
    PVOID answer_ = nullptr;
};

}  // namespace

TEST(SdkHttpservHelpers, HttpGetExtendedInterfaceAsksServer2WithBothUuids)
{
    extended_interface_server server;
    // The helper never dereferences the objects; any distinct addresses will do.
    alignas(void*) unsigned char request_storage[sizeof(void*)] = {};
    alignas(void*) unsigned char request2_storage[sizeof(void*)] = {};
    IHttpRequest* request = reinterpret_cast<IHttpRequest*>(request_storage);
    server.answer_ = request2_storage;

    IHttpRequest2* request2 = nullptr;
    EXPECT_EQ(S_OK, HttpGetExtendedInterface(&server, request, &request2));
    EXPECT_EQ(1, server.server_lookups_);
    EXPECT_EQ(1, server.object_lookups_);
    EXPECT_EQ(static_cast<PVOID>(request), server.input_);
    ASSERT_NE(nullptr, server.asked_from_);
    ASSERT_NE(nullptr, server.asked_for_);
    EXPECT_TRUE(guid_matches(*server.asked_from_, "e8698f7e-576e-4cac-a309-67435355faef"));
    EXPECT_TRUE(guid_matches(*server.asked_for_, "d9244ae1-51f8-4aa1-a66d-19277c33e610"));
    EXPECT_EQ(static_cast<PVOID>(request2_storage), static_cast<PVOID>(request2));
}

TEST(SdkHttpservHelpers, HttpGetExtendedInterfaceStopsWhenServer2IsMissing)
{
    extended_interface_server server;
    server.offer_server2_ = false;
    IHttpResponse* response = nullptr;
    IHttpResponse2* response2 = nullptr;
    EXPECT_EQ(E_NOINTERFACE, HttpGetExtendedInterface(&server, response, &response2));
    EXPECT_EQ(1, server.server_lookups_);
    EXPECT_EQ(0, server.object_lookups_);
    EXPECT_EQ(nullptr, response2);
}

namespace
{

class recording_send_response final : public ISendResponseProvider
{
public:
    VOID SetErrorStatus(HRESULT) override {}
    BOOL GetHeadersBeingSent(VOID) const override { return TRUE; }
    DWORD GetFlags(VOID) const override { return flags_; }
    VOID SetFlags(DWORD dwFlags) override { flags_ = dwFlags; }
    HTTP_LOG_DATA* GetLogData(VOID) const override { return nullptr; }
    HRESULT SetLogData(HTTP_LOG_DATA* pLogData) override
    {
        ++calls_;
        received_ = pLogData;
        return S_OK;
    }
    BOOL GetReadyToLogData(VOID) const override { return FALSE; }

    DWORD flags_ = 0;
    int calls_ = 0;
    HTTP_LOG_DATA* received_ = nullptr;
};

}  // namespace

TEST(SdkHttpservHelpers, SetLogDataAcceptsLogFieldsData)
{
    recording_send_response provider;
    ISendResponseProvider* as_base = &provider;

    HTTP_LOG_FIELDS_DATA fields{};
    fields.Base.Type = HttpLogDataTypeFields;
    EXPECT_EQ(S_OK, as_base->SetLogData(&fields));
    EXPECT_EQ(1, provider.calls_);
    EXPECT_EQ(&fields.Base, provider.received_);

    EXPECT_EQ(S_OK, as_base->SetLogData(static_cast<HTTP_LOG_FIELDS_DATA*>(nullptr)));
    EXPECT_EQ(2, provider.calls_);
    EXPECT_EQ(nullptr, provider.received_);

    as_base->SetFlags(as_base->GetFlags() | HTTP_SEND_RESPONSE_FLAG_DISCONNECT);
    EXPECT_EQ(static_cast<DWORD>(HTTP_SEND_RESPONSE_FLAG_DISCONNECT), provider.flags_);
}

namespace
{

class fake_uri_key final : public IUriKey
{
public:
    DWORD GetHash(VOID) const override { return 7; }
    bool GetIsEqual(IHttpCacheKey* pCacheCompareKey) const override
    {
        return pCacheCompareKey == this;
    }
    bool GetIsPrefix(IHttpCacheKey*) const override { return false; }
    VOID Enum(IHttpCacheSpecificData*) override {}
    PCWSTR GetUrl(VOID) const override { return L"/index.htm"; }
    PCWSTR GetSiteName(VOID) const override { return L"Default Web Site"; }
    DWORD GetSiteId(VOID) const override { return 1; }
    VOID UpdateFrequentlyHitTickCount(DWORD) override {}
    PCWSTR GetConfigPath(VOID) const override { return L"MACHINE/WEBROOT/APPHOST"; }
};

class fake_file_key final : public IFileKey
{
public:
    DWORD GetHash(VOID) const override { return 9; }
    bool GetIsEqual(IHttpCacheKey*) const override { return false; }
    bool GetIsPrefix(IHttpCacheKey*) const override { return false; }
    VOID Enum(IHttpCacheSpecificData*) override {}
    PCWSTR GetPath(VOID) const override { return L"/srv/www/index.htm"; }
};

}  // namespace

TEST(SdkHttpservHelpers, CacheKeysNameTheirCacheThroughTheBaseInterface)
{
    fake_uri_key uri_key;
    fake_file_key file_key;
    IHttpCacheKey* keys[] = {&uri_key, &file_key};
    EXPECT_TRUE(wide_equals(keys[0]->GetCacheName(), URI_CACHE_NAME));
    EXPECT_TRUE(wide_equals(keys[1]->GetCacheName(), FILE_CACHE_NAME));
    EXPECT_TRUE(keys[0]->GetIsEqual(&uri_key));
    EXPECT_TRUE(wide_equals(static_cast<IUriKey*>(keys[0])->GetUrl(), L"/index.htm"));
}
