// The change list: one entry per change fix makes, each with its output file, a stable kind and
// its text (internal to fix; docs/fix.md lists the kinds).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "load/contents.hpp"
#include "fix/fix.hpp"

namespace certcheck::fixer {

class ChangeList {
public:
    void add(std::string_view file, std::string_view kind, std::string text);
    // cert, then key, then chain; each in the order added.
    [[nodiscard]] std::vector<FixChange> take();

private:
    std::vector<FixChange> changes_;
};

// What the other roles of a file are, for the blocks fix leaves out of it.
struct FileRoles {
    bool also_key = false;   // the same file is --key (its key goes to key.pem)
    bool also_cert = false;  // the same file is --cert
};

// Changes that come from how a file was written (its container, its text, what else it holds),
// not from the certificates or key fix keeps from it: DER, PKCS#7, PKCS#12, UTF-16, a byte-order
// mark, indentation before BEGIN, CRLF, trailing blanks, text outside the blocks, a private-key
// block in a certificate or chain file, certificates in a key file, other blocks (a CSR).
void note_file_changes(ChangeList& changes, std::string_view file, const Contents& c, FileRoles roles);

// A block fix writes again (after the changes above) that still differs from what was given:
// base64 line lengths, indentation, headers. `written` is the PEM fix writes for it.
void note_rewritten(ChangeList& changes, std::string_view file, const InputFile& f, int begin_line, const std::string& written,
                    std::string_view what);

// What fix did to the key: decrypted it, changed its form (PKCS#8 to PKCS#1 or SEC1, DER or
// PKCS#12 to PEM), kept one of several.
void note_key_changes(ChangeList& changes, const Contents& key_file, const PrivateKey& key, const std::string& key_text,
                      const std::string& key_path);

}  // namespace certcheck::fixer
