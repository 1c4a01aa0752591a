// request-charset: every character is tab, LF, CR or U+0020-U+00FF.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "request-charset",
    Severity::Error,
    "Every character of a text file is tab, LF, CR or U+0020-U+00FF",
    "IAM API UploadServerCertificate (botocore model): body, key and chain match [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+ "
    "(AWS-RULES.md 1a iam-charset)",
    "save the file as plain ASCII",
};

std::string describe_char(const TextFacts& t) {
    if (!t.utf8) return fmt::format("byte 0x{:02X}, which is not valid UTF-8", t.bad_char);
    if (t.bad_char == 0xFEFF) return "U+FEFF, a byte-order mark";
    if (t.bad_char == 0) return "a NUL byte";
    return fmt::format("U+{:04X}", t.bad_char);
}

class RequestCharset final : public Rule {
public:
    RequestCharset() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        for (const InputFile* f : given_files(m)) {
            // A file that is not text (DER, binary, UTF-16) is the *-pem rules' finding, and a leading
            // byte-order mark is pem-leading-bytes': one cause, one finding.
            if (f->encoding == Encoding::Der || f->encoding == Encoding::Binary) continue;
            const TextFacts& t = f->text;
            const std::string q = shell_quote(f->path);
            if (t.utf16) continue;
            if (t.bad_char_line) {
                std::string hint = "remove the character, or save the file as plain ASCII";
                return Result::fail(fmt::format("the {} holds {} at line {}, outside what IAM accepts (tab, LF, CR, U+0020-U+00FF)",
                                                to_string(f->slot), describe_char(t), *t.bad_char_line),
                                    at_file(*f, *t.bad_char_line), std::move(hint));
            }
        }
        return Result::pass("every character is in IAM's accepted set", at_file(m.body));
    }
};

}  // namespace

// catalogue: 200
std::unique_ptr<Validator> make_request_charset() { return std::make_unique<RequestCharset>(); }

}  // namespace certcheck::rules
