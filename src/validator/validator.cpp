#include "certcheck/validator.hpp"

namespace certcheck {

Result Result::pass(std::string message, std::optional<Location> where) {
    return Result{Kind::Pass, std::move(message), std::move(where), std::nullopt, std::nullopt};
}

Result Result::fail(std::string message, std::optional<Location> where, std::optional<std::string> hint) {
    return Result{Kind::Fail, std::move(message), std::move(where), std::move(hint), std::nullopt};
}

Result Result::fail_as(Severity sev, std::string message, std::optional<Location> where, std::optional<std::string> hint) {
    return Result{Kind::Fail, std::move(message), std::move(where), std::move(hint), sev};
}

Result Result::not_applicable(std::string message) {
    return Result{Kind::NotApplicable, std::move(message), std::nullopt, std::nullopt, std::nullopt};
}

Location at_file(const InputFile& f, std::optional<int> line) {
    if (line && *line <= 0) line.reset();
    return Location{f.path, line};
}

}  // namespace certcheck
