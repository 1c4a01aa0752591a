// Loading arbitrary bytes as the chain slot, related to a body made of the same bytes (so leaf
// copies, orderings and cycles inside the input are all analysed).
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace certcheck;
    const std::string text{fuzz::bytes(data, size)};
    (void)load_material(analyse_input(Slot::Body, "fuzz-body", text), std::nullopt,
                        analyse_input(Slot::Chain, "fuzz-chain", text));
    return 0;
}
