// What the session asks the platform for, as the tests read it.
#pragma once

#include <optional>
#include <string>

#include "app/session/dataset_hub.h"

// The next data set asked for, past any weights files asked for before it (nullopt: none).
inline std::optional<std::string> next_dataset_request(bn_app::DatasetHub& hub) {
  while (const auto request = hub.next_request())
    if (request->weights.empty()) return request->dataset;
  return std::nullopt;
}
