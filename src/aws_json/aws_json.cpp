#include "aws_json/aws_json.hpp"

#include <unistd.h>

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certcheck/load.hpp"
#include "common/x509util.hpp"

namespace certcheck {
namespace {

using nlohmann::json;

std::string read_stdin_bounded() {
    std::string out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError("-: cannot read standard input");
        }
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > kMaxInputBytes) throw InputError("-: standard input is larger than 10 MiB; refused");
    }
    return out;
}

std::optional<std::string> string_at(const json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

// An ISO 8601 / RFC 3339 string (CLI v2) or epoch seconds (CLI v1, ACM).
std::optional<std::time_t> time_at(const json& j, const char* key, const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    if (it->is_number()) {
        const double v = it->get<double>();
        if (!std::isfinite(v) || v < -1e11 || v > 1e11) throw InputError(fmt::format("{}: {} is not a time", where, key));
        return static_cast<std::time_t>(std::floor(v));
    }
    if (it->is_string()) {
        if (auto t = x509::parse_time(it->get<std::string>())) return t;
    }
    throw InputError(fmt::format("{}: {} is not a time (ISO 8601 or epoch seconds)", where, key));
}

// ServerCertificateMetadata: the name (else the ARN, else `fallback`) and the stored name and Path,
// which are the upload's request (request-name, request-path, cloudfront-path judge them).
void read_server_metadata(const json& meta, const std::string& fallback, AwsJsonSubject& s) {
    s.request.name = string_at(meta, "ServerCertificateName");
    s.request.path = string_at(meta, "Path");
    s.name = s.request.name.value_or(string_at(meta, "Arn").value_or(fallback));
}

AwsJsonSubject from_server_metadata(const json& meta, const std::string& origin) {
    AwsJsonSubject s;
    s.origin = origin;
    read_server_metadata(meta, origin, s);
    s.not_after = time_at(meta, "Expiration", origin);
    return s;
}

// An ACM certificate's metadata: describe-certificate's Certificate, or an entry of
// list-certificates' CertificateSummaryList (whose dates and status the CLI prints since 2022; an
// older CLI prints only the ARN and domain name: then there is nothing to judge).
AwsJsonSubject from_acm_metadata(const json& d, const std::string& origin, const char* command) {
    AwsJsonSubject s;
    s.command = command;
    s.origin = origin;
    s.name = string_at(d, "CertificateArn").value_or(string_at(d, "DomainName").value_or(origin));
    s.not_before = time_at(d, "NotBefore", origin);
    s.not_after = time_at(d, "NotAfter", origin);
    s.status = string_at(d, "Status");
    s.revoked_at = time_at(d, "RevokedAt", origin);
    s.revocation_reason = string_at(d, "RevocationReason");
    return s;
}

}  // namespace

std::vector<AwsJsonSubject> parse_aws_json(const std::string& text, const std::string& path) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        throw InputError(fmt::format("{}: not JSON ({})", path, e.what()));
    }
    std::vector<AwsJsonSubject> out;
    if (!doc.is_object()) throw InputError(fmt::format("{}: not the output of an aws CLI certificate command (not a JSON object)", path));
    if (const auto it = doc.find("ServerCertificate"); it != doc.end() && it->is_object()) {
        const json& sc = *it;
        AwsJsonSubject s;
        s.command = "aws iam get-server-certificate";
        s.origin = path + "#ServerCertificate";
        s.body = string_at(sc, "CertificateBody");
        s.chain = string_at(sc, "CertificateChain");
        if (!s.body) throw InputError(fmt::format("{}: ServerCertificate has no CertificateBody string", path));
        s.name = s.origin;
        if (const auto m = sc.find("ServerCertificateMetadata"); m != sc.end() && m->is_object()) {
            read_server_metadata(*m, s.origin, s);
        }
        out.push_back(std::move(s));
    } else if (const auto list = doc.find("ServerCertificateMetadataList"); list != doc.end() && list->is_array()) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_object()) continue;
            AwsJsonSubject s = from_server_metadata((*list)[i], fmt::format("{}#ServerCertificateMetadataList[{}]", path, i));
            s.command = "aws iam list-server-certificates";
            out.push_back(std::move(s));
        }
    } else if (const auto certs = doc.find("Certificates"); certs != doc.end() && certs->is_array()) {
        for (std::size_t i = 0; i < certs->size(); ++i) {
            const json& c = (*certs)[i];
            if (!c.is_object()) continue;
            AwsJsonSubject s;
            s.command = "aws iam list-signing-certificates";
            s.origin = fmt::format("{}#Certificates[{}]", path, i);
            s.body = string_at(c, "CertificateBody");
            if (!s.body) throw InputError(fmt::format("{}: has no CertificateBody string", s.origin));
            const auto user = string_at(c, "UserName");
            const auto id = string_at(c, "CertificateId");
            s.name = user && id ? *user + "/" + *id : id.value_or(s.origin);
            s.status = string_at(c, "Status");
            out.push_back(std::move(s));
        }
    } else if (const auto c = doc.find("Certificate"); c != doc.end() && c->is_string()) {
        AwsJsonSubject s;
        s.command = "aws acm get-certificate";
        s.origin = path + "#Certificate";
        s.name = path;
        s.body = c->get<std::string>();
        s.chain = string_at(doc, "CertificateChain");
        out.push_back(std::move(s));
    } else if (c != doc.end() && c->is_object()) {
        out.push_back(from_acm_metadata(*c, path + "#Certificate", "aws acm describe-certificate"));
    } else if (const auto summaries = doc.find("CertificateSummaryList"); summaries != doc.end() && summaries->is_array()) {
        for (std::size_t i = 0; i < summaries->size(); ++i) {
            if (!(*summaries)[i].is_object()) continue;
            out.push_back(from_acm_metadata((*summaries)[i], fmt::format("{}#CertificateSummaryList[{}]", path, i),
                                            "aws acm list-certificates"));
        }
    } else {
        throw InputError(fmt::format(
            "{}: not the output of a supported aws command (iam get-server-certificate, iam list-server-certificates, "
            "iam list-signing-certificates, acm get-certificate, acm describe-certificate, acm list-certificates)",
            path));
    }
    return out;
}

std::vector<AwsJsonSubject> read_aws_json(const std::string& path) {
    const std::string text = path == "-" ? read_stdin_bounded() : read_file_bytes(path);
    return parse_aws_json(text, path == "-" ? std::string{"standard input"} : path);
}

namespace {

// The rules that read nothing but the upload's request (Material::request).
bool reads_only_the_request(std::string_view id) {
    return id == "request-name" || id == "request-path" || id == "cloudfront-path";
}

// ACM's REVOKED status, in force at ctx.at: revoked at RevokedAt, or at an unknown time when ACM
// gives none (then at any --at).
bool revoked_at_time(const AwsJsonSubject& s, const Context& ctx) {
    if (s.status != "REVOKED" && !s.revoked_at) return false;
    return !s.revoked_at || ctx.at >= *s.revoked_at;
}

Finding metadata_finding(const SelectedRule& sel, const AwsJsonSubject& s, const Context& ctx) {
    const RuleInfo& info = sel.rule->info();
    if (reads_only_the_request(info.id)) {
        Material request_only;
        request_only.request = s.request;
        Finding f = run_rules({sel}, request_only, ctx).front();
        f.file = s.origin;
        return f;
    }
    Finding f;
    f.rule = std::string{info.id};
    f.file = s.origin;
    const auto fail = [&](std::string message, std::string_view hint) {
        f.status = to_status(sel.severity);
        f.message = std::move(message);
        f.hint = std::string{hint};
    };
    const bool validity = info.id == "body-validity";
    const bool expiry = info.id == "body-expiry-soon";
    if ((validity || expiry) && revoked_at_time(s, ctx)) {
        if (expiry) {
            f.message = "the certificate has been revoked (see body-validity)";
            return f;
        }
        const std::string when = s.revoked_at ? fmt::format("revoked on {}", x509::format_time(*s.revoked_at))
                                              : std::string{"revoked (ACM gives no date)"};
        const std::string reason = s.revocation_reason ? fmt::format(" ({})", *s.revocation_reason) : "";
        fail(fmt::format("{}{}, per {} (checked at {})", when, reason, s.command, x509::format_time(ctx.at)),
             "a revoked certificate is refused by clients that check revocation: request or import a new certificate "
             "and move its users (InUseBy) to it");
        return f;
    }
    if ((!validity && !expiry) || !s.not_after) {
        f.message = fmt::format("{} prints metadata only (no certificate){}", s.command,
                                validity || expiry ? ", without an expiry date" : "");
        return f;
    }
    const std::time_t end = *s.not_after;
    const std::string end_text = x509::format_time(end);
    if (validity) {
        if (s.not_before && ctx.at < *s.not_before) {
            fail(fmt::format("not valid before {} (checked at {})", x509::format_time(*s.not_before), x509::format_time(ctx.at)),
                 info.hint);
        } else if (ctx.at > end) {
            fail(fmt::format("expired on {} (checked at {}), per {}", end_text, x509::format_time(ctx.at), s.command), info.hint);
        } else {
            f.status = Status::Pass;
            f.message = fmt::format("valid until {} (checked at {}), per {}", end_text, x509::format_time(ctx.at), s.command);
        }
        return f;
    }
    if (ctx.at > end) {
        f.message = "the certificate has expired (see body-validity)";
        return f;
    }
    const long long days_left = static_cast<long long>((end - ctx.at) / 86400);
    if (days_left < ctx.expiry_warn_days) {
        fail(fmt::format("{} expires on {}, in {} day{} (warning threshold {} days)", s.name, end_text, days_left,
                         days_left == 1 ? "" : "s", ctx.expiry_warn_days),
             info.hint);
    } else {
        f.status = Status::Pass;
        f.message = fmt::format("expires on {}, in {} days", end_text, days_left);
    }
    return f;
}

}  // namespace

SubjectReport check_aws_json_subject(const AwsJsonSubject& s, const std::vector<SelectedRule>& rules,
                                     const Context& ctx, Status fail_on, const std::vector<std::string>& hosts) {
    SubjectReport report;
    report.name = s.name;
    report.inputs.cert = s.origin;
    if (s.body) {
        InputFile body = analyse_input(Slot::Body, s.origin + ".CertificateBody", *s.body);
        std::optional<InputFile> chain;
        if (s.chain) {
            chain = analyse_input(Slot::Chain, s.origin + ".CertificateChain", *s.chain);
            report.inputs.chain = chain->path;
        }
        report.inputs.cert = body.path;
        Material m = load_material(std::move(body), std::nullopt, std::move(chain));
        m.request = s.request;
        m.request.hosts = hosts;
        report.findings = run_rules(rules, m, ctx);
    } else {
        for (const SelectedRule& sel : rules) report.findings.push_back(metadata_finding(sel, s, ctx));
    }
    if (s.request.name) {
        // A stored certificate is moved, not uploaded again.
        for (Finding& f : report.findings) {
            if (f.rule == "cloudfront-path" && f.status != Status::Pass && f.status != Status::NotApplicable) {
                f.hint = fmt::format(
                    "move it: aws iam update-server-certificate --server-certificate-name {} --new-path "
                    "/cloudfront/NAME/",
                    *s.request.name);
            }
        }
    }
    report.verdict = judge(report.findings, fail_on);
    if (s.status && *s.status != "Active" && *s.status != "ISSUED") {
        report.notes.push_back(fmt::format("AWS reports its status as {}", *s.status));
    }
    return report;
}

}  // namespace certcheck
