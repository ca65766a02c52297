#include "core/train/divergence_guard.h"

#include <algorithm>
#include <cstdio>

namespace bn {

namespace {

std::string short_number(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

}  // namespace

std::string DivergenceGuard::check(float loss) {
  if (std::isnan(loss)) return "the loss became NaN";
  if (std::isinf(loss)) return "the loss became infinite";
  if (std::isnan(start_)) {
    start_ = loss;
    return {};
  }
  // Every loss here is at least 0; the floor keeps a start of (nearly) 0 from making any rise count.
  if (loss <= kFactor * std::max(start_, 1e-3f)) return {};
  return "the loss rose from " + short_number(start_) + " to " + short_number(loss) + ", over " +
         short_number(kFactor) + " times where it started";
}

}  // namespace bn
