// pem-line-endings: files use LF line endings only.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "pem-line-endings",
    Severity::Warn,
    "Every file uses LF line endings (no CRLF, no mixed endings)",
    "Terraform's aws_iam_server_certificate docs: AWS rewrites bodies with DOS line breaks, so tools see a diff "
    "forever; ELB showed \"Invalid certificate\" until dos2unix (AWS-RULES.md 1b iam-line-endings, issue 15)",
    "convert the file to LF endings: dos2unix FILE, or sed -i 's/\\r$//' FILE",
};

class PemLineEndings final : public Rule {
public:
    PemLineEndings() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        for (const InputFile* f : given_files(m)) {
            const TextFacts& t = f->text;
            if (f->encoding == Encoding::Der || f->encoding == Encoding::Binary) continue;  // not text: body-pem speaks
            if (t.utf16 || (t.crlf_lines == 0 && t.cr_lines == 0)) continue;
            const std::string q = shell_quote(f->path);
            const std::string hint = fmt::format("convert it to LF endings: sed -i 's/\\r$//' {}", q);
            if (t.cr_lines > 0) {
                return Result::fail(fmt::format("the {} has {} line{} ending in a bare CR", to_string(f->slot), t.cr_lines,
                                                t.cr_lines == 1 ? "" : "s"),
                                    at_file(*f), fmt::format("convert it to LF endings: tr '\\r' '\\n' < {} > fixed.pem", q));
            }
            if (t.lf_lines == 0) {
                return Result::fail(fmt::format("the {} has CRLF (Windows) line endings", to_string(f->slot)),
                                    at_file(*f, t.first_crlf_line), hint);
            }
            return Result::fail(fmt::format("the {} mixes line endings: {} CRLF and {} LF lines, the first CRLF at line {}",
                                            to_string(f->slot), t.crlf_lines, t.lf_lines, t.first_crlf_line),
                                at_file(*f, t.first_crlf_line), hint);
        }
        return Result::pass("every file uses LF line endings", at_file(m.body));
    }
};

}  // namespace

// catalogue: 230
std::unique_ptr<Validator> make_pem_line_endings() { return std::make_unique<PemLineEndings>(); }

}  // namespace certcheck::rules
