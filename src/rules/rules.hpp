// The built-in rules (internal): one factory per rule file, the explicit list, shared helpers.
#pragma once

#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certcheck/chain.hpp"
#include "certcheck/load.hpp"
#include "certcheck/validator.hpp"
#include "common/key_kind.hpp"  // key_kind: the rules describe keys with it
#include "common/shell.hpp"     // shell_quote: for the commands in hints

namespace certcheck::rules {

// The explicit, ordered registration list (builtin.cpp, generated from each rule file's
// "// catalogue: N" line by cmake/gen-rule-list.cmake). Catalogue order is this order; each rule
// file defines its factory, make_<file name>(), after that line.
[[nodiscard]] std::vector<std::unique_ptr<Validator>> make_builtin_rules();

// Base for rules whose metadata and not-applicable reason are constants.
class Rule : public Validator {
public:
    Rule(const RuleInfo& info, std::string_view not_applicable) noexcept : info_(info), na_(not_applicable) {}
    [[nodiscard]] const RuleInfo& info() const noexcept final { return info_; }
    [[nodiscard]] std::string_view not_applicable_reason() const noexcept final { return na_; }

private:
    const RuleInfo& info_;
    std::string_view na_;
};

// One problem found in a file, with where it is and how to fix it.
struct Problem {
    int line = 0;
    std::string text;
    std::string hint;
};

// The files given for this subject (body, then key, then chain).
[[nodiscard]] std::vector<const InputFile*> given_files(const Material& m);

// Why a file is not "PEM holding CERTIFICATE blocks only" (body-pem, chain-pem).
[[nodiscard]] std::vector<Problem> certificate_pem_problems(const InputFile& f, const std::vector<BadBlock>& bad);

// The first problem as a failure at its line, with "(and N more)" when there are others.
[[nodiscard]] Result fail_with(const InputFile& f, const std::vector<Problem>& problems);

// item(0) .. item(count - 1) joined by sep, but at most kMaxListed of them, then "and N more": a
// chain file may hold thousands of certificates, and a message is read by a person.
inline constexpr std::size_t kMaxListed = 20;
[[nodiscard]] std::string list_some(std::size_t count, std::string_view sep,
                                    const std::function<std::string(std::size_t)>& item);

// Where `t` lies relative to the certificate's validity window.
enum class Window {
    Inside,
    NotYetValid,
    Expired,
    Unreadable
};
[[nodiscard]] Window window_at(X509* x, std::time_t at);
[[nodiscard]] std::string not_before(X509* x);  // RFC 3339
[[nodiscard]] std::string not_after(X509* x);
// Why the trust-store root at the top of a path is no trust at ctx.at ("expired on D", "is not
// valid until D"): clients reject a path that ends at it (the AddTrust root of 2020). "" when it
// is inside its window, or when the store holds another issuer, valid at ctx.at, of a certificate
// in `below` (the path clients build instead: Let's Encrypt's R3 under ISRG Root X1 while the
// chain's cross-sign led to the expired DST Root CA X3).
[[nodiscard]] std::string stale_trust_root(X509* root, const std::vector<X509*>& below, const Context& ctx);

// The --trust-anchor file of a roles-anywhere run, loaded; null without one.
[[nodiscard]] const LoadedFile* trust_anchor(const Context& ctx);
// "trust anchor[1] (CN=Example CA, line 21)"
[[nodiscard]] std::string anchor_ref(const LoadedFile& anchor, std::size_t index);

// With --fetch-missing: what the AIA URLs above x supply ("; --fetch-missing fetched CN=... from URL
// (signature verified)"), for chain-complete and chain-present; "" otherwise.
[[nodiscard]] std::string fetch_note(X509* x, const Context& ctx);

// Why `value` is not an IAM name (1-128 characters of [A-Za-z0-9_+=,.@-], the server-certificate and
// user-name pattern [\w+=,.@-]+), as "--name has ' ' at position 4; ...", naming it `option`; nothing when it is one.
[[nodiscard]] std::optional<std::string> iam_name_problem(std::string_view value, std::string_view option);

}  // namespace certcheck::rules
