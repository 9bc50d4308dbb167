#include <gtest/gtest.h>

#include "api/text.h"

using lintel::api::widen;

TEST(ApiText, WidensValidUtf8) {
    EXPECT_EQ(widen("a/\xc3\xa9/\xe2\x82\xac/\xf0\x9f\x98\x80"), std::wstring(L"a/\u00e9/\u20ac/\U0001F600"));
}

TEST(ApiText, OverlongAndBrokenSequencesNeverBecomeSeparators) {
    EXPECT_EQ(widen("\xc0\xaf"), std::wstring(L"\uFFFD"));           // overlong '/'
    EXPECT_EQ(widen("\xe0\x80\xaf"), std::wstring(L"\uFFFD"));       // overlong '/' in three bytes
    EXPECT_EQ(widen("\xed\xa0\x80"), std::wstring(L"\uFFFD"));       // a surrogate
    EXPECT_EQ(widen("\xc3"), std::wstring(L"\uFFFD"));               // truncated
    EXPECT_EQ(widen("\xc3/"), std::wstring(L"\uFFFD/"));             // a separator is never swallowed
}
