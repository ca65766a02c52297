// The GL resources of the interface, in one place the app owns: the images each panel shows and
// the scatter plots' point buffers, each uploaded again only when its source moves on. The cache
// goes (and its textures with it) before the GL context does.
//
//   textures.image("pad", 28, 28, pad.drawn(), pad.revision()).draw(ImVec2(280, 280));
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/ui/gpu/digit_texture.h"
#include "app/ui/gpu/scatter_renderer.h"

namespace bn_app {

class TextureCache {
 public:
  // The texture called `name`, holding `pixels` (width·height values in [0, 1]) as of `revision`:
  // uploaded when the revision moved on (or the size or the colour map changed).
  const DigitTexture& image(const std::string& name, int width, int height, const std::vector<float>& pixels,
                            uint64_t revision, ColorMap map = ColorMap::kGray);
  // The point buffer called `name`, holding `xy` and `labels` as of `revision`.
  ScatterRenderer& scatter(const std::string& name, const std::vector<float>& xy, const std::vector<uint8_t>& labels,
                           uint64_t revision);
  // Deletes every texture and buffer: call while the GL context is still current.
  void clear();

 private:
  struct Image {
    std::unique_ptr<DigitTexture> texture;
    int width = 0, height = 0;
    ColorMap map = ColorMap::kGray;
    uint64_t revision = 0;
  };
  struct Points {
    std::unique_ptr<ScatterRenderer> renderer;
    uint64_t revision = 0;
  };
  std::map<std::string, Image> images_;
  std::map<std::string, Points> scatters_;
};

}  // namespace bn_app
