#include "app/session/views/compression.h"

#include <algorithm>
#include <limits>

#include "core/eval/evaluate.h"
#include "core/eval/metrics.h"
#include "core/io/safetensors.h"

namespace bn_app {

namespace {

enum class CodeFormat { kFloat32, kFloat16, kEightBit };

// The test images' codes stored in `format`, decoded, and scored against the originals.
float psnr_at(bn::Model& model, const bn::Matrix& images, CodeFormat format) {
  bn::Matrix codes = bn::encode_all(model, images);
  if (format == CodeFormat::kFloat16) {
    for (Eigen::Index i = 0; i < codes.size(); ++i)
      codes.data()[i] = bn::half_to_float(bn::float_to_half(codes.data()[i]));
  } else if (format == CodeFormat::kEightBit) {
    // 8 bits per number: each code dimension's range over the test set, in 255 steps.
    for (Eigen::Index j = 0; j < codes.cols(); ++j) {
      const float low = codes.col(j).minCoeff(), high = codes.col(j).maxCoeff();
      const float step = std::max(high - low, 1e-12f) / 255.0f;
      codes.col(j) = ((codes.col(j).array() - low) / step).round() * step + low;
    }
  }
  return bn::psnr(bn::mean_squared_error(bn::decode_all(model, codes), images));
}

}  // namespace

void CompressionView::refresh(const ViewInputs& in) {
  if (!computed_.due(in.weights_revision, in.now, kInterval)) return;
  const bn::Matrix images = in.test.batch_range(0, in.test.count());
  const int latent = in.config.latent;
  const bool with_pca = in.pca && in.pca->config().latent == latent;
  struct Format {
    CodeFormat format;
    const char* name;
    int bytes_per_number;
  };
  rows_.clear();
  for (const Format& f : {Format{CodeFormat::kFloat32, "float32", 4}, Format{CodeFormat::kFloat16, "float16", 2},
                          Format{CodeFormat::kEightBit, "8-bit", 1}})
    rows_.push_back({f.name, latent * f.bytes_per_number, psnr_at(in.model, images, f.format),
                     with_pca ? psnr_at(*in.pca, images, f.format) : std::numeric_limits<float>::quiet_NaN()});
  latent_ = latent;
  kind_ = bn::kind_name(in.config.kind);
  computed_.mark(in.weights_revision, in.now);
}

void CompressionView::describe(StateWriter& out) const {
  for (const Row& row : rows_) {
    out.begin_object(nullptr);
    out.text("format", row.format);
    out.text("kind", kind_);
    out.number("bytes", row.bytes);
    out.number("modelPsnr", row.model_psnr);
    out.number("pcaPsnr", row.pca_psnr);
    out.end_object();
  }
}

}  // namespace bn_app
