// Scan discovery and pairing over a small arbitrary tree: the input, split at fuzz::kSeparator,
// becomes up to eight files with names scan treats specially, in a per-process temp directory.
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "scan/scan.hpp"
#include "fuzz.hpp"

namespace {

// The per-process tree, removed when the process exits normally.
struct Tree {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("certcheck-fuzz-scan-" + std::to_string(::getpid()));
    Tree() {
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~Tree() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    Tree(const Tree&) = delete;
    Tree& operator=(const Tree&) = delete;
};

const std::filesystem::path& tree() {
    static const Tree t;
    return t.dir;
}

constexpr std::array<const char*, 8> kNames = {"cert.pem", "cert.key", "chain.pem", "sub/fullchain.pem",
                                               "sub/server.crt", "sub/server.key", "ca-bundle.crt", "other/x.der"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace certcheck;
    namespace fs = std::filesystem;
    const fs::path& root = tree();
    for (const auto& entry : fs::directory_iterator(root)) fs::remove_all(entry.path());
    const auto parts = fuzz::split(fuzz::bytes(data, size), kNames.size());
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const fs::path p = root / kNames[i];
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary).write(parts[i].data(), static_cast<std::streamsize>(parts[i].size()));
    }

    static const RunContext run = [] {
        RunContext r;
        r.profile = find_profile(kDefaultProfile);
        r.rules = fuzz::all_rules();
        r.ctx = fuzz::context();
        return r;
    }();
    ScanSettings settings;
    settings.roots = {root.string()};
    settings.run = &run;
    Report report;
    ScanCallbacks callbacks;
    callbacks.on_subject = [&](SubjectReport&& s) { report.subjects.push_back(std::move(s)); };
    callbacks.on_skipped = [](const std::string&, const std::string&) {};
    (void)run_scan(settings, callbacks);
    (void)fuzz::render_all(report);
    return 0;
}
