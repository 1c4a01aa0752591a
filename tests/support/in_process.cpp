#include "support/in_process.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "certcheck/check.hpp"
#include "certcheck/render.hpp"
#include "common/escape.hpp"

namespace certcheck::test {

RunResult run_check_in_process(const std::vector<std::string>& args) {
    RunOptions options;
    CheckInputs inputs;
    RunResult r;
    std::size_t i = 0;
    if (!args.empty() && args[0] == "check") i = 1;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (i + 1 >= args.size()) {
            ADD_FAILURE() << "run_check_in_process: " << a << " has no value";
            return r;
        }
        const std::string& v = args[++i];
        if (a == "--cert") inputs.cert = v;
        else if (a == "--key") inputs.key = v;
        else if (a == "--chain") inputs.chain = v;
        else if (a == "--at") options.at = v;
        else if (a == "--trust-store") options.trust_store = v;
        else if (a == "--trust-anchor") options.trust_anchor = v;
        else if (a == "--profile") options.profile = v;
        else if (a == "--only") options.only.push_back(v);
        else if (a == "--skip") options.skip.push_back(v);
        else if (a == "--fail-on") options.fail_on = v;
        else if (a == "--expiry-warn") options.expiry_warn = std::stoi(v);
        else if (a == "--name") inputs.request.name = v;
        else if (a == "--path") inputs.request.path = v;
        else if (a == "--host") inputs.request.hosts.push_back(v);
        else if (a == "--format" && v == "json") continue;
        else {
            ADD_FAILURE() << "run_check_in_process: " << a << " " << v << " is not supported; run the binary";
            return r;
        }
    }
    try {
        const RunContext run = make_run_context(options);
        Report report = new_report(run);
        report.subjects.push_back(check_subject(inputs, run));
        std::ostringstream out;
        render_json(report, out);
        r.out = out.str();
        r.exit_code = report.exit_code();
    } catch (const SelectionError& e) {  // the binary: a usage error, exit 2
        r.err = "certcheck: error: " + safe_text(e.what()) + "\n";
        r.exit_code = 2;
    } catch (const InputError& e) {  // the binary: an input that cannot be read, exit 2
        r.err = "certcheck: error: " + safe_text(e.what()) + "\n";
        r.exit_code = 2;
    }
    return r;
}

Checked check_json_in_process(const std::vector<std::string>& args) {
    Checked c;
    c.describe = "in-process: certcheck check";
    for (const auto& a : args) c.describe += " " + a;
    c.describe += " --format json";
    c.run = run_check_in_process(args);
    parse_json_report(c);
    return c;
}

}  // namespace certcheck::test
