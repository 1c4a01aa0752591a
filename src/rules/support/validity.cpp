// Rule helpers: where an instant lies in a certificate's validity window (declared in rules/rules.hpp).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "endpoint/aia.hpp"
#include "certcheck/load.hpp"
#include "certcheck/rolesanywhere.hpp"
#include "common/x509util.hpp"
#include "load/keys.hpp"
#include "rules/rules.hpp"

namespace certcheck::rules {

Window window_at(X509* x, std::time_t at) {
    // RFC 5280 4.1.2.5: valid from notBefore to notAfter, both instants included.
    const auto begin = x509::to_time(X509_get0_notBefore(x));
    const auto end = x509::to_time(X509_get0_notAfter(x));
    if (!begin || !end) return Window::Unreadable;
    if (at < *begin) return Window::NotYetValid;
    if (at > *end) return Window::Expired;
    return Window::Inside;
}

std::string not_before(X509* x) {
    const auto t = x509::to_time(X509_get0_notBefore(x));
    return t ? x509::format_time(*t) : std::string{"(unreadable time)"};
}

std::string not_after(X509* x) {
    const auto t = x509::to_time(X509_get0_notAfter(x));
    return t ? x509::format_time(*t) : std::string{"(unreadable time)"};
}

std::string stale_trust_root(X509* root, const std::vector<X509*>& below, const Context& ctx) {
    std::string why;
    switch (window_at(root, ctx.at)) {
        case Window::Inside: return {};
        case Window::Expired: why = fmt::format("expired on {}", not_after(root)); break;
        case Window::NotYetValid: why = fmt::format("is not valid until {}", not_before(root)); break;
        case Window::Unreadable: why = "has a validity time that cannot be read"; break;
    }
    if (ctx.trust == nullptr) return why;
    for (X509* x : below) {
        const ossl::X509Ptr other = ctx.trust->issuer_of(x);
        if (other && X509_cmp(other.get(), root) != 0 && window_at(other.get(), ctx.at) == Window::Inside) return {};
    }
    return why;
}

}  // namespace certcheck::rules
