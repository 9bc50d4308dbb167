// Tests of the Windows compatibility headers of Lintel's SDK (sdk/include): behaviour, not just
// compilation. Build: g++ -std=c++20 -I sdk/include tests/unit/sdk_windows_test.cpp
//                         -lgtest -lgtest_main -pthread

#include <windows.h>

#include <comdef.h>
#include <initguid.h>
#include <io.h>
#include <objbase.h>
#include <oleauto.h>
#include <sal.h>
#include <sddl.h>
#include <strsafe.h>
#include <tchar.h>
#include <winerror.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// ---- the server's log sink, as the server would export it --------------------------------------
namespace {
struct LoggedLine {
    int level;
    std::string source;
    std::string message;
};
std::mutex g_log_mutex;
std::vector<LoggedLine> g_log_lines;
}  // namespace

extern "C" void lintel_sdk_log(int level, const char* source, const char* message) {
    std::lock_guard<std::mutex> lock(g_log_mutex);
    g_log_lines.push_back({level, source, message});
}

namespace {

std::string make_temp_dir() {
    char pattern[] = "/tmp/lintel_sdk_test_XXXXXX";
    const char* dir = mkdtemp(pattern);
    return dir != nullptr ? dir : "/tmp";
}

// ---- types
// ---------------------------------------------------------------------------------------
TEST(SdkWindowsTypes, SizesFollowDecision13) {
    EXPECT_EQ(sizeof(WCHAR), 4u);
    EXPECT_EQ(sizeof(DWORD), 4u);
    EXPECT_EQ(sizeof(LONG), 4u);
    EXPECT_EQ(sizeof(ULONG), 4u);
    EXPECT_EQ(sizeof(BOOL), 4u);
    EXPECT_EQ(sizeof(HRESULT), 4u);
    EXPECT_EQ(sizeof(INT), 4u);
    EXPECT_EQ(sizeof(UINT), 4u);
    EXPECT_EQ(sizeof(USHORT), 2u);
    EXPECT_EQ(sizeof(WORD), 2u);
    EXPECT_EQ(sizeof(LONGLONG), 8u);
    EXPECT_EQ(sizeof(ULONGLONG), 8u);
    EXPECT_EQ(sizeof(DWORD64), 8u);
    EXPECT_EQ(sizeof(SIZE_T), sizeof(void*));
    EXPECT_EQ(sizeof(ULONG_PTR), sizeof(void*));
    EXPECT_EQ(sizeof(HANDLE), sizeof(void*));
    EXPECT_EQ(sizeof(GUID), 16u);
    EXPECT_EQ(sizeof(OVERLAPPED), 32u);
    EXPECT_EQ(sizeof(VARIANT), 24u);
    EXPECT_EQ(sizeof(SLIST_HEADER), 16u);
    EXPECT_EQ(alignof(SLIST_ENTRY), 16u);
    EXPECT_TRUE((std::is_same<LONG, int>::value));
    EXPECT_TRUE((std::is_same<DWORD, unsigned int>::value));
    EXPECT_TRUE((std::is_same<WCHAR, wchar_t>::value));
}

TEST(SdkWindowsTypes, LargeIntegerParts) {
    LARGE_INTEGER li;
    li.QuadPart = 0x0000000500000007LL;
    EXPECT_EQ(li.LowPart, 7u);
    EXPECT_EQ(li.HighPart, 5);
    EXPECT_EQ(li.u.LowPart, 7u);
    ULARGE_INTEGER ul;
    ul.QuadPart = 0xFFFFFFFF00000001ULL;
    EXPECT_EQ(ul.HighPart, 0xFFFFFFFFu);
}

TEST(SdkWindowsTypes, Macros) {
    int array[7] = {};
    EXPECT_EQ(ARRAYSIZE(array), 7u);
    EXPECT_EQ(_countof(array), 7u);
    EXPECT_EQ(MAKEWORD(0x34, 0x12), 0x1234);
    EXPECT_EQ(LOWORD(0x12345678u), 0x5678);
    EXPECT_EQ(HIWORD(0x12345678u), 0x1234);
    EXPECT_EQ(LOBYTE(0x1234), 0x34);
    EXPECT_EQ(HIBYTE(0x1234), 0x12);
    struct Outer {
        int a;
        LIST_ENTRY link;
    } outer{};
    EXPECT_EQ(CONTAINING_RECORD(&outer.link, Outer, link), &outer);
    EXPECT_EQ(FIELD_OFFSET(Outer, link), static_cast<LONG>(offsetof(Outer, link)));
    EXPECT_EQ(min(3u, 5), 3u);
    EXPECT_EQ(max(-1, 2L), 2L);
    EXPECT_EQ(min(2.5, 1), 1.0);
    char buffer[4] = {1, 2, 3, 4};
    ZeroMemory(buffer, sizeof(buffer));
    EXPECT_EQ(buffer[3], 0);
    FillMemory(buffer, 2, 0x7F);
    EXPECT_EQ(buffer[1], 0x7F);
    EXPECT_EQ(buffer[2], 0);
    SecureZeroMemory(buffer, sizeof(buffer));
    EXPECT_EQ(buffer[0], 0);
    EXPECT_STREQ(TEXT("abc"), "abc");
    EXPECT_EQ(sizeof(_T('x')), sizeof(char));
}

// ---- HRESULT
// -------------------------------------------------------------------------------------
TEST(SdkWindowsErrors, HresultFromWin32) {
    EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_SUCCESS), S_OK);
    EXPECT_EQ(static_cast<unsigned>(HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY)), 0x80070008u);
    EXPECT_EQ(static_cast<unsigned>(HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)), 0x80070002u);
    EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_OUTOFMEMORY), E_OUTOFMEMORY);
    EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER), E_INVALIDARG);
    EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED), E_ACCESSDENIED);
    EXPECT_EQ(HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE), E_HANDLE);
    EXPECT_EQ(HRESULT_FROM_WIN32(static_cast<DWORD>(E_FAIL)), E_FAIL);  // passthrough
    EXPECT_EQ(HRESULT_CODE(HRESULT_FROM_WIN32(ERROR_MORE_DATA)), ERROR_MORE_DATA);
    EXPECT_EQ(HRESULT_FACILITY(HRESULT_FROM_WIN32(ERROR_MORE_DATA)), FACILITY_WIN32);
    EXPECT_EQ(MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIN32, ERROR_HANDLE_EOF),
              HRESULT_FROM_WIN32(ERROR_HANDLE_EOF));
    EXPECT_TRUE(SUCCEEDED(S_FALSE));
    EXPECT_TRUE(FAILED(E_UNEXPECTED));
    EXPECT_FALSE(FAILED(S_OK));
    static_assert(HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED) == E_ACCESSDENIED, "constexpr");
    EXPECT_EQ(static_cast<unsigned>(E_NOTIMPL), 0x80004001u);
    EXPECT_EQ(static_cast<unsigned>(E_NOINTERFACE), 0x80004002u);
    EXPECT_EQ(static_cast<unsigned>(E_POINTER), 0x80004003u);
    EXPECT_EQ(static_cast<unsigned>(E_ABORT), 0x80004004u);
    EXPECT_EQ(static_cast<unsigned>(E_FAIL), 0x80004005u);
    EXPECT_EQ(static_cast<unsigned>(E_UNEXPECTED), 0x8000FFFFu);
    EXPECT_EQ(ERROR_IO_PENDING, 997);
    EXPECT_EQ(ERROR_OPERATION_ABORTED, 995);
    EXPECT_EQ(ERROR_CONNECTION_ABORTED, 1236);
    EXPECT_EQ(ERROR_NOT_FOUND, 1168);
    EXPECT_EQ(WAIT_TIMEOUT, 258u);
}

TEST(SdkWindowsErrors, LastErrorIsPerThread) {
    SetLastError(ERROR_MORE_DATA);
    DWORD seen_in_thread = 12345;
    std::thread other([&] {
        seen_in_thread = GetLastError();
        SetLastError(ERROR_BUSY);
    });
    other.join();
    EXPECT_EQ(seen_in_thread, 0u);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_MORE_DATA));
    EXPECT_EQ(LintelWin32ErrorFromErrno(ENOENT), static_cast<DWORD>(ERROR_FILE_NOT_FOUND));
    EXPECT_EQ(LintelWin32ErrorFromErrno(EACCES), static_cast<DWORD>(ERROR_ACCESS_DENIED));
}

// ---- code pages
// ----------------------------------------------------------------------------------
TEST(SdkWindowsStrings, Utf8RoundTripAndSizeQuery) {
    const char* utf8 = "h\xC3\xA9llo \xE2\x82\xAC \xF0\x9D\x84\x9E";  // "héllo € 𝄞"
    const int needed = MultiByteToWideChar(CP_UTF8, 0, utf8, -1, nullptr, 0);
    EXPECT_EQ(needed, 10);  // 9 characters + NUL
    std::vector<wchar_t> wide(static_cast<size_t>(needed));
    ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, wide.data(), needed), needed);
    EXPECT_EQ(wide[1], L'\u00E9');
    EXPECT_EQ(wide[6], L'\u20AC');
    EXPECT_EQ(static_cast<unsigned>(wide[8]), 0x1D11Eu);
    EXPECT_EQ(wide[9], L'\0');

    const int bytes = WideCharToMultiByte(CP_ACP, 0, wide.data(), -1, nullptr, 0, nullptr, nullptr);
    EXPECT_EQ(bytes, static_cast<int>(strlen(utf8) + 1));
    std::string back(static_cast<size_t>(bytes), '\0');
    ASSERT_EQ(WideCharToMultiByte(CP_UTF8, 0, wide.data(), -1, &back[0], bytes, nullptr, nullptr),
              bytes);
    EXPECT_STREQ(back.c_str(), utf8);

    // Explicit length: no terminator is produced or counted.
    EXPECT_EQ(MultiByteToWideChar(CP_UTF8, 0, utf8, 3, nullptr, 0), 2);
    // Too small an output buffer.
    wchar_t small[3];
    SetLastError(0);
    EXPECT_EQ(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, small, 3), 0);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INSUFFICIENT_BUFFER));
    // A zero-length input is an error on Windows.
    EXPECT_EQ(MultiByteToWideChar(CP_UTF8, 0, utf8, 0, nullptr, 0), 0);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));
}

TEST(SdkWindowsStrings, InvalidUtf8) {
    const char bad[] = {'a', static_cast<char>(0xC3), 'b', 0};
    EXPECT_EQ(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, bad, -1, nullptr, 0), 0);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_NO_UNICODE_TRANSLATION));
    wchar_t out[8] = {};
    ASSERT_EQ(MultiByteToWideChar(CP_UTF8, 0, bad, -1, out, 8), 4);
    EXPECT_EQ(out[1], static_cast<wchar_t>(0xFFFD));
    EXPECT_EQ(out[2], L'b');
}

TEST(SdkWindowsStrings, SingleByteCodePages) {
    const wchar_t text[] = L"\u20AC\u00E9\u4E2D";
    char out[8] = {};
    BOOL used_default = FALSE;
    ASSERT_EQ(WideCharToMultiByte(1252, 0, text, -1, out, sizeof(out), nullptr, &used_default), 4);
    EXPECT_EQ(static_cast<unsigned char>(out[0]), 0x80u);
    EXPECT_EQ(static_cast<unsigned char>(out[1]), 0xE9u);
    EXPECT_EQ(out[2], '?');
    EXPECT_TRUE(used_default);
    wchar_t wide[4] = {};
    const char latin[] = {static_cast<char>(0x80), static_cast<char>(0xE9), 0};
    ASSERT_EQ(MultiByteToWideChar(1252, 0, latin, -1, wide, 4), 3);
    EXPECT_EQ(wide[0], L'\u20AC');
    EXPECT_EQ(wide[1], L'\u00E9');
}

// ---- secure CRT
// ----------------------------------------------------------------------------------
TEST(SdkWindowsCrt, CopyAndConcatenate) {
    char small[6];
    EXPECT_EQ(strcpy_s(small, "hello"), 0);
    EXPECT_STREQ(small, "hello");
    EXPECT_EQ(strcpy_s(small, "hello!"), ERANGE);
    EXPECT_STREQ(small, "");
    EXPECT_EQ(strcpy_s(small, sizeof(small), nullptr), EINVAL);
    EXPECT_EQ(strncpy_s(small, "truncate me", _TRUNCATE), STRUNCATE);
    EXPECT_STREQ(small, "trunc");
    EXPECT_EQ(strncpy_s(small, sizeof(small), "abcdef", 3), 0);
    EXPECT_STREQ(small, "abc");
    EXPECT_EQ(strcat_s(small, "de"), 0);
    EXPECT_STREQ(small, "abcde");
    EXPECT_EQ(strcat_s(small, "f"), ERANGE);
    EXPECT_STREQ(small, "");

    wchar_t wide[5];
    EXPECT_EQ(wcscpy_s(wide, L"abcd"), 0);
    EXPECT_EQ(wcscat_s(wide, L"e"), ERANGE);
    EXPECT_EQ(wcsncpy_s(wide, L"xyzxyz", _TRUNCATE), STRUNCATE);
    EXPECT_STREQ(wide, L"xyzx");

    unsigned char dest[4] = {9, 9, 9, 9};
    const unsigned char src[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    EXPECT_EQ(memcpy_s(dest, sizeof(dest), src, sizeof(src)), ERANGE);
    EXPECT_EQ(dest[0], 0);
    EXPECT_EQ(memcpy_s(dest, sizeof(dest), src, 4), 0);
    EXPECT_EQ(dest[3], 4);
}

TEST(SdkWindowsCrt, PrintfFamily) {
    char buffer[8];
    EXPECT_EQ(sprintf_s(buffer, "%d-%s", 42, "ab"), 5);
    EXPECT_STREQ(buffer, "42-ab");
    EXPECT_EQ(sprintf_s(buffer, "%s", "far too long"), -1);
    EXPECT_STREQ(buffer, "");
    EXPECT_EQ(_snprintf_s(buffer, _TRUNCATE, "%s", "far too long"), -1);
    EXPECT_STREQ(buffer, "far too");
    EXPECT_EQ(_snprintf_s(buffer, sizeof(buffer), 3, "%s", "abcdef"), -1);
    EXPECT_STREQ(buffer, "abc");

    // _snprintf: no terminator when the text exactly fills the count.
    char raw[4] = {'x', 'x', 'x', 'x'};
    EXPECT_EQ(_snprintf(raw, 3, "%s", "abc"), 3);
    EXPECT_EQ(raw[3], 'x');
    EXPECT_EQ(_snprintf(raw, 3, "%s", "abcd"), -1);

    // Microsoft format rules: %S is a wide string in a narrow function, %I64d a 64-bit integer,
    // %ld a 32-bit one.
    char text[64];
    const LONG negative = -5;
    const DWORD big = 4000000000u;
    ASSERT_GT(sprintf_s(text, "%S|%I64d|%ld|%lu|%hs|%c%C", L"w\u00E9", 1234567890123LL, negative,
                        big, "n", 'x', L'y'),
              0);
    EXPECT_STREQ(text, "w\xC3\xA9|1234567890123|-5|4000000000|n|xy");

    wchar_t wtext[64];
    ASSERT_GT(swprintf_s(wtext, L"%s/%S/%d/%c", L"wide", "narrow", 7, L'z'), 0);
    EXPECT_STREQ(wtext, L"wide/narrow/7/z");
    EXPECT_EQ(_scprintf("%05d", 42), 5);
    EXPECT_EQ(_snwprintf(wtext, 3, L"%s", L"abcdef"), -1);
}

TEST(SdkWindowsCrt, MultibyteConversions) {
    size_t converted = 0;
    char narrow[16];
    EXPECT_EQ(wcstombs_s(&converted, narrow, L"gr\u00FC\u00DF", _TRUNCATE), 0);
    EXPECT_STREQ(narrow, "gr\xC3\xBC\xC3\x9F");
    EXPECT_EQ(converted, 7u);
    EXPECT_EQ(wcstombs_s(&converted, nullptr, 0, L"\u00FC", 0), 0);
    EXPECT_EQ(converted, 3u);  // size query
    char tiny[3];
    EXPECT_EQ(wcstombs_s(&converted, tiny, L"abcd", 4), ERANGE);
    EXPECT_STREQ(tiny, "");

    wchar_t wide[8];
    EXPECT_EQ(mbstowcs_s(&converted, wide, "\xC3\xA9t\xC3\xA9", _TRUNCATE), 0);
    EXPECT_STREQ(wide, L"\u00E9t\u00E9");
    EXPECT_EQ(converted, 4u);
    wchar_t wtiny[2];
    EXPECT_EQ(mbstowcs_s(&converted, wtiny, "abc", _TRUNCATE), STRUNCATE);
    EXPECT_STREQ(wtiny, L"a");
}

TEST(SdkWindowsCrt, IntegerConversions) {
    char buffer[40];
    EXPECT_EQ(_itoa_s(-42, buffer, 10), 0);
    EXPECT_STREQ(buffer, "-42");
    EXPECT_EQ(_itoa_s(-1, buffer, 16), 0);
    EXPECT_STREQ(buffer, "ffffffff");
    EXPECT_EQ(_itoa_s(5, buffer, 2), 0);
    EXPECT_STREQ(buffer, "101");
    EXPECT_EQ(_itoa_s(5, buffer, 1), EINVAL);
    char two[2];
    EXPECT_EQ(_itoa_s(42, two, 10), ERANGE);
    EXPECT_STREQ(two, "");
    EXPECT_STREQ(_itoa(255, buffer, 16), "ff");
    EXPECT_STREQ(itoa(-7, buffer, 10), "-7");
    EXPECT_STREQ(_ltoa(-2147483647L - 1, buffer, 10), "-2147483648");
    EXPECT_STREQ(_ultoa(4000000000ul, buffer, 10), "4000000000");
    EXPECT_STREQ(_ui64toa(18446744073709551615ull, buffer, 10), "18446744073709551615");
    EXPECT_STREQ(_i64toa(-9000000000LL, buffer, 10), "-9000000000");
    wchar_t wide[16];
    EXPECT_EQ(_ltow_s(-123, wide, 16, 10), 0);
    EXPECT_STREQ(wide, L"-123");
    EXPECT_STREQ(_itow(31, wide, 16), L"1f");
    EXPECT_EQ(_wtoi(L"  77x"), 77);
    EXPECT_EQ(_wtol(L"-12"), -12);
    EXPECT_EQ(_atoi64("9000000000"), 9000000000LL);
    EXPECT_EQ(_stricmp("HeLLo", "hello"), 0);
    EXPECT_LT(_stricmp("apple", "BANANA"), 0);
    EXPECT_EQ(_strnicmp("ABCx", "abcy", 3), 0);
    EXPECT_EQ(_wcsicmp(L"\u00C9T\u00C9", L"\u00E9t\u00E9"), 0);
    EXPECT_EQ(_wcsnicmp(L"ABCx", L"abcy", 3), 0);
    char* copy = _strdup("dup");
    EXPECT_STREQ(copy, "dup");
    free(copy);
    wchar_t* wcopy = _wcsdup(L"dup");
    EXPECT_STREQ(wcopy, L"dup");
    free(wcopy);
}

TEST(SdkWindowsCrt, KernelStringFunctions) {
    EXPECT_EQ(lstrlenA(nullptr), 0);
    EXPECT_EQ(lstrlenW(L"four"), 4);
    EXPECT_EQ(lstrlen(L"wide even without UNICODE"), 25);
    EXPECT_EQ(lstrlen("narrow"), 6);
    EXPECT_EQ(lstrcmpiW(L"ABC", L"abc"), 0);
    EXPECT_EQ(lstrcmpA("a", "b"), -1);
    char buffer[4];
    EXPECT_STREQ(lstrcpynA(buffer, "abcdef", 4), "abc");
}

// ---- strsafe
// -------------------------------------------------------------------------------------
TEST(SdkWindowsStrsafe, PrintfWithWideStrings) {
    wchar_t buffer[64];
    const wchar_t* name = L"M\u00FCller";
    ASSERT_EQ(StringCchPrintfW(buffer, ARRAYSIZE(buffer), L"Hello %s, %S #%I64u (%ld)", name,
                               "narrow", 18446744073709551615ull, static_cast<LONG>(-3)),
              S_OK);
    EXPECT_STREQ(buffer, L"Hello M\u00FCller, narrow #18446744073709551615 (-3)");
    // The unsuffixed overload picks the destination's width.
    ASSERT_EQ(StringCchPrintf(buffer, ARRAYSIZE(buffer), L"%s=%d", L"x", 1), S_OK);
    EXPECT_STREQ(buffer, L"x=1");
    char narrow[16];
    ASSERT_EQ(StringCbPrintfA(narrow, sizeof(narrow), "%s:%S", "a", L"b"), S_OK);
    EXPECT_STREQ(narrow, "a:b");
}

TEST(SdkWindowsStrsafe, TruncationAndErrors) {
    wchar_t buffer[6];
    EXPECT_EQ(StringCchCopyW(buffer, ARRAYSIZE(buffer), L"abcdefgh"),
              STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_STREQ(buffer, L"abcde");
    EXPECT_EQ(static_cast<unsigned>(STRSAFE_E_INSUFFICIENT_BUFFER), 0x8007007Au);
    EXPECT_EQ(StringCbCopyW(buffer, sizeof(buffer), L"xy"), S_OK);
    EXPECT_EQ(StringCchCatW(buffer, ARRAYSIZE(buffer), L"zw"), S_OK);
    EXPECT_STREQ(buffer, L"xyzw");
    EXPECT_EQ(StringCchCatW(buffer, ARRAYSIZE(buffer), L"123"), STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_STREQ(buffer, L"xyzw1");
    EXPECT_EQ(StringCchCopyW(buffer, 0, L"a"), STRSAFE_E_INVALID_PARAMETER);
    EXPECT_EQ(StringCchPrintfW(buffer, ARRAYSIZE(buffer), L"%d", 1234567),
              STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_STREQ(buffer, L"12345");

    size_t length = 99;
    EXPECT_EQ(StringCchLengthW(L"four", 10, &length), S_OK);
    EXPECT_EQ(length, 4u);
    EXPECT_EQ(StringCchLengthW(L"four", 4, &length), STRSAFE_E_INVALID_PARAMETER);
    EXPECT_EQ(length, 0u);
    EXPECT_EQ(StringCbLengthW(L"four", 100, &length), S_OK);
    EXPECT_EQ(length, 4 * sizeof(wchar_t));

    char narrow[8];
    EXPECT_EQ(StringCchCopyNA(narrow, sizeof(narrow), "abcdef", 3), S_OK);
    EXPECT_STREQ(narrow, "abc");
    char* end = nullptr;
    size_t remaining = 0;
    EXPECT_EQ(StringCchCopyExA(narrow, sizeof(narrow), "hi", &end, &remaining, 0), S_OK);
    EXPECT_EQ(end, narrow + 2);
    EXPECT_EQ(remaining, 6u);
    EXPECT_EQ(StringCchCopyExA(narrow, sizeof(narrow), "much too long", &end, &remaining,
                               STRSAFE_NO_TRUNCATION),
              STRSAFE_E_INSUFFICIENT_BUFFER);
    EXPECT_STREQ(narrow, "");
}

// ---- files
// ---------------------------------------------------------------------------------------
TEST(SdkWindowsFiles, CreateWriteReadAndHandleEncoding) {
    const std::string dir = make_temp_dir();
    const std::wstring path = ::lintel::sdk::widen((dir + "/data.bin").c_str());

    HANDLE file = CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, nullptr,
                              CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
    ASSERT_NE(file, INVALID_HANDLE_VALUE);
    const int fd = LintelFdFromHandle(file);
    EXPECT_GT(fd, 2);
    EXPECT_EQ(file, reinterpret_cast<HANDLE>(static_cast<intptr_t>(fd)));
    EXPECT_EQ(LintelHandleFromFd(fd), file);
    struct stat st;
    EXPECT_EQ(fstat(fd, &st), 0);
    EXPECT_EQ(GetFileType(file), static_cast<DWORD>(FILE_TYPE_DISK));

    const char payload[] = "lintel file payload";
    DWORD written = 0;
    ASSERT_TRUE(WriteFile(file, payload, sizeof(payload) - 1, &written, nullptr));
    EXPECT_EQ(written, sizeof(payload) - 1);
    LARGE_INTEGER size;
    ASSERT_TRUE(GetFileSizeEx(file, &size));
    EXPECT_EQ(size.QuadPart, static_cast<LONGLONG>(sizeof(payload) - 1));
    DWORD high = 7;
    EXPECT_EQ(GetFileSize(file, &high), sizeof(payload) - 1);
    EXPECT_EQ(high, 0u);

    EXPECT_EQ(SetFilePointer(file, 7, nullptr, FILE_BEGIN), 7u);
    char buffer[64] = {};
    DWORD read = 0;
    ASSERT_TRUE(ReadFile(file, buffer, sizeof(buffer), &read, nullptr));
    EXPECT_EQ(read, sizeof(payload) - 1 - 7);
    EXPECT_STREQ(buffer, "file payload");
    ASSERT_TRUE(ReadFile(file, buffer, sizeof(buffer), &read, nullptr));  // EOF: success, 0 bytes
    EXPECT_EQ(read, 0u);

    // Positioned read through an OVERLAPPED with an event.
    OVERLAPPED overlapped = {};
    overlapped.Offset = 12;
    overlapped.hEvent = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    ASSERT_NE(overlapped.hEvent, nullptr);
    memset(buffer, 0, sizeof(buffer));
    ASSERT_TRUE(ReadFile(file, buffer, 4, nullptr, &overlapped));
    EXPECT_EQ(WaitForSingleObject(overlapped.hEvent, 0), WAIT_OBJECT_0);
    DWORD transferred = 0;
    ASSERT_TRUE(GetOverlappedResult(file, &overlapped, &transferred, TRUE));
    EXPECT_EQ(transferred, 4u);
    EXPECT_STREQ(buffer, "payl");
    overlapped.Offset = 1000;
    EXPECT_FALSE(ReadFile(file, buffer, 4, nullptr, &overlapped));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_HANDLE_EOF));
    EXPECT_FALSE(GetOverlappedResult(file, &overlapped, &transferred, TRUE));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_HANDLE_EOF));
    EXPECT_TRUE(CloseHandle(overlapped.hEvent));

    EXPECT_TRUE(CloseHandle(file));
    EXPECT_NE(fcntl(fd, F_GETFD), 0);  // the fd is closed
    EXPECT_FALSE(CloseHandle(file));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_HANDLE));

    // Dispositions and their last errors.
    HANDLE again = CreateFileW(path.c_str(), GENERIC_READ, 0, nullptr, CREATE_NEW, 0, nullptr);
    EXPECT_EQ(again, INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_FILE_EXISTS));
    again = CreateFileW(path.c_str(), GENERIC_WRITE, 0, nullptr, OPEN_ALWAYS, 0, nullptr);
    ASSERT_NE(again, INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ALREADY_EXISTS));
    CloseHandle(again);
    // Unsuffixed name with a narrow path, without UNICODE.
    HANDLE missing = CreateFile((dir + "/nope.txt").c_str(), GENERIC_READ, 0, nullptr,
                                OPEN_EXISTING, 0, nullptr);
    EXPECT_EQ(missing, INVALID_HANDLE_VALUE);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_FILE_NOT_FOUND));
    missing =
        CreateFile(L"/no/such/dir/file.txt", GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_PATH_NOT_FOUND));

    WIN32_FILE_ATTRIBUTE_DATA data;
    ASSERT_TRUE(GetFileAttributesExW(path.c_str(), GetFileExInfoStandard, &data));
    EXPECT_EQ(data.nFileSizeLow, sizeof(payload) - 1);
    EXPECT_EQ(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, 0u);
    EXPECT_NE(GetFileAttributesA(dir.c_str()) & FILE_ATTRIBUTE_DIRECTORY, 0u);
    EXPECT_EQ(GetFileAttributes((dir + "/nope").c_str()), INVALID_FILE_ATTRIBUTES);
    EXPECT_EQ(_access((dir + "/data.bin").c_str(), 0), 0);

    EXPECT_TRUE(DeleteFileW(path.c_str()));
    EXPECT_FALSE(DeleteFileW(path.c_str()));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_FILE_NOT_FOUND));
    EXPECT_TRUE(RemoveDirectoryA(dir.c_str()));
}

TEST(SdkWindowsFiles, HandleEncodingRule) {
    EXPECT_EQ(LintelFdFromHandle(nullptr), -1);
    EXPECT_EQ(LintelFdFromHandle(INVALID_HANDLE_VALUE), -1);
    EXPECT_EQ(LintelFdFromHandle(reinterpret_cast<HANDLE>(static_cast<intptr_t>(17))), 17);
    EXPECT_EQ(LintelHandleFromFd(-1), INVALID_HANDLE_VALUE);
    HANDLE event = CreateEventA(nullptr, FALSE, FALSE, nullptr);
    ASSERT_NE(event, nullptr);
    EXPECT_EQ(LintelFdFromHandle(event), -1);
    EXPECT_NE(reinterpret_cast<uintptr_t>(event) & LINTEL_HANDLE_OBJECT_TAG, 0u);
    EXPECT_TRUE(CloseHandle(event));
    EXPECT_NE(GetProcessHeap(), nullptr);
    void* block = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 32);
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(static_cast<char*>(block)[31], 0);
    EXPECT_TRUE(HeapFree(GetProcessHeap(), 0, block));
    void* aligned = _aligned_malloc(100, 64);
    ASSERT_NE(aligned, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 64, 0u);
    _aligned_free(aligned);
    EXPECT_EQ(LocalFree(LocalAlloc(LPTR, 8)), nullptr);
}

// ---- synchronisation
// -----------------------------------------------------------------------------
TEST(SdkWindowsSync, EventAcrossThreads) {
    HANDLE ready = CreateEvent(nullptr, FALSE, FALSE, nullptr);  // NULL name: TCHAR overload
    HANDLE done = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    ASSERT_NE(ready, nullptr);
    ASSERT_NE(done, nullptr);
    EXPECT_EQ(WaitForSingleObject(ready, 10), WAIT_TIMEOUT);

    std::atomic<int> stage{0};
    std::thread worker([&] {
        if (WaitForSingleObject(ready, 5000) == WAIT_OBJECT_0) {
            stage = 1;
        }
        SetEvent(done);
    });
    Sleep(20);
    EXPECT_EQ(stage.load(), 0);
    EXPECT_TRUE(SetEvent(ready));
    EXPECT_EQ(WaitForSingleObject(done, 5000), WAIT_OBJECT_0);
    worker.join();
    EXPECT_EQ(stage.load(), 1);
    // Auto-reset: consumed by the worker. Manual reset: stays signalled until reset.
    EXPECT_EQ(WaitForSingleObject(ready, 0), WAIT_TIMEOUT);
    EXPECT_EQ(WaitForSingleObject(done, 0), WAIT_OBJECT_0);
    EXPECT_EQ(WaitForSingleObject(done, 0), WAIT_OBJECT_0);
    EXPECT_TRUE(ResetEvent(done));
    EXPECT_EQ(WaitForSingleObject(done, 0), WAIT_TIMEOUT);

    HANDLE pair[2] = {ready, done};
    SetEvent(done);
    EXPECT_EQ(WaitForMultipleObjects(2, pair, FALSE, 100), WAIT_OBJECT_0 + 1);
    EXPECT_EQ(WaitForMultipleObjects(2, pair, TRUE, 20), WAIT_TIMEOUT);
    EXPECT_TRUE(CloseHandle(ready));
    EXPECT_TRUE(CloseHandle(done));
    EXPECT_EQ(WaitForSingleObject(nullptr, 0), WAIT_FAILED);
}

TEST(SdkWindowsSync, CriticalSectionIsRecursive) {
    CRITICAL_SECTION section;
    ASSERT_TRUE(InitializeCriticalSectionAndSpinCount(&section, 4000));
    EnterCriticalSection(&section);
    EnterCriticalSection(&section);
    EXPECT_TRUE(TryEnterCriticalSection(&section));
    bool other_got_it = true;
    std::thread other([&] { other_got_it = TryEnterCriticalSection(&section) != FALSE; });
    other.join();
    EXPECT_FALSE(other_got_it);
    LeaveCriticalSection(&section);
    LeaveCriticalSection(&section);
    LeaveCriticalSection(&section);
    std::thread again([&] {
        other_got_it = TryEnterCriticalSection(&section) != FALSE;
        if (other_got_it) {
            LeaveCriticalSection(&section);
        }
    });
    again.join();
    EXPECT_TRUE(other_got_it);
    DeleteCriticalSection(&section);
}

TEST(SdkWindowsSync, SrwLockAndConditionVariable) {
    SRWLOCK lock = SRWLOCK_INIT;
    CONDITION_VARIABLE condition = CONDITION_VARIABLE_INIT;
    int value = 0;
    AcquireSRWLockShared(&lock);
    EXPECT_TRUE(TryAcquireSRWLockShared(&lock));
    EXPECT_FALSE(TryAcquireSRWLockExclusive(&lock));
    ReleaseSRWLockShared(&lock);
    ReleaseSRWLockShared(&lock);

    std::thread producer([&] {
        Sleep(10);
        AcquireSRWLockExclusive(&lock);
        value = 7;
        ReleaseSRWLockExclusive(&lock);
        WakeAllConditionVariable(&condition);
    });
    AcquireSRWLockExclusive(&lock);
    while (value == 0) {
        SleepConditionVariableSRW(&condition, &lock, 5000, 0);
    }
    ReleaseSRWLockExclusive(&lock);
    producer.join();
    EXPECT_EQ(value, 7);

    AcquireSRWLockExclusive(&lock);
    EXPECT_FALSE(SleepConditionVariableSRW(&condition, &lock, 10, 0));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_TIMEOUT));
    ReleaseSRWLockExclusive(&lock);
}

TEST(SdkWindowsSync, InterlockedUnderTwoThreads) {
    LONG volatile counter = 0;
    DWORD volatile unsigned_counter = 0;
    LONGLONG volatile wide_counter = 0;
    const int iterations = 100000;
    auto work = [&] {
        for (int i = 0; i < iterations; ++i) {
            InterlockedIncrement(&counter);
            InterlockedIncrement(&unsigned_counter);
            InterlockedIncrement64(&wide_counter);
            InterlockedExchangeAdd(&counter, 2);
            InterlockedDecrement(&counter);
        }
    };
    std::thread a(work);
    std::thread b(work);
    a.join();
    b.join();
    EXPECT_EQ(counter, 2 * iterations * 2);
    EXPECT_EQ(unsigned_counter, static_cast<DWORD>(2 * iterations));
    EXPECT_EQ(wide_counter, 2LL * iterations);

    LONG value = 5;
    EXPECT_EQ(InterlockedCompareExchange(&value, 9, 4), 5);
    EXPECT_EQ(value, 5);
    EXPECT_EQ(InterlockedCompareExchange(&value, 9, 5), 5);
    EXPECT_EQ(value, 9);
    EXPECT_EQ(InterlockedExchange(&value, 1), 9);
    EXPECT_EQ(InterlockedIncrement(&value), 2);
    unsigned int u = 0;
    EXPECT_EQ(InterlockedDecrement(&u), 0xFFFFFFFFu);
    int anchor = 0;
    PVOID slot = nullptr;
    EXPECT_EQ(InterlockedCompareExchangePointer(&slot, &anchor, nullptr), nullptr);
    EXPECT_EQ(slot, &anchor);
    EXPECT_EQ(InterlockedExchangePointer(&slot, nullptr), &anchor);
}

struct alignas(MEMORY_ALLOCATION_ALIGNMENT) TestNode {
    SLIST_ENTRY entry;
    int thread;
    int index;
};

TEST(SdkWindowsSync, SListUnderTwoThreads) {
    SLIST_HEADER head;
    InitializeSListHead(&head);
    EXPECT_EQ(QueryDepthSList(&head), 0);
    EXPECT_EQ(InterlockedPopEntrySList(&head), nullptr);

    const int per_thread = 5000;
    std::vector<TestNode> nodes(2 * per_thread);
    std::atomic<int> popped_during{0};
    auto push_and_pop = [&](int thread) {
        for (int i = 0; i < per_thread; ++i) {
            TestNode& node = nodes[static_cast<size_t>(thread * per_thread + i)];
            node.thread = thread;
            node.index = i;
            InterlockedPushEntrySList(&head, &node.entry);
            if (i % 4 == 3) {
                // Pop one and push it back: exercises concurrent pops.
                PSLIST_ENTRY entry = InterlockedPopEntrySList(&head);
                if (entry != nullptr) {
                    ++popped_during;
                    InterlockedPushEntrySList(&head, entry);
                }
            }
        }
    };
    std::thread a(push_and_pop, 0);
    std::thread b(push_and_pop, 1);
    a.join();
    b.join();
    EXPECT_GT(popped_during.load(), 0);
    EXPECT_EQ(QueryDepthSList(&head), 2 * per_thread);

    std::vector<int> seen(2 * per_thread, 0);
    int count = 0;
    while (PSLIST_ENTRY entry = InterlockedPopEntrySList(&head)) {
        TestNode* node = CONTAINING_RECORD(entry, TestNode, entry);
        ++seen[static_cast<size_t>(node->thread * per_thread + node->index)];
        ++count;
    }
    EXPECT_EQ(count, 2 * per_thread);
    for (int s : seen) {
        ASSERT_EQ(s, 1);
    }
    InterlockedPushEntrySList(&head, &nodes[0].entry);
    InterlockedPushEntrySList(&head, &nodes[1].entry);
    PSLIST_ENTRY all = InterlockedFlushSList(&head);
    EXPECT_EQ(all, &nodes[1].entry);
    EXPECT_EQ(all->Next, &nodes[0].entry);
    EXPECT_EQ(QueryDepthSList(&head), 0);
}

// ---- GUIDs
// ---------------------------------------------------------------------------------------
}  // namespace

struct ITestWidget : public IUnknown {
    virtual int STDMETHODCALLTYPE Spin() = 0;
};
LINTEL_DECLARE_UUID(ITestWidget, "{0a1B2c3D-4e5F-6789-ABcd-ef0123456789}");

namespace lintel_test {
struct NamedOnly {};
template <typename A, typename B>
struct Pair {};
}  // namespace lintel_test

DEFINE_GUID(CLSID_LintelTestThing, 0x01234567, 0x89ab, 0xcdef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
            0xcd, 0xef);

namespace {

TEST(SdkWindowsGuid, DeclaredUuidIsParsed) {
    const GUID& g = __uuidof(ITestWidget);
    EXPECT_EQ(g.Data1, 0x0a1b2c3du);
    EXPECT_EQ(g.Data2, 0x4e5f);
    EXPECT_EQ(g.Data3, 0x6789);
    const BYTE tail[8] = {0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89};
    EXPECT_EQ(memcmp(g.Data4, tail, 8), 0);
    // Pointers, references and cv-qualifiers are looked through; the address is stable.
    EXPECT_EQ(&__uuidof(ITestWidget*), &g);
    EXPECT_EQ(&__uuidof(const ITestWidget&), &g);
    static_assert(LINTEL_UUID_VALUE(ITestWidget).Data1 == 0x0a1b2c3du, "constant expression");
    EXPECT_TRUE(IsEqualIID(__uuidof(IUnknown), IID_IUnknown));
    EXPECT_EQ(__uuidof(IUnknown).Data4[0], 0xC0);
    EXPECT_EQ(__uuidof(IUnknown).Data4[7], 0x46);
    EXPECT_TRUE(__uuidof(IDispatch) == IID_IDispatch);
    EXPECT_TRUE(CLSID_LintelTestThing.Data1 == 0x01234567u);
    EXPECT_TRUE(GUID_NULL == IID_NULL);
}

TEST(SdkWindowsGuid, NameBasedUuidIsStable) {
    const GUID& a = __uuidof(lintel_test::NamedOnly);
    const GUID& b = __uuidof(lintel_test::NamedOnly);
    EXPECT_EQ(&a, &b);
    EXPECT_FALSE(a == __uuidof(lintel_test::Pair<int, char>));
    EXPECT_FALSE(__uuidof(lintel_test::Pair<char, int>) == __uuidof(lintel_test::Pair<int, char>));
    EXPECT_EQ(a.Data3 & 0xF000, 0x8000);  // version 8
    EXPECT_EQ(a.Data4[0] & 0xC0, 0x80);   // RFC variant
    // Pinned value: the hash of the type name must never change, or modules built with another
    // SDK revision would disagree with the server.
    wchar_t text[40];
    ASSERT_EQ(StringFromGUID2(a, text, ARRAYSIZE(text)), 39);
    std::wstring pinned(text);
    constexpr GUID computed = LINTEL_UUID_VALUE(lintel_test::NamedOnly);
    EXPECT_TRUE(computed == a);
    EXPECT_EQ(pinned, L"{5815CA78-5EC6-8B59-B5F5-DC7D096C5572}")
        << "if the hash changed on purpose, "
           "update this pin";
}

TEST(SdkWindowsGuid, StringConversionsAndRandomGuids) {
    wchar_t text[39];
    EXPECT_EQ(StringFromGUID2(IID_IUnknown, text, 38), 0);
    ASSERT_EQ(StringFromGUID2(IID_IUnknown, text, 39), 39);
    EXPECT_STREQ(text, L"{00000000-0000-0000-C000-000000000046}");
    CLSID parsed;
    ASSERT_EQ(CLSIDFromString(text, &parsed), S_OK);
    EXPECT_TRUE(parsed == IID_IUnknown);
    EXPECT_EQ(CLSIDFromString(L"not a guid", &parsed), CO_E_CLASSSTRING);
    GUID one;
    GUID two;
    ASSERT_EQ(CoCreateGuid(&one), S_OK);
    ASSERT_EQ(CoCreateGuid(&two), S_OK);
    EXPECT_FALSE(one == two);
    EXPECT_EQ(one.Data3 & 0xF000, 0x4000);
}

// ---- event log
// -----------------------------------------------------------------------------------
TEST(SdkWindowsEventLog, ReportEventReachesLintelLog) {
    {
        std::lock_guard<std::mutex> lock(g_log_mutex);
        g_log_lines.clear();
    }
    // Wide literals without UNICODE, as real module sources do.
    HANDLE source = RegisterEventSource(nullptr, L"MyIisModule");
    ASSERT_NE(source, nullptr);
    LPCWSTR strings[2] = {L"first \u00E9", L"second"};
    EXPECT_TRUE(ReportEvent(source, EVENTLOG_ERROR_TYPE, 0, 1001, nullptr, 2, 0, strings, nullptr));
    LPCSTR narrow[1] = {"warned"};
    EXPECT_TRUE(ReportEventA(source, EVENTLOG_WARNING_TYPE, 0, 7, nullptr, 1, 0, narrow, nullptr));
    EXPECT_TRUE(
        ReportEventW(source, EVENTLOG_INFORMATION_TYPE, 0, 8, nullptr, 0, 0, nullptr, nullptr));
    EXPECT_TRUE(DeregisterEventSource(source));
    HANDLE narrow_source = RegisterEventSource(nullptr, "NarrowSource");
    ASSERT_NE(narrow_source, nullptr);
    EXPECT_TRUE(ReportEvent(narrow_source, EVENTLOG_INFORMATION_TYPE, 0, 9, nullptr, 1, 0, narrow,
                            nullptr));
    EXPECT_TRUE(DeregisterEventSource(narrow_source));
    EXPECT_FALSE(ReportEventA(nullptr, EVENTLOG_ERROR_TYPE, 0, 1, nullptr, 0, 0, nullptr, nullptr));

    std::lock_guard<std::mutex> lock(g_log_mutex);
    ASSERT_EQ(g_log_lines.size(), 4u);
    EXPECT_EQ(g_log_lines[0].level, 1);
    EXPECT_EQ(g_log_lines[0].source, "MyIisModule");
    EXPECT_EQ(g_log_lines[0].message, "[event 1001] first \xC3\xA9; second");
    EXPECT_EQ(g_log_lines[1].level, 2);
    EXPECT_EQ(g_log_lines[1].message, "[event 7] warned");
    EXPECT_EQ(g_log_lines[2].level, 4);
    EXPECT_EQ(g_log_lines[3].source, "NarrowSource");
}

// ---- COM
// -----------------------------------------------------------------------------------------
TEST(SdkWindowsCom, BstrLayout) {
    BSTR text = SysAllocString(L"hello");
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(SysStringLen(text), 5u);
    EXPECT_EQ(SysStringByteLen(text), 5u * sizeof(OLECHAR));
    EXPECT_EQ(text[5], L'\0');
    UINT prefix = 0;
    memcpy(&prefix, reinterpret_cast<char*>(text) - 4, 4);
    EXPECT_EQ(prefix, 20u);
    SysFreeString(text);

    const wchar_t with_nul[] = {L'a', L'\0', L'b'};
    BSTR embedded = SysAllocStringLen(with_nul, 3);
    EXPECT_EQ(SysStringLen(embedded), 3u);
    EXPECT_EQ(embedded[2], L'b');
    EXPECT_TRUE(SysReAllocString(&embedded, L"re"));
    EXPECT_EQ(SysStringLen(embedded), 2u);
    SysFreeString(embedded);
    SysFreeString(nullptr);
    EXPECT_EQ(SysStringLen(nullptr), 0u);
    BSTR bytes = SysAllocStringByteLen("abc", 3);
    EXPECT_EQ(SysStringByteLen(bytes), 3u);
    SysFreeString(bytes);
}

TEST(SdkWindowsCom, VariantConversions) {
    VARIANT v;
    VariantInit(&v);
    EXPECT_EQ(V_VT(&v), VT_EMPTY);
    V_VT(&v) = VT_I4;
    V_I4(&v) = -42;
    VARIANT text;
    VariantInit(&text);
    ASSERT_EQ(VariantChangeType(&text, &v, 0, VT_BSTR), S_OK);
    EXPECT_STREQ(V_BSTR(&text), L"-42");
    VARIANT number;
    VariantInit(&number);
    ASSERT_EQ(VariantChangeType(&number, &text, 0, VT_UI2), DISP_E_OVERFLOW);
    EXPECT_EQ(VariantClear(&text), S_OK);
    VariantClear(&number);
    VARIANT str;
    VariantInit(&str);
    V_VT(&str) = VT_BSTR;
    V_BSTR(&str) = SysAllocString(L" 17 ");
    ASSERT_EQ(VariantChangeType(&number, &str, 0, VT_UINT), S_OK);
    EXPECT_EQ(V_UINT(&number), 17u);
    ASSERT_EQ(VariantChangeType(&number, &str, 0, VT_BOOL), S_OK);
    EXPECT_EQ(V_BOOL(&number), VARIANT_TRUE);
    VARIANT copy;
    VariantInit(&copy);
    ASSERT_EQ(VariantCopy(&copy, &str), S_OK);
    EXPECT_NE(V_BSTR(&copy), V_BSTR(&str));
    EXPECT_STREQ(V_BSTR(&copy), L" 17 ");
    EXPECT_EQ(VariantClear(&copy), S_OK);
    EXPECT_EQ(VariantClear(&str), S_OK);
    EXPECT_EQ(V_VT(&str), VT_EMPTY);
    EXPECT_EQ(VT_BOOL, 11);
    EXPECT_EQ(VT_UI4, 19);
    EXPECT_EQ(VT_UNKNOWN, 13);
}

class CountedObject : public ITestWidget {
public:
    HRESULT STDMETHODCALLTYPE QueryInterface(REFIID iid, void** object) override {
        if (iid == __uuidof(IUnknown) || iid == __uuidof(ITestWidget)) {
            *object = static_cast<ITestWidget*>(this);
            AddRef();
            return S_OK;
        }
        *object = nullptr;
        return E_NOINTERFACE;
    }
    ULONG STDMETHODCALLTYPE AddRef() override { return ++references; }
    ULONG STDMETHODCALLTYPE Release() override { return --references; }
    int STDMETHODCALLTYPE Spin() override { return 3; }
    ULONG references = 1;
};
_COM_SMARTPTR_TYPEDEF(ITestWidget, __uuidof(ITestWidget));

TEST(SdkWindowsCom, ComdefClasses) {
    _bstr_t wide(L"w\u00E9");
    _bstr_t narrow("n");
    _bstr_t joined = wide + narrow;
    EXPECT_EQ(joined.length(), 3u);
    EXPECT_STREQ(static_cast<const wchar_t*>(joined), L"w\u00E9n");
    EXPECT_STREQ(static_cast<const char*>(joined), "w\xC3\xA9n");
    EXPECT_TRUE(_bstr_t(L"a") == _bstr_t("a"));
    EXPECT_TRUE(!_bstr_t());

    _variant_t number(42);
    EXPECT_EQ(number.vt, VT_I4);
    EXPECT_EQ(static_cast<long>(number), 42);
    _variant_t text(L"123");
    EXPECT_EQ(static_cast<int>(text), 123);
    _bstr_t as_text = static_cast<_bstr_t>(_variant_t(true));
    EXPECT_STREQ(static_cast<const wchar_t*>(as_text), L"-1");
    try {
        _variant_t bad(L"not a number");
        (void)static_cast<long>(bad);
        ADD_FAILURE() << "expected _com_error";
    } catch (const _com_error& error) {
        EXPECT_EQ(error.Error(), DISP_E_TYPEMISMATCH);
    }

    CountedObject object;
    {
        ITestWidgetPtr widget(&object);
        EXPECT_EQ(object.references, 2u);
        EXPECT_EQ(widget->Spin(), 3);
        IUnknownPtr unknown(widget);
        EXPECT_EQ(object.references, 3u);
        ITestWidgetPtr none = NULL;
        EXPECT_TRUE(!none);
        EXPECT_TRUE(none == nullptr);
        none = widget;
        EXPECT_EQ(object.references, 4u);
        ITestWidget* raw = nullptr;
        EXPECT_EQ(unknown->QueryInterface(&raw), S_OK);  // typed IUnknown::QueryInterface
        raw->Release();
    }
    EXPECT_EQ(object.references, 1u);

    IUnknownPtr created;
    EXPECT_EQ(created.CreateInstance(CLSID_LintelTestThing), REGDB_E_CLASSNOTREG);
    EXPECT_EQ(CoInitializeEx(nullptr, COINIT_MULTITHREADED), S_OK);
    CoUninitialize();
}

// ---- time
// ----------------------------------------------------------------------------------------
TEST(SdkWindowsTime, FileTimeAndSystemTime) {
    FILETIME epoch;
    epoch.dwLowDateTime = static_cast<DWORD>(116444736000000000ull);
    epoch.dwHighDateTime = static_cast<DWORD>(116444736000000000ull >> 32);
    SYSTEMTIME st;
    ASSERT_TRUE(FileTimeToSystemTime(&epoch, &st));
    EXPECT_EQ(st.wYear, 1970);
    EXPECT_EQ(st.wMonth, 1);
    EXPECT_EQ(st.wDay, 1);
    EXPECT_EQ(st.wDayOfWeek, 4);  // Thursday

    SYSTEMTIME leap = {2024, 2, 0, 29, 12, 34, 56, 789};
    FILETIME ft;
    ASSERT_TRUE(SystemTimeToFileTime(&leap, &ft));
    SYSTEMTIME back;
    ASSERT_TRUE(FileTimeToSystemTime(&ft, &back));
    EXPECT_EQ(back.wYear, 2024);
    EXPECT_EQ(back.wMonth, 2);
    EXPECT_EQ(back.wDay, 29);
    EXPECT_EQ(back.wDayOfWeek, 4);  // 2024-02-29 was a Thursday
    EXPECT_EQ(back.wHour, 12);
    EXPECT_EQ(back.wMinute, 34);
    EXPECT_EQ(back.wSecond, 56);
    EXPECT_EQ(back.wMilliseconds, 789);

    SYSTEMTIME invalid = {2023, 2, 0, 29, 0, 0, 0, 0};
    EXPECT_FALSE(SystemTimeToFileTime(&invalid, &ft));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_PARAMETER));

    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    SYSTEMTIME utc;
    GetSystemTime(&utc);
    EXPECT_GE(utc.wYear, 2024);
    SYSTEMTIME local;
    EXPECT_TRUE(SystemTimeToTzSpecificLocalTime(nullptr, &utc, &local));
    const ULONGLONG t0 = GetTickCount64();
    Sleep(15);
    EXPECT_GE(GetTickCount64() - t0, 14u);
    LARGE_INTEGER frequency;
    LARGE_INTEGER counter;
    EXPECT_TRUE(QueryPerformanceFrequency(&frequency));
    EXPECT_TRUE(QueryPerformanceCounter(&counter));
    EXPECT_GT(frequency.QuadPart, 0);
    EXPECT_EQ(GetCurrentProcessId(), static_cast<DWORD>(getpid()));
    EXPECT_NE(GetCurrentThreadId(), 0u);
}

// ---- environment
// ---------------------------------------------------------------------------------
TEST(SdkWindowsEnvironment, ExpandAndGet) {
    setenv("LINTEL_SDK_TEST_VAR", "value", 1);
    char out[64];
    const DWORD needed =
        ExpandEnvironmentStringsA("%LINTEL_SDK_TEST_VAR%\\x %LINTEL_NO_SUCH_VAR% 50%", nullptr, 0);
    EXPECT_EQ(needed, strlen("value\\x %LINTEL_NO_SUCH_VAR% 50%") + 1);
    ASSERT_EQ(ExpandEnvironmentStringsA("%LINTEL_SDK_TEST_VAR%\\x %LINTEL_NO_SUCH_VAR% 50%", out,
                                        sizeof(out)),
              needed);
    EXPECT_STREQ(out, "value\\x %LINTEL_NO_SUCH_VAR% 50%");
    wchar_t wide[32];
    ASSERT_GT(ExpandEnvironmentStrings(L"[%lintel_sdk_test_var%]", wide, 32), 0u);
    EXPECT_STREQ(wide, L"[value]");  // names are case-insensitive, as on Windows

    char value[8];
    EXPECT_EQ(GetEnvironmentVariableA("LINTEL_SDK_TEST_VAR", value, sizeof(value)), 5u);
    EXPECT_STREQ(value, "value");
    EXPECT_EQ(GetEnvironmentVariableA("LINTEL_SDK_TEST_VAR", value, 3), 6u);
    EXPECT_EQ(GetEnvironmentVariableA("LINTEL_NO_SUCH_VAR", value, sizeof(value)), 0u);
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_ENVVAR_NOT_FOUND));
    EXPECT_TRUE(SetEnvironmentVariableW(L"LINTEL_SDK_TEST_VAR", nullptr));
    EXPECT_EQ(getenv("LINTEL_SDK_TEST_VAR"), nullptr);
}

// ---- sockets
// -------------------------------------------------------------------------------------
TEST(SdkWindowsSockets, WindowsShapedAddresses) {
    SOCKADDR_IN address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(8080);
    ASSERT_EQ(inet_pton(AF_INET, "192.168.1.20", &address.sin_addr), 1);
    EXPECT_EQ(address.sin_addr.S_un.S_un_b.s_b1, 192);
    EXPECT_EQ(address.sin_addr.S_un.S_un_b.s_b4, 20);
    EXPECT_EQ(address.sin_addr.S_un.S_addr, address.sin_addr.s_addr);
    EXPECT_EQ(AF_INET, 2);
    EXPECT_EQ(AF_INET6, 10);

    // The same bytes viewed as the Linux structure.
    sockaddr_in linux_view;
    memcpy(&linux_view, &address, sizeof(linux_view));
    EXPECT_EQ(ntohs(linux_view.sin_port), 8080);
    EXPECT_EQ(linux_view.sin_addr.s_addr, address.sin_addr.S_un.S_addr);

    char text[64];
    DWORD size = sizeof(text);
    ASSERT_EQ(WSAAddressToStringA(reinterpret_cast<PSOCKADDR>(&address), sizeof(address), nullptr,
                                  text, &size),
              0);
    EXPECT_STREQ(text, "192.168.1.20:8080");
    EXPECT_EQ(size, 18u);
    size = 4;
    EXPECT_EQ(WSAAddressToStringA(reinterpret_cast<PSOCKADDR>(&address), sizeof(address), nullptr,
                                  text, &size),
              SOCKET_ERROR);
    EXPECT_EQ(WSAGetLastError(), WSAEFAULT);
    EXPECT_EQ(size, 18u);
    EXPECT_STREQ(inet_ntoa(address.sin_addr), "192.168.1.20");

    SOCKADDR_IN6 v6 = {};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(443);
    ASSERT_EQ(inet_pton(AF_INET6, "::1", &v6.sin6_addr), 1);
    wchar_t wide[64];
    size = ARRAYSIZE(wide);
    ASSERT_EQ(
        WSAAddressToStringW(reinterpret_cast<PSOCKADDR>(&v6), sizeof(v6), nullptr, wide, &size), 0);
    EXPECT_STREQ(wide, L"[::1]:443");

    SOCKADDR_STORAGE storage;
    INT length = sizeof(storage);
    char input[] = "10.0.0.1:81";
    ASSERT_EQ(WSAStringToAddressA(input, AF_INET, nullptr, reinterpret_cast<PSOCKADDR>(&storage),
                                  &length),
              0);
    const SOCKADDR_IN* parsed = reinterpret_cast<const SOCKADDR_IN*>(&storage);
    EXPECT_EQ(ntohs(parsed->sin_port), 81);
    EXPECT_EQ(parsed->sin_addr.S_un.S_un_b.s_b4, 1);
    WSADATA data;
    EXPECT_EQ(WSAStartup(MAKEWORD(2, 2), &data), 0);
    EXPECT_EQ(WSACleanup(), 0);
}

// ---- security identifiers ----------------------------------------------------------------------
TEST(SdkWindowsSecurity, SidStrings) {
    PSID sid = nullptr;
    ASSERT_TRUE(ConvertStringSidToSidA("S-1-5-32-544", &sid));
    EXPECT_TRUE(IsValidSid(sid));
    EXPECT_EQ(GetLengthSid(sid), 16u);
    LPSTR text = nullptr;
    ASSERT_TRUE(ConvertSidToStringSidA(sid, &text));
    EXPECT_STREQ(text, "S-1-5-32-544");
    LocalFree(text);
    LPWSTR wide = nullptr;
    ASSERT_TRUE(ConvertSidToStringSid(sid, &wide));  // the W form through the overload
    EXPECT_STREQ(wide, L"S-1-5-32-544");
    LocalFree(wide);
    LocalFree(sid);
    EXPECT_FALSE(ConvertSidToStringSidA(nullptr, &text));
    EXPECT_EQ(GetLastError(), static_cast<DWORD>(ERROR_INVALID_SID));
    EXPECT_FALSE(ConvertStringSidToSidA("S-1-x", &sid));
}

// ---- tchar
// ---------------------------------------------------------------------------------------
TEST(SdkWindowsTchar, NarrowMappings) {
    _TCHAR buffer[16];
    _tcscpy(buffer, _T("Text"));
    EXPECT_EQ(_tcslen(buffer), 4u);
    EXPECT_EQ(_tcsicmp(buffer, _T("TEXT")), 0);
    EXPECT_EQ(_tcscmp(buffer, _T("Text")), 0);
    _stprintf(buffer, _T("%d"), 12);
    EXPECT_STREQ(buffer, "12");
}

}  // namespace
