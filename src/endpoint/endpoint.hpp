// certcheck endpoint: what a TLS server actually serves, fetched with a bounded TLS client and
// turned into a Material that the ordinary rules check (served leaf as the body, the rest as
// the chain). Network code: every wait has a deadline, every read a size limit.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "endpoint/aia.hpp"
#include "certcheck/engine.hpp"
#include "certcheck/load.hpp"
#include "certcheck/material.hpp"
#include "certcheck/openssl.hpp"
#include "certcheck/report.hpp"

namespace certcheck {

// A target that could not be reached or did not complete a TLS handshake: exit 2. The message
// says what happened (and the address, when it differs from the target); the caller names the target.
class EndpointError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// host, host:port, [v6addr]:port, v6addr, https://host[:port][/path] (port 443 by default), each
// optionally prefixed by NAME@: connect to the target but send NAME as the server name (SNI) and
// check the certificate against it (a backend or load balancer address serving that name).
struct EndpointTarget {
    std::string text;  // as given
    std::string host;  // without brackets
    std::uint16_t port = 443;
    bool ip_literal = false;  // an IPv4 or IPv6 address (no SNI is sent for one: RFC 6066 3)
    std::optional<std::string> servername;  // NAME@: this target's server name, over --servername
    // "host:port", "[v6]:port", "NAME@host:port": the name reports use for this target.
    [[nodiscard]] std::string label() const;
};
// Nullopt with `why` set when the text is not a target.
[[nodiscard]] std::optional<EndpointTarget> parse_target(std::string_view text, std::string& why);

struct TlsSettings {
    std::optional<std::string> servername;     // SNI and the name host-match checks; default: the host (none for an address)
    std::chrono::milliseconds timeout{10000};  // name lookup, connect and handshake together
};
// The name sent as SNI and checked by host-match for a target: its NAME@, else --servername, else
// its host (an address: then no SNI is sent).
[[nodiscard]] std::string server_name(const EndpointTarget& target, const TlsSettings& settings);

// Largest certificate list accepted from a server (OpenSSL's max_cert_list).
inline constexpr std::size_t kMaxServedChainBytes = 256u * 1024u;

struct ServedChain {
    std::vector<ossl::X509Ptr> certs;  // in the order the server sent them; [0] is its leaf
    std::string address;               // the address connected to, "127.0.0.1:8443"
    std::string protocol;              // "TLSv1.3"
    std::string cipher;
};

// Connects, handshakes (TLS 1.2 or 1.3, certificates not verified: they are what is checked)
// and returns the served certificates. The caller ignores SIGPIPE (the CLI does): a server that
// closes early would otherwise end the process. Throws EndpointError naming what happened, within
// settings.timeout (plus scheduling slack).
[[nodiscard]] ServedChain fetch_served_chain(const EndpointTarget& target, const TlsSettings& settings);

// What the endpoint rules compare the served chain with (--cert, --chain), and the name it was
// reached under. Context::endpoint points at one during an endpoint run.
struct EndpointInputs {
    const LoadedFile* expected_cert = nullptr;   // --cert
    const LoadedFile* expected_chain = nullptr;  // --chain
    std::optional<AiaSettings> fetch_missing;    // --fetch-missing
    // For one subject: the issuers --fetch-missing found through AIA above the served chain, in
    // order, and why the fetching stopped short (empty when it reached the trust store or a root).
    std::vector<FetchedIssuer> fetched;
    std::string fetch_stopped;
};

// The last certificate of the issuing path the served certificates form from the leaf (in any
// order, found by the chain model over the served certificates alone), whether that path ends in
// a self-signed root, and how many served certificates it holds. Null when no leaf was read.
[[nodiscard]] const Certificate* served_path_end(const Material& m, const Context& ctx, bool& ends_in_root,
                                                 std::size_t* served_on_path = nullptr);

// The served certificates as a Material: the leaf as the body, the rest (in served order) as
// the chain, both "files" named `label`; certificates carry no line numbers. `request.hosts`
// holds the name host-match checks.
[[nodiscard]] Material served_material(const ServedChain& served, const std::string& label, Request request);

// Fetches what the target serves and runs the rules on it (ctx.endpoint holds --cert/--chain).
// A target that cannot be reached or does not complete a handshake yields verdict Error with a
// message naming it and what happened; this never throws EndpointError.
// Its facts list the served certificates (file: the target's label) and one "endpoint" entry
// in place of files.
[[nodiscard]] SubjectReport check_endpoint(const EndpointTarget& target, const TlsSettings& settings,
                                           const std::vector<SelectedRule>& rules, const Context& ctx, Status fail_on);

// check_endpoint for every target, `jobs` at a time (each bounded by settings.timeout); the
// reports in the order of the targets. certcheck endpoint and the exporter's --endpoint use it.
[[nodiscard]] std::vector<SubjectReport> check_endpoints(const std::vector<EndpointTarget>& targets, const TlsSettings& settings,
                                                         const std::vector<SelectedRule>& rules, const Context& ctx, Status fail_on,
                                                         unsigned jobs);

}  // namespace certcheck
