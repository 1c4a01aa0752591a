// pem-trailing-whitespace: no line ends in spaces or tabs.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "pem-trailing-whitespace",
    Severity::Warn,
    "No line ends in spaces or tabs",
    "ACM certificate and key format: a space at the end of a line invalidates the PEM, and ACM then misreports "
    "\"more than one certificate\" (AWS-RULES.md 3 acm-no-extra-whitespace, issue 19)",
    "strip trailing white space: sed -i 's/[ \\t]*$//' FILE",
};

class PemTrailingWhitespace final : public Rule {
public:
    PemTrailingWhitespace() : Rule(kInfo, "always applies") {}
    bool applies(const Material&, const Context&) const override { return true; }
    Result check(const Material& m, const Context&) const override {
        for (const InputFile* f : given_files(m)) {
            const TextFacts& t = f->text;
            if (f->encoding == Encoding::Der || f->encoding == Encoding::Binary) continue;  // not text: body-pem speaks
            if (t.utf16 || t.trailing_ws_count == 0) continue;
            const int first = t.trailing_ws_lines.front();
            const std::string more = t.trailing_ws_count > 1 ? fmt::format(" (and {} more line{})", t.trailing_ws_count - 1,
                                                                           t.trailing_ws_count == 2 ? "" : "s")
                                                             : std::string{};
            return Result::fail(fmt::format("line {} of the {} ends in spaces or tabs{}", first, to_string(f->slot), more),
                                at_file(*f, first),
                                fmt::format("strip trailing white space: sed -i 's/[ \\t]*$//' {}", shell_quote(f->path)));
        }
        return Result::pass("no line ends in white space", at_file(m.body));
    }
};

}  // namespace

// catalogue: 240
std::unique_ptr<Validator> make_pem_trailing_whitespace() { return std::make_unique<PemTrailingWhitespace>(); }

}  // namespace certcheck::rules
