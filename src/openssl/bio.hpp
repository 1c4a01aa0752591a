// Memory-BIO helpers (internal to the core).
#pragma once

#include <string>

#include <openssl/bio.h>

namespace certcheck::ossl {

// What a memory BIO holds, as bytes ("" when it holds nothing).
[[nodiscard]] std::string bio_text(BIO* bio);

}  // namespace certcheck::ossl
