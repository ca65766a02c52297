// One PNG or JPEG file's bytes into "yours", as the CLI reads them: the header checked first
// (core/data/image_header.h: the size, and the structure stb_image 2.27 trusts), then decoded by
// stb_image, then made MNIST-like by the core. A file that cannot be used is skipped with the reason.
#pragma once

#include <string>

#include "core/data/own_images.h"

namespace bn_cli {

void add_picture(bn::OwnImages& own, const std::string& name, const std::string& bytes);

}  // namespace bn_cli
