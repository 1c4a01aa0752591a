// --format html in a real browser: Debian's chromium-headless-shell loads the page from disk
// (no network), --dump-dom gives the DOM after the inline script ran. A subject CN holding
// markup must stay text; the table has a row per subject and sorts; a screenshot is kept in
// the build directory (test-artefacts/html-report.png) for a person to look at.
#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "support/monitoring.hpp"
#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

namespace fs = std::filesystem;

void site(const std::string& root, const std::string& name, const std::string& cert, const std::string& key) {
    fs::create_directories(fs::path(root) / name);
    fs::copy_file(fixture(cert), fs::path(root) / name / "cert.pem");
    fs::copy_file(fixture(key), fs::path(root) / name / "key.pem");
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

TEST(HtmlReport, RendersInChromiumWithARowPerSubjectAndMarkupAsText) {
    TempDir dir;
    const std::string tree = dir.path() + "/tree";
    site(tree, "www", "leaf.pem", "leaf.key");
    fs::copy_file(fixture("chain.pem"), fs::path(tree) / "www/chain.pem");
    site(tree, "old", "expired.pem", "expired.key");
    fs::create_directories(fs::path(tree) / "evil");
    const RunResult gen = run_program({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tree + "/evil/key.pem", "-out",
                                       tree + "/evil/cert.pem", "-days", "3650", "-addext", "basicConstraints=CA:FALSE", "-subj",
                                       "/CN=<img src=x onerror=alert(1)><b>bold<\\/b>"});
    ASSERT_EQ(gen.exit_code, 0) << gen.err;

    const std::string html = dir.path() + "/report.html";
    const RunResult r = run_certcheck({"scan", tree, "--at", std::string{kTestAt}, "--format", "html", "--output", html, "--progress", "never"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    const std::string page = read_file(html);
    // Self-contained: no external script, style, image or link; only the SVG namespace names a URL.
    EXPECT_FALSE(std::regex_search(page, std::regex(R"((src|href)\s*=\s*["']?(https?:|//))"))) << "an external asset";
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_EQ(count(page, "://"), count(page, "http://www.w3.org/2000/svg")) << "no URL but the SVG namespace";
    EXPECT_NE(page.find("&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(page.find("<svg id=\"timeline\""), std::string::npos);

    const RunResult dom = browser({"--dump-dom", "file://" + html});
    ASSERT_NE(dom.exit_code, 127) << "chromium-headless-shell is missing: run cmake/install-deps.sh";
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_EQ(count(dom.out, "<tr class=\"subject\""), 3u) << dom.out;
    // The CN is a text node (serialised escaped), never an element the browser made.
    EXPECT_NE(dom.out.find("&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;bold&lt;/b&gt;"), std::string::npos) << dom.out;
    EXPECT_EQ(dom.out.find("<img"), std::string::npos) << "the CN became an element";
    EXPECT_EQ(dom.out.find("<b>bold</b>"), std::string::npos);
    EXPECT_NE(dom.out.find("body-validity"), std::string::npos) << "findings are listed";
    EXPECT_NE(dom.out.find("hint: renew the certificate"), std::string::npos) << "with their hints";
    EXPECT_EQ(count(dom.out, "<rect"), 3u + 3u) << "three bars (one per leaf) and three legend swatches";

    // The inline script sorts: #sort=2 orders by days left, ascending (the expired one first).
    const RunResult sorted = browser({"--dump-dom", "file://" + html + "#sort=2"});
    const auto old_at = sorted.out.find("/old/cert.pem</a>");
    const auto evil_at = sorted.out.find("/evil/cert.pem</a>");
    const auto www_at = sorted.out.find("/www/cert.pem</a>");
    ASSERT_NE(old_at, std::string::npos) << sorted.out;
    EXPECT_LT(old_at, evil_at);
    EXPECT_LT(evil_at, www_at);
    EXPECT_NE(sorted.out.find("aria-sort=\"ascending\""), std::string::npos);
    const RunResult desc = browser({"--dump-dom", "file://" + html + "#sort=2-desc"});
    EXPECT_LT(desc.out.find("/www/cert.pem</a>"), desc.out.find("/old/cert.pem</a>"));

    // The screenshot, kept for a person to look at.
    const fs::path artefacts = fs::path(CERTCHECK_BINARY).parent_path().parent_path() / "test-artefacts";
    fs::create_directories(artefacts);
    const std::string png = (artefacts / "html-report.png").string();
    fs::remove(png);
    const RunResult shot = browser({"--window-size=1280,1100", "--screenshot=" + png, "file://" + html});
    EXPECT_EQ(shot.exit_code, 0) << shot.err;
    ASSERT_TRUE(fs::exists(png)) << shot.err;
    EXPECT_GT(fs::file_size(png), 20000u);
    EXPECT_EQ(read_file(png).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(HtmlReport, CheckWritesOnePageForOneSubject) {
    const RunResult r = run_certcheck({"check", "--cert", fixture("leaf.pem"), "--key", fixture("leaf.key"), "--chain", fixture("chain.pem"),
                                       "--at", std::string{kTestAt}, "--format", "html"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with("<!DOCTYPE html>"));
    EXPECT_EQ(count(r.out, "<tr class=\"subject\""), 1u);
    EXPECT_NE(r.out.find("www.example.com"), std::string::npos);
    EXPECT_TRUE(r.out.ends_with("</html>\n"));
}

}  // namespace
}  // namespace certcheck::test
