// The endpoint TLS client: target parsing, a name lookup, a non-blocking connect and handshake
// with one deadline, and the certificates the server sent. Nothing here waits without a limit.
#include "endpoint/endpoint.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>

#include <openssl/buffer.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <fmt/format.h>

#include "common/net.hpp"
#include "common/shared_library.hpp"
#include "load/assemble.hpp"

namespace certcheck {

std::string EndpointTarget::label() const {
    const std::string name = servername ? *servername + "@" : std::string{};
    if (host.find(':') != std::string::npos) return fmt::format("{}[{}]:{}", name, host, port);
    return fmt::format("{}{}:{}", name, host, port);
}

std::string server_name(const EndpointTarget& target, const TlsSettings& settings) {
    if (target.servername) return *target.servername;
    return settings.servername.value_or(target.host);
}

namespace {

// Why `host` is not a DNS host name as certcheck takes one ("" when it is).
std::string host_name_problem(std::string_view host) {
    if (host.size() > 253) return "the host name is longer than 253 characters";
    for (const char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        if (!ok) return "the host name holds a character other than letters, digits, '-', '.' and '_'";
    }
    return {};
}

bool is_address(const std::string& host) {
    in_addr a4{};
    in6_addr a6{};
    return inet_pton(AF_INET, host.c_str(), &a4) == 1 || inet_pton(AF_INET6, host.c_str(), &a6) == 1;
}

}  // namespace

std::optional<EndpointTarget> parse_target(std::string_view text, std::string& why) {
    // NAME@TARGET (an '@' before any "://": after it, it is a URL's user information).
    const auto at = text.find('@');
    if (at != std::string_view::npos && at < text.find("://")) {
        const std::string_view name = text.substr(0, at);
        if (name.empty()) {
            why = "nothing before '@' (write NAME@TARGET to send NAME as the server name)";
            return std::nullopt;
        }
        if (is_address(std::string{name})) {
            why = fmt::format("'{}' before '@' is an address; the server name sent (SNI) must be a host name (RFC 6066 3)", name);
            return std::nullopt;
        }
        if (std::string problem = host_name_problem(name); !problem.empty()) {
            why = fmt::format("before '@': {}", problem);
            return std::nullopt;
        }
        auto t = parse_target(text.substr(at + 1), why);
        if (!t) return std::nullopt;
        if (t->servername) {
            why = "more than one NAME@";
            return std::nullopt;
        }
        t->text = std::string{text};
        t->servername = std::string{name};
        return t;
    }
    EndpointTarget t;
    t.text = std::string{text};
    std::string_view rest = text;
    const auto scheme_end = rest.find("://");
    if (scheme_end != std::string_view::npos) {
        std::string scheme{rest.substr(0, scheme_end)};
        std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (scheme != "https") {
            why = fmt::format("only https:// URLs can be checked, not {}://", scheme);
            return std::nullopt;
        }
        rest.remove_prefix(scheme_end + 3);
        const auto end = rest.find_first_of("/?#");
        if (end != std::string_view::npos) rest = rest.substr(0, end);
        if (rest.find('@') != std::string_view::npos) {
            why = "a URL with user information (user@host) is not a target";
            return std::nullopt;
        }
    }
    std::string_view port_text;
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) {
            why = "'[' without a closing ']' (write an IPv6 address as [::1]:443)";
            return std::nullopt;
        }
        t.host = std::string{rest.substr(1, close - 1)};
        const std::string_view after = rest.substr(close + 1);
        if (!after.empty()) {
            if (!after.starts_with(':')) {
                why = "text after ']' that is not ':PORT'";
                return std::nullopt;
            }
            port_text = after.substr(1);
            if (port_text.empty()) {
                why = "':' without a port number";
                return std::nullopt;
            }
        }
        in6_addr a6{};
        if (inet_pton(AF_INET6, t.host.c_str(), &a6) != 1) {
            why = fmt::format("'{}' in brackets is not an IPv6 address", t.host);
            return std::nullopt;
        }
        t.ip_literal = true;
    } else {
        const auto colons = std::count(rest.begin(), rest.end(), ':');
        if (colons > 1) {
            t.host = std::string{rest};
            in6_addr a6{};
            if (inet_pton(AF_INET6, t.host.c_str(), &a6) != 1) {
                why = "more than one ':' (write an IPv6 address with a port as [::1]:443)";
                return std::nullopt;
            }
            t.ip_literal = true;
        } else {
            const auto colon = rest.find(':');
            t.host = std::string{rest.substr(0, colon)};
            if (colon != std::string_view::npos) {
                port_text = rest.substr(colon + 1);
                if (port_text.empty()) {
                    why = "':' without a port number";
                    return std::nullopt;
                }
            }
            in_addr a4{};
            t.ip_literal = inet_pton(AF_INET, t.host.c_str(), &a4) == 1;
        }
    }
    if (t.host.empty()) {
        why = "no host name";
        return std::nullopt;
    }
    if (!t.ip_literal) {
        if (std::string problem = host_name_problem(t.host); !problem.empty()) {
            why = std::move(problem);
            return std::nullopt;
        }
    }
    if (!port_text.empty()) {
        unsigned long port = 0;
        for (const char c : port_text) {
            if (c < '0' || c > '9' || port > 65535) {
                why = fmt::format("'{}' is not a port number (1-65535)", port_text);
                return std::nullopt;
            }
            port = port * 10 + static_cast<unsigned long>(c - '0');
        }
        if (port == 0 || port > 65535) {
            why = fmt::format("'{}' is not a port number (1-65535)", port_text);
            return std::nullopt;
        }
        t.port = static_cast<std::uint16_t>(port);
    }
    return t;
}

namespace {

using Clock = std::chrono::steady_clock;

// libssl, loaded the first time a TLS connection is made (common/shared_library.hpp): only this TLS
// client needs it, and linking it made every command load and bind it at start (docs/performance.md,
// "Start-up"). Each pointer has the type of the function in
// <openssl/ssl.h>; the macros used before (SSL_CTX_set_min_proto_version, SSL_get_cipher_name...) are
// spelled out as the calls they stand for.
struct LibSsl {
    decltype(&TLS_client_method) client_method = nullptr;
    decltype(&SSL_CTX_new) ctx_new = nullptr;
    decltype(&SSL_CTX_free) ctx_free = nullptr;
    decltype(&SSL_CTX_ctrl) ctx_ctrl = nullptr;
    decltype(&SSL_CTX_set_verify) ctx_set_verify = nullptr;
    decltype(&SSL_CTX_set_security_level) ctx_set_security_level = nullptr;
    decltype(&SSL_new) ssl_new = nullptr;
    decltype(&SSL_free) ssl_free = nullptr;
    decltype(&SSL_set_fd) set_fd = nullptr;
    decltype(&SSL_ctrl) ctrl = nullptr;
    decltype(&SSL_set_connect_state) set_connect_state = nullptr;
    decltype(&SSL_do_handshake) do_handshake = nullptr;
    decltype(&SSL_get_error) get_error = nullptr;
    decltype(&SSL_get_version) get_version = nullptr;
    decltype(&SSL_get_current_cipher) current_cipher = nullptr;
    decltype(&SSL_CIPHER_get_name) cipher_name = nullptr;
    decltype(&SSL_get_peer_cert_chain) peer_cert_chain = nullptr;
};

const LibSsl& libssl() {
    static const LibSsl loaded = [] {
        // The libssl of the libcrypto certcheck is linked with (libssl.so.3 for OpenSSL 3).
        static SharedLibrary lib{fmt::format("libssl.so.{}", OPENSSL_SHLIB_VERSION)};
        LibSsl f;
        std::string why;
        const bool ok = lib.bind(f.client_method, "TLS_client_method", why) && lib.bind(f.ctx_new, "SSL_CTX_new", why) &&
                        lib.bind(f.ctx_free, "SSL_CTX_free", why) && lib.bind(f.ctx_ctrl, "SSL_CTX_ctrl", why) &&
                        lib.bind(f.ctx_set_verify, "SSL_CTX_set_verify", why) &&
                        lib.bind(f.ctx_set_security_level, "SSL_CTX_set_security_level", why) &&
                        lib.bind(f.ssl_new, "SSL_new", why) && lib.bind(f.ssl_free, "SSL_free", why) &&
                        lib.bind(f.set_fd, "SSL_set_fd", why) && lib.bind(f.ctrl, "SSL_ctrl", why) &&
                        lib.bind(f.set_connect_state, "SSL_set_connect_state", why) &&
                        lib.bind(f.do_handshake, "SSL_do_handshake", why) && lib.bind(f.get_error, "SSL_get_error", why) &&
                        lib.bind(f.get_version, "SSL_get_version", why) &&
                        lib.bind(f.current_cipher, "SSL_get_current_cipher", why) &&
                        lib.bind(f.cipher_name, "SSL_CIPHER_get_name", why) &&
                        lib.bind(f.peer_cert_chain, "SSL_get_peer_cert_chain", why);
        if (!ok) throw EndpointError(fmt::format("cannot set up TLS: {}", why));
        return f;
    }();
    return loaded;
}

struct SslCtxFree {
    void operator()(SSL_CTX* p) const { libssl().ctx_free(p); }
};
struct SslFree {
    void operator()(SSL* p) const { libssl().ssl_free(p); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;

std::string seconds(std::chrono::milliseconds ms) {
    if (ms.count() % 1000 == 0) return fmt::format("{} s", ms.count() / 1000);
    return fmt::format("{:.1f} s", static_cast<double>(ms.count()) / 1000.0);
}

std::string tls_error_text(std::string_view fallback) {
    std::string text = ossl::drain_errors(fallback);
    return text;
}

// Handshake on a connected non-blocking socket, then the served certificates.
ServedChain handshake(int fd, const EndpointTarget& target, const TlsSettings& settings, Clock::time_point deadline,
                      const std::string& address) {
    // The address connected to, when it is not what the target says already.
    const std::string at = address == target.label() ? std::string{} : fmt::format(" (at {})", address);
    const LibSsl& tls = libssl();
    ossl::clear_errors();
    SslCtxPtr ctx{tls.ctx_new(tls.client_method())};
    if (!ctx) throw EndpointError(fmt::format("cannot set up TLS: {}", tls_error_text("SSL_CTX_new failed")));
    tls.ctx_ctrl(ctx.get(), SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, nullptr);
    tls.ctx_ctrl(ctx.get(), SSL_CTRL_SET_MAX_PROTO_VERSION, TLS1_3_VERSION, nullptr);
    // The served certificates are what is checked: they are captured, not verified here, and a
    // weak one (SHA-1, RSA-1024) must still be seen to be reported.
    tls.ctx_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
    tls.ctx_set_security_level(ctx.get(), 0);
    tls.ctx_ctrl(ctx.get(), SSL_CTRL_SET_MAX_CERT_LIST, static_cast<long>(kMaxServedChainBytes), nullptr);
    SslPtr ssl{tls.ssl_new(ctx.get())};
    if (!ssl || tls.set_fd(ssl.get(), fd) != 1) {
        throw EndpointError(fmt::format("cannot set up TLS: {}", tls_error_text("SSL_new failed")));
    }
    // RFC 6066 3: an address is never sent as a server name.
    std::string sni = server_name(target, settings);
    if (is_address(sni)) sni.clear();
    if (!sni.empty() && tls.ctrl(ssl.get(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                 static_cast<void*>(sni.data())) != 1) {
        throw EndpointError(fmt::format("'{}' cannot be sent as a server name (SNI)", sni));
    }
    tls.set_connect_state(ssl.get());
    for (;;) {
        ossl::clear_errors();
        const int rc = tls.do_handshake(ssl.get());
        if (rc == 1) break;
        const int err = tls.get_error(ssl.get(), rc);
        short events = 0;
        if (err == SSL_ERROR_WANT_READ) events = POLLIN;
        else if (err == SSL_ERROR_WANT_WRITE) events = POLLOUT;
        if (events == 0) {
            const int saved_errno = errno;
            std::string detail = ossl::drain_errors("");
            const bool closed = detail.find("unexpected eof") != std::string::npos;
            if (err == SSL_ERROR_SSL && !closed) {
                const bool not_tls = detail.find("wrong version number") != std::string::npos ||
                                     detail.find("packet length too long") != std::string::npos ||
                                     detail.find("record layer failure") != std::string::npos ||
                                     detail.find("unexpected message") != std::string::npos;
                if (not_tls) {
                    throw EndpointError(fmt::format(
                        "the server did not answer with TLS (a plain HTTP or other non-TLS "
                        "service?){}; OpenSSL: {}",
                        at, detail));
                }
                throw EndpointError(fmt::format("the TLS handshake failed{}: {}", at,
                                                detail.empty() ? std::string{"no reason given"} : detail));
            }
            if (err == SSL_ERROR_SYSCALL && saved_errno != 0 && rc < 0) {
                throw EndpointError(fmt::format("the connection failed during the TLS handshake{}: {}", at,
                                                std::strerror(saved_errno)));
            }
            throw EndpointError(fmt::format(
                "the server closed the connection during the TLS handshake{} (not a TLS "
                "port, or it refused the server name{})",
                at, sni.empty() ? "" : " '" + sni + "'"));
        }
        if (!net::wait_for(fd, events, deadline)) {
            throw EndpointError(fmt::format(
                "no TLS handshake within {}{}: the server accepted the connection but did "
                "not answer",
                seconds(settings.timeout), at));
        }
    }
    ServedChain served;
    served.address = address;
    served.protocol = tls.get_version(ssl.get());
    if (const char* c = tls.cipher_name(tls.current_cipher(ssl.get()))) served.cipher = c;
    STACK_OF(X509)* chain = tls.peer_cert_chain(ssl.get());
    const int n = chain != nullptr ? sk_X509_num(chain) : 0;
    for (int i = 0; i < n; ++i) served.certs.push_back(ossl::share(sk_X509_value(chain, i)));
    if (served.certs.empty()) throw EndpointError(fmt::format("the server sent no certificate{}", at));
    ossl::clear_errors();
    return served;
}

}  // namespace

ServedChain fetch_served_chain(const EndpointTarget& target, const TlsSettings& settings) {
    const auto deadline = Clock::now() + settings.timeout;
    std::string why;
    const std::vector<net::Address> addresses = net::resolve(target.host, target.port, deadline, why);
    if (addresses.empty()) throw EndpointError(why);
    std::string failures;
    for (const net::Address& a : addresses) {
        const net::Socket sock = net::connect(a, deadline, why);
        if (!sock.valid()) {
            failures += (failures.empty() ? "" : "; ") + fmt::format("{}: {}", a.text, why);
            if (Clock::now() >= deadline) break;
            continue;
        }
        return handshake(sock.fd(), target, settings, deadline, a.text);
    }
    throw EndpointError(fmt::format("cannot connect: {}", failures));
}

Material served_material(const ServedChain& served, const std::string& label, Request request) {
    const auto as_file = [&](Slot slot, std::size_t first, std::size_t last) {
        LoadedFile f;
        std::string pem;
        for (std::size_t i = first; i < last; ++i) {
            ossl::BioPtr bio{BIO_new(BIO_s_mem())};
            if (bio && PEM_write_bio_X509(bio.get(), served.certs[i].get()) == 1) {
                BUF_MEM* mem = nullptr;
                if (BIO_ctrl(bio.get(), BIO_C_GET_BUF_MEM_PTR, 0, static_cast<void*>(&mem)) == 1 && mem != nullptr) pem.append(mem->data, mem->length);
            }
            f.certs.push_back(make_certificate(ossl::share(served.certs[i].get()), 0));
        }
        ossl::clear_errors();
        f.file = analyse_input(slot, label, std::move(pem));
        return f;
    };
    LoadedFile body = as_file(Slot::Body, 0, std::min<std::size_t>(1, served.certs.size()));
    std::optional<LoadedFile> chain;
    if (served.certs.size() > 1) chain = as_file(Slot::Chain, 1, served.certs.size());
    return assemble_material(std::move(body), std::nullopt, std::move(chain), std::move(request));
}

}  // namespace certcheck
