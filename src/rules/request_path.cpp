// request-path: --path is "/" or "/.../" of printable ASCII, at most 512 characters.
#include "rules/rules.hpp"

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr std::size_t kMaxPath = 512;

constexpr RuleInfo kInfo{
    "request-path",
    Severity::Error,
    "The IAM path is / or begins and ends with /, printable ASCII, at most 512 characters",
    "IAM API UploadServerCertificate: Path 1-512, pattern (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F) "
    "(AWS-RULES.md 1a iam-path-length, iam-path-pattern)",
    "use a path such as / or /cloudfront/prod/ (it must start and end with a slash)",
};

class RequestPath final : public Rule {
public:
    RequestPath() : Rule(kInfo, "no --path given") {}
    bool applies(const Material& m, const Context&) const override { return m.request.path.has_value(); }
    Result check(const Material& m, const Context&) const override {
        const std::string& path = *m.request.path;
        if (path.empty()) return Result::fail("--path is empty");
        if (path.size() > kMaxPath) return Result::fail(fmt::format("--path is {} characters, over {}", path.size(), kMaxPath));
        if (path.front() != '/') return Result::fail("--path must start with '/'");
        if (path.back() != '/') return Result::fail("--path must end with '/'");
        if (path == "//") return Result::fail("--path '//' has nothing between its slashes; use / or /name/");
        for (std::size_t i = 0; i < path.size(); ++i) {
            const auto c = static_cast<unsigned char>(path[i]);
            if (c < 0x21 || c > 0x7e) {
                return Result::fail(fmt::format("--path has byte 0x{:02X} at position {}; only printable ASCII (! to ~) is allowed",
                                                c, i + 1));
            }
        }
        return Result::pass(fmt::format("--path '{}' is valid", path));
    }
};

}  // namespace

// catalogue: 220
std::unique_ptr<Validator> make_request_path() { return std::make_unique<RequestPath>(); }

}  // namespace certcheck::rules
