#include "endpoint/aia.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509v3.h>

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "common/net.hpp"
#include "common/x509util.hpp"

namespace certcheck {

std::vector<std::string> ca_issuers_urls(X509* x) {
    std::vector<std::string> out;
    auto* aia = static_cast<AUTHORITY_INFO_ACCESS*>(X509_get_ext_d2i(x, NID_info_access, nullptr, nullptr));
    ossl::clear_errors();
    if (aia == nullptr) return out;
    for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); ++i) {
        const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia, i);
        if (OBJ_obj2nid(ad->method) != NID_ad_ca_issuers || ad->location->type != GEN_URI) continue;
        const ASN1_IA5STRING* uri = ad->location->d.uniformResourceIdentifier;
        std::string url(reinterpret_cast<const char*>(ASN1_STRING_get0_data(uri)), static_cast<std::size_t>(ASN1_STRING_length(uri)));
        std::string lower = url.substr(0, 7);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (lower == "http://") out.push_back(std::move(url));
    }
    AUTHORITY_INFO_ACCESS_free(aia);
    return out;
}

namespace {

struct Url {
    std::string host;
    std::uint16_t port = 80;
    std::string path = "/";
};

std::optional<Url> parse_http_url(const std::string& url, std::string& why) {
    if (url.size() < 8 || url.compare(0, 7, "http://") != 0) {
        why = "not an http:// URL";
        return std::nullopt;
    }
    Url u;
    std::string rest = url.substr(7);
    const auto slash = rest.find('/');
    if (slash != std::string::npos) {
        u.path = rest.substr(slash);
        rest.resize(slash);
    }
    for (const char c : u.path) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
            why = "the URL path holds a space or control character";
            return std::nullopt;
        }
    }
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string::npos) {
            why = "'[' without ']' in the URL";
            return std::nullopt;
        }
        u.host = rest.substr(1, close - 1);
        rest = rest.substr(close + 1);
    } else {
        const auto colon = rest.find(':');
        u.host = rest.substr(0, colon);
        rest = colon == std::string::npos ? std::string{} : rest.substr(colon);
    }
    if (!rest.empty()) {
        if (rest[0] != ':' || rest.size() < 2 || rest.size() > 6 ||
            !std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            why = "a bad port in the URL";
            return std::nullopt;
        }
        const unsigned long port = std::stoul(rest.substr(1));
        if (port == 0 || port > 65535) {
            why = "a bad port in the URL";
            return std::nullopt;
        }
        u.port = static_cast<std::uint16_t>(port);
    }
    if (u.host.empty() || u.host.find_first_of(" \t\r\n@/?#") != std::string::npos) {
        why = "no usable host in the URL";
        return std::nullopt;
    }
    return u;
}

}  // namespace

std::optional<std::string> http_get(const std::string& url, const AiaSettings& settings, std::string& why) {
    const auto parsed = parse_http_url(url, why);
    if (!parsed) return std::nullopt;
    const auto deadline = net::Clock::now() + settings.timeout;
    const auto addresses = net::resolve(parsed->host, parsed->port, deadline, why);
    if (addresses.empty()) return std::nullopt;
    net::Socket sock;
    for (const net::Address& a : addresses) {
        sock = net::connect(a, deadline, why);
        if (sock.valid()) break;
    }
    if (!sock.valid()) return std::nullopt;
    const std::string host_header = parsed->host.find(':') != std::string::npos ? "[" + parsed->host + "]" : parsed->host;
    const std::string request = fmt::format(
        "GET {} HTTP/1.0\r\nHost: {}:{}\r\nUser-Agent: certcheck\r\nAccept: */*\r\nConnection: close\r\n\r\n", parsed->path,
        host_header, parsed->port);
    std::size_t sent = 0;
    while (sent < request.size()) {
        if (!net::wait_for(sock.fd(), POLLOUT, deadline)) {
            why = "the request could not be sent within the timeout";
            return std::nullopt;
        }
        const ssize_t n = ::send(sock.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            why = std::strerror(errno);
            return std::nullopt;
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string response;
    char buf[16384];
    for (;;) {
        if (!net::wait_for(sock.fd(), POLLIN, deadline)) {
            why = "no complete response within the timeout";
            return std::nullopt;
        }
        const ssize_t n = ::recv(sock.fd(), buf, sizeof buf, 0);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            why = std::strerror(errno);
            return std::nullopt;
        }
        response.append(buf, static_cast<std::size_t>(n));
        if (response.size() > settings.max_bytes) {
            why = fmt::format("the response is larger than {} bytes; refused", settings.max_bytes);
            return std::nullopt;
        }
    }
    const auto head_end = response.find("\r\n\r\n");
    if (!response.starts_with("HTTP/1.") || head_end == std::string::npos) {
        why = "not an HTTP response";
        return std::nullopt;
    }
    const auto line_end = response.find("\r\n");
    const std::string status_line = response.substr(0, line_end);
    if (status_line.size() < 12 || status_line.compare(9, 3, "200") != 0) {
        why = fmt::format("the server answered '{}'", status_line.substr(0, 80));
        return std::nullopt;
    }
    return response.substr(head_end + 4);
}

std::vector<ossl::X509Ptr> certificates_in(const std::string& body) {
    std::vector<ossl::X509Ptr> out;
    ossl::clear_errors();
    const auto* p = reinterpret_cast<const unsigned char*>(body.data());
    if (ossl::X509Ptr x{d2i_X509(nullptr, &p, static_cast<long>(body.size()))}) {
        out.push_back(std::move(x));
        ossl::clear_errors();
        return out;
    }
    const auto take_pkcs7 = [&](PKCS7* p7) {
        if (p7 == nullptr) return;
        STACK_OF(X509)* certs = OBJ_obj2nid(p7->type) == NID_pkcs7_signed && p7->d.sign != nullptr ? p7->d.sign->cert : nullptr;
        for (int i = 0; certs != nullptr && i < sk_X509_num(certs); ++i) out.push_back(ossl::share(sk_X509_value(certs, i)));
    };
    p = reinterpret_cast<const unsigned char*>(body.data());
    if (ossl::Pkcs7Ptr p7{d2i_PKCS7(nullptr, &p, static_cast<long>(body.size()))}) {
        take_pkcs7(p7.get());
        ossl::clear_errors();
        return out;
    }
    ossl::BioPtr bio{BIO_new_mem_buf(body.data(), static_cast<int>(std::min<std::size_t>(body.size(), 1u << 30)))};
    while (bio) {
        ossl::X509Ptr x{PEM_read_bio_X509(bio.get(), nullptr, ossl::refuse_passphrase, nullptr)};
        if (!x) break;
        out.push_back(std::move(x));
    }
    if (out.empty()) {
        bio.reset(BIO_new_mem_buf(body.data(), static_cast<int>(std::min<std::size_t>(body.size(), 1u << 30))));
        if (bio) {
            ossl::Pkcs7Ptr p7{PEM_read_bio_PKCS7(bio.get(), nullptr, ossl::refuse_passphrase, nullptr)};
            take_pkcs7(p7.get());
        }
    }
    ossl::clear_errors();
    return out;
}

std::optional<FetchedIssuer> fetch_issuer(X509* child, const AiaSettings& settings, std::string& why) {
    const std::vector<std::string> urls = ca_issuers_urls(child);
    if (urls.empty()) {
        why = fmt::format("{} has no http:// caIssuers URL (AIA)", x509::short_label(child));
        return std::nullopt;
    }
    std::string failures;
    for (const std::string& url : urls) {
        std::string err;
        const auto body = http_get(url, settings, err);
        if (!body) {
            failures += (failures.empty() ? "" : "; ") + fmt::format("{}: {}", url, err);
            continue;
        }
        std::vector<ossl::X509Ptr> certs = certificates_in(*body);
        if (certs.empty()) {
            failures += (failures.empty() ? "" : "; ") + fmt::format("{}: no certificate (DER, PEM or PKCS#7) in the response", url);
            continue;
        }
        for (ossl::X509Ptr& c : certs) {
            if (x509::issued_by(child, c.get())) {
                FetchedIssuer f;
                f.label = x509::short_label(c.get());
                f.cert = std::move(c);
                f.url = url;
                return f;
            }
        }
        failures += (failures.empty() ? "" : "; ") +
                    fmt::format("{}: the certificate there did not issue {} (name or signature)", url, x509::short_label(child));
    }
    why = failures;
    return std::nullopt;
}

std::vector<FetchedIssuer> fetch_issuers_above(X509* from, const AiaSettings& settings, const TrustStore* trust,
                                               std::string& stopped) {
    constexpr int kMaxFetched = 5;
    std::vector<FetchedIssuer> out;
    X509* current = from;
    for (int depth = 0; depth < kMaxFetched && !x509::self_signed(current); ++depth) {
        if (trust != nullptr && trust->has_issuer_of(current)) break;
        auto found = fetch_issuer(current, settings, stopped);
        if (!found) break;
        out.push_back(std::move(*found));
        current = out.back().cert.get();
    }
    return out;
}

std::string describe_fetched(const std::vector<FetchedIssuer>& fetched, const std::string& stopped) {
    std::string out;
    for (const FetchedIssuer& f : fetched) {
        out += fmt::format("{}fetched {} from {} (signature verified)", out.empty() ? "; --fetch-missing " : ", then ", f.label, f.url);
    }
    if (!stopped.empty()) out += fmt::format("{}could not fetch further: {}", out.empty() ? "; --fetch-missing " : "; ", stopped);
    return out;
}

}  // namespace certcheck
