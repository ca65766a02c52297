#include "core/layers/im2col.h"

#include <algorithm>

#include "core/parallel/thread_pool.h"

namespace bn {

namespace {

// Samples are independent, so both lowerings split the batch into fixed runs of samples.
constexpr int kSamplesPerChunk = 8;

template <typename Body>
void for_sample_chunks(int batch, Body body) {
  parallel_for((batch + kSamplesPerChunk - 1) / kSamplesPerChunk, [&](int chunk) {
    const int first = chunk * kSamplesPerChunk;
    body(first, std::min(batch, first + kSamplesPerChunk));
  });
}

}  // namespace

void im2col(const ConvGeometry& g, const Matrix& images, Matrix& cols) {
  const int batch = static_cast<int>(images.rows());
  const int oh_count = g.out_height(), ow_count = g.out_width(), positions = g.positions();
  cols.resize(g.patch(), static_cast<Eigen::Index>(batch) * positions);
  for_sample_chunks(batch, [&](int first, int last) {
    for (int c = 0; c < g.channels; ++c)
      for (int ki = 0; ki < g.kernel; ++ki)
        for (int kj = 0; kj < g.kernel; ++kj) {
          float* row = cols.row((c * g.kernel + ki) * g.kernel + kj).data();
          for (int n = first; n < last; ++n) {
            const float* image = images.row(n).data() + static_cast<size_t>(c) * g.height * g.width;
            float* out = row + static_cast<size_t>(n) * positions;
            for (int oh = 0; oh < oh_count; ++oh) {
              const int y = oh * g.stride - g.padding + ki;
              for (int ow = 0; ow < ow_count; ++ow) {
                const int x = ow * g.stride - g.padding + kj;
                out[oh * ow_count + ow] =
                    (y >= 0 && y < g.height && x >= 0 && x < g.width) ? image[y * g.width + x] : 0.0f;
              }
            }
          }
        }
  });
}

void col2im(const ConvGeometry& g, const Matrix& cols, int batch, Matrix& images) {
  const int oh_count = g.out_height(), ow_count = g.out_width(), positions = g.positions();
  images.setZero(batch, g.image_size());
  for_sample_chunks(batch, [&](int first, int last) {
    for (int c = 0; c < g.channels; ++c)
      for (int ki = 0; ki < g.kernel; ++ki)
        for (int kj = 0; kj < g.kernel; ++kj) {
          const float* row = cols.row((c * g.kernel + ki) * g.kernel + kj).data();
          for (int n = first; n < last; ++n) {
            float* image = images.row(n).data() + static_cast<size_t>(c) * g.height * g.width;
            const float* in = row + static_cast<size_t>(n) * positions;
            for (int oh = 0; oh < oh_count; ++oh) {
              const int y = oh * g.stride - g.padding + ki;
              if (y < 0 || y >= g.height) continue;
              for (int ow = 0; ow < ow_count; ++ow) {
                const int x = ow * g.stride - g.padding + kj;
                if (x >= 0 && x < g.width) image[y * g.width + x] += in[oh * ow_count + ow];
              }
            }
          }
        }
  });
}

void channel_blocks_to_rows(const Matrix& by_channel, int batch, Matrix& rows) {
  const int channels = static_cast<int>(by_channel.rows());
  const int positions = static_cast<int>(by_channel.cols()) / batch;
  rows.resize(batch, static_cast<Eigen::Index>(channels) * positions);
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < channels; ++c)
      std::copy_n(by_channel.row(c).data() + static_cast<size_t>(n) * positions, positions,
                  rows.row(n).data() + static_cast<size_t>(c) * positions);
}

void rows_to_channel_blocks(const Matrix& rows, int channels, Matrix& by_channel) {
  const int batch = static_cast<int>(rows.rows());
  const int positions = static_cast<int>(rows.cols()) / channels;
  by_channel.resize(channels, static_cast<Eigen::Index>(batch) * positions);
  for (int n = 0; n < batch; ++n)
    for (int c = 0; c < channels; ++c)
      std::copy_n(rows.row(n).data() + static_cast<size_t>(c) * positions, positions,
                  by_channel.row(c).data() + static_cast<size_t>(n) * positions);
}

}  // namespace bn
