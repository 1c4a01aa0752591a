// What fix prints: the text report (the default) and the --format json document. Neither ever
// holds key material: changes name lines and forms, never contents.
#include <ostream>

#include <fmt/format.h>

#include "fix/fix.hpp"
#include "certcheck/version.hpp"
#include "common/escape.hpp"
#include "render/subject_json.hpp"

namespace certcheck {
namespace {

std::string_view file_role(const std::string& path) {
    return path.ends_with("key.pem") ? "key" : path.ends_with("chain.pem") ? "chain"
                                                                           : "cert";
}

}  // namespace

void render_fix_text(const FixRequest& /*request*/, const FixOutcome& out, std::string_view profile, std::ostream& os) {
    std::string written;
    for (const std::string& w : out.written) {
        written += (written.empty() ? "" : ", ") + safe_text(w) + (file_role(w) == "key" ? " (mode 0600)" : "");
    }
    os << "wrote " << written << '\n';
    if (out.changes.empty()) os << "  no changes were needed: the inputs were already upload-ready\n";
    for (const FixChange& c : out.changes) os << "  " << c.file << ": " << safe_text(c.text) << '\n';
    for (const std::string& n : out.notes) os << "  note: " << safe_text(n) << '\n';
    if (!out.recheck) return;
    const SubjectReport& r = *out.recheck;
    int warnings = 0;
    for (const Finding& f : r.findings) {
        if (f.status == Status::Warn || f.status == Status::Error) {
            ++warnings;
            os << fmt::format("  {}: {} [{}]\n", f.status == Status::Error ? "error" : "warning", safe_text(f.message), f.rule);
        }
    }
    os << fmt::format("check ({}): {}{}\n", profile, out.fixed ? "PASS" : "FAIL",
                      warnings > 0 ? fmt::format(" with {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
    for (const std::string& what : r.not_checked) os << "not checked: " << safe_text(what) << '\n';
    if (out.fixed && r.next_command) os << "next: " << safe_text(*r.next_command) << '\n';
    for (const std::string& note : r.notes) os << "note: " << safe_text(note) << '\n';
}

void render_fix_json(const FixRequest& request, const FixOutcome& out, std::string_view profile, std::string_view checked_at,
                     std::ostream& os) {
    using render_detail::Json;
    Json doc = Json::object();
    doc["tool"] = "certcheck";
    doc["version"] = std::string{kVersion};
    doc["command"] = "fix";
    doc["profile"] = std::string{profile};
    doc["checked_at"] = std::string{checked_at};
    doc["out"] = request.out_dir;
    doc["verdict"] = out.written.empty() ? "not-written" : out.fixed ? "pass"
                                                                     : "fail";
    Json written = Json::array();
    for (const std::string& w : out.written) written.push_back(Json{{"file", std::string{file_role(w)}}, {"path", w}});
    doc["written"] = std::move(written);
    Json changes = Json::array();
    for (const FixChange& c : out.changes) changes.push_back(Json{{"file", c.file}, {"kind", c.kind}, {"text", c.text}});
    doc["changes"] = std::move(changes);
    doc["notes"] = out.notes;
    doc["problems"] = out.problems;
    doc["needs_passphrase"] = out.needs_passphrase;
    doc["check"] = out.recheck ? render_detail::subject_json(*out.recheck) : Json(nullptr);
    doc["next_command"] = out.fixed && out.recheck && out.recheck->next_command ? Json(*out.recheck->next_command) : Json(nullptr);
    os << render_detail::dump(doc, 2) << '\n';
}

}  // namespace certcheck
