// The baseline of scan throughput (issue 19): a plain, one-thread loop over the OpenSSL 3 API
// doing the core work of a scan for each triple of the benchmark corpus, the way a
// straightforward program would write it:
//   - read cert.pem, key.pem and chain.pem (PEM_read_bio_X509, PEM_read_bio_PrivateKey);
//   - check that the key matches the certificate (EVP_PKEY_eq of the certificate's public key);
//   - verify the chain's signatures: the leaf by chain[0], chain[i] by chain[i + 1], and the
//     last certificate (the root) by itself (X509_verify).
// No caching across triples, no threads, OpenSSL's defaults (its config file is not loaded, like
// certcheck). It reads the corpus list that certcheck_bench_gen --list writes and prints one
// line: triples, seconds, triples/s and the verdicts (a triple passes when all of the above hold),
// so run.sh can check that the loop found exactly the planted mismatches.
//
//   certcheck_bench_openssl_loop --list FILE [--count N]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace {

struct Triple {
    std::string cert, key, chain;
    bool expect_match = true;
};

[[noreturn]] void die(const std::string& why) {
    std::cerr << "certcheck_bench_openssl_loop: " << why << '\n';
    std::exit(2);
}

std::vector<Triple> read_list(const std::string& path, long limit) {
    std::ifstream in(path);
    if (!in) die("cannot read " + path);
    std::vector<Triple> out;
    std::string line;
    while ((limit < 0 || static_cast<long>(out.size()) < limit) && std::getline(in, line)) {
        std::istringstream fields(line);
        std::string index, match;
        Triple t;
        if (!std::getline(fields, index, '\t') || !std::getline(fields, t.cert, '\t') || !std::getline(fields, t.key, '\t') ||
            !std::getline(fields, t.chain, '\t') || !std::getline(fields, match, '\t')) {
            std::string why = "malformed line in ";
            why.append(path).append(": ").append(line);
            die(why);
        }
        t.expect_match = match == "1";
        out.push_back(std::move(t));
    }
    return out;
}

// One triple: true when it parses, the key matches and every chain signature verifies.
bool check_triple(const Triple& t) {
    bool ok = true;
    X509* leaf = nullptr;
    EVP_PKEY* key = nullptr;
    std::vector<X509*> chain;
    if (BIO* b = BIO_new_file(t.cert.c_str(), "r")) {
        leaf = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
        BIO_free(b);
    }
    if (BIO* b = BIO_new_file(t.key.c_str(), "r")) {
        key = PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr);
        BIO_free(b);
    }
    if (BIO* b = BIO_new_file(t.chain.c_str(), "r")) {
        while (X509* c = PEM_read_bio_X509(b, nullptr, nullptr, nullptr)) chain.push_back(c);
        BIO_free(b);
    }
    ERR_clear_error();  // the end of the chain file leaves a "no start line" error
    if (leaf == nullptr || key == nullptr || chain.empty()) ok = false;
    if (ok) ok = EVP_PKEY_eq(X509_get0_pubkey(leaf), key) == 1;
    if (ok) ok = X509_verify(leaf, X509_get0_pubkey(chain[0])) == 1;
    for (std::size_t i = 0; ok && i < chain.size(); ++i) {
        X509* issuer = i + 1 < chain.size() ? chain[i + 1] : chain[i];
        ok = X509_verify(chain[i], X509_get0_pubkey(issuer)) == 1;
    }
    for (X509* c : chain) X509_free(c);
    EVP_PKEY_free(key);
    X509_free(leaf);
    ERR_clear_error();
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    std::string list;
    long count = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--list" || arg == "--count") && i + 1 < argc) {
            const std::string value = argv[++i];
            if (arg == "--list") {
                list = value;
            } else {
                char* end = nullptr;
                count = std::strtol(value.c_str(), &end, 10);
                if (end == value.c_str() || *end != '\0' || count < 1) die("--count needs a positive number");
            }
        } else {
            die("usage: certcheck_bench_openssl_loop --list FILE [--count N]");
        }
    }
    if (list.empty()) die("--list FILE is required");
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
    const auto triples = read_list(list, count);
    if (triples.empty()) die(list + " lists no triples");

    long pass = 0, fail = 0, expected_fail = 0, wrong = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (const Triple& t : triples) {
        const bool ok = check_triple(t);
        (ok ? pass : fail) += 1;
        expected_fail += t.expect_match ? 0 : 1;
        wrong += ok != t.expect_match ? 1 : 0;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    const auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
    const double cpu = secs(ru.ru_utime) + secs(ru.ru_stime);  // the whole process, reading the list included
    std::printf("%zu triples in %.3f s (CPU %.3f s): %.1f triples/s; %ld pass, %ld fail (expected %ld fail, %ld verdicts differ)\n",
                triples.size(), s, cpu, static_cast<double>(triples.size()) / s, pass, fail, expected_fail, wrong);
    return wrong == 0 ? 0 : 1;
}
