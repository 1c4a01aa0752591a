#include "fix/changes.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "fix/pem.hpp"

namespace certcheck::fixer {
namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string at_line(int line) { return line > 0 ? fmt::format(" (line {})", line) : std::string{}; }

int rank(const std::string& file) { return file == "cert" ? 0 : file == "key" ? 1
                                                                              : 2; }

// The bytes before the dashes of each BEGIN line, when they are only blanks: the first such line.
int indented_begin(const InputFile& f) {
    for (const PemBlock& b : f.blocks) {
        std::size_t pos = 0;
        for (int line = 1; line < b.begin_line && pos != std::string::npos; ++line) {
            pos = f.data.find('\n', pos);
            if (pos != std::string::npos) ++pos;
        }
        if (pos == std::string::npos || pos >= f.data.size()) continue;
        const std::size_t text = f.data.find_first_not_of(" \t", pos);
        if (text != pos && text != std::string::npos && f.data.compare(text, 5, "-----") == 0) return b.begin_line;
    }
    return 0;
}

}  // namespace

void ChangeList::add(std::string_view file, std::string_view kind, std::string text) {
    changes_.push_back({std::string{file}, std::string{kind}, std::move(text)});
}

std::vector<FixChange> ChangeList::take() {
    std::stable_sort(changes_.begin(), changes_.end(), [](const FixChange& a, const FixChange& b) { return rank(a.file) < rank(b.file); });
    return std::move(changes_);
}

void note_file_changes(ChangeList& changes, std::string_view file, const Contents& c, FileRoles roles) {
    const InputFile& f = c.file;
    switch (c.container) {
        case Container::Der: changes.add(file, "from-der", "converted DER (binary) to PEM"); break;
        case Container::Pkcs7:
            changes.add(file, "from-pkcs7", fmt::format("extracted {} from PKCS#7", plural(c.certs.size(), "certificate", "certificates")));
            break;
        case Container::Pkcs12: changes.add(file, "from-pkcs12", "extracted from the PKCS#12 archive " + f.path); break;
        default: break;
    }
    if (f.encoding != Encoding::Pem) return;  // binary: its bytes say nothing about text
    if (f.text.utf16) {
        // The blocks were read from the UTF-16 text; what is written is ASCII with LF endings.
        const bool big = f.data.starts_with("\xFE\xFF") || (!f.data.empty() && f.data[0] == '\0');
        changes.add(file, "from-utf16", fmt::format("converted UTF-16 ({}-endian) text to ASCII PEM", big ? "big" : "little"));
    } else {
        if (f.text.utf8_bom) changes.add(file, "bom-removed", "removed the UTF-8 byte-order mark");
        if (const int line = indented_begin(f); line > 0) {
            changes.add(file, "leading-bytes-removed", fmt::format("removed the blanks before -----BEGIN (line {})", line));
        }
        if (f.text.crlf_lines > 0 || f.text.cr_lines > 0) {
            changes.add(file, "crlf-to-lf", f.text.crlf_lines > 0 ? "converted CRLF line endings to LF" : "converted CR line endings to LF");
        }
        if (f.text.trailing_ws_count > 0) changes.add(file, "trailing-whitespace-removed", "removed trailing whitespace");
    }
    for (const int line : f.joined_lines) {
        changes.add(file, "joined-lines-split", fmt::format("put the END and the next BEGIN that shared line {} on lines of their own", line));
    }
    for (const TextRun& r : f.stray) {
        changes.add(file, "text-removed",
                    r.first_line == r.last_line ? fmt::format("stripped {} (line {})", r.kind, r.first_line)
                                                : fmt::format("stripped {} (lines {}-{})", r.kind, r.first_line, r.last_line));
    }
    if (file != "key") {
        for (const PrivateKey& k : c.keys) {
            changes.add(file, "private-key-removed",
                        roles.also_key ? fmt::format("moved the private key{} out of the {} file into key.pem", at_line(k.line),
                                                     file == "cert" ? "certificate" : "chain")
                                       : fmt::format("removed a private-key block{} from the {} file (the key comes from --key)",
                                                     at_line(k.line), file == "cert" ? "certificate" : "chain"));
        }
    } else if (!roles.also_cert && !c.certs.empty()) {
        changes.add(file, "certificates-removed",
                    fmt::format("left out {} found in the key file", plural(c.certs.size(), "certificate", "certificates")));
    }
    for (const OtherObject& o : c.others) {
        changes.add(file, "other-block-removed", fmt::format("removed the {} block{}", o.what, at_line(o.line)));
    }
}

void note_rewritten(ChangeList& changes, std::string_view file, const InputFile& f, int begin_line, const std::string& written,
                    std::string_view what) {
    std::string given = block_text(f, begin_line);
    const bool differs = !given.empty() && given != written;
    wipe(given);
    if (differs) {
        changes.add(file, "pem-rewritten",
                    fmt::format("rewrote {} (line {}) as standard PEM: base64 in 64-character lines, no headers or indentation", what,
                                begin_line));
    }
}

void note_key_changes(ChangeList& changes, const Contents& key_file, const PrivateKey& k, const std::string& key_text,
                      const std::string& key_path) {
    const std::string label = written_key_label(key_text);
    if (k.encrypted && key_file.container != Container::Pkcs12) {
        changes.add("key", "key-decrypted",
                    k.format == KeyFormat::LegacyEncrypted ? "decrypted (OpenSSL legacy PEM encryption)"
                    : k.format == KeyFormat::Der           ? "decrypted (encrypted PKCS#8, DER)"
                                                           : "decrypted (encrypted PKCS#8)");
    }
    const bool from_pkcs8 = k.format == KeyFormat::Pkcs8 || k.format == KeyFormat::Pkcs8Encrypted;
    const bool from_binary = k.format == KeyFormat::Der || key_file.container == Container::Pkcs12;
    if (label == "RSA PRIVATE KEY" || label == "EC PRIVATE KEY") {
        const std::string_view form = label == "RSA PRIVATE KEY" ? "PKCS#1" : "SEC1";
        const std::string_view kind_suffix = label == "RSA PRIVATE KEY" ? "pkcs1" : "sec1";
        if (from_pkcs8) {
            changes.add("key", fmt::format("key-pkcs8-to-{}", kind_suffix), fmt::format("converted PKCS#8 to {} (BEGIN {})", form, label));
        } else if (from_binary) {
            changes.add("key", fmt::format("key-written-{}", kind_suffix), fmt::format("written as {} (BEGIN {})", form, label));
        }
    } else if (!label.empty() && from_binary) {
        changes.add("key", "key-written-pkcs8", fmt::format("written as PKCS#8 (BEGIN {})", label));
    }
    if (key_file.keys.size() > 1) {
        changes.add("key", "other-keys-removed",
                    fmt::format("kept the one key that matches the certificate ({} keys in {})", key_file.keys.size(), key_path));
    }
}

}  // namespace certcheck::fixer
