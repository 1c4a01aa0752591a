#include "config/config.hpp"

#include <sys/stat.h>

#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "certcheck/load.hpp"
#include "certcheck/profile.hpp"
#include "certcheck/registry.hpp"

namespace certcheck {
namespace {

namespace fs = std::filesystem;

class Parser {
public:
    explicit Parser(const std::string& path) : path_(path) {}

    [[noreturn]] void fail(const toml::node& node, std::string_view key, std::string_view problem) const {
        throw ConfigError(fmt::format("{}:{}: {}: {}", path_, node.source().begin.line, key, problem));
    }

    std::string string(const toml::node& node, std::string_view key) const {
        const auto v = node.value<std::string>();
        if (!node.is_string() || !v) fail(node, key, fmt::format("expected a string, found {}", type_name(node)));
        return *v;
    }

    std::vector<std::string> strings(const toml::node& node, std::string_view key) const {
        const toml::array* arr = node.as_array();
        if (arr == nullptr) fail(node, key, fmt::format("expected an array of strings, found {}", type_name(node)));
        std::vector<std::string> out;
        for (const toml::node& item : *arr) out.push_back(string(item, key));
        return out;
    }

    std::vector<std::string> rule_ids(const toml::node& node, std::string_view key) const {
        std::vector<std::string> ids = strings(node, key);
        for (const std::string& id : ids) {
            if (find_rule(id) != nullptr) continue;
            std::vector<std::string_view> known;
            for (const auto& rule : builtin_rules()) known.push_back(rule->info().id);
            const auto close = did_you_mean(id, known);
            fail(node, key, fmt::format("unknown rule '{}'{} (see 'certcheck rules')", id, close.empty() ? "" : fmt::format("; did you mean '{}'?", close.front())));
        }
        return ids;
    }

    // One key of a selection table; false when the key is not a selection key.
    bool selection_key(std::string_view key, const toml::node& node, SelectionConfig& sel) const {
        if (key == "profile") {
            std::string name = string(node, key);
            if (find_profile(name) == nullptr) {
                fail(node, key, unknown_profile_message(name));
            }
            sel.profile = std::move(name);
        } else if (key == "skip") {
            sel.skip = rule_ids(node, key);
        } else if (key == "only") {
            sel.only = rule_ids(node, key);
        } else if (key == "fail-on") {
            std::string v = string(node, key);
            if (v != "error" && v != "warn") fail(node, key, fmt::format("'{}' is not one of: error, warn", v));
            sel.fail_on = std::move(v);
        } else if (key == "expiry-warn") {
            const auto v = node.value<std::int64_t>();
            if (!node.is_integer() || !v) fail(node, key, fmt::format("expected a number of days, found {}", type_name(node)));
            if (*v < 0 || *v > 36500) fail(node, key, fmt::format("{} is not a number of days from 0 to 36500", *v));
            sel.expiry_warn = static_cast<int>(*v);
        } else if (key == "trust-store") {
            const fs::path p = string(node, key);
            sel.trust_store = p.is_absolute() ? p.string() : (fs::path(path_).parent_path() / p).lexically_normal().string();
        } else {
            return false;
        }
        return true;
    }

    void table(const toml::table& tbl, std::string_view prefix, SelectionConfig& sel, Config* scan) const {
        for (const auto& [k, node] : tbl) {
            const std::string key{k.str()};
            const std::string full = prefix.empty() ? key : fmt::format("{}.{}", prefix, key);
            if (selection_key(key, node, sel)) continue;
            if (scan != nullptr && key == "include") {
                scan->include = strings(node, full);
            } else if (scan != nullptr && key == "exclude") {
                scan->exclude = strings(node, full);
            } else {
                throw ConfigError(fmt::format("{}:{}: {}: unknown key{}", path_, k.source().begin.line, full, hint(prefix)));
            }
        }
    }

    Config parse(std::string_view text) const {
        toml::table root;
        try {
            root = toml::parse(text, path_);
        } catch (const toml::parse_error& e) {
            throw ConfigError(fmt::format("{}:{}: {}", path_, e.source().begin.line, e.description()));
        }
        Config cfg;
        cfg.path = path_;
        for (const auto& [k, node] : root) {
            const std::string key{k.str()};
            if (key == "check" || key == "scan" || key == "endpoint") {
                const toml::table* sub = node.as_table();
                if (sub == nullptr) fail(node, key, fmt::format("expected a table ([{}]), found {}", key, type_name(node)));
                if (key == "check") table(*sub, key, cfg.check, nullptr);
                else if (key == "endpoint") table(*sub, key, cfg.endpoint, nullptr);
                else table(*sub, key, cfg.scan, &cfg);
                continue;
            }
            if (!selection_key(key, node, cfg.common)) {
                throw ConfigError(fmt::format("{}:{}: {}: unknown key{}", path_, k.source().begin.line, key, hint("")));
            }
        }
        return cfg;
    }

private:
    static std::string_view type_name(const toml::node& node) {
        switch (node.type()) {
            case toml::node_type::string: return "a string";
            case toml::node_type::integer: return "an integer";
            case toml::node_type::floating_point: return "a number";
            case toml::node_type::boolean: return "a boolean";
            case toml::node_type::array: return "an array";
            case toml::node_type::table: return "a table";
            default: return "a date or time";
        }
    }

    static std::string hint(std::string_view prefix) {
        constexpr std::string_view selection = "profile, skip, only, fail-on, expiry-warn, trust-store";
        if (prefix == "scan") return fmt::format(" (valid keys in [scan]: {}, include, exclude)", selection);
        if (prefix == "check" || prefix == "endpoint") return fmt::format(" (valid keys in [{}]: {})", prefix, selection);
        return fmt::format(" (valid keys: {}; tables [check], [scan], [endpoint])", selection);
    }

    std::string path_;
};

template <typename T>
void overlay(std::optional<T>& base, const std::optional<T>& over) {
    if (over) base = over;
}

bool match_class(std::string_view& p, char c) {
    // p starts just after '['; on return it starts after the closing ']'.
    bool negate = false;
    if (!p.empty() && (p.front() == '!' || p.front() == '^')) {
        negate = true;
        p.remove_prefix(1);
    }
    bool hit = false;
    bool first = true;
    while (!p.empty() && (first || p.front() != ']')) {
        first = false;
        char lo = p.front();
        p.remove_prefix(1);
        char hi = lo;
        if (p.size() >= 2 && p.front() == '-' && p[1] != ']') {
            hi = p[1];
            p.remove_prefix(2);
        }
        if (lo <= c && c <= hi) hit = true;
    }
    if (!p.empty()) p.remove_prefix(1);  // ']'
    return hit != negate;
}

bool match(std::string_view p, std::string_view s) {
    while (!p.empty()) {
        if (p.starts_with("**")) {
            p.remove_prefix(2);
            if (p.empty()) return true;
            if (p.front() == '/') p.remove_prefix(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if ((i == 0 || s[i - 1] == '/') && match(p, s.substr(i))) return true;
            }
            return false;
        }
        const char c = p.front();
        if (c == '*') {
            p.remove_prefix(1);
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (match(p, s.substr(i))) return true;
                if (i < s.size() && s[i] == '/') break;
            }
            return false;
        }
        if (s.empty()) return false;
        if (c == '?') {
            if (s.front() == '/') return false;
            p.remove_prefix(1);
        } else if (c == '[') {
            p.remove_prefix(1);
            if (s.front() == '/' || !match_class(p, s.front())) return false;
        } else {
            if (c != s.front()) return false;
            p.remove_prefix(1);
        }
        s.remove_prefix(1);
    }
    return s.empty();
}

bool path_exists(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}

}  // namespace

SelectionConfig Config::for_command(std::string_view command) const {
    SelectionConfig out = common;
    // The top-level profile names the upload being prepared; endpoint checks what a server
    // serves with its own profile unless [endpoint] names another.
    if (command == "endpoint") out.profile.reset();
    if (command != "scan" && command != "check" && command != "endpoint") return out;
    const SelectionConfig& over = command == "scan" ? scan : command == "check" ? check
                                                                                : endpoint;
    overlay(out.profile, over.profile);
    overlay(out.skip, over.skip);
    overlay(out.only, over.only);
    overlay(out.fail_on, over.fail_on);
    overlay(out.expiry_warn, over.expiry_warn);
    overlay(out.trust_store, over.trust_store);
    return out;
}

Config parse_config(std::string_view text, const std::string& path) { return Parser(path).parse(text); }

Config load_config(const std::string& path) {
    // The inputs' reader: a FIFO, device or file over 10 MiB is refused, never blocked on.
    std::string text;
    try {
        text = read_file_bytes(path);
    } catch (const InputError&) {
        throw ConfigError(fmt::format("{}: cannot read the configuration file", path));
    }
    return parse_config(text, path);
}

std::optional<std::string> find_config(const std::string& start_dir) {
    std::error_code ec;
    fs::path dir = fs::absolute(start_dir, ec);
    if (ec) return std::nullopt;
    dir = dir.lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();
    while (true) {
        const fs::path candidate = dir / kConfigFileName;
        if (path_exists(candidate)) return candidate.string();
        if (path_exists(dir / ".git")) return std::nullopt;  // the top of the work tree: stop here
        const fs::path parent = dir.parent_path();
        if (parent == dir) return std::nullopt;
        dir = parent;
    }
}

bool glob_match(std::string_view pattern, std::string_view relative_path) {
    if (pattern.find('/') == std::string_view::npos) {
        const auto slash = relative_path.rfind('/');
        if (slash != std::string_view::npos) relative_path.remove_prefix(slash + 1);
    } else if (pattern.front() == '/') {
        pattern.remove_prefix(1);  // anchored at the scanned directory: the same thing here
    }
    return match(pattern, relative_path);
}

}  // namespace certcheck
