// The PEM scanner on arbitrary text.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)certcheck::scan_pem(certcheck::fuzz::bytes(data, size));
    return 0;
}
