#include "support/report.hpp"

#include <gtest/gtest.h>

namespace certcheck::test {

std::string Checked::st(const std::string& rule) const {
    const auto it = status.find(rule);
    return it == status.end() ? "<missing>" : it->second;
}

std::string Checked::msg(const std::string& rule) const {
    const auto it = message.find(rule);
    return it == message.end() ? "<missing>" : it->second;
}

std::string Checked::context() const { return describe + "\nstdout: " + run.out + "\nstderr: " + run.err; }

void parse_json_report(Checked& c) {
    try {
        c.doc = nlohmann::json::parse(c.run.out);
    } catch (const nlohmann::json::exception& e) {
        ADD_FAILURE() << "stdout is not json (" << e.what() << "): " << c.context();
        return;
    }
    if (!c.doc.contains("subjects") || c.doc["subjects"].empty()) {
        ADD_FAILURE() << "no subjects: " << c.context();
        return;
    }
    for (const auto& f : c.doc["subjects"][0]["findings"]) {
        const std::string rule = f["rule"].get<std::string>();
        c.status[rule] = f["status"].get<std::string>();
        c.message[rule] = f["message"].get<std::string>();
        c.hint[rule] = f["hint"].is_string() ? f["hint"].get<std::string>() : "";
    }
}

Checked check_json_report(std::vector<std::string> args, int timeout_seconds) {
    return command_json_report("check", std::move(args), timeout_seconds);
}

Checked command_json_report(const std::string& command, std::vector<std::string> args, int timeout_seconds) {
    args.insert(args.begin(), command);
    args.emplace_back("--format");
    args.emplace_back("json");
    Checked c;
    c.describe = "certcheck";
    for (const auto& a : args) c.describe += " " + a;
    c.run = run_certcheck(args, timeout_seconds);
    EXPECT_FALSE(c.run.timed_out) << "timed out (a passphrase prompt?): " << c.describe;
    parse_json_report(c);
    return c;
}

}  // namespace certcheck::test
