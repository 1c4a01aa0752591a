// certcheck access: every certificate found against every role's trust policy (AWS-RULES.md 5).
#include "access/access.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/x509v3.h>

#include "common/x509util.hpp"
#include "openssl/bio.hpp"
#include "scan/classify.hpp"
#include "scan/walk.hpp"

namespace certcheck {
namespace {

using nlohmann::json;

std::string file_stem(const std::string& path) {
    std::string base = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
    const auto dot = base.rfind('.');
    return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// get-role prints AssumeRolePolicyDocument URL-encoded (as IAM stores it) unless the CLI decoded it.
std::optional<std::string> url_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_value(s[i + 1]);
            const int lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string one_line(const X509_NAME* name) {
    ossl::BioPtr bio{BIO_new(BIO_s_mem())};
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB) < 0) return "(unreadable name)";
    return ossl::bio_text(bio.get());
}

Decision decision_of(PolicyVerdict v) {
    switch (v) {
        case PolicyVerdict::Allowed: return Decision::Allow;
        case PolicyVerdict::Unknown: return Decision::Unknown;
        case PolicyVerdict::Denied:
        case PolicyVerdict::NotAllowed:
        case PolicyVerdict::NoStatement: return Decision::Deny;
    }
    return Decision::Unknown;
}

}  // namespace

std::string_view to_string(Decision d) noexcept {
    switch (d) {
        case Decision::Allow: return "allow";
        case Decision::Deny: return "deny";
        case Decision::Unknown: return "unknown";
    }
    return "unknown";
}

Role load_role(const std::string& path) {
    const std::string text = read_file_bytes(path);
    const auto bad = [&](const std::string& why) { return InputError(fmt::format("{}: not a role: {}", path, why)); };
    if (const auto deep = json_nesting_error(text)) throw bad(*deep);
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        std::string what = e.what();
        if (const auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
        throw bad("malformed JSON: " + what);
    }
    Role role;
    role.file = path;
    role.name = file_stem(path);
    std::string policy_text = text;
    const json* r = doc.is_object() && doc.contains("Role") ? &doc["Role"] : &doc;
    if (r->is_object() && r->contains("AssumeRolePolicyDocument")) {
        // aws iam get-role
        if (const auto n = r->find("RoleName"); n != r->end() && n->is_string() && !n->get<std::string>().empty()) {
            role.name = n->get<std::string>();
        }
        const json& d = (*r)["AssumeRolePolicyDocument"];
        if (d.is_string()) {
            const std::string s = d.get<std::string>();
            const auto decoded = s.find('%') != std::string::npos ? url_decode(s) : std::optional<std::string>{s};
            if (!decoded) throw bad("AssumeRolePolicyDocument is not valid URL-encoded text");
            policy_text = *decoded;
        } else if (d.is_object()) {
            policy_text = d.dump();
        } else {
            throw bad("AssumeRolePolicyDocument is not a string or an object");
        }
    } else if (!(doc.is_object() && doc.contains("Statement"))) {
        throw bad("neither a trust policy (no \"Statement\") nor the output of aws iam get-role (no \"Role\")");
    }
    TrustPolicyParse p = parse_trust_policy(policy_text);
    if (!p.policy) throw bad("its trust policy is not valid: " + p.error);
    role.policy = std::move(*p.policy);
    return role;
}

FoundCertificates find_certificates(const std::vector<std::string>& roots) {
    FoundCertificates out;
    const scan::Walk tree = scan::walk(roots, {});
    out.skipped = tree.skipped;
    for (const scan::Directory& dir : tree.directories) {
        std::vector<scan::Classified> files;
        for (std::size_t i = 0; i < dir.names.size(); ++i) {
            const std::string path = dir.file_path(i);
            try {
                files.push_back(scan::classify(load_file(read_input(Slot::Body, path))));
            } catch (const InputError& e) {
                out.skipped.emplace_back(path, e.what());
            }
        }
        for (const scan::Classified& f : files) {
            if (f.kind == scan::Kind::Broken) out.skipped.emplace_back(f.loaded.file.path, "certificate material that does not parse");
            if (f.kind != scan::Kind::Leaf || f.leaf_index < 0) continue;
            const auto li = static_cast<std::size_t>(f.leaf_index);
            AccessSubject s;
            s.path = f.loaded.file.path;
            s.leaf = share(f.loaded.certs.at(li));
            for (std::size_t i = li + 1; i < f.loaded.certs.size(); ++i) s.chain.push_back(share(f.loaded.certs[i]));
            if (!s.chain.empty()) s.chain_files.push_back(s.path);
            // CA bundles beside it: every certificate may help build the path.
            for (const scan::Classified& b : files) {
                if (b.kind != scan::Kind::CaBundle) continue;
                for (const Certificate& c : b.loaded.certs) s.chain.push_back(share(c));
                s.chain_files.push_back(b.loaded.file.path);
            }
            out.subjects.push_back(std::move(s));
        }
    }
    return out;
}

AccessMatrix build_access_matrix(const AccessInputs& in, const std::vector<AccessSubject>& subjects) {
    AccessMatrix m;
    // The CA certificates known to this run: the anchors, and every intermediate that chains to them.
    std::vector<Certificate> pool;
    for (const AccessSubject& s : subjects) {
        for (const Certificate& c : s.chain) {
            // Each CA once, however many certificates it issued (a scan meets the same few thousands of times).
            const bool seen = std::any_of(pool.begin(), pool.end(), [&](const Certificate& p) { return X509_cmp(p.x509.get(), c.x509.get()) == 0; });
            if (!seen) pool.push_back(share(c));
        }
    }
    const std::vector<std::string> foreign = foreign_crls(in.crls, in.anchors, pool, in.at);
    if (!foreign.empty()) throw InputError(foreign.front());
    std::vector<X509*> hierarchy;
    const auto known = [&](X509* x) {
        return std::any_of(hierarchy.begin(), hierarchy.end(), [&](X509* h) { return X509_cmp(h, x) == 0; });
    };
    for (const Certificate& a : in.anchors) {
        if (!known(a.x509.get())) hierarchy.push_back(a.x509.get());
    }
    for (const Certificate& c : pool) {
        if (known(c.x509.get()) || X509_check_ca(c.x509.get()) == 0) continue;
        if (check_path(c.x509.get(), pool, in.anchors, {}, in.at).trusted) hierarchy.push_back(c.x509.get());
    }
    const AttributeMapping* mapping = in.mapping ? &*in.mapping : nullptr;

    for (const Role& r : in.roles) {
        AccessRole ar;
        ar.name = r.name;
        ar.file = r.file;
        // Open to any certificate: a certificate from a CA of the hierarchy that carries no subject
        // and no SAN attributes at all would be allowed.
        for (X509* ca : hierarchy) {
            const SessionPreview bare = issuer_only_session(ca, mapping);
            const PolicyEvaluation e = evaluate_trust_policy(r.policy, condition_context(bare, in.anchor_arn, in.at));
            if (e.verdict == PolicyVerdict::Allowed && e.deciding) {
                ar.any_certificate = true;
                ar.any_certificate_why = fmt::format(
                    "any certificate issued by {} can assume it: {} holds for a certificate with no "
                    "subject or SAN attributes",
                    x509::short_label(ca), e.statements.at(static_cast<std::size_t>(*e.deciding)).label());
                break;
            }
        }
        m.roles.push_back(std::move(ar));
    }

    for (const AccessSubject& s : subjects) {
        AccessCertificate c;
        c.path = s.path;
        c.subject = one_line(X509_get_subject_name(s.leaf.x509.get()));
        c.chain_files = s.chain_files;
        c.session = preview_session(s.leaf.x509.get(), mapping);
        const PathCheck pc = check_path(s.leaf.x509.get(), s.chain, in.anchors, in.crls, in.at);
        c.path_text = pc.path_text();
        if (!pc.trusted) {
            c.status = pc.error == X509_V_ERR_CERT_HAS_EXPIRED     ? "expired"
                       : pc.error == X509_V_ERR_CERT_NOT_YET_VALID ? "not-yet-valid"
                                                                   : "untrusted";
            c.reason = pc.why;
        } else if (pc.revoked) {
            c.status = "revoked";
            c.reason = *pc.revoked;
        } else if (!pc.crl_errors.empty()) {
            c.status = "untrusted";
            c.reason = pc.crl_errors.front();
        } else {
            c.status = "ok";
        }
        const ConditionContext request = condition_context(c.session, in.anchor_arn, in.at);
        for (std::size_t ri = 0; ri < in.roles.size(); ++ri) {
            AccessCell cell;
            cell.certificate = m.certificates.size();
            cell.role = ri;
            if (c.status != "ok") {
                cell.decision = Decision::Deny;
                cell.why = "cannot authenticate: " + c.reason;
            } else {
                const PolicyEvaluation e = evaluate_trust_policy(in.roles[ri].policy, request);
                cell.decision = decision_of(e.verdict);
                if (e.deciding && e.verdict != PolicyVerdict::NotAllowed) {
                    cell.statement = e.statements.at(static_cast<std::size_t>(*e.deciding)).index + 1;
                }
                cell.why = e.summary;
            }
            if (cell.decision == Decision::Allow) {
                ++c.roles_allowed;
                ++m.roles[ri].certificates_allowed;
            }
            m.cells.push_back(std::move(cell));
        }
        m.certificates.push_back(std::move(c));
    }
    return m;
}

}  // namespace certcheck
