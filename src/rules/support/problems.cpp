// Rule helpers: the PEM problems of an input file as findings, and bounded lists for messages
// (declared in rules/rules.hpp).
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
namespace {

std::string block_description(std::string_view label) {
    if (is_private_key_label(label)) return fmt::format("a private key ({})", label);
    if (label == "PKCS7" || label == "PKCS #7 SIGNED DATA" || label == "CMS") return fmt::format("a PKCS#7 bundle ({})", label);
    if (label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST") {
        return fmt::format("a certificate signing request ({})", label);
    }
    if (label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
        return fmt::format("a certificate under the non-standard label '{}'", label);
    }
    if (label.ends_with("PUBLIC KEY")) return fmt::format("a public key ({})", label);
    return fmt::format("a '{}' block", label);
}

// A pipeline that leaves clean PEM: the leaf alone for a body, every certificate for a chain.
std::string extract(Slot slot, const std::string& source) {
    if (slot == Slot::Body) {
        return fmt::format("{} | openssl x509 -out cert.pem (keeps the first certificate: make sure it is the leaf)", source);
    }
    return fmt::format("{} | sed -n '/-----BEGIN/,/-----END/p' > chain.pem (then put them in issuing order)", source);
}

std::string block_hint(std::string_view label, const std::string& path, Slot slot) {
    if (is_private_key_label(label)) {
        return "move the private key to its own file and pass it with --private-key / --key";
    }
    if (label == "PKCS7" || label == "PKCS #7 SIGNED DATA") {
        return "extract the certificates: " + extract(slot, fmt::format("openssl pkcs7 -print_certs -in {}", shell_quote(path)));
    }
    if (label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST") {
        return "a CSR is what you send to the CA; upload the certificate the CA issued for it";
    }
    if (label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
        return fmt::format("rewrite it with a plain label: openssl x509 -in {} -out cert.pem", shell_quote(path));
    }
    return "keep only the CERTIFICATE blocks in this file";
}

}  // namespace

std::vector<const InputFile*> given_files(const Material& m) {
    std::vector<const InputFile*> out{&m.body};
    if (m.key) out.push_back(&*m.key);
    if (m.chain) out.push_back(&*m.chain);
    return out;
}

std::vector<Problem> certificate_pem_problems(const InputFile& f, const std::vector<BadBlock>& bad) {
    std::vector<Problem> out;
    const std::string q = shell_quote(f.path);
    switch (f.encoding) {
        case Encoding::Empty:
            out.push_back({0, "the file is empty", "pass the file that holds the PEM certificate"});
            return out;
        case Encoding::Der: {
            std::string hint = "convert it to PEM";
            switch (f.der_kind) {
                case DerKind::Certificate:
                    hint = fmt::format("convert it: openssl x509 -inform DER -in {} -out cert.pem", q);
                    break;
                case DerKind::Pkcs7:
                    hint = "extract the certificates: " + extract(f.slot, fmt::format("openssl pkcs7 -inform DER -print_certs -in {}", q));
                    break;
                case DerKind::Pkcs12:
                    hint = "extract the certificates: " +
                           (f.slot == Slot::Body
                                ? fmt::format("openssl pkcs12 -in {} -clcerts -nokeys | openssl x509 -out cert.pem", q)
                                : extract(f.slot, fmt::format("openssl pkcs12 -in {} -cacerts -nokeys", q)));
                    break;
                case DerKind::PrivateKey:
                case DerKind::EncryptedPrivateKey:
                    hint = "this is a private key; pass it with --key and give the certificate here";
                    break;
                case DerKind::CertificateRequest:
                    hint = "a CSR is what you send to the CA; upload the certificate the CA issued for it";
                    break;
                case DerKind::Crl:
                    hint = "a CRL lists revoked certificates; give the certificate itself here";
                    break;
                default: break;
            }
            out.push_back({0, fmt::format("the file holds {}, not PEM", describe(f.der_kind)), hint});
            return out;
        }
        case Encoding::Binary:
            out.push_back({0,
                           f.text.utf16 ? std::string{"the file is UTF-16 text, not ASCII PEM"}
                                        : std::string{"the file holds binary data, not PEM"},
                           f.text.utf16 ? fmt::format("convert it: iconv -f UTF-16 -t ASCII {} > cert.pem", q)
                                        : std::string{"pass the PEM file that holds the certificate"}});
            return out;
        case Encoding::Text:
            out.push_back({f.stray.empty() ? 0 : f.stray.front().first_line,
                           "the file holds text but no PEM block (no -----BEGIN line)",
                           "pass the PEM file that holds the certificate"});
            return out;
        case Encoding::Pem: break;
    }
    if (f.text.utf16) {
        out.push_back({0, "the file is UTF-16 text, not ASCII PEM",
                       fmt::format("convert it: iconv -f UTF-16 -t ASCII {} > cert.pem", q)});
    }
    struct Located {
        int line;
        Problem p;
    };
    std::vector<Located> found;
    for (const PemBlock& b : f.blocks) {
        if (b.label != "CERTIFICATE") {
            found.push_back({b.begin_line,
                             {b.begin_line, fmt::format("line {}: {}, where only CERTIFICATE blocks belong", b.begin_line, block_description(b.label)),
                              block_hint(b.label, f.path, f.slot)}});
        }
    }
    for (const BadBlock& b : bad) {
        const bool structural = std::any_of(f.blocks.begin(), f.blocks.end(), [&](const PemBlock& pb) {
            return pb.begin_line == b.line && pb.problem;
        });
        const std::string text = structural
                                     ? fmt::format("the CERTIFICATE block at line {} is damaged: {}", b.line, b.reason)
                                     : fmt::format("the CERTIFICATE block at line {} is not a valid certificate: {}", b.line, b.reason);
        found.push_back({b.line, {b.line, text, "get a fresh copy of the certificate from your CA or the original file"}});
    }
    for (const TextRun& run : f.stray) {
        const std::string lines = run.first_line == run.last_line ? fmt::format("line {}", run.first_line)
                                                                  : fmt::format("lines {}-{}", run.first_line, run.last_line);
        found.push_back({run.first_line,
                         {run.first_line, fmt::format("{}: {} outside the PEM blocks", lines, run.kind),
                          std::string{"delete every line outside the BEGIN/END lines (certcheck fix writes a clean copy)"}}});
    }
    for (const int line : f.joined_lines) {
        found.push_back({line,
                         {line, fmt::format("line {}: an END line and the next BEGIN line are joined on one line (files "
                                            "concatenated without a final newline)",
                                            line),
                          fmt::format("put each armour line on its own line: awk 1 part1.pem part2.pem > {} (awk adds "
                                      "the missing newline), or certcheck fix",
                                      f.slot == Slot::Body ? "cert.pem" : "chain.pem")}});
    }
    std::stable_sort(found.begin(), found.end(), [](const Located& a, const Located& b) { return a.line < b.line; });
    for (auto& l : found) out.push_back(std::move(l.p));
    const bool any_cert_block = std::any_of(f.blocks.begin(), f.blocks.end(),
                                            [](const PemBlock& b) { return b.label == "CERTIFICATE"; });
    if (!any_cert_block) {
        out.push_back({0, "the file holds no CERTIFICATE block", "pass the PEM file that holds the certificate"});
    }
    return out;
}

Result fail_with(const InputFile& f, const std::vector<Problem>& problems) {
    const Problem& first = problems.front();
    std::string msg = first.text;
    if (problems.size() > 1) {
        msg += fmt::format(" (and {} more problem{})", problems.size() - 1, problems.size() == 2 ? "" : "s");
    }
    return Result::fail(std::move(msg), at_file(f, first.line), first.hint);
}

std::string list_some(std::size_t count, std::string_view sep, const std::function<std::string(std::size_t)>& item) {
    std::string out;
    for (std::size_t i = 0; i < count && i < kMaxListed; ++i) {
        if (i > 0) out += sep;
        out += item(i);
    }
    if (count > kMaxListed) out += fmt::format("{}and {} more", sep, count - kMaxListed);
    return out;
}

}  // namespace certcheck::rules
