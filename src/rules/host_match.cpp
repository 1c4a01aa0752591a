// host-match: each --host is covered by the body's subject alternative names.
#include "rules/rules.hpp"

#include <openssl/x509v3.h>

#include <fmt/format.h>

namespace certcheck::rules {
namespace {

constexpr RuleInfo kInfo{
    "host-match", Severity::Error,
    "Each --host name is covered by the certificate's subject alternative names",
    "RFC 6125 6.4 (wildcards match one whole left-most label) and RFC 5280 4.2.1.6; a certificate that does not "
    "name the host uploads fine but fails every TLS handshake (AWS-RULES.md 1d)",
    "reissue the certificate with the missing name in its subjectAltName extension",
};

bool is_ip(const std::string& host) {
    ossl::clear_errors();
    ASN1_OCTET_STRING* ip = a2i_IPADDRESS(host.c_str());
    ossl::clear_errors();
    if (ip == nullptr) return false;
    ASN1_OCTET_STRING_free(ip);
    return true;
}

std::string san_list(X509* x) {
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr));
    ossl::clear_errors();
    if (names == nullptr) return "none";
    std::string out;
    int shown = 0;
    const int n = sk_GENERAL_NAME_num(names);
    for (int i = 0; i < n && shown < 5; ++i) {
        const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, i);
        if (gn->type != GEN_DNS) continue;
        const auto* s = gn->d.dNSName;
        std::string name(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), static_cast<std::size_t>(ASN1_STRING_length(s)));
        bool printable = true;
        for (const char c : name) printable = printable && c > 0x20 && c < 0x7f;
        if (!printable) continue;
        if (!out.empty()) out += ", ";
        out += name;
        ++shown;
    }
    if (n > shown && shown > 0) out += ", ...";
    GENERAL_NAMES_free(names);
    return out.empty() ? std::string{"no DNS names"} : out;
}

class HostMatch final : public Rule {
public:
    HostMatch() : Rule(kInfo, "no --host given") {}
    bool applies(const Material& m, const Context&) const override {
        return !m.request.hosts.empty();
    }
    Result check(const Material& m, const Context&) const override {
        if (m.leaf() == nullptr) return Result::not_applicable("no certificate in the body could be read");
        const Certificate& c = *m.leaf();
        X509* x = c.x509.get();
        std::vector<std::string> missing;
        for (const std::string& host : m.request.hosts) {
            int ok = 0;
            if (is_ip(host)) {
                ok = X509_check_ip_asc(x, host.c_str(), 0);
            } else {
                ok = X509_check_host(x, host.c_str(), host.size(),
                                     X509_CHECK_FLAG_NEVER_CHECK_SUBJECT | X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr);
            }
            ossl::clear_errors();
            if (ok != 1) missing.push_back(host);
        }
        const auto where = at_file(m.body, c.line);
        if (missing.empty()) {
            return Result::pass(fmt::format("{} host name{} covered by the certificate's SANs", m.request.hosts.size(),
                                            m.request.hosts.size() == 1 ? " is" : "s are"),
                                where);
        }
        std::string list;
        for (const auto& h : missing) list += (list.empty() ? "" : ", ") + h;
        return Result::fail(fmt::format("{} not covered by {} (its DNS names: {})", list, c.label, san_list(x)), where);
    }
};

}  // namespace

std::unique_ptr<Validator> make_host_match() { return std::make_unique<HostMatch>(); }

}  // namespace certcheck::rules
