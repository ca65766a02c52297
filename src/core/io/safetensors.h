// Model weights as safetensors files, the format PyTorch, JAX and the Hugging Face tools share:
//
//   u64 little-endian N | N bytes of JSON header | raw tensor data
//   header: {"encoder.0.weight": {"dtype": "F32", "shape": [256, 784], "data_offsets": [0, 802816]},
//            ..., "__metadata__": {"bottleneck.config": "<the model config as JSON>", ...}}
//
// Tensor names and shapes are PyTorch's (nn.Linear [out, in], nn.Conv2d [out, in, kh, kw],
// nn.ConvTranspose2d [in, out, kh, kw]), so a model defined the same way in PyTorch loads with
// `safetensors.torch.load_file` and `load_state_dict`, and its saved state dict loads here.
//
//   bn::save_model(*model, "ae32.safetensors", bn::WeightType::kF16);
//   std::unique_ptr<bn::Model> m = bn::load_model("ae32.safetensors");   // config from the metadata
//   bn::load_weights(*m, bytes);          // into an existing model; all or nothing
//
// Loading checks everything before it changes anything: a truncated file, a bad header, a missing
// or unexpected tensor, a wrong shape or dtype, or a non-finite value is a SafetensorsError that
// names the tensor with what was expected and what was found, and the model is left as it was.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/models/model.h"

namespace bn {

class SafetensorsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class WeightType { kF32, kF16 };

// Extra metadata (string to string) may be added, e.g. {"bottleneck.trained": "mnist, 20 epochs"}.
std::vector<uint8_t> encode_safetensors(Model& model, WeightType type = WeightType::kF32,
                                        const std::map<std::string, std::string>& metadata = {});
void save_model(Model& model, const std::string& path, WeightType type = WeightType::kF32,
                const std::map<std::string, std::string>& metadata = {});

// A file's model config: the one in its metadata, or, for a PyTorch file without one, the one its
// tensor names and shapes give (core/io/pytorch_layout.h), with what had to be assumed.
struct FileConfig {
  ModelConfig config;
  std::string assumed;  // "" when the metadata gave the config
};
FileConfig read_file_config(const std::vector<uint8_t>& bytes, const std::string& name = "weights");
// The config alone. Both throw SafetensorsError, with the reason, when there is none to be had.
ModelConfig read_config(const std::vector<uint8_t>& bytes, const std::string& name = "weights");
std::unique_ptr<Model> load_model_bytes(const std::vector<uint8_t>& bytes, const std::string& name = "weights");
std::unique_ptr<Model> load_model(const std::string& path);
// Replaces every parameter of `model` (F32, F16 or BF16 in the file) and resets its optimizer.
void load_weights(Model& model, const std::vector<uint8_t>& bytes, const std::string& name = "weights");

// Plain named tensors, for data rather than a model's weights (the interop checks' inputs and
// outputs): any of F32, F16 or BF16 in, F32 out, with the same checks as a model's weights.
struct NamedTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;  // row-major
};
std::map<std::string, NamedTensor> read_tensors(const std::vector<uint8_t>& bytes, const std::string& name);
std::vector<uint8_t> encode_tensors(const std::map<std::string, NamedTensor>& tensors);

std::vector<uint8_t> read_file_bytes(const std::string& path);  // throws SafetensorsError

// IEEE half precision, round to nearest even (with overflow to infinity), and back.
uint16_t float_to_half(float value);
float half_to_float(uint16_t half);

}  // namespace bn
