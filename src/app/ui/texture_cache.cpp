#include "app/ui/texture_cache.h"

namespace bn_app {

const DigitTexture& TextureCache::image(const std::string& name, int width, int height,
                                        const std::vector<float>& pixels, uint64_t revision, ColorMap map) {
  Image& image = images_[name];
  if (!image.texture || image.width != width || image.height != height || image.map != map) {
    image.texture = std::make_unique<DigitTexture>(width, height, map);
    image.width = width;
    image.height = height;
    image.map = map;
    image.revision = ~revision;  // upload below
  }
  if (image.revision != revision && pixels.size() == static_cast<size_t>(width) * height) {
    image.texture->upload(pixels.data());
    image.revision = revision;
  }
  return *image.texture;
}

ScatterRenderer& TextureCache::scatter(const std::string& name, const std::vector<float>& xy,
                                       const std::vector<uint8_t>& labels, uint64_t revision) {
  Points& points = scatters_[name];
  if (!points.renderer) {
    points.renderer = std::make_unique<ScatterRenderer>();
    points.revision = ~revision;
  }
  if (points.revision != revision) {
    points.renderer->upload(xy, labels);
    points.revision = revision;
  }
  return *points.renderer;
}

void TextureCache::clear() {
  images_.clear();
  scatters_.clear();
}

}  // namespace bn_app
