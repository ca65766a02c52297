// `--dataset path`: a folder of PNG and JPEG pictures (and CSVs), or one CSV file, made into the
// data set "yours" exactly as the page makes it from dropped files (core/data/own_images.h).
#pragma once

#include <string>

#include "cli/experiments.h"

namespace bn_cli {

// Reads every PNG, JPEG and CSV under `path` (in sorted order, so a run is repeatable), reports
// what came in and what was skipped on stderr, and splits it. Throws bn::DatasetError when
// nothing usable is there.
Split load_own_split(const std::string& path);

}  // namespace bn_cli
