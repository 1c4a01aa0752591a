#include "support/support.hpp"

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

}  // namespace certcheck::test
