// Role trust policies: parsing (never throws) and the evaluation of the statements that trust
// rolesanywhere.amazonaws.com against the condition keys a certificate produces
// (AWS-RULES.md 5c ra-trust-policy, ra-tag-mapping).
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "certcheck/rolesanywhere.hpp"
#include "common/x509util.hpp"

namespace certcheck {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 64;
constexpr std::string_view kService = "rolesanywhere.amazonaws.com";
constexpr std::string_view kRequiredActions[] = {"sts:assumerole", "sts:tagsession", "sts:setsourceidentity"};

std::string lower(std::string_view s) {
    std::string out{s};
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// A string, number or boolean as IAM reads it; nullopt for anything else.
std::optional<std::string> scalar(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
    if (v.is_number_float()) return v.dump();
    return std::nullopt;
}

// A string or an array of strings ("Action", "Service", condition values).
bool strings(const json& v, std::vector<std::string>& out) {
    if (auto s = scalar(v)) {
        out.push_back(std::move(*s));
        return true;
    }
    if (!v.is_array()) return false;
    for (const json& e : v) {
        auto s = scalar(e);
        if (!s) return false;
        out.push_back(std::move(*s));
    }
    return true;
}

struct ShapeError {
    std::string message;
};

PolicyStatement parse_statement(const json& st, int index) {
    const std::string where = fmt::format("Statement[{}]", index);
    if (!st.is_object()) throw ShapeError{where + " is not an object"};
    PolicyStatement out;
    out.index = index;
    if (auto it = st.find("Sid"); it != st.end() && it->is_string()) out.sid = it->get<std::string>();
    const auto effect = st.find("Effect");
    if (effect == st.end() || !effect->is_string()) throw ShapeError{where + " has no \"Effect\""};
    if (*effect == "Allow") out.allow = true;
    else if (*effect == "Deny") out.allow = false;
    else throw ShapeError{fmt::format("{}: \"Effect\" is '{}', not \"Allow\" or \"Deny\"", where, effect->get<std::string>())};

    if (st.contains("NotPrincipal")) out.unsupported = "NotPrincipal is not supported by certcheck";
    if (st.contains("NotAction")) out.unsupported = "NotAction is not supported by certcheck";
    if (auto p = st.find("Principal"); p != st.end()) {
        if (p->is_string()) {
            out.trusts_roles_anywhere = *p == "*";
        } else if (p->is_object()) {
            if (auto svc = p->find("Service"); svc != p->end()) {
                std::vector<std::string> services;
                if (!strings(*svc, services)) throw ShapeError{where + ": Principal.Service is not a string or a list of strings"};
                out.trusts_roles_anywhere = std::any_of(services.begin(), services.end(),
                                                        [](const std::string& s) { return iequals(s, kService); });
            }
        } else {
            throw ShapeError{where + ": \"Principal\" is not \"*\" or an object"};
        }
    } else if (!out.unsupported) {
        throw ShapeError{where + " has no \"Principal\" (a role trust policy names who may assume the role)"};
    }
    if (auto a = st.find("Action"); a != st.end()) {
        std::vector<std::string> actions;
        if (!strings(*a, actions)) throw ShapeError{where + ": \"Action\" is not a string or a list of strings"};
        for (auto& s : actions) out.actions.push_back(lower(s));
    }
    if (auto c = st.find("Condition"); c != st.end()) {
        if (!c->is_object()) throw ShapeError{where + ": \"Condition\" is not an object"};
        for (const auto& [op, block] : c->items()) {
            if (!block.is_object()) throw ShapeError{fmt::format("{}: Condition \"{}\" is not an object", where, op)};
            for (const auto& [key, values] : block.items()) {
                PolicyCondition cond{op, key, {}};
                if (!strings(values, cond.values)) {
                    throw ShapeError{fmt::format("{}: Condition \"{}\" \"{}\" is not a string or a list of strings", where, op, key)};
                }
                out.conditions.push_back(std::move(cond));
            }
        }
    }
    return out;
}

TrustPolicyParse parse_checked(std::string_view text) {
    TrustPolicyParse r;
    if (auto deep = json_nesting_error(text)) {
        r.error = *deep;
        return r;
    }
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        if (const auto close = what.find("] "); what.starts_with("[json.exception") && close != std::string::npos) {
            what = what.substr(close + 2);
        }
        r.error = fmt::format("malformed JSON (byte {}): {}", e.byte, what);
        return r;
    }
    try {
        if (!doc.is_object()) throw ShapeError{"the policy is not a JSON object"};
        const auto st = doc.find("Statement");
        if (st == doc.end()) throw ShapeError{"the policy has no \"Statement\""};
        TrustPolicy policy;
        if (st->is_object()) {
            policy.statements.push_back(parse_statement(*st, 0));
        } else if (st->is_array()) {
            int i = 0;
            for (const json& s : *st) policy.statements.push_back(parse_statement(s, i++));
        } else {
            throw ShapeError{"\"Statement\" is not an object or a list"};
        }
        r.policy = std::move(policy);
    } catch (const ShapeError& e) {
        r.error = e.message;
    }
    return r;
}

// ------------------------------------------------------------------ evaluation

enum class Base {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    ArnLike,
    NumericEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    Null
};
enum class Qualifier {
    None,
    ForAnyValue,
    ForAllValues
};

struct Operator {
    Base base = Base::StringEquals;
    bool negated = false;
    bool if_exists = false;
    Qualifier qualifier = Qualifier::None;
};

std::optional<Operator> parse_operator(std::string_view op) {
    Operator o;
    if (istarts_with(op, "ForAnyValue:")) {
        o.qualifier = Qualifier::ForAnyValue;
        op.remove_prefix(12);
    } else if (istarts_with(op, "ForAllValues:")) {
        o.qualifier = Qualifier::ForAllValues;
        op.remove_prefix(13);
    }
    if (op.size() > 8 && iequals(op.substr(op.size() - 8), "IfExists")) {
        o.if_exists = true;
        op.remove_suffix(8);
    }
    static constexpr std::tuple<std::string_view, Base, bool> kOps[] = {
        {"StringEquals", Base::StringEquals, false},
        {"StringNotEquals", Base::StringEquals, true},
        {"StringEqualsIgnoreCase", Base::StringEqualsIgnoreCase, false},
        {"StringNotEqualsIgnoreCase", Base::StringEqualsIgnoreCase, true},
        {"StringLike", Base::StringLike, false},
        {"StringNotLike", Base::StringLike, true},
        // IAM treats ArnEquals like ArnLike: each of the six ARN fields may hold * and ?.
        {"ArnEquals", Base::ArnLike, false},
        {"ArnLike", Base::ArnLike, false},
        {"ArnNotEquals", Base::ArnLike, true},
        {"ArnNotLike", Base::ArnLike, true},
        {"NumericEquals", Base::NumericEquals, false},
        {"NumericNotEquals", Base::NumericEquals, true},
        {"NumericLessThan", Base::NumericLessThan, false},
        {"NumericLessThanEquals", Base::NumericLessThanEquals, false},
        {"NumericGreaterThan", Base::NumericGreaterThan, false},
        {"NumericGreaterThanEquals", Base::NumericGreaterThanEquals, false},
        {"DateEquals", Base::DateEquals, false},
        {"DateNotEquals", Base::DateEquals, true},
        {"DateLessThan", Base::DateLessThan, false},
        {"DateLessThanEquals", Base::DateLessThanEquals, false},
        {"DateGreaterThan", Base::DateGreaterThan, false},
        {"DateGreaterThanEquals", Base::DateGreaterThanEquals, false},
        {"Bool", Base::Bool, false},
        {"Null", Base::Null, false},
    };
    for (const auto& [name, base, negated] : kOps) {
        if (iequals(op, name)) {
            o.base = base;
            o.negated = negated;
            // Null takes no qualifier and no IfExists (IAM refuses such a policy).
            if (base == Base::Null && (o.if_exists || o.qualifier != Qualifier::None)) return std::nullopt;
            return o;
        }
    }
    return std::nullopt;
}

bool numeric_base(Base b) {
    return b == Base::NumericEquals || b == Base::NumericLessThan || b == Base::NumericLessThanEquals ||
           b == Base::NumericGreaterThan || b == Base::NumericGreaterThanEquals;
}

std::vector<std::string_view> arn_fields(std::string_view arn) {
    std::vector<std::string_view> out;
    for (int i = 0; i < 5; ++i) {
        const auto colon = arn.find(':');
        if (colon == std::string_view::npos) return {};
        out.push_back(arn.substr(0, colon));
        arn.remove_prefix(colon + 1);
    }
    out.push_back(arn);
    return out;
}

// A decimal number as IAM's numeric operators read it (integers and decimals, optional sign).
std::optional<double> parse_number(std::string_view s) {
    if (s.empty() || s.size() > 64) return std::nullopt;
    std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    bool digit = false;
    bool dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') digit = true;
        else if (s[i] == '.' && !dot) dot = true;
        else return std::nullopt;
    }
    if (!digit) return std::nullopt;
    return std::strtod(std::string{s}.c_str(), nullptr);
}

// A date as IAM's date operators read it: ISO 8601 (2030-01-01, 2030-01-01T00:00:00Z) or epoch seconds.
std::optional<double> parse_date(std::string_view s) {
    if (!s.empty() && s.find('-', 1) == std::string_view::npos) {
        if (const auto n = parse_number(s)) return n;
    }
    if (const auto t = x509::parse_time(std::string{s})) return static_cast<double>(*t);
    return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view s) {
    if (iequals(s, "true")) return true;
    if (iequals(s, "false")) return false;
    return std::nullopt;
}

// Does the request value match the policy value? nullopt when the policy value cannot be read
// for this operator (the condition is then unknown, never true).
std::optional<bool> value_matches(Base base, std::string_view pattern, std::string_view value) {
    switch (base) {
        case Base::StringEquals: return pattern == value;
        case Base::StringEqualsIgnoreCase: return iequals(pattern, value);
        case Base::StringLike: return wildcard_match(pattern, value);
        case Base::ArnLike: {
            const auto p = arn_fields(pattern);
            const auto v = arn_fields(value);
            if (p.size() != 6 || v.size() != 6) return false;
            for (std::size_t i = 0; i < 6; ++i) {
                if (!wildcard_match(p[i], v[i])) return false;
            }
            return true;
        }
        case Base::Bool: {
            const auto p = parse_bool(pattern);
            if (!p) return std::nullopt;
            const auto v = parse_bool(value);
            return v && *v == *p;
        }
        case Base::Null: return std::nullopt;  // decided on presence, before values are compared
        default: break;
    }
    const bool numeric = numeric_base(base);
    const auto p = numeric ? parse_number(pattern) : parse_date(pattern);
    if (!p) return std::nullopt;
    const auto v = numeric ? parse_number(value) : parse_date(value);
    if (!v) return false;  // a request value of the wrong type never matches
    switch (base) {
        case Base::NumericEquals:
        case Base::DateEquals: return *v == *p;
        case Base::NumericLessThan:
        case Base::DateLessThan: return *v < *p;
        case Base::NumericLessThanEquals:
        case Base::DateLessThanEquals: return *v <= *p;
        case Base::NumericGreaterThan:
        case Base::DateGreaterThan: return *v > *p;
        case Base::NumericGreaterThanEquals:
        case Base::DateGreaterThanEquals: return *v >= *p;
        default: return std::nullopt;
    }
}

std::string quoted_list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "'" : ", '") + v + "'";
    return out;
}

std::string short_key(std::string_view key) {
    return istarts_with(key, "aws:PrincipalTag/") ? std::string{key.substr(17)} : std::string{key};
}

// Keys whose absence certcheck can vouch for: the principal tags (the certificate gives all of
// them) and the source identity. Any other key the request lacks is one certcheck cannot see.
bool absence_is_known(std::string_view key) {
    return istarts_with(key, "aws:PrincipalTag/") || iequals(key, "sts:SourceIdentity");
}

// "; the certificate also holds DNS SAN 'b.example.com', but Roles Anywhere maps only the first DNS SAN"
std::string unmapped_note(const PolicyCondition& c, const ConditionContext& ctx) {
    std::string out;
    for (const UnmappedValue& u : ctx.unmapped) {
        if (!iequals(u.key, c.key)) continue;
        out += fmt::format("; the certificate holds {} '{}', but {}", u.what, u.value, u.why);
    }
    return out;
}

ConditionResult evaluate_condition(const PolicyCondition& c, const ConditionContext& ctx) {
    ConditionResult r{c.op, c.key, Tri::Unknown, {}};
    const auto op = parse_operator(c.op);
    if (!op) {
        r.detail = fmt::format("operator {} is not supported by certcheck, so this condition is not known to hold", c.op);
        return r;
    }
    for (const auto& v : c.values) {
        if (v.find("${") != std::string::npos) {
            r.detail = fmt::format("the value '{}' uses a policy variable, which certcheck does not substitute", v);
            return r;
        }
    }
    if (c.values.empty()) {
        r.detail = "the condition lists no value";
        return r;
    }
    const std::vector<std::string>* have = ctx.find(c.key);
    const bool source_key = iequals(c.key, "aws:SourceArn") || iequals(c.key, "aws:SourceAccount");
    if (have == nullptr && source_key) {
        r.detail = fmt::format("{} is only known with --trust-anchor-arn", c.key);
        return r;
    }
    if (have == nullptr && !absence_is_known(c.key)) {
        r.detail = fmt::format("certcheck does not know the value of {} in a Roles Anywhere request", c.key);
        return r;
    }
    const std::string name = short_key(c.key);
    const bool absent = have == nullptr || have->empty();
    const std::string absent_text = istarts_with(c.key, "aws:PrincipalTag/")
                                        ? fmt::format("this certificate produces no {} tag", name)
                                        : fmt::format("the request has no {} key", c.key);
    if (op->base == Base::Null) {
        // "Null": {"key": "true"} holds when the key is absent, "false" when it is present.
        std::optional<bool> want_absent;
        for (const auto& v : c.values) {
            const auto b = parse_bool(v);
            if (!b) {
                r.detail = fmt::format("Null takes \"true\" or \"false\", not '{}'", v);
                return r;
            }
            want_absent = want_absent.value_or(false) || *b == absent;
        }
        r.result = *want_absent ? Tri::True : Tri::False;
        if (r.result == Tri::False) {
            r.detail = absent ? absent_text + unmapped_note(c, ctx)
                              : fmt::format("{} is present ({})", name, quoted_list(*have));
        }
        return r;
    }
    if (absent) {
        // IAM: a missing key matches nothing; negated operators, IfExists and ForAllValues (over an
        // empty set) then hold.
        bool result = false;
        if (op->if_exists) result = true;
        else if (op->qualifier == Qualifier::ForAllValues) result = true;
        else if (op->qualifier == Qualifier::None) result = op->negated;
        r.result = result ? Tri::True : Tri::False;
        if (!result) r.detail = absent_text + unmapped_note(c, ctx);
        return r;
    }
    // Per request value: does it match one of the condition's values?
    std::vector<bool> hits;
    for (const auto& v : *have) {
        bool hit = false;
        for (const auto& p : c.values) {
            const auto m = value_matches(op->base, p, v);
            if (!m) {
                r.detail = fmt::format("the value '{}' cannot be read by {}", p, c.op);
                return r;
            }
            hit = hit || *m;
        }
        hits.push_back(hit);
    }
    const auto ok = [&](bool hit) { return op->negated ? !hit : hit; };
    bool result = false;
    switch (op->qualifier) {
        case Qualifier::None:
        case Qualifier::ForAnyValue:
            // Single-valued keys here hold one value; a negated operator without a qualifier must
            // hold for that value, a positive one for any value.
            result = op->qualifier == Qualifier::None && op->negated ? std::all_of(hits.begin(), hits.end(), ok)
                                                                     : std::any_of(hits.begin(), hits.end(), ok);
            break;
        case Qualifier::ForAllValues: result = std::all_of(hits.begin(), hits.end(), ok); break;
    }
    r.result = result ? Tri::True : Tri::False;
    const std::string got = quoted_list(*have);
    if (!result) {
        const std::string values = quoted_list(c.values);
        if (op->negated) {
            r.detail = fmt::format("{} is {}, which the policy excludes ({})", name, got, values);
        } else if (op->base == Base::StringEquals || op->base == Base::StringEqualsIgnoreCase || op->base == Base::StringLike ||
                   op->base == Base::ArnLike || op->base == Base::Bool) {
            r.detail = fmt::format("{} is {}, not {}{}", name, got, c.values.size() == 1 ? "" : "one of ", values);
        } else {
            r.detail = fmt::format("{} is {}, which is not {} {}", name, got, c.op, values);
        }
        r.detail += unmapped_note(c, ctx);
    } else if (op->negated) {
        // A negated condition that holds only because a value was not mapped deserves a word.
        for (const UnmappedValue& u : ctx.unmapped) {
            if (!iequals(u.key, c.key)) continue;
            for (const auto& p : c.values) {
                if (value_matches(op->base, p, u.value).value_or(false)) {
                    r.detail = fmt::format("it holds only because {} '{}' is not mapped: {}", u.what, u.value, u.why);
                }
            }
        }
    }
    return r;
}

bool covers(const std::vector<std::string>& actions, std::string_view action) {
    return std::any_of(actions.begin(), actions.end(), [&](const std::string& a) { return wildcard_match(a, action, true); });
}

StatementResult evaluate_statement(const PolicyStatement& st, const ConditionContext& ctx) {
    StatementResult r;
    r.index = st.index;
    r.sid = st.sid;
    r.allow = st.allow;
    r.unsupported = st.unsupported;
    bool any_false = false;
    bool any_unknown = st.unsupported.has_value();
    for (const PolicyCondition& c : st.conditions) {
        ConditionResult cr = evaluate_condition(c, ctx);
        any_false = any_false || cr.result == Tri::False;
        any_unknown = any_unknown || cr.result == Tri::Unknown;
        if (istarts_with(c.key, "aws:PrincipalTag/x509") || iequals(c.key, "aws:SourceArn") ||
            iequals(c.key, "sts:SourceIdentity")) {
            r.constrains_certificate = true;
        }
        r.conditions.push_back(std::move(cr));
    }
    r.matches = any_false ? Tri::False : any_unknown ? Tri::Unknown
                                                     : Tri::True;
    if (st.allow && !st.unsupported) {
        for (const std::string_view a : kRequiredActions) {
            if (!covers(st.actions, a)) {
                r.missing_actions.push_back(a == "sts:assumerole"   ? "sts:AssumeRole"
                                            : a == "sts:tagsession" ? "sts:TagSession"
                                                                    : "sts:SetSourceIdentity");
            }
        }
    }
    return r;
}

// Why a statement does not decide: its first false condition, else its first unknown one.
std::string reason(const StatementResult& s) {
    if (s.unsupported) return *s.unsupported;
    for (const auto& c : s.conditions) {
        if (c.result == Tri::False) return fmt::format("{} {}: {}", c.op, c.key, c.detail);
    }
    for (const auto& c : s.conditions) {
        if (c.result == Tri::Unknown) return fmt::format("{} {}: {}", c.op, c.key, c.detail);
    }
    if (!s.missing_actions.empty()) {
        std::string list;
        for (const auto& a : s.missing_actions) list += (list.empty() ? "" : ", ") + a;
        return fmt::format("its Action lacks {} (Roles Anywhere needs sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity)", list);
    }
    return "its conditions hold";
}

}  // namespace

// Nesting deeper than kMaxDepth is refused before parsing (a trust policy is three levels deep).
std::optional<std::string> json_nesting_error(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    int line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') ++line;
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) return fmt::format("nesting deeper than {} levels at line {}", kMaxDepth, line);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case) noexcept {
    // Iterative glob with one backtrack point: linear in practice, never recursive.
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string_view::npos;
    std::size_t mark = 0;
    const auto same = [ignore_case](char a, char b) {
        return ignore_case ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)) : a == b;
    };
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

TrustPolicyParse parse_trust_policy(std::string_view json_text) noexcept {
    try {
        return parse_checked(json_text);
    } catch (const std::exception& e) {
        TrustPolicyParse r;
        try {
            r.error = std::string{"the policy could not be read: "} + e.what();
        } catch (...) {
        }
        return r;
    } catch (...) {
        return TrustPolicyParse{};
    }
}

const std::vector<std::string>* ConditionContext::find(std::string_view key) const noexcept {
    for (const auto& [k, v] : keys) {
        if (iequals(k, key)) return &v;
    }
    return nullptr;
}

ConditionContext condition_context(const SessionPreview& s, const std::optional<std::string>& anchor_arn,
                                   std::optional<std::time_t> at) {
    ConditionContext ctx;
    ctx.unmapped = s.unmapped;
    for (const SessionTag& t : s.tags) {
        if (!t.dropped) ctx.keys.push_back({"aws:PrincipalTag/" + t.key, {t.value}});
    }
    ctx.keys.push_back({"sts:SourceIdentity", {s.source_identity}});
    if (anchor_arn) {
        ctx.keys.push_back({"aws:SourceArn", {*anchor_arn}});
        const auto fields = arn_fields(*anchor_arn);
        if (fields.size() == 6 && !fields[4].empty()) ctx.keys.push_back({"aws:SourceAccount", {std::string{fields[4]}}});
    }
    if (at) {
        ctx.keys.push_back({"aws:CurrentTime", {x509::format_time(*at)}});
        ctx.keys.push_back({"aws:EpochTime", {std::to_string(static_cast<long long>(*at))}});
    }
    return ctx;
}

PolicyEvaluation evaluate_trust_policy(const TrustPolicy& policy, const ConditionContext& ctx) {
    PolicyEvaluation e;
    for (const PolicyStatement& st : policy.statements) {
        if (st.trusts_roles_anywhere) e.statements.push_back(evaluate_statement(st, ctx));
    }
    if (e.statements.empty()) {
        e.verdict = PolicyVerdict::NoStatement;
        e.summary = "no statement trusts rolesanywhere.amazonaws.com, so Roles Anywhere cannot assume this role";
        return e;
    }
    for (const auto& s : e.statements) {
        if (s.allow && s.matches != Tri::False && !s.constrains_certificate) {
            e.warnings.push_back(fmt::format(
                "{} has no condition on the certificate (x509Subject, x509Issuer or x509SAN tags, sts:SourceIdentity) or on aws:SourceArn: "
                "any certificate from any trust anchor in the account can assume this role",
                s.label()));
        }
    }
    const auto find = [&](auto pred) -> std::optional<int> {
        for (std::size_t i = 0; i < e.statements.size(); ++i) {
            if (pred(e.statements[i])) return static_cast<int>(i);
        }
        return std::nullopt;
    };
    const auto allows = [](const StatementResult& s) { return s.allow && s.matches == Tri::True && s.missing_actions.empty(); };
    if (auto d = find([](const StatementResult& s) { return !s.allow && s.matches == Tri::True; })) {
        e.verdict = PolicyVerdict::Denied;
        e.deciding = d;
        e.summary = fmt::format("denied by {}", e.statements[static_cast<std::size_t>(*d)].label());
        return e;
    }
    const auto allowed = find(allows);
    const auto unknown_deny = find([](const StatementResult& s) { return !s.allow && s.matches == Tri::Unknown; });
    if (allowed && !unknown_deny) {
        e.verdict = PolicyVerdict::Allowed;
        e.deciding = allowed;
        e.summary = fmt::format("allowed by {}", e.statements[static_cast<std::size_t>(*allowed)].label());
        return e;
    }
    const auto unknown = allowed ? unknown_deny
                                 : find([](const StatementResult& s) { return s.allow && s.matches == Tri::Unknown; });
    if (unknown) {
        const auto& s = e.statements[static_cast<std::size_t>(*unknown)];
        e.verdict = PolicyVerdict::Unknown;
        e.deciding = unknown;
        e.summary = fmt::format("cannot tell whether this certificate may assume the role: {}: {}", s.label(), reason(s));
        return e;
    }
    e.verdict = PolicyVerdict::NotAllowed;
    std::string why;
    for (const auto& s : e.statements) {
        if (!s.allow) continue;
        why += fmt::format("{}{}: {}", why.empty() ? "" : "; ", s.label(), reason(s));
    }
    e.summary = why.empty() ? std::string{"no statement allows Roles Anywhere to assume this role (only Deny statements)"}
                            : "no statement allows this certificate: " + why;
    for (std::size_t i = 0; i < e.statements.size(); ++i) {
        if (e.statements[i].allow) {
            e.deciding = static_cast<int>(i);
            break;
        }
    }
    return e;
}

SessionPreview preview_for(X509* leaf, const RolesAnywhereInputs* ra) {
    return preview_session(leaf, ra != nullptr && ra->mapping ? &*ra->mapping : nullptr);
}

ConditionContext request_for(const SessionPreview& s, const RolesAnywhereInputs* ra, std::time_t at) {
    return condition_context(s, ra != nullptr ? ra->anchor_arn : std::nullopt, at);
}

TrustPolicy load_trust_policy(const std::string& path) {
    const std::string text = read_file_bytes(path);
    TrustPolicyParse r = parse_trust_policy(text);
    if (!r.policy) throw InputError(fmt::format("{}: not a valid role trust policy: {}", path, r.error.empty() ? "unreadable" : r.error));
    return std::move(*r.policy);
}

}  // namespace certcheck
