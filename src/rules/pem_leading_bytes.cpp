// pem-leading-bytes: nothing stands before the first -----BEGIN line's dashes: no byte-order mark,
// no indentation. (Whole lines of text before the first block are the *-pem rules' finding.)
#include "rules/rules.hpp"

#include <fmt/format.h>

#include "certcheck/rolesanywhere.hpp"

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "pem-leading-bytes",
    Severity::Error,
    "No byte-order mark or other bytes stand before the first -----BEGIN line",
    "IAM API UploadServerCertificate (botocore model): body, key and chain match [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+, "
    "which a byte-order mark is not (AWS-RULES.md 1a iam-charset); ACM: do not add characters to the PEM "
    "(AWS-RULES.md 3 acm-no-extra-whitespace); aws_signing_helper reads a block only where -----BEGIN starts a line "
    "(AWS-RULES.md 5d rah-cert-pem). AWS is silent on ACM and signing certificates: certcheck refuses the bytes everywhere",
    "save the file without a byte-order mark, with -----BEGIN at the very start of its line (certcheck fix writes a clean copy)",
};

struct Leading {
    int line = 0;
    std::string text;
    std::string hint;
};

// What stands before the dashes of the first BEGIN line, if anything.
std::optional<Leading> leading_bytes(const InputFile& f) {
    if (f.encoding != Encoding::Pem || f.text.utf16 || f.blocks.empty()) return std::nullopt;  // the *-pem rules say what it is
    const std::string q = shell_quote(f.path);
    if (f.text.utf8_bom) {
        return Leading{1, fmt::format("the {} starts with a UTF-8 byte-order mark (bytes EF BB BF) before -----BEGIN", to_string(f.slot)),
                       fmt::format("strip it: sed -i '1s/^\\xEF\\xBB\\xBF//' {} (or certcheck fix)", q)};
    }
    const std::size_t dashes = f.data.find("-----BEGIN");
    if (dashes == std::string::npos) return std::nullopt;
    const std::size_t nl = f.data.find_last_of("\r\n", dashes == 0 ? 0 : dashes - 1);
    const std::size_t start = (nl == std::string::npos || dashes == 0) ? 0 : nl + 1;
    if (dashes == 0 || start == dashes) return std::nullopt;
    const std::string_view before{f.data.data() + start, dashes - start};
    if (before.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;  // not read as a block: *-pem reports it
    const int line = f.blocks.front().begin_line;
    return Leading{line,
                   fmt::format("line {}: {} space{} or tab{} before -----BEGIN; tools that look for -----BEGIN at the start of a "
                               "line (the AWS credential helper among them) do not see the block",
                               line, before.size(), before.size() == 1 ? "" : "s", before.size() == 1 ? "" : "s"),
                   fmt::format("unindent it: sed -i 's/^[[:space:]]*-----/-----/' {} (or certcheck fix)", q)};
}

class PemLeadingBytes final : public Rule {
public:
    PemLeadingBytes() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context& ctx) const override {
        std::vector<const InputFile*> files = given_files(m);
        if (const LoadedFile* anchor = trust_anchor(ctx)) files.push_back(&anchor->file);
        for (const InputFile* f : files) {
            if (auto l = leading_bytes(*f)) return Result::fail(std::move(l->text), at_file(*f, l->line), std::move(l->hint));
        }
        return Result::pass("every file starts its first PEM block at the start of a line, with no byte-order mark",
                            at_file(m.body));
    }
};

}  // namespace

// catalogue: 250
std::unique_ptr<Validator> make_pem_leading_bytes() { return std::make_unique<PemLeadingBytes>(); }

}  // namespace certcheck::rules
