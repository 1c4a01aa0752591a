// A full check of arbitrary (body, key, chain) bytes, split at fuzz::kSeparator: load, every rule
// of the default profile, every output format; aborts if any output quotes the key's base64.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace certcheck;
    const auto parts = fuzz::split(fuzz::bytes(data, size), 3);
    std::optional<InputFile> key;
    std::optional<InputFile> chain;
    if (parts.size() > 1) key = analyse_input(Slot::Key, "key.pem", std::string{parts[1]});
    if (parts.size() > 2) chain = analyse_input(Slot::Chain, "chain.pem", std::string{parts[2]});
    Request request;
    request.name = "fuzz";
    request.path = "/";
    request.hosts = {"example.com"};
    const Material m = load_material(analyse_input(Slot::Body, "cert.pem", std::string{parts[0]}), std::move(key),
                                     std::move(chain), std::move(request));

    Report report;
    report.profile = "iam-server";
    report.checked_at = "2030-01-01T00:00:00Z";
    SubjectReport& subject = report.subjects.emplace_back();
    subject.name = "fuzz";
    subject.inputs.cert = "cert.pem";
    subject.findings = run_rules(fuzz::all_rules(), m, fuzz::context());
    subject.verdict = judge(subject.findings, report.fail_on);

    if (parts.size() > 1) {
        const std::string public_text = std::string{parts[0]} + (parts.size() > 2 ? std::string{parts[2]} : "");
        fuzz::expect_no_key_material(parts[1], public_text, fuzz::render_all(report));
    }
    return 0;
}
