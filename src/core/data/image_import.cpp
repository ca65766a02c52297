#include "core/data/image_import.h"

#include <algorithm>
#include <cmath>

#include "core/data/dataset.h"

namespace bn {

namespace {

constexpr int kSide = 28;
constexpr int kBox = 20;
// Less contrast than this (of 255) between the ink and the background is an empty picture.
constexpr float kLeastContrast = 24.0f;
// Ink fainter than this share of the darkest stroke is paper texture or JPEG noise.
constexpr float kFaintest = 0.1f;

float luma(const uint8_t* p, int channels) {
  if (channels <= 2) return p[0];
  return 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
}

// Grey levels 0..255. A transparent pixel takes the background colour the opaque ones are not:
// black strokes on a transparent canvas sit on white, white strokes sit on black.
std::vector<float> grey_levels(const ImageView& image) {
  const size_t count = static_cast<size_t>(image.width) * image.height;
  std::vector<float> grey(count);
  for (size_t i = 0; i < count; ++i) grey[i] = luma(image.pixels + i * image.channels, image.channels);
  if (image.channels != 2 && image.channels != 4) return grey;
  const int alpha_at = image.channels - 1;
  double opaque_sum = 0;
  size_t opaque = 0;
  bool any_transparent = false;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t alpha = image.pixels[i * image.channels + alpha_at];
    any_transparent |= alpha < 255;
    if (alpha >= 128) {
      opaque_sum += grey[i];
      ++opaque;
    }
  }
  if (!any_transparent) return grey;
  const float backdrop = opaque > 0 && opaque_sum / static_cast<double>(opaque) >= 128.0 ? 0.0f : 255.0f;
  for (size_t i = 0; i < count; ++i) {
    const float alpha = image.pixels[i * image.channels + alpha_at] / 255.0f;
    grey[i] = alpha * grey[i] + (1.0f - alpha) * backdrop;
  }
  return grey;
}

float border_median(const std::vector<float>& grey, int width, int height) {
  std::vector<float> border;
  border.reserve(2 * static_cast<size_t>(width + height));
  for (int x = 0; x < width; ++x) {
    border.push_back(grey[x]);
    border.push_back(grey[static_cast<size_t>(height - 1) * width + x]);
  }
  for (int y = 0; y < height; ++y) {
    border.push_back(grey[static_cast<size_t>(y) * width]);
    border.push_back(grey[static_cast<size_t>(y) * width + width - 1]);
  }
  auto middle = border.begin() + static_cast<std::ptrdiff_t>(border.size() / 2);
  std::nth_element(border.begin(), middle, border.end());
  return *middle;
}

struct Box {
  int x0, y0, x1, y1;  // [x0, x1) × [y0, y1)
  int width() const { return x1 - x0; }
  int height() const { return y1 - y0; }
};

Box ink_box(const std::vector<float>& ink, int width, int height) {
  Box box{width, height, 0, 0};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (ink[static_cast<size_t>(y) * width + x] > 0.0f) {
        box.x0 = std::min(box.x0, x);
        box.y0 = std::min(box.y0, y);
        box.x1 = std::max(box.x1, x + 1);
        box.y1 = std::max(box.y1, y + 1);
      }
  return box;
}

// The weights that average `from` source samples into `to` target samples: target j covers
// [j, j + 1)·from/to of the source, and each source sample counts by how much of it lies inside.
struct Tap {
  int source;
  float weight;
};
std::vector<std::vector<Tap>> area_taps(int from, int to) {
  std::vector<std::vector<Tap>> taps(static_cast<size_t>(to));
  const double step = static_cast<double>(from) / to;
  for (int j = 0; j < to; ++j) {
    const double start = j * step, end = (j + 1) * step;
    for (int k = static_cast<int>(std::floor(start)); k < std::min<double>(from, std::ceil(end)); ++k) {
      const double overlap = std::min<double>(k + 1, end) - std::max<double>(k, start);
      if (overlap > 0) taps[static_cast<size_t>(j)].push_back({k, static_cast<float>(overlap / step)});
    }
  }
  return taps;
}

// The box of `ink` resized to `to_width` × `to_height` by area averaging, one axis at a time.
std::vector<float> resize_box(const std::vector<float>& ink, int width, const Box& box, int to_width, int to_height) {
  const auto across = area_taps(box.width(), to_width);
  const auto down = area_taps(box.height(), to_height);
  std::vector<float> rows(static_cast<size_t>(box.height()) * to_width, 0.0f);
  for (int y = 0; y < box.height(); ++y) {
    const float* source = ink.data() + static_cast<size_t>(box.y0 + y) * width + box.x0;
    for (int x = 0; x < to_width; ++x) {
      float sum = 0;
      for (const Tap& tap : across[static_cast<size_t>(x)]) sum += tap.weight * source[tap.source];
      rows[static_cast<size_t>(y) * to_width + x] = sum;
    }
  }
  std::vector<float> out(static_cast<size_t>(to_width) * to_height, 0.0f);
  for (int y = 0; y < to_height; ++y)
    for (const Tap& tap : down[static_cast<size_t>(y)])
      for (int x = 0; x < to_width; ++x)
        out[static_cast<size_t>(y) * to_width + x] += tap.weight * rows[static_cast<size_t>(tap.source) * to_width + x];
  return out;
}

// Where the small image's left (or top) edge goes so its centre of mass lands on the centre,
// kept inside the 28×28 frame.
int centring_offset(double mass_centre, int extent) {
  const int offset = static_cast<int>(std::lround(kSide / 2.0 - mass_centre));
  return std::clamp(offset, 0, kSide - extent);
}

}  // namespace

void check_import_size(int width, int height) {
  if (static_cast<int64_t>(width) * height > kMaxImportPixels)
    throw DatasetError("too large: " + std::to_string(width) + "x" + std::to_string(height) +
                       " pixels (at most 16 megapixels)");
}

std::vector<uint8_t> mnist_style_image(const ImageView& image) {
  if (!image.pixels || image.channels < 1 || image.channels > 4)
    throw DatasetError("not an image: " + std::to_string(image.channels) + " channels");
  if (image.width < 1 || image.height < 1)
    throw DatasetError("an empty image (" + std::to_string(image.width) + "x" + std::to_string(image.height) + ")");
  check_import_size(image.width, image.height);
  const int width = image.width, height = image.height;
  std::vector<float> grey = grey_levels(image);
  float background = border_median(grey, width, height);
  if (background > 127.5f) {
    for (float& g : grey) g = 255.0f - g;
    background = 255.0f - background;
  }
  float strongest = 0;
  for (float g : grey) strongest = std::max(strongest, g - background);
  if (strongest < kLeastContrast) throw DatasetError("nothing on it: no marks stand out from the background");
  for (float& g : grey) {
    const float ink = (g - background) / strongest;
    g = ink < kFaintest ? 0.0f : std::min(ink, 1.0f);
  }

  const Box box = ink_box(grey, width, height);
  const double scale = static_cast<double>(kBox) / std::max(box.width(), box.height());
  const int small_width = std::clamp(static_cast<int>(std::lround(box.width() * scale)), 1, kBox);
  const int small_height = std::clamp(static_cast<int>(std::lround(box.height() * scale)), 1, kBox);
  const std::vector<float> small = resize_box(grey, width, box, small_width, small_height);

  double mass = 0, mass_x = 0, mass_y = 0;
  for (int y = 0; y < small_height; ++y)
    for (int x = 0; x < small_width; ++x) {
      const double v = small[static_cast<size_t>(y) * small_width + x];
      mass += v;
      mass_x += v * (x + 0.5);
      mass_y += v * (y + 0.5);
    }
  const int left = centring_offset(mass > 0 ? mass_x / mass : small_width / 2.0, small_width);
  const int top = centring_offset(mass > 0 ? mass_y / mass : small_height / 2.0, small_height);

  std::vector<uint8_t> out(static_cast<size_t>(kSide) * kSide, 0);
  for (int y = 0; y < small_height; ++y)
    for (int x = 0; x < small_width; ++x) {
      const float v = std::clamp(small[static_cast<size_t>(y) * small_width + x], 0.0f, 1.0f);
      out[static_cast<size_t>(top + y) * kSide + left + x] = static_cast<uint8_t>(std::lround(v * 255.0f));
    }
  return out;
}

}  // namespace bn
