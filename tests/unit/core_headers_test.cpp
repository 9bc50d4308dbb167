#include <gtest/gtest.h>

#include "core/headers.h"

using lintel::core::header_list;

namespace {
std::vector<std::string> names(const header_list& list) {
    std::vector<std::string> out;
    for (const auto& field : list.fields()) out.push_back(field.name + "=" + field.value);
    return out;
}
}  // namespace

TEST(HeaderList, FindIsCaseInsensitive) {
    header_list list;
    list.add("Content-Type", "text/plain");
    ASSERT_NE(list.find("content-type"), nullptr);
    EXPECT_EQ(*list.find("CONTENT-TYPE"), "text/plain");
    EXPECT_EQ(list.find("Content-Length"), nullptr);
}

TEST(HeaderList, SetReplaceDropsEveryFieldOfThatName) {
    header_list list;
    list.add("X-A", "1");
    list.add("X-B", "2");
    list.add("x-a", "3");
    list.set("X-A", "4", true);
    EXPECT_EQ(names(list), (std::vector<std::string>{"X-B=2", "X-A=4"}));
}

TEST(HeaderList, SetAppendCombinesWithComma) {
    header_list list;
    list.set("Vary", "Accept", false);
    list.set("vary", "Cookie", false);
    EXPECT_EQ(names(list), (std::vector<std::string>{"Vary=Accept, Cookie"}));
}

TEST(HeaderList, RemoveKeepsTheOrderOfTheRest) {
    header_list list;
    for (const char* name : {"A", "B", "C", "B", "D"}) list.add(name, "v");
    EXPECT_TRUE(list.remove("b"));
    EXPECT_FALSE(list.remove("missing"));
    EXPECT_EQ(names(list), (std::vector<std::string>{"A=v", "C=v", "D=v"}));
}

TEST(HeaderList, ClearKeepsStringCapacityForReuse) {
    header_list list;
    const std::string long_value(200, 'x');
    list.add("User-Agent", long_value);
    const char* storage = list.fields()[0].value.data();
    list.clear();
    EXPECT_TRUE(list.empty());
    EXPECT_EQ(list.find("User-Agent"), nullptr);
    list.add("User-Agent", std::string(150, 'y'));
    // The same buffer is reused: no allocation for a value that fits.
    EXPECT_EQ(list.fields()[0].value.data(), storage);
    EXPECT_EQ(list.fields()[0].value, std::string(150, 'y'));
    EXPECT_EQ(list.size(), 1u);
}
