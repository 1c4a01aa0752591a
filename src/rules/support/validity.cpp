// Rule helpers: where an instant lies in a certificate's validity window (declared in rules/rules.hpp).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include "endpoint/aia.hpp"
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

std::string root_out_of_window(X509* root, std::time_t at) {
    switch (window_at(root, at)) {
        case Window::Inside: return {};
        case Window::Expired: return fmt::format("expired on {}", not_after(root));
        case Window::NotYetValid: return fmt::format("is not valid until {}", not_before(root));
        case Window::Unreadable: break;
    }
    return "has a validity time that cannot be read";
}

}  // namespace certcheck::rules
