// im2col / col2im: the lowering that turns a convolution into one GEMM.
//
// Images are stored per sample as [channels, height, width] (PyTorch's NCHW), flattened into one
// row of a [batch, C·H·W] matrix. The column matrix puts, for every output position of every
// sample, the C·K·K input values its kernel sees in one column:
//   cols: [C·K·K, batch·OH·OW], cols(c·K·K + ki·K + kj, n·OH·OW + oh·OW + ow)
//         = x_n(c, oh·stride − pad + ki, ow·stride − pad + kj)   (0 outside the image)
#pragma once

#include <stdexcept>
#include <string>

#include "core/tensor.h"

namespace bn {

struct ConvGeometry {
  int channels = 0, height = 0, width = 0;  // the image the kernel slides over
  int kernel = 0, stride = 1, padding = 0;
  int out_height() const { return (height + 2 * padding - kernel) / stride + 1; }
  int out_width() const { return (width + 2 * padding - kernel) / stride + 1; }
  int positions() const { return out_height() * out_width(); }
  int patch() const { return channels * kernel * kernel; }
  int image_size() const { return channels * height * width; }
  void validate(const std::string& who) const {
    if (channels <= 0 || height <= 0 || width <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || out_height() <= 0 ||
        out_width() <= 0)
      throw std::invalid_argument(who + ": impossible geometry (" + std::to_string(channels) + "x" +
                                  std::to_string(height) + "x" + std::to_string(width) + ", kernel " +
                                  std::to_string(kernel) + ", stride " + std::to_string(stride) + ", padding " +
                                  std::to_string(padding) + ")");
  }
};

// images: [batch, C·H·W] -> cols: [C·K·K, batch·OH·OW]
void im2col(const ConvGeometry& g, const Matrix& images, Matrix& cols);
// cols: [C·K·K, batch·OH·OW] -> images: [batch, C·H·W], summing overlapping contributions
void col2im(const ConvGeometry& g, const Matrix& cols, int batch, Matrix& images);

// The GEMMs produce channel-major blocks; the layers exchange batch-major rows.
// by_channel: [C, batch·P] <-> rows: [batch, C·P]
void channel_blocks_to_rows(const Matrix& by_channel, int batch, Matrix& rows);
void rows_to_channel_blocks(const Matrix& rows, int channels, Matrix& by_channel);

}  // namespace bn
