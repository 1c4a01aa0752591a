// The certificate x role matrix of `certcheck access` in text, json, csv and html.
#include <algorithm>

#include <fmt/format.h>

#include "access/access.hpp"
#include "render/html_text.hpp"
#include "render/subject_json.hpp"

namespace certcheck {
namespace {

using render_detail::Json;

std::string cell_text(const AccessCell& c) {
    if (c.decision == Decision::Allow) return c.statement ? fmt::format("allow #{}", *c.statement) : std::string{"allow"};
    if (c.decision == Decision::Unknown) return c.statement ? fmt::format("unknown #{}", *c.statement) : std::string{"unknown"};
    return c.statement ? fmt::format("deny #{}", *c.statement) : std::string{"deny"};
}

std::vector<std::string> role_names(const AccessMatrix& m, std::size_t cert, Decision d) {
    std::vector<std::string> out;
    for (std::size_t r = 0; r < m.roles.size(); ++r) {
        if (m.at(cert, r).decision == d) out.push_back(m.roles[r].name);
    }
    return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : std::string{sep}) + s;
    return out;
}

std::string header_line(const AccessMatrix& m, const AccessRun& run) {
    return fmt::format("{} certificate{} x {} role{} at {} (trust anchor {}{}, {}, {} CRL file{})", m.certificates.size(),
                       m.certificates.size() == 1 ? "" : "s", m.roles.size(), m.roles.size() == 1 ? "" : "s", run.checked_at,
                       run.trust_anchor, run.anchor_arn ? ", " + *run.anchor_arn : std::string{}, run.mapping, run.crl_files.size(),
                       run.crl_files.size() == 1 ? "" : "s");
}

void text(const AccessMatrix& m, const AccessRun& run, std::ostream& out) {
    out << "certcheck access: " << header_line(m, run) << "\n\n";
    std::size_t wc = std::string_view{"CERTIFICATE"}.size();
    for (const auto& c : m.certificates) wc = std::max(wc, c.path.size());
    std::vector<std::size_t> wr;
    for (std::size_t r = 0; r < m.roles.size(); ++r) {
        std::size_t w = std::max<std::size_t>(m.roles[r].name.size(), 9);
        for (std::size_t c = 0; c < m.certificates.size(); ++c) w = std::max(w, cell_text(m.at(c, r)).size());
        wr.push_back(w);
    }
    const auto row = [&](std::string line) {
        line.erase(line.find_last_not_of(' ') + 1);
        out << line << '\n';
    };
    std::string head = fmt::format("{:<{}}  {:<13}", "CERTIFICATE", wc, "STATUS");
    for (std::size_t r = 0; r < m.roles.size(); ++r) head += fmt::format("  {:<{}}", m.roles[r].name, wr[r]);
    row(std::move(head));
    for (std::size_t c = 0; c < m.certificates.size(); ++c) {
        std::string line = fmt::format("{:<{}}  {:<13}", m.certificates[c].path, wc, m.certificates[c].status);
        for (std::size_t r = 0; r < m.roles.size(); ++r) line += fmt::format("  {:<{}}", cell_text(m.at(c, r)), wr[r]);
        row(std::move(line));
    }
    out << "\nroles:\n";
    for (const AccessRole& r : m.roles) {
        out << fmt::format("  {} ({}): {} certificate{} allowed", r.name, r.file, r.certificates_allowed,
                           r.certificates_allowed == 1 ? "" : "s");
        if (r.any_certificate) out << fmt::format("; OPEN: {}", r.any_certificate_why);
        else if (r.certificates_allowed == 0) out << "; no certificate found can assume it";
        out << '\n';
    }
    bool any = false;
    for (std::size_t c = 0; c < m.certificates.size(); ++c) {
        if (m.certificates[c].roles_allowed < 2) continue;
        if (!any) out << "\ncertificates that can assume more than one role:\n";
        any = true;
        out << fmt::format("  {}: {}\n", m.certificates[c].path, join(role_names(m, c, Decision::Allow), ", "));
    }
    any = false;
    for (const AccessCertificate& c : m.certificates) {
        if (c.status == "ok") continue;
        if (!any) out << "\ncertificates that cannot authenticate (denied every role):\n";
        any = true;
        out << fmt::format("  {}: {}: {}\n", c.path, c.status, c.reason);
    }
    out << "\nwhy:\n";
    for (const AccessCell& cell : m.cells) {
        if (m.certificates[cell.certificate].status != "ok") continue;
        out << fmt::format("  {} x {}: {}: {}\n", m.certificates[cell.certificate].path, m.roles[cell.role].name,
                           to_string(cell.decision), cell.why);
    }
    for (const auto& [path, why] : run.skipped) out << fmt::format("skipped {}: {}\n", path, why);
}

Json document(const AccessMatrix& m, const AccessRun& run) {
    Json roles = Json::array();
    for (const AccessRole& r : m.roles) {
        roles.push_back(Json{{"role", r.name},
                             {"file", r.file},
                             {"any_certificate", r.any_certificate},
                             {"certificates_allowed", r.certificates_allowed},
                             {"any_certificate_why", r.any_certificate ? Json(r.any_certificate_why) : Json(nullptr)}});
    }
    Json certs = Json::array();
    for (std::size_t c = 0; c < m.certificates.size(); ++c) {
        const AccessCertificate& ac = m.certificates[c];
        Json tags = Json::object();
        for (const SessionTag& t : ac.session.tags) {
            if (!t.dropped) tags["aws:PrincipalTag/" + t.key] = t.value;
        }
        certs.push_back(Json{{"certificate", ac.path},
                             {"subject", ac.subject},
                             {"chain_files", ac.chain_files},
                             {"authenticates", ac.status == "ok"},
                             {"status", ac.status},
                             {"reason", ac.reason.empty() ? Json(nullptr) : Json(ac.reason)},
                             {"path", ac.path_text.empty() ? Json(nullptr) : Json(ac.path_text)},
                             {"roles_allowed", role_names(m, c, Decision::Allow)},
                             {"session_tags", std::move(tags)},
                             {"source_identity", ac.session.source_identity}});
    }
    Json access = Json::array();
    for (const AccessCell& cell : m.cells) {
        access.push_back(Json{{"certificate", m.certificates[cell.certificate].path},
                              {"role", m.roles[cell.role].name},
                              {"decision", std::string{to_string(cell.decision)}},
                              {"statement", cell.statement ? Json(*cell.statement) : Json(nullptr)},
                              {"why", cell.why}});
    }
    Json open = Json::array();
    Json unassumable = Json::array();
    for (const AccessRole& r : m.roles) {
        if (r.any_certificate) open.push_back(r.name);
        if (r.certificates_allowed == 0) unassumable.push_back(r.name);
    }
    Json multi = Json::array();
    for (const AccessCertificate& c : m.certificates) {
        if (c.roles_allowed > 1) multi.push_back(c.path);
    }
    Json skipped = Json::array();
    for (const auto& [path, why] : run.skipped) skipped.push_back(Json{{"path", path}, {"why", why}});
    return Json{{"tool", "certcheck"},
                {"version", run.version},
                {"command", "access"},
                {"checked_at", run.checked_at},
                {"trust_anchor", run.trust_anchor},
                {"trust_anchor_arn", run.anchor_arn ? Json(*run.anchor_arn) : Json(nullptr)},
                {"attribute_mapping", run.mapping},
                {"crls", run.crl_files},
                {"roles", std::move(roles)},
                {"certificates", std::move(certs)},
                {"access", std::move(access)},
                {"open_roles", std::move(open)},
                {"roles_no_certificate_can_assume", std::move(unassumable)},
                {"certificates_with_several_roles", std::move(multi)},
                {"skipped", std::move(skipped)}};
}

// RFC 4180 quoting; a field a spreadsheet would run as a formula gets a leading quote.
std::string csv_field(std::string s) {
    if (!s.empty() && std::string_view{"=+-@\t\r"}.find(s.front()) != std::string_view::npos) s.insert(s.begin(), '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string{"\"\""} : std::string(1, c);
    return q + "\"";
}

void csv(const AccessMatrix& m, std::ostream& out) {
    out << "certificate,status,role,decision,statement,why\r\n";
    for (const AccessCell& cell : m.cells) {
        const AccessCertificate& c = m.certificates[cell.certificate];
        out << csv_field(c.path) << ',' << c.status << ',' << csv_field(m.roles[cell.role].name) << ',' << to_string(cell.decision) << ','
            << (cell.statement ? std::to_string(*cell.statement) : std::string{}) << ',' << csv_field(cell.why) << "\r\n";
    }
}

using render_detail::html_text;

void html(const AccessMatrix& m, const AccessRun& run, std::ostream& out) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
           "<title>certcheck access</title>\n<style>\n"
           "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;"
           "text-align:left;vertical-align:top}.allow{background:#d4f4d4}.deny{background:#f8d7d7}.unknown{background:#fff3c4}"
           ".open{color:#a00;font-weight:bold}small{color:#555}\n</style>\n</head>\n<body>\n";
    out << "<h1>certcheck access</h1>\n<p>" << html_text(header_line(m, run)) << "</p>\n";
    out << "<table>\n<tr><th>certificate</th><th>status</th>";
    for (const AccessRole& r : m.roles) {
        out << "<th>" << html_text(r.name) << (r.any_certificate ? " <span class=\"open\">(open)</span>" : "") << "</th>";
    }
    out << "</tr>\n";
    for (std::size_t c = 0; c < m.certificates.size(); ++c) {
        const AccessCertificate& ac = m.certificates[c];
        out << "<tr><td>" << html_text(ac.path) << "<br><small>" << html_text(ac.subject) << "</small></td><td>"
            << html_text(ac.status) << "</td>";
        for (std::size_t r = 0; r < m.roles.size(); ++r) {
            const AccessCell& cell = m.at(c, r);
            out << "<td class=\"" << to_string(cell.decision) << "\" title=\"" << html_text(cell.why) << "\">"
                << html_text(cell_text(cell)) << "<br><small>" << html_text(cell.why) << "</small></td>";
        }
        out << "</tr>\n";
    }
    out << "</table>\n<h2>roles</h2>\n<ul>\n";
    for (const AccessRole& r : m.roles) {
        out << "<li>" << html_text(r.name) << " (" << html_text(r.file) << "): " << r.certificates_allowed << " allowed";
        if (r.any_certificate) out << "; <span class=\"open\">OPEN</span>: " << html_text(r.any_certificate_why);
        else if (r.certificates_allowed == 0) out << "; no certificate found can assume it";
        out << "</li>\n";
    }
    out << "</ul>\n</body>\n</html>\n";
}

}  // namespace

int access_exit_code(const AccessMatrix& m) noexcept {
    return std::any_of(m.roles.begin(), m.roles.end(), [](const AccessRole& r) { return r.any_certificate; }) ? 1 : 0;
}

void render_access(const AccessMatrix& m, const AccessRun& run, AccessFormat format, std::ostream& out) {
    switch (format) {
        case AccessFormat::Text: text(m, run, out); break;
        case AccessFormat::Json: out << render_detail::dump(document(m, run), 2) << '\n'; break;
        case AccessFormat::Csv: csv(m, out); break;
        case AccessFormat::Html: html(m, run, out); break;
    }
}

}  // namespace certcheck
