// The html report: one self-contained page (inline CSS, a little inline JS, an SVG drawn here;
// nothing fetched). Every value from a certificate, a path or a finding is escaped, so a subject
// CN holding markup is shown as text. Linear in the subjects; one pass per section.
#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
#include <limits>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "certcheck/load.hpp"
#include "certcheck/render.hpp"
#include "common/x509util.hpp"
#include "common/utf8.hpp"
#include "render/spill.hpp"

#include "render/html_text.hpp"

namespace certcheck {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Text for an element or a quoted attribute: & < > " ' escaped, control characters and invalid
// UTF-8 replaced.
void esc(std::string& out, std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\n':
            case '\t': out += static_cast<char>(c); break;
            default:
                if (c >= 0x80) {
                    std::uint32_t cp = 0;
                    const std::size_t len = utf8_decode(s, i, cp);
                    if (len == 0) {
                        out += kReplacement;
                        break;
                    }
                    out.append(s.data() + i, len);
                    i += len;
                    continue;
                }
                if (c < 0x20 || c == 0x7f) out += kReplacement;
                else out += static_cast<char>(c);
        }
        ++i;
    }
}

std::string esc(std::string_view s) {
    std::string out;
    esc(out, s);
    return out;
}

const CertificateFacts* leaf_of(const SubjectReport& s) {
    if (!s.facts || s.facts->certificates.empty()) return nullptr;
    return &s.facts->certificates.front();
}

constexpr std::string_view kStyle = R"(
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2433;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#5b6478;margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d8dce6;border-radius:8px;padding:10px 16px;min-width:110px}
.card b{display:block;font-size:24px}.pass{color:#137333}.fail{color:#b3261e}.error{color:#8a4b00}.warn{color:#a15c00}
table{border-collapse:collapse;width:100%;margin-top:8px}th,td{border-bottom:1px solid #e4e7ee;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f3f5f9;cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td.date{white-space:nowrap}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}td.path{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff}
.badge.pass{background:#137333}.badge.fail{background:#b3261e}.badge.error{background:#8a4b00}.badge.warn{background:#a15c00}
details{border:1px solid #e4e7ee;border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}
.finding{margin:6px 0 6px 12px}.hint{color:#5b6478;margin-left:12px}svg text{font:11px system-ui,sans-serif;fill:#5b6478}
)";

constexpr std::string_view kScript = R"(
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.addEventListener('click',function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      t.querySelectorAll('th').forEach(function(o){o.removeAttribute('aria-sort')});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var num=th.dataset.type==='num',body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[i].dataset.v!==undefined?a.cells[i].dataset.v:a.cells[i].textContent;
        var y=b.cells[i].dataset.v!==undefined?b.cells[i].dataset.v:b.cells[i].textContent;
        var r=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y);
        return asc?r:-r;});
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
// #sort=N (column N ascending) or #sort=N-desc in the address sorts on load, for links and tests.
var m=/sort=(\d+)(-desc)?/.exec(location.hash);
if(m){var th=document.querySelectorAll('#subjects th')[+m[1]];if(th){th.click();if(m[2])th.click();}}
)";

// Months since year 0, for the timeline's bins.
std::int64_t month_of(std::int64_t t) {
    const auto tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return static_cast<std::int64_t>(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

// The expiry timeline: leaf certificates counted by the month of their notAfter, from a year
// before --at to ten years after (earlier and later ones in the first and last bar), with --at marked.
struct Row {
    std::string name;
    Verdict verdict = Verdict::Pass;
    bool has_leaf = false;
    std::int64_t days_left = 0;
    std::int64_t not_after = 0;
    std::string cn;
    std::string issuer_cn;
    int failing = 0;
};

void timeline(std::string& out, const std::vector<Row>& rows, std::int64_t at, int warn_days) {
    const std::int64_t first = month_of(at) - 12;
    constexpr std::int64_t kMonths = 12 * 11 + 1;
    std::array<std::array<int, 3>, kMonths> bins{};  // expired, within warn, later
    int total = 0;
    for (const Row& row : rows) {
        if (!row.has_leaf) continue;
        const std::int64_t m = std::clamp<std::int64_t>(month_of(row.not_after) - first, 0, kMonths - 1);
        const int kind = row.not_after < at ? 0 : row.days_left < warn_days ? 1
                                                                            : 2;
        ++bins[static_cast<std::size_t>(m)][static_cast<std::size_t>(kind)];
        ++total;
    }
    int peak = 1;
    for (const auto& b : bins) peak = std::max(peak, b[0] + b[1] + b[2]);
    constexpr int kW = 7;
    constexpr int kLeft = 40;
    constexpr int kTop = 10;
    constexpr int kH = 140;
    const int width = kLeft + static_cast<int>(kMonths) * kW + 20;
    out += fmt::format(
        "<svg id=\"timeline\" role=\"img\" aria-label=\"Leaf certificates by month of expiry\" width=\"{}\" height=\"{}\" "
        "viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        width, kH + 50, width, kH + 50);
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c4c9d4\"/>\n", kLeft, kTop + kH, width - 20, kTop + kH);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n",
                       kLeft - 4, kTop + 10, peak, kLeft - 4, kTop + kH);
    static constexpr std::array<const char*, 3> kColour{"#b3261e", "#e8a317", "#34a853"};
    static constexpr std::array<const char*, 3> kWhat{"expired", "expiring soon", "valid"};
    for (std::int64_t i = 0; i < kMonths; ++i) {
        const auto& b = bins[static_cast<std::size_t>(i)];
        int y = kTop + kH;
        const int x = kLeft + static_cast<int>(i) * kW;
        for (std::size_t k = 0; k < 3; ++k) {
            if (b[k] == 0) continue;
            const int h = std::max(1, b[k] * kH / peak);
            y -= h;
            const std::int64_t month = first + i;
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}-{:02}: {} {}</title></rect>\n", x, y,
                               kW - 1, h, kColour[k], month / 12, month % 12 + 1, b[k], kWhat[k]);
        }
        if ((first + i) % 12 == 0) {
            out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c4c9d4\"/><text x=\"{}\" y=\"{}\">{}</text>\n", x,
                               kTop + kH, x, kTop + kH + 5, x, kTop + kH + 18, (first + i) / 12);
        }
    }
    const int at_x = kLeft + 12 * kW;
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1d2433\" stroke-dasharray=\"3,3\"/>"
        "<text x=\"{}\" y=\"{}\">checked at</text>\n",
        at_x, kTop, at_x, kTop + kH, at_x + 4, kTop + 10);
    int lx = kLeft;
    for (std::size_t k = 0; k < 3; ++k) {
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>\n", lx,
                           kTop + kH + 28, kColour[k], lx + 14, kTop + kH + 37, kWhat[k]);
        lx += 120;
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\">{} leaf certificates; bars before {} and after {} hold the earlier and later ones</text>\n",
                       lx, kTop + kH + 37, total, first / 12, (first + kMonths - 1) / 12);
    out += "</svg>\n";
}

}  // namespace

struct HtmlWriter::State {
    std::string profile, checked_at, version;
    Summary summary;
    std::vector<Row> rows;
    render_detail::Spill details;  // the findings section, written as subjects arrive
};

HtmlWriter::HtmlWriter(const Report& run) : s_(std::make_unique<State>()) {
    s_->profile = run.profile;
    s_->checked_at = run.checked_at;
    s_->version = run.version;
}

HtmlWriter::~HtmlWriter() = default;

void HtmlWriter::add(const SubjectReport& s) {
    const std::size_t i = s_->rows.size();
    s_->summary.add(s.verdict);
    Row row;
    row.name = s.name;
    row.verdict = s.verdict;
    if (const CertificateFacts* leaf = leaf_of(s)) {
        row.has_leaf = true;
        row.days_left = leaf->days_left;
        row.not_after = leaf->not_after;
        row.cn = leaf->subject_parts.CN;
        row.issuer_cn = leaf->issuer_parts.CN;
    }
    for (const Finding& f : s.findings) row.failing += f.status == Status::Error || f.status == Status::Warn ? 1 : 0;
    s_->rows.push_back(std::move(row));

    std::string page;
    const std::string_view verdict = to_string(s.verdict);
    page += fmt::format("<details id=\"subject-{}\"{}><summary><span class=\"badge {}\">{}</span> {}</summary>\n", i,
                        s.verdict == Verdict::Pass ? "" : " open", verdict, verdict, esc(s.name));
    if (s.error) page += fmt::format("<div class=\"finding error\">{}</div>\n", esc(*s.error));
    bool any = false;
    for (const Finding& f : s.findings) {
        if (f.status != Status::Error && f.status != Status::Warn) continue;
        any = true;
        const char* cls = f.status == Status::Error ? "fail" : "warn";
        page += fmt::format("<div class=\"finding\"><span class=\"badge {}\">{}</span> <code>{}</code> {}", cls,
                            f.status == Status::Error ? "error" : "warning", esc(f.rule), esc(f.message));
        if (f.file) page += fmt::format(" <span class=\"hint\">{}{}</span>", esc(*f.file), f.line ? fmt::format(":{}", *f.line) : "");
        page += "</div>\n";
        if (f.hint) page += fmt::format("<div class=\"hint\">hint: {}</div>\n", esc(*f.hint));
    }
    if (!any && !s.error) page += "<div class=\"finding pass\">every rule passed</div>\n";
    if (s.facts) {
        page += "<div class=\"hint\">";
        for (const CertificateFacts& c : s.facts->certificates) {
            page += fmt::format("{} {}: {} · expires {} ({} days) · {} {}<br>\n", esc(c.role), esc(c.file), esc(c.subject),
                                esc(x509::format_time(static_cast<std::time_t>(c.not_after))), c.days_left, esc(c.key_type), c.key_bits);
        }
        page += "</div>\n";
    }
    page += "</details>\n";
    s_->details.append(page);
}

void HtmlWriter::finish(std::ostream& out) const {
    if (s_->details.failed()) throw InputError("cannot write a temporary file for the html report (is TMPDIR full?)");
    const Summary& sum = s_->summary;
    const std::int64_t at = x509::parse_time(s_->checked_at).value_or(0);
    const int warn_days = 30;
    std::string page;
    page.reserve(1 << 16);
    const auto flush = [&] {
        out << page;
        page.clear();
    };
    page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
    page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>certcheck report</title>\n<style>";
    page += kStyle;
    page += "</style>\n</head>\n<body>\n<h1>certcheck report</h1>\n";
    page += fmt::format("<div class=\"meta\">profile <b>{}</b> · validity judged at <b>{}</b> · certcheck {}</div>\n", esc(s_->profile),
                        esc(s_->checked_at), esc(s_->version));
    page += "<section id=\"summary\" class=\"cards\">\n";
    page += fmt::format(
        "<div class=\"card\"><b>{}</b>subjects</div><div class=\"card pass\"><b>{}</b>passed</div>"
        "<div class=\"card fail\"><b>{}</b>failed</div><div class=\"card error\"><b>{}</b>errors</div>\n",
        sum.subjects, sum.passed, sum.failed, sum.errors);
    page += "</section>\n<h2>Expiry timeline</h2>\n";
    timeline(page, s_->rows, at, warn_days);

    page +=
        "<h2>Subjects</h2>\n<table id=\"subjects\" class=\"sortable\">\n<thead><tr><th>Subject</th><th>Verdict</th>"
        "<th data-type=\"num\">Days left</th><th>Expires</th><th>Common name</th><th>Issuer</th><th data-type=\"num\">Failing rules</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < s_->rows.size(); ++i) {
        const Row& row = s_->rows[i];
        const std::string_view verdict = to_string(row.verdict);
        page += fmt::format("<tr class=\"subject\" id=\"row-{}\"><td class=\"path\"><a href=\"#subject-{}\">{}</a></td>", i, i, esc(row.name));
        page += fmt::format("<td data-v=\"{}\"><span class=\"badge {}\">{}</span></td>", verdict, verdict, verdict);
        if (row.has_leaf) {
            page += fmt::format("<td class=\"num {}\" data-v=\"{}\">{}</td><td class=\"date\" data-v=\"{}\">{}</td><td>{}</td><td>{}</td>",
                                row.days_left < 0 ? "fail" : row.days_left < warn_days ? "warn"
                                                                                       : "",
                                row.days_left, row.days_left,
                                row.not_after, esc(x509::format_time(static_cast<std::time_t>(row.not_after)).substr(0, 10)),
                                esc(row.cn), esc(row.issuer_cn));
        } else {
            page += fmt::format("<td class=\"num\" data-v=\"{}\">–</td><td data-v=\"{}\">–</td><td></td><td></td>",
                                std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int64_t>::max());
        }
        page += fmt::format("<td class=\"num\" data-v=\"{}\">{}</td></tr>\n", row.failing, row.failing);
        if (page.size() > (1 << 16)) flush();
    }
    page += "</tbody>\n</table>\n<h2>Findings</h2>\n";
    flush();
    s_->details.copy_to(out);
    page += "<script>";
    page += kScript;
    page += "</script>\n</body>\n</html>\n";
    flush();
}

void render_html(const Report& report, std::ostream& out) {
    HtmlWriter w(report);
    for (const SubjectReport& s : report.subjects) w.add(s);
    w.finish(out);
}

namespace render_detail {

std::string html_text(std::string_view s) {
    std::string out;
    esc(out, s);
    return out;
}

}  // namespace render_detail
}  // namespace certcheck
