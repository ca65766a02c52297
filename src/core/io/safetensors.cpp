#include "core/io/safetensors.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/io/config_json.h"
#include "core/io/json_nesting.h"
#include "core/io/pytorch_layout.h"
#include "core/models/memory_estimate.h"

namespace bn {

using nlohmann::json;

namespace {

constexpr const char* kConfigKey = "bottleneck.config";
constexpr uint64_t kMaxHeaderBytes = 16u << 20;  // safetensors' own limit is 100 MB; ours are tiny

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

uint32_t float_bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, 4);
  return bits;
}

float bits_float(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

struct Header {
  json tensors;  // name -> {dtype, shape, data_offsets}
  json metadata;
  size_t data_start = 0;
};

// The header's length, from the file's first 8 bytes (little-endian).
uint64_t header_length(const std::vector<uint8_t>& bytes) {
  uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | bytes[i];
  return length;
}

Header parse_header(const std::vector<uint8_t>& bytes, const std::string& name) {
  auto fail = [&](const std::string& why) { throw SafetensorsError(name + ": not a valid safetensors file: " + why); };
  if (bytes.size() < 8) fail("it is only " + std::to_string(bytes.size()) + " bytes long");
  const uint64_t length = header_length(bytes);
  if (length > kMaxHeaderBytes || length > bytes.size() - 8)
    fail("the header length (" + std::to_string(length) + " bytes) does not fit in the file");
  Header header;
  json parsed;
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()) + 8, static_cast<size_t>(length));
  try {
    check_json_nesting(text, kMaxJsonNesting, "the header");
    parsed = json::parse(text);
  } catch (const std::invalid_argument& error) {
    fail(error.what());
  } catch (const json::exception& error) {
    fail(std::string("the header is not JSON (") + error.what() + ")");
  }
  if (!parsed.is_object()) fail("the header is not a JSON object");
  header.data_start = 8 + length;
  header.tensors = json::object();
  for (auto& [key, value] : parsed.items()) {
    if (key == "__metadata__") header.metadata = std::move(value);
    else header.tensors[key] = std::move(value);
  }
  return header;
}

// A list of whole numbers from 0 to `most`, as JSON integers: 3.9 is not a shape's extent, and a
// float converted to an integer out of its range is undefined behaviour.
std::vector<int64_t> whole_numbers(const json& list, int64_t most, const std::string& who, const char* field) {
  if (!list.is_array() || list.size() > 8)
    throw SafetensorsError(who + ": " + field + " must be a list of at most 8 whole numbers");
  std::vector<int64_t> out;
  for (const json& item : list) {
    const bool whole = item.is_number_unsigned() || (item.is_number_integer() && item.get<int64_t>() >= 0);
    if (!whole || item.get<uint64_t>() > static_cast<uint64_t>(most))
      throw SafetensorsError(who + ": " + field + " holds " + item.dump() + ", not a whole number from 0 to " +
                             std::to_string(most));
    out.push_back(item.get<int64_t>());
  }
  return out;
}

}  // namespace

uint16_t float_to_half(float value) {
  const uint32_t bits = float_bits(value);
  const uint32_t sign = (bits >> 16) & 0x8000u;
  const uint32_t exponent = (bits >> 23) & 0xffu;
  uint32_t mantissa = bits & 0x7fffffu;
  if (exponent == 0xff) return static_cast<uint16_t>(sign | 0x7c00u | (mantissa ? 0x200u : 0u));  // inf, NaN
  int e = static_cast<int>(exponent) - 127 + 15;
  if (e >= 0x1f) return static_cast<uint16_t>(sign | 0x7c00u);  // overflow: infinity
  if (e <= 0) {
    if (e < -10) return static_cast<uint16_t>(sign);  // underflow: signed zero
    mantissa |= 0x800000u;                            // subnormal half: shift in the implicit 1
    const int shift = 14 - e;
    uint32_t half = mantissa >> shift;
    const uint32_t rest = mantissa & ((1u << shift) - 1), halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(e) << 10) | (mantissa >> 13);
  const uint32_t rest = mantissa & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;  // may carry into the exponent: fine
  return static_cast<uint16_t>(sign | half);
}

float half_to_float(uint16_t half) {
  const uint32_t sign = (static_cast<uint32_t>(half) & 0x8000u) << 16;
  const uint32_t exponent = (half >> 10) & 0x1fu;
  const uint32_t mantissa = half & 0x3ffu;
  if (exponent == 0) {
    const float magnitude = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -magnitude : magnitude;
  }
  if (exponent == 0x1f) return bits_float(sign | 0x7f800000u | (mantissa << 13));
  return bits_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

std::vector<uint8_t> encode_safetensors(Model& model, WeightType type,
                                        const std::map<std::string, std::string>& metadata) {
  const ParameterArena& arena = model.parameters();
  const size_t element = type == WeightType::kF32 ? 4 : 2;
  json header = json::object();
  json meta = json::object();
  for (const auto& [key, value] : metadata) meta[key] = value;
  meta[kConfigKey] = config_to_json(model.config());
  meta["format"] = "pt";
  header["__metadata__"] = meta;
  size_t offset = 0;
  for (const ParameterInfo& tensor : arena.tensors()) {
    const size_t bytes = tensor.ref.size() * element;
    header[tensor.name] = {{"dtype", type == WeightType::kF32 ? "F32" : "F16"},
                           {"shape", tensor.shape},
                           {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = header.dump();
  while ((text.size() + 8) % 8 != 0) text += ' ';  // the data starts 8-byte aligned
  std::vector<uint8_t> out(8 + text.size() + offset);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(static_cast<uint64_t>(text.size()) >> (8 * i));
  std::memcpy(out.data() + 8, text.data(), text.size());
  uint8_t* data = out.data() + 8 + text.size();
  for (const ParameterInfo& tensor : arena.tensors()) {
    const float* values = arena.values().data() + tensor.ref.offset;
    for (size_t i = 0; i < tensor.ref.size(); ++i) {
      if (type == WeightType::kF32) {
        const uint32_t bits = float_bits(values[i]);
        for (int b = 0; b < 4; ++b) *data++ = static_cast<uint8_t>(bits >> (8 * b));
      } else {
        const uint16_t bits = float_to_half(values[i]);
        *data++ = static_cast<uint8_t>(bits);
        *data++ = static_cast<uint8_t>(bits >> 8);
      }
    }
  }
  return out;
}

void save_model(Model& model, const std::string& path, WeightType type,
                const std::map<std::string, std::string>& metadata) {
  const std::vector<uint8_t> bytes = encode_safetensors(model, type, metadata);
  // Write to a temporary name and rename, so a failed write never leaves half a file behind.
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw SafetensorsError("cannot write " + path);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw SafetensorsError("cannot write " + path + " (disk full?)");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw SafetensorsError("cannot write " + path);
  }
}

std::vector<uint8_t> read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw SafetensorsError("cannot open " + path);
  const std::streamsize size = in.tellg();
  std::vector<uint8_t> bytes(static_cast<size_t>(std::max<std::streamsize>(0, size)));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), size)) throw SafetensorsError("cannot read " + path);
  return bytes;
}

FileConfig read_file_config(const std::vector<uint8_t>& bytes, const std::string& name) {
  const Header header = parse_header(bytes, name);
  try {
    if (header.metadata.is_object() && header.metadata.contains(kConfigKey)) {
      if (!header.metadata[kConfigKey].is_string())
        throw std::invalid_argument(std::string("its \"") + kConfigKey + "\" metadata is not a string");
      return {config_from_json(header.metadata[kConfigKey].get<std::string>()), ""};
    }
    TensorShapes shapes;
    for (const auto& [key, entry] : header.tensors.items()) {
      if (!entry.is_object() || !entry.contains("shape")) continue;
      shapes[key] = whole_numbers(entry["shape"], int64_t{1} << 31, name + ": tensor '" + key + "'", "shape");
    }
    InferredConfig inferred = infer_config(shapes);
    return {inferred.config, inferred.assumed};
  } catch (const std::invalid_argument& error) {
    throw SafetensorsError(name + ": " + error.what());
  }
}

ModelConfig read_config(const std::vector<uint8_t>& bytes, const std::string& name) {
  return read_file_config(bytes, name).config;
}

namespace {

// One tensor's header entry checked against the file, and its values decoded (F32, F16 or BF16).
// `expected` (when given) is the shape the tensor must have. Throws with `who` in the message.
NamedTensor read_entry(const Header& header, const std::vector<uint8_t>& bytes, const std::string& key,
                       const std::string& who, const std::vector<int64_t>* expected) {
  const json& entry = header.tensors[key];
  if (!entry.is_object() || !entry.contains("dtype") || !entry.contains("shape") || !entry.contains("data_offsets"))
    throw SafetensorsError(who + " has an incomplete header entry");
  if (!entry["dtype"].is_string()) throw SafetensorsError(who + " has a malformed header entry");
  NamedTensor tensor;
  const std::string dtype = entry["dtype"].get<std::string>();
  const size_t data_size = bytes.size() - header.data_start;
  tensor.shape = whole_numbers(entry["shape"], int64_t{1} << 31, who, "shape");
  const std::vector<int64_t> offsets = whole_numbers(entry["data_offsets"], int64_t{1} << 62, who, "data_offsets");
  if (offsets.size() != 2) throw SafetensorsError(who + ": data_offsets must be [begin, end]");
  const uint64_t begin = static_cast<uint64_t>(offsets[0]), end = static_cast<uint64_t>(offsets[1]);
  if (expected && tensor.shape != *expected)
    throw SafetensorsError(who + ": expected shape " + shape_text(*expected) + ", found " + shape_text(tensor.shape));
  // Every extent is at most 2^31; the count is checked before each product so it cannot wrap.
  uint64_t count = 1;
  for (int64_t extent : tensor.shape) {
    if (extent != 0 && count > data_size / static_cast<uint64_t>(extent))
      throw SafetensorsError(who + " has the shape " + shape_text(tensor.shape) + ", more values than the file holds");
    count *= static_cast<uint64_t>(extent);
  }
  size_t element = 0;
  if (dtype == "F32") element = 4;
  else if (dtype == "F16" || dtype == "BF16") element = 2;
  else throw SafetensorsError(who + ": expected dtype F32, F16 or BF16, found " + dtype);
  if (begin > end || end > data_size || end - begin != count * element)
    throw SafetensorsError(who + ": its data (bytes " + std::to_string(begin) + " to " + std::to_string(end) +
                           ") does not fit the file or the shape (file truncated?)");
  const uint8_t* data = bytes.data() + header.data_start + begin;
  tensor.values.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* p = data + i * element;
    float value;
    if (element == 4) value = bits_float(p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24);
    else if (dtype == "F16") value = half_to_float(static_cast<uint16_t>(p[0] | p[1] << 8));
    else value = bits_float(static_cast<uint32_t>(p[0] | p[1] << 8) << 16);  // BF16: the high half of an F32
    if (!std::isfinite(value))
      throw SafetensorsError(who + " holds a non-finite value at element " + std::to_string(i));
    tensor.values[i] = value;
  }
  return tensor;
}

}  // namespace

void load_weights(Model& model, const std::vector<uint8_t>& bytes, const std::string& name) {
  const Header header = parse_header(bytes, name);
  ParameterArena& arena = model.parameters();
  FloatBuffer staged(arena.size());
  for (const ParameterInfo& tensor : arena.tensors()) {
    const std::string who = name + ": tensor '" + tensor.name + "'";
    if (!header.tensors.contains(tensor.name)) throw SafetensorsError(who + " is missing from the file");
    const std::vector<int64_t> expected(tensor.shape.begin(), tensor.shape.end());
    const NamedTensor read = read_entry(header, bytes, tensor.name, who, &expected);
    std::copy(read.values.begin(), read.values.end(), staged.data() + tensor.ref.offset);
  }
  for (const auto& [key, value] : header.tensors.items()) {
    bool known = false;
    for (const ParameterInfo& tensor : arena.tensors()) known = known || tensor.name == key;
    if (!known) throw SafetensorsError(name + ": unexpected tensor '" + key + "' (this model has no such parameter)");
  }
  arena.values() = std::move(staged);
  model.reset_optimizer();
}

std::map<std::string, NamedTensor> read_tensors(const std::vector<uint8_t>& bytes, const std::string& name) {
  const Header header = parse_header(bytes, name);
  std::map<std::string, NamedTensor> tensors;
  for (const auto& [key, value] : header.tensors.items())
    tensors[key] = read_entry(header, bytes, key, name + ": tensor '" + key + "'", nullptr);
  return tensors;
}

std::vector<uint8_t> encode_tensors(const std::map<std::string, NamedTensor>& tensors) {
  json header = json::object();
  size_t offset = 0;
  for (const auto& [key, tensor] : tensors) {
    const size_t bytes = tensor.values.size() * 4;
    header[key] = {{"dtype", "F32"}, {"shape", tensor.shape}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string text = header.dump();
  while ((text.size() + 8) % 8 != 0) text += ' ';
  std::vector<uint8_t> out(8 + text.size() + offset);
  for (int i = 0; i < 8; ++i) out[i] = static_cast<uint8_t>(static_cast<uint64_t>(text.size()) >> (8 * i));
  std::memcpy(out.data() + 8, text.data(), text.size());
  uint8_t* data = out.data() + 8 + text.size();
  for (const auto& [key, tensor] : tensors)
    for (float value : tensor.values) {
      const uint32_t bits = float_bits(value);
      for (int b = 0; b < 4; ++b) *data++ = static_cast<uint8_t>(bits >> (8 * b));
    }
  return out;
}

std::unique_ptr<Model> load_model_bytes(const std::vector<uint8_t>& bytes, const std::string& name) {
  const ModelConfig config = read_config(bytes, name);
  // A config may claim any model the core accepts, up to gigabytes of weights: a file too small to
  // hold them at two bytes each is refused before any of it is allocated.
  const uint64_t least = estimate_memory(config).parameters / 2;
  const uint64_t data = bytes.size() - 8 - header_length(bytes);  // read_config has checked the header
  if (data < least)
    throw SafetensorsError(name + ": its config is a model of " + format_bytes(estimate_memory(config).parameters) +
                           " of weights, but the file holds only " + format_bytes(data) + " of tensor data");
  std::unique_ptr<Model> model = make_model(config);
  load_weights(*model, bytes, name);
  return model;
}

std::unique_ptr<Model> load_model(const std::string& path) { return load_model_bytes(read_file_bytes(path), path); }

}  // namespace bn
