// End-to-end crash resistance: every fuzz input of openssl-fuzz-corpora/{x509,pem,decoder} and
// boringssl-pki/fuzz/* fed to the certcheck binary as the body, as the key and as the chain.
// Only "exit 0, 1 or 2, within 20 s, and a parseable json report when it exits 0 or 1" is asserted:
// these inputs have no known verdicts beyond "must not crash, hang or prompt".
// One test per (corpus directory, slot, encoding) so that ctest can run them in parallel.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/in_process.hpp"
#include "support/process.hpp"
#include "support/support.hpp"
#include "support/temp.hpp"

namespace certcheck::test {
namespace {

const std::string kAt{kTestAt};
constexpr int kTimeout = 20;

enum class Slot {
    Body,
    Key,
    Chain
};
// Raw: the fuzz file as is. Armoured: its bytes base64-encoded between BEGIN/END lines (to reach
// the DER parsers behind the PEM reader). NoFlagByte: byte 0 dropped (openssl's pem fuzzer reads
// byte 0 as PEM_read_bio_ex flags, so bytes 1.. are what its parser saw).
enum class Encoding {
    Raw,
    Armoured,
    NoFlagByte
};

struct FuzzCase {
    const char* dir;  // under ../shared/corpora
    Slot slot;
    Encoding encoding;
    const char* name;
};

const char* slot_name(Slot s) {
    switch (s) {
        case Slot::Body: return "body (--cert)";
        case Slot::Key: return "key (--key)";
        case Slot::Chain: return "chain (--chain)";
    }
    return "?";
}

const char* armour_label(Slot s) {
    switch (s) {
        case Slot::Body: return "CERTIFICATE";
        case Slot::Key: return "PRIVATE KEY";
        case Slot::Chain: return "CERTIFICATE";
    }
    return "CERTIFICATE";
}

std::string base64(const std::string& in) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t line = 0;
    for (std::size_t i = 0; i < in.size(); i += 3) {
        const auto b0 = static_cast<unsigned char>(in[i]);
        const auto b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0U;
        const auto b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0U;
        const unsigned v = (static_cast<unsigned>(b0) << 16U) | (static_cast<unsigned>(b1) << 8U) | static_cast<unsigned>(b2);
        out += kAlphabet[(v >> 18U) & 63U];
        out += kAlphabet[(v >> 12U) & 63U];
        out += i + 1 < in.size() ? kAlphabet[(v >> 6U) & 63U] : '=';
        out += i + 2 < in.size() ? kAlphabet[v & 63U] : '=';
        line += 4;
        if (line == 64) {
            out += '\n';
            line = 0;
        }
    }
    if (line != 0) out += '\n';
    return out;
}

// The file to feed for one corpus file and encoding (Raw: the corpus file itself).
std::string prepare(const TempDir& tmp, const std::filesystem::path& src, const FuzzCase& tc) {
    if (tc.encoding == Encoding::Raw) return src.string();
    const std::string bytes = read_file(src.string());
    std::string text;
    if (tc.encoding == Encoding::Armoured) {
        const std::string label = armour_label(tc.slot);
        text = "-----BEGIN " + label + "-----\n" + base64(bytes) + "-----END " + label + "-----\n";
    } else {
        text = bytes.empty() ? bytes : bytes.substr(1);
    }
    return tmp.write(src.filename().string(), text);
}

std::vector<std::string> args_for(Slot slot, const std::string& file) {
    switch (slot) {
        case Slot::Body: return {"check", "--cert", file, "--at", kAt, "--format", "json"};
        case Slot::Key: return {"check", "--cert", fixture("leaf.pem"), "--key", file, "--at", kAt, "--format", "json"};
        case Slot::Chain:
            return {"check", "--cert", fixture("leaf.pem"), "--chain", file, "--at", kAt, "--format", "json"};
    }
    return {};
}

// clang-format off
const FuzzCase kCases[] = {
    {"openssl-fuzz-corpora/x509",                Slot::Body,  Encoding::Raw,        "openssl_x509_body"},
    {"openssl-fuzz-corpora/x509",                Slot::Key,   Encoding::Raw,        "openssl_x509_key"},
    {"openssl-fuzz-corpora/x509",                Slot::Chain, Encoding::Raw,        "openssl_x509_chain"},
    {"openssl-fuzz-corpora/x509",                Slot::Body,  Encoding::Armoured,   "openssl_x509_body_armoured"},
    {"openssl-fuzz-corpora/pem",                 Slot::Body,  Encoding::Raw,        "openssl_pem_body"},
    {"openssl-fuzz-corpora/pem",                 Slot::Key,   Encoding::Raw,        "openssl_pem_key"},
    {"openssl-fuzz-corpora/pem",                 Slot::Chain, Encoding::Raw,        "openssl_pem_chain"},
    {"openssl-fuzz-corpora/pem",                 Slot::Body,  Encoding::NoFlagByte, "openssl_pem_body_noflag"},
    {"openssl-fuzz-corpora/pem",                 Slot::Key,   Encoding::NoFlagByte, "openssl_pem_key_noflag"},
    {"openssl-fuzz-corpora/pem",                 Slot::Chain, Encoding::NoFlagByte, "openssl_pem_chain_noflag"},
    {"openssl-fuzz-corpora/decoder",             Slot::Body,  Encoding::Raw,        "openssl_decoder_body"},
    {"openssl-fuzz-corpora/decoder",             Slot::Key,   Encoding::Raw,        "openssl_decoder_key"},
    {"openssl-fuzz-corpora/decoder",             Slot::Chain, Encoding::Raw,        "openssl_decoder_chain"},
    {"openssl-fuzz-corpora/decoder",             Slot::Key,   Encoding::Armoured,   "openssl_decoder_key_armoured"},
    {"boringssl-pki/fuzz/cert_corpus",           Slot::Body,  Encoding::Raw,        "boringssl_cert_body"},
    {"boringssl-pki/fuzz/cert_corpus",           Slot::Key,   Encoding::Raw,        "boringssl_cert_key"},
    {"boringssl-pki/fuzz/cert_corpus",           Slot::Chain, Encoding::Raw,        "boringssl_cert_chain"},
    {"boringssl-pki/fuzz/cert_corpus",           Slot::Chain, Encoding::Armoured,   "boringssl_cert_chain_armoured"},
    {"boringssl-pki/fuzz/privkey_corpus",        Slot::Body,  Encoding::Raw,        "boringssl_privkey_body"},
    {"boringssl-pki/fuzz/privkey_corpus",        Slot::Key,   Encoding::Raw,        "boringssl_privkey_key"},
    {"boringssl-pki/fuzz/privkey_corpus",        Slot::Chain, Encoding::Raw,        "boringssl_privkey_chain"},
    {"boringssl-pki/fuzz/privkey_corpus",        Slot::Key,   Encoding::Armoured,   "boringssl_privkey_key_armoured"},
    {"boringssl-pki/fuzz/pkcs8_corpus",          Slot::Body,  Encoding::Raw,        "boringssl_pkcs8_body"},
    {"boringssl-pki/fuzz/pkcs8_corpus",          Slot::Key,   Encoding::Raw,        "boringssl_pkcs8_key"},
    {"boringssl-pki/fuzz/pkcs8_corpus",          Slot::Chain, Encoding::Raw,        "boringssl_pkcs8_chain"},
    {"boringssl-pki/fuzz/pkcs8_corpus",          Slot::Key,   Encoding::Armoured,   "boringssl_pkcs8_key_armoured"},
    {"boringssl-pki/fuzz/pkcs12_corpus",         Slot::Body,  Encoding::Raw,        "boringssl_pkcs12_body"},
    {"boringssl-pki/fuzz/pkcs12_corpus",         Slot::Key,   Encoding::Raw,        "boringssl_pkcs12_key"},
    {"boringssl-pki/fuzz/pkcs12_corpus",         Slot::Chain, Encoding::Raw,        "boringssl_pkcs12_chain"},
    {"boringssl-pki/fuzz/read_pem_corpus",       Slot::Body,  Encoding::Raw,        "boringssl_read_pem_body"},
    {"boringssl-pki/fuzz/read_pem_corpus",       Slot::Key,   Encoding::Raw,        "boringssl_read_pem_key"},
    {"boringssl-pki/fuzz/read_pem_corpus",       Slot::Chain, Encoding::Raw,        "boringssl_read_pem_chain"},
    {"boringssl-pki/fuzz/spki_corpus",           Slot::Body,  Encoding::Raw,        "boringssl_spki_body"},
    {"boringssl-pki/fuzz/spki_corpus",           Slot::Key,   Encoding::Raw,        "boringssl_spki_key"},
    {"boringssl-pki/fuzz/spki_corpus",           Slot::Chain, Encoding::Raw,        "boringssl_spki_chain"},
};
// clang-format on

// Most cases run in-process (the core's check pipeline, support/in_process.hpp: the same json,
// exit code and exit-2 message); these go through the certcheck binary, where a crash is a signal
// and a hang a timeout.
bool through_binary(const FuzzCase& tc) {
    const std::string name = tc.name;
    return name == "openssl_x509_body" || name == "openssl_pem_key" || name == "boringssl_pkcs12_body";
}

class Fuzz : public ::testing::TestWithParam<FuzzCase> {};

TEST_P(Fuzz, ExitsCleanlyOnEveryInput) {
    SKIP_WITHOUT_CORPORA();
    const FuzzCase& tc = GetParam();
    const std::filesystem::path dir = corpus(tc.dir);
    ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_FALSE(files.empty()) << dir;

    const TempDir tmp("certcheck-e2e-fuzz");
    int failures = 0;
    for (const auto& src : files) {
        const std::string file = prepare(tmp, src, tc);
        const RunResult r = through_binary(tc) ? run_certcheck(args_for(tc.slot, file), kTimeout)
                                               : run_check_in_process(args_for(tc.slot, file));
        const auto where = [&] {
            return "file " + src.string() + " in the " + slot_name(tc.slot) + " slot" +
                   (tc.encoding == Encoding::Armoured     ? " (PEM-armoured copy " + file + ")"
                    : tc.encoding == Encoding::NoFlagByte ? " (without byte 0: " + file + ")"
                                                          : std::string{}) +
                   ": ";
        };
        bool ok = true;
        if (r.timed_out) {
            ADD_FAILURE() << where() << "timed out after " << kTimeout << " s";
            ok = false;
        } else if (r.exit_code < 0 || r.exit_code > 2) {
            ADD_FAILURE() << where() << "exit code " << r.exit_code << (r.exit_code > 128 ? " (killed by a signal)" : "")
                          << "\nstderr: " << r.err.substr(0, 2000);
            ok = false;
        } else if (r.exit_code != 2 && !nlohmann::json::accept(r.out)) {
            ADD_FAILURE() << where() << "exit code " << r.exit_code << " but stdout is not a json document:\n"
                          << r.out.substr(0, 2000);
            ok = false;
        } else if (r.exit_code == 2 && r.err.empty()) {
            ADD_FAILURE() << where() << "exit code 2 without a message on stderr";
            ok = false;
        }
        if (!ok && ++failures >= 20) {
            ADD_FAILURE() << "stopping " << tc.name << " after 20 failing inputs";
            break;
        }
    }
}

std::string fuzz_case_name(const ::testing::TestParamInfo<FuzzCase>& p) { return p.param.name; }

INSTANTIATE_TEST_SUITE_P(Corpora, Fuzz, ::testing::ValuesIn(kCases), fuzz_case_name);

}  // namespace
}  // namespace certcheck::test
