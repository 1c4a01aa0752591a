// Rendering inspect's facts: text for people, json for programs. Decides nothing.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "inspect/inspect.hpp"
#include "common/escape.hpp"
#include "common/x509util.hpp"

namespace certcheck {
namespace {

std::string joined(const std::vector<std::string>& v, std::string_view none = "none") {
    if (v.empty()) return std::string{none};
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string key_size(const std::string& algorithm, int bits, const std::string& curve) {
    if (algorithm.empty()) return "unknown";
    std::string out = bits > 0 ? fmt::format("{} {} bits", algorithm, bits) : algorithm;
    if (!curve.empty()) out += " (" + curve + ")";
    return out;
}

// Each text line whole through safe_line_start: names, SANs, paths and problems come from the
// files, and this text has no colours to keep.
void put(std::ostream& out, std::string_view line) { out << safe_line_start(line) << '\n'; }

void cert_text(const CertFacts& c, std::ostream& out) {
    put(out, fmt::format("    subject:        {}", c.subject));
    put(out, fmt::format("    issuer:         {}{}", c.issuer, c.self_signed ? " (self-signed)" : ""));
    put(out, fmt::format("    SANs:           {}", joined(c.sans)));
    put(out, fmt::format("    serial:         {}", c.serial));
    put(out, fmt::format("    validity:       {} to {} ({})", c.not_before, c.not_after,
                         c.days_left >= 0 ? fmt::format("{} days left", c.days_left) : fmt::format("expired {} days ago", -c.days_left)));
    put(out, fmt::format("    public key:     {}", key_size(c.key_algorithm, c.key_bits, c.key_curve)));
    put(out, fmt::format("    signature:      {}", c.signature_algorithm));
    put(out, fmt::format("    SHA-256:        {}", c.sha256_fingerprint));
    put(out, fmt::format("    SPKI SHA-256:   {}", c.spki_sha256));
    std::string ca = !c.ca ? "no basicConstraints" : *c.ca ? "CA:true"
                                                           : "CA:false";
    if (c.path_length) ca += fmt::format(", pathlen:{}", *c.path_length);
    put(out, fmt::format("    CA:             {}", ca));
    put(out, fmt::format("    key usage:      {}", joined(c.key_usage)));
    put(out, fmt::format("    ext key usage:  {}", joined(c.extended_key_usage)));
}

void key_text(const KeyFacts& k, std::ostream& out) {
    put(out, fmt::format("    key:            {}", k.encrypted && k.algorithm.empty() ? "unknown until decrypted" : key_size(k.algorithm, k.bits, "")));
    put(out, fmt::format("    format:         {}", k.format));
    put(out, fmt::format("    encrypted:      {}", k.encrypted ? "yes" : "no"));
    if (!k.spki_sha256.empty()) put(out, fmt::format("    SPKI SHA-256:   {}", k.spki_sha256));
    if (k.problem) put(out, fmt::format("    problem:        {}", *k.problem));
}

void public_key_text(const PublicKeyFacts& k, std::ostream& out) {
    put(out, fmt::format("    public key:     {}", key_size(k.algorithm, k.bits, k.curve)));
    put(out, fmt::format("    SPKI SHA-256:   {}", k.spki_sha256));
}

void csr_text(const CsrFacts& c, std::ostream& out) {
    put(out, fmt::format("    subject:        {}", c.subject));
    put(out, fmt::format("    SANs:           {}", joined(c.sans)));
    public_key_text(c.key, out);
    put(out, fmt::format("    signature:      {} ({})", c.signature_algorithm, c.signature_valid ? "verifies" : "does NOT verify"));
}

std::string refs_text(const std::vector<ObjectRef>& refs) {
    std::vector<std::string> out;
    out.reserve(refs.size());
    for (const ObjectRef& r : refs) out.push_back(fmt::format("{} [{}]", r.path, r.index));
    return joined(out);
}

void crl_text(const CrlFacts& c, std::ostream& out) {
    put(out, fmt::format("    issuer:         {}", c.issuer));
    put(out, fmt::format("    last update:    {}", c.last_update));
    std::string next = "none (the CRL gives no nextUpdate)";
    if (c.next_update) {
        next = c.next_update_passed ? fmt::format("{} (passed: a stale CRL; the CA has a newer one)", *c.next_update)
                                    : fmt::format("{} ({} days left)", *c.next_update, c.next_update_days.value_or(0));
    }
    put(out, fmt::format("    next update:    {}", next));
    put(out, fmt::format("    revoked:        {} certificate{}", c.revoked, c.revoked == 1 ? "" : "s"));
    if (c.crl_number) put(out, fmt::format("    CRL number:     {}", *c.crl_number));
    put(out, fmt::format("    signature:      {}", c.signature_algorithm));
    std::string signer = "not checked (no inspected certificate is its issuer)";
    if (!c.signed_by.empty()) {
        signer = refs_text(c.signed_by) + " (signature verifies)";
    } else if (!c.issuer_named.empty()) {
        signer = fmt::format("NOT verified: {} has the issuer's name but its key does not verify the CRL", refs_text(c.issuer_named));
    }
    put(out, fmt::format("    signed by:      {}", signer));
}

void matches_text(const InspectedObject& o, std::ostream& out) {
    if (!o.key && !o.csr && !o.public_key) return;
    if (o.key && o.key->spki_sha256.empty()) {
        // An encrypted key's public half is unknown: no match is not the same as a mismatch.
        put(out, o.key->encrypted ? "    matches:        unknown until decrypted (give --passphrase-file FILE or --passphrase-env VAR)"
                                  : "    matches:        unknown (the key could not be read)");
        return;
    }
    put(out, fmt::format("    matches:        {}",
                         o.matches.empty() ? std::string{"no inspected certificate has this public key"} : refs_text(o.matches)));
}

nlohmann::ordered_json public_key_json(const PublicKeyFacts& k) {
    nlohmann::ordered_json j;
    j["algorithm"] = k.algorithm;
    j["bits"] = k.bits > 0 ? nlohmann::ordered_json(k.bits) : nlohmann::ordered_json(nullptr);
    j["curve"] = k.curve.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(k.curve);
    j["spki_sha256"] = k.spki_sha256.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(k.spki_sha256);
    return j;
}

nlohmann::ordered_json csr_json(const CsrFacts& c) {
    nlohmann::ordered_json j;
    j["subject"] = c.subject;
    j["sans"] = c.sans;
    j["signature_algorithm"] = c.signature_algorithm;
    j["signature_valid"] = c.signature_valid;
    j["public_key"] = public_key_json(c.key);
    return j;
}

nlohmann::ordered_json cert_json(const CertFacts& c) {
    nlohmann::ordered_json j;
    j["subject"] = c.subject;
    j["issuer"] = c.issuer;
    j["self_signed"] = c.self_signed;
    j["version"] = c.version;
    j["sans"] = c.sans;
    j["serial"] = c.serial;
    j["not_before"] = c.not_before;
    j["not_after"] = c.not_after;
    j["days_left"] = c.days_left;
    j["key_algorithm"] = c.key_algorithm;
    j["key_bits"] = c.key_bits;
    j["key_curve"] = c.key_curve.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.key_curve);
    j["signature_algorithm"] = c.signature_algorithm;
    j["sha256_fingerprint"] = c.sha256_fingerprint;
    j["spki_sha256"] = c.spki_sha256;
    j["ca"] = c.ca ? nlohmann::ordered_json(*c.ca) : nlohmann::ordered_json(nullptr);
    j["path_length"] = c.path_length ? nlohmann::ordered_json(*c.path_length) : nlohmann::ordered_json(nullptr);
    j["key_usage"] = c.key_usage;
    j["extended_key_usage"] = c.extended_key_usage;
    return j;
}

nlohmann::ordered_json refs_json(const std::vector<ObjectRef>& refs) {
    nlohmann::ordered_json j = nlohmann::ordered_json::array();
    for (const ObjectRef& r : refs) j.push_back({{"path", r.path}, {"object", r.index}});
    return j;
}

nlohmann::ordered_json crl_json(const CrlFacts& c) {
    nlohmann::ordered_json j;
    j["issuer"] = c.issuer;
    j["last_update"] = c.last_update;
    j["next_update"] = c.next_update ? nlohmann::ordered_json(*c.next_update) : nlohmann::ordered_json(nullptr);
    j["next_update_passed"] = c.next_update_passed;
    j["crl_number"] = c.crl_number ? nlohmann::ordered_json(*c.crl_number) : nlohmann::ordered_json(nullptr);
    j["revoked"] = c.revoked;
    j["signature_algorithm"] = c.signature_algorithm;
    j["issuer_certificates"] = refs_json(c.issuer_named);
    j["signed_by"] = refs_json(c.signed_by);
    return j;
}

nlohmann::ordered_json key_json(const KeyFacts& k) {
    nlohmann::ordered_json j;
    j["algorithm"] = k.algorithm.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(k.algorithm);
    j["bits"] = k.bits > 0 ? nlohmann::ordered_json(k.bits) : nlohmann::ordered_json(nullptr);
    j["format"] = k.format;
    j["encrypted"] = k.encrypted;
    j["spki_sha256"] = k.spki_sha256.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(k.spki_sha256);
    j["problem"] = k.problem ? nlohmann::ordered_json(*k.problem) : nlohmann::ordered_json(nullptr);
    return j;
}

// A BEGIN line, or null in a binary file.
nlohmann::ordered_json line_json(int line) { return line > 0 ? nlohmann::ordered_json(line) : nlohmann::ordered_json(nullptr); }

// Where a certificate sits in a PKCS#7 bundle ("line" is the bundle's for each of them); null
// for one that is not in a bundle.
nlohmann::ordered_json bundle_json(const std::optional<BundlePlace>& p) {
    if (!p) return nullptr;
    nlohmann::ordered_json j;
    j["position"] = p->position;
    j["certificates"] = p->count;
    j["line"] = line_json(p->line);
    return j;
}

}  // namespace

void render_inspect_text(const std::vector<InspectedFile>& files, std::ostream& out) {
    bool first = true;
    for (const InspectedFile& f : files) {
        if (!first) out << '\n';
        first = false;
        put(out, fmt::format("{}: {}, {} object{}", f.path, f.container, f.objects.size(), f.objects.size() == 1 ? "" : "s"));
        int n = 0;
        for (const InspectedObject& o : f.objects) {
            // A PKCS#7 bundle's certificates share its block's line: say which of them each one is.
            const std::string where = o.pkcs7      ? fmt::format(" ({})", where_in_bundle(*o.pkcs7))
                                      : o.line > 0 ? fmt::format(" (line {})", o.line)
                                                   : std::string{};
            put(out, fmt::format("  [{}] {}{}", n++, o.type, where));
            if (o.cert) cert_text(*o.cert, out);
            if (o.key) key_text(*o.key, out);
            if (o.csr) csr_text(*o.csr, out);
            if (o.public_key) public_key_text(*o.public_key, out);
            if (o.crl) crl_text(*o.crl, out);
            if (o.problem) put(out, fmt::format("    problem:        {}", *o.problem));
            matches_text(o, out);
        }
        for (const std::string& p : f.problems) put(out, fmt::format("  problem: {}", p));
    }
}

void render_inspect_json(const std::vector<InspectedFile>& files, std::time_t at, std::ostream& out) {
    nlohmann::ordered_json doc;
    doc["tool"] = "certcheck";
    doc["inspected_at"] = x509::format_time(at);
    doc["files"] = nlohmann::ordered_json::array();
    for (const InspectedFile& f : files) {
        nlohmann::ordered_json jf;
        jf["path"] = f.path;
        jf["format"] = f.container;
        jf["objects"] = nlohmann::ordered_json::array();
        for (const InspectedObject& o : f.objects) {
            nlohmann::ordered_json jo;
            jo["type"] = o.type;
            jo["line"] = line_json(o.line);
            if (o.cert) jo["certificate"] = cert_json(*o.cert);
            if (o.cert) jo["pkcs7_bundle"] = bundle_json(o.pkcs7);  // added after the existing keys
            if (o.key) jo["private_key"] = key_json(*o.key);
            if (o.csr) jo["certificate_request"] = csr_json(*o.csr);
            if (o.public_key) jo["public_key"] = public_key_json(*o.public_key);
            if (o.crl) jo["crl"] = crl_json(*o.crl);
            if (o.problem) jo["problem"] = *o.problem;
            if (o.key || o.csr || o.public_key) {
                jo["matching_certificates"] = refs_json(o.matches);
            }
            jf["objects"].push_back(std::move(jo));
        }
        jf["problems"] = f.problems;
        jf["utf16"] = f.utf16;
        jf["utf8_bom"] = f.utf8_bom;
        doc["files"].push_back(std::move(jf));
    }
    // A field that is not UTF-8 (a raw certificate string, a file name) is written with U+FFFD in
    // its place instead of aborting the dump: the other files' results are kept.
    out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace certcheck
