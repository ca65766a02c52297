// libFuzzer: tensor names and shapes, as a PyTorch state dict without our config gives them, into
// bn::infer_config. The bytes choose up to 16 tensors, each a name (from the names the modules
// use, or made up) and up to 6 extents of 64 bits, so huge, zero and negative extents come often.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

#include "core/io/pytorch_layout.h"
#include "core/models/model_config.h"

namespace {

const char* const kNames[] = {"components",       "mean",             "encoder.0.weight", "encoder.0.bias",
                              "encoder.2.weight", "encoder.2.bias",   "encoder.4.weight", "encoder.4.bias",
                              "encoder.5.weight", "encoder.5.bias",   "decoder.0.weight", "decoder.0.bias",
                              "decoder.2.weight", "decoder.2.bias",   "decoder.3.weight", "decoder.3.bias",
                              "decoder.4.weight", "decoder.4.bias",   "decoder.5.weight", "decoder.5.bias"};

struct Reader {
  const uint8_t* at;
  size_t left;
  uint8_t byte() {
    if (!left) return 0;
    --left;
    return *at++;
  }
  int64_t extent() {
    // Mostly small extents, so inputs reach past the first checks; sometimes any 64 bits.
    const uint8_t kind = byte();
    if (kind < 200) return static_cast<int64_t>(kind) * (1 + byte());
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | byte();
    int64_t out;
    std::memcpy(&out, &v, 8);
    return out;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader in{data, size};
  bn::TensorShapes shapes;
  const int count = in.byte() % 17;
  for (int t = 0; t < count; ++t) {
    const uint8_t pick = in.byte();
    const std::string name = pick < 240 ? kNames[pick % std::size(kNames)] : "extra." + std::to_string(pick);
    std::vector<int64_t>& shape = shapes[name];
    shape.clear();
    const int rank = in.byte() % 7;
    for (int d = 0; d < rank; ++d) shape.push_back(in.extent());
  }
  try {
    const bn::InferredConfig found = bn::infer_config(shapes);
    bn::validate(found.config);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
