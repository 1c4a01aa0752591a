// --fetch-missing: a missing intermediate fetched from the AIA caIssuers URL of the certificate
// it should have issued (RFC 5280 4.2.2.1), over plain HTTP, with a size and a time limit, and
// used only when its signature verifies. Off by default.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <openssl/x509.h>

#include "certcheck/openssl.hpp"

namespace certcheck {

struct AiaSettings {
    std::chrono::milliseconds timeout{10000};  // per URL: lookup, connect, request and response
    std::size_t max_bytes = 1024u * 1024u;     // the whole HTTP response, headers included
};

struct FetchedIssuer {
    ossl::X509Ptr cert;  // its key verifies the child's signature and its subject is the child's issuer
    std::string url;
    std::string label;  // "CN=..." for messages
};

// The http:// caIssuers URLs of x's AIA extension, in order (other schemes are left out).
[[nodiscard]] std::vector<std::string> ca_issuers_urls(X509* x);

// GETs url (http:// only) and returns the body of a 200 response. Nullopt with `why` set on any
// failure (no connection, timeout, not 200, larger than the limit).
[[nodiscard]] std::optional<std::string> http_get(const std::string& url, const AiaSettings& settings, std::string& why);

// The certificates of a DER certificate, PEM certificates, or a PKCS#7 bundle (DER or PEM).
[[nodiscard]] std::vector<ossl::X509Ptr> certificates_in(const std::string& body);

// child's issuer, fetched from its caIssuers URLs. Nullopt with `why` set (no URL, every URL
// failed, or nothing fetched issued child).
[[nodiscard]] std::optional<FetchedIssuer> fetch_issuer(X509* child, const AiaSettings& settings, std::string& why);

class TrustStore;

// From `from` upward: issuers fetched one after the other until one is a root or the trust store
// holds the next issuer (at most 5). `stopped` says why it ended short ("" when it did not).
[[nodiscard]] std::vector<FetchedIssuer> fetch_issuers_above(X509* from, const AiaSettings& settings, const TrustStore* trust,
                                                             std::string& stopped);

// "; --fetch-missing fetched CN=X from URL (signature verified)[, then ...][; could not fetch further: why]"
// for a finding's message ("" when nothing was tried).
[[nodiscard]] std::string describe_fetched(const std::vector<FetchedIssuer>& fetched, const std::string& stopped);

}  // namespace certcheck
