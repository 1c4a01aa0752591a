#include "support/support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "certcheck/engine.hpp"
#include "certcheck/registry.hpp"

namespace certcheck::test {

std::string source_path(std::string_view rel) { return std::string{CERTCHECK_SOURCE_DIR} + "/" + std::string{rel}; }

std::string fixture(std::string_view name) { return source_path("testdata/fixtures/" + std::string{name}); }

std::string corpus(std::string_view rel) {
    return std::string{CERTCHECK_SOURCE_DIR} + "/../shared/corpora/" + std::string{rel};
}

bool corpora_available() { return std::filesystem::is_directory(corpus("")); }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("test cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Material load(const std::string& cert, const std::optional<std::string>& key, const std::optional<std::string>& chain,
              Request request) {
    std::optional<InputFile> k;
    std::optional<InputFile> c;
    if (key) k = read_input(Slot::Key, *key);
    if (chain) c = read_input(Slot::Chain, *chain);
    return load_material(read_input(Slot::Body, cert), std::move(k), std::move(c), std::move(request));
}

Material load_bytes(std::string body, std::optional<std::string> key, std::optional<std::string> chain,
                    Request request) {
    std::optional<InputFile> k;
    std::optional<InputFile> c;
    if (key) k = analyse_input(Slot::Key, "key.pem", std::move(*key));
    if (chain) c = analyse_input(Slot::Chain, "chain.pem", std::move(*chain));
    return load_material(analyse_input(Slot::Body, "cert.pem", std::move(body)), std::move(k), std::move(c),
                         std::move(request));
}

Context test_context() {
    static const TrustStore none = TrustStore::none();
    Context ctx;
    ctx.at = kTestTime;
    ctx.expiry_warn_days = 30;
    ctx.trust = &none;
    return ctx;
}

Finding run_rule(std::string_view id, const Material& m, const Context& ctx) {
    const Validator* rule = find_rule(id);
    if (rule == nullptr) throw std::runtime_error("no rule named " + std::string{id} + " is registered");
    return run_rules({SelectedRule{rule, rule->info().severity}}, m, ctx).at(0);
}

std::string cfssl_chain(std::initializer_list<const char*> names) {
    std::string out;
    for (const char* name : names) {
        std::string pem = read_file(corpus(std::string{"cfssl-bundler/testdata/"} + name + ".pem"));
        if (!pem.empty() && pem.back() != '\n') pem += '\n';
        out += pem;
    }
    return out;
}

Material cfssl_material(std::initializer_list<const char*> names) {
    return load_bytes(read_file(corpus("cfssl-bundler/testdata/cfssl-leaf-rsa2048.pem")), std::nullopt, cfssl_chain(names));
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> base64_prefixes(const std::string& pem) {
    std::vector<std::string> out;
    std::istringstream in(pem);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.size() < 24 || line.find("-----") != std::string::npos || line.find(':') != std::string::npos) continue;
        out.push_back(line.substr(0, 24));
    }
    return out;
}

void expect_no_key_material(const Finding& f, const std::string& key_pem) {
    const std::vector<std::string> lines = base64_prefixes(key_pem);
    ASSERT_FALSE(lines.empty());
    for (const std::string& l : lines) {
        EXPECT_EQ(f.message.find(l), std::string::npos) << "message quotes the key: " << f.message;
        if (f.hint) {
            EXPECT_EQ(f.hint->find(l), std::string::npos) << "hint quotes the key: " << *f.hint;
        }
    }
}

}  // namespace certcheck::test
