// The renderers' spill buffer: the same text back whether it stayed in memory or went to a file.
#include <sstream>

#include <gtest/gtest.h>

#include "render/spill.hpp"

namespace certcheck::render_detail {
namespace {

TEST(Spill, SameTextAndLinesInMemoryAndInATemporaryFile) {
    for (const std::size_t limit : {std::size_t{1} << 20U, std::size_t{7}}) {
        Spill s(limit);
        EXPECT_TRUE(s.empty());
        std::string expected;
        for (int i = 0; i < 5000; ++i) {
            const std::string line = "line " + std::to_string(i) + " {a=\"x\"}\n";
            s.append(line);
            expected += line;
        }
        std::ostringstream out;
        s.copy_to(out);
        EXPECT_EQ(out.str(), expected) << "limit " << limit;
        std::ostringstream twice;
        s.copy_to(twice);
        EXPECT_EQ(twice.str(), expected) << "read back more than once";
        std::vector<std::string> lines;
        s.for_each_line([&](std::string_view l) { lines.emplace_back(l); });
        ASSERT_EQ(lines.size(), 5000u);
        EXPECT_EQ(lines[4999], "line 4999 {a=\"x\"}");
        s.append("after\n");
        std::ostringstream more;
        s.copy_to(more);
        EXPECT_EQ(more.str(), expected + "after\n") << "appending after a read-back";
    }
}

}  // namespace
}  // namespace certcheck::render_detail
