// `bottleneck reconstruct`: a saved model run on images from a file, its outputs to a file. It is
// the CLI's side of the PyTorch interop check (docs/PYTORCH.md, ./build.sh interop), and a way to
// use a model from a script.
#include <cstdio>
#include <fstream>

#include "cli/commands.h"
#include "cli/experiments.h"
#include "cli/json_line.h"
#include "core/eval/evaluate.h"
#include "core/io/safetensors.h"

namespace bn_cli {

namespace {

bn::NamedTensor tensor_of(const bn::Matrix& matrix) {
  bn::NamedTensor tensor;
  tensor.shape = {matrix.rows(), matrix.cols()};
  tensor.values.assign(matrix.data(), matrix.data() + matrix.size());  // row-major, as safetensors
  return tensor;
}

}  // namespace

int run_reconstruct(const std::vector<std::string>& args) {
  Options options(args, {"model", "input", "out", "threads"});
  if (options.help()) {
    std::puts(
        "usage: bottleneck reconstruct --model FILE --input IN.safetensors --out OUT.safetensors\n"
        "\n"
        "Runs the model on IN's tensor \"inputs\" ([n, pixels], 0 to 1, white ink on black) and writes\n"
        "\"reconstruction\" ([n, pixels]: what the playground shows) and \"code\" ([n, latent]: a VAE's\n"
        "mean) to OUT as float32, beside \"inputs\". Prints one JSON line.");
    return 0;
  }
  apply_threads(options);
  auto model = load_model_option(options);
  const std::string input = options.text("input", ""), out = options.text("out", "");
  if (input.empty() || out.empty()) throw std::invalid_argument("--input and --out are required");
  const auto tensors = bn::read_tensors(bn::read_file_bytes(input), input);
  const auto found = tensors.find("inputs");
  if (found == tensors.end()) throw std::invalid_argument(input + ": it has no tensor \"inputs\"");
  const bn::NamedTensor& images = found->second;
  const int pixels = model->config().input_size();
  if (images.shape.size() != 2 || images.shape[1] != pixels)
    throw std::invalid_argument(input + ": \"inputs\" must be [n, " + std::to_string(pixels) + "] for this model");
  bn::Matrix x(images.shape[0], pixels);
  std::copy(images.values.begin(), images.values.end(), x.data());
  // Decoded from the code, as the playground shows it (PCA's too is clipped to [0, 1] then).
  const bn::Matrix code = bn::encode_all(*model, x);
  std::map<std::string, bn::NamedTensor> outputs{
      {"inputs", images}, {"reconstruction", tensor_of(bn::decode_all(*model, code))}, {"code", tensor_of(code)}};
  const std::vector<uint8_t> bytes = bn::encode_tensors(outputs);
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!file) throw std::invalid_argument("cannot write " + out);
  JsonLine line;
  line.text("model", options.text("model", "")).text("kind", bn::kind_name(model->config().kind));
  line.number("images", static_cast<double>(images.shape[0])).text("out", out).print();
  return 0;
}

}  // namespace bn_cli
