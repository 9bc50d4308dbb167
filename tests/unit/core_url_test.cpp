#include <gtest/gtest.h>

#include "core/url.h"

using lintel::core::split_and_canonicalize;

namespace {
struct split {
    bool ok;
    std::string path;
    std::string query;
};
split run(std::string_view target) {
    split s;
    s.ok = split_and_canonicalize(target, s.path, s.query);
    return s;
}
}  // namespace

TEST(Url, SplitsPathAndQuery) {
    auto s = run("/a/b.txt?x=1&y=%20");
    ASSERT_TRUE(s.ok);
    EXPECT_EQ(s.path, "/a/b.txt");
    EXPECT_EQ(s.query, "x=1&y=%20");
}

TEST(Url, DecodesPercentEscapesInThePathOnly) {
    auto s = run("/hello%20world/%41?q=%41");
    ASSERT_TRUE(s.ok);
    EXPECT_EQ(s.path, "/hello world/A");
    EXPECT_EQ(s.query, "q=%41");
}

TEST(Url, RemovesDotSegmentsAndCollapsesSlashes) {
    EXPECT_EQ(run("/a/./b/../c").path, "/a/c");
    EXPECT_EQ(run("/a//b").path, "/a/b");
    EXPECT_EQ(run("/a/b/..").path, "/a/");
    EXPECT_EQ(run("/a/%2e%2e/b").path, "/b");
    EXPECT_EQ(run("/a\\b").path, "/a/b");
}

TEST(Url, RejectsClimbingAboveTheRootAndEncodedNul) {
    EXPECT_FALSE(run("/../etc/passwd").ok);
    EXPECT_FALSE(run("/a/../../b").ok);
    EXPECT_FALSE(run("/%2e%2e/x").ok);
    EXPECT_FALSE(run("/a%00b").ok);
    EXPECT_FALSE(run("relative").ok);
    EXPECT_FALSE(run("").ok);
}

TEST(Url, AbsoluteFormKeepsPathAndQuery) {
    auto s = run("http://example.com:8080/x/y?z");
    ASSERT_TRUE(s.ok);
    EXPECT_EQ(s.path, "/x/y");
    EXPECT_EQ(s.query, "z");
    EXPECT_EQ(run("http://example.com").path, "/");
}

TEST(Url, InvalidEscapesStayLiteral) {
    EXPECT_EQ(run("/100%zz").path, "/100%zz");
    EXPECT_EQ(run("/x%4").path, "/x%4");
}
