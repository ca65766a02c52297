// What a model costs in memory before it is built: a link, the model editor or a file can ask for a
// model of a gigabyte (8 hidden layers of 4096), and a browser tab's heap is fixed or small. The
// playground checks the estimate against its budget and refuses, with these numbers, before
// anything is allocated.
//
//   bn::MemoryEstimate cost = bn::estimate_memory(config);
//   if (cost.total() > budget) refuse(bn::format_bytes(cost.total()) + ": " + bn::describe(cost, config));
//                                       // "4.1 GB: weights 1.0 GB, their gradients 1.0 GB, ..."
#pragma once

#include <cstdint>
#include <string>

#include "core/models/model_config.h"

namespace bn {

// Bytes, in 64 bits: the largest valid config overflows a 32-bit size_t (WebAssembly's).
struct MemoryEstimate {
  uint64_t parameters = 0;   // the weights and biases
  uint64_t gradients = 0;    // one per parameter
  uint64_t optimizer = 0;    // Adam's two moments, or SGD's velocity
  uint64_t activations = 0;  // what a training step at config.batch_size keeps: each layer's
                             // output and input gradient, the layers' caches, the loss's buffers
  uint64_t total() const { return parameters + gradients + optimizer + activations; }
};

// The model `make_model(config)` builds, trained by its optimizer at its batch size. Within about
// a tenth of what the allocator hands out for it (tests/core/models/memory_estimate_test.cpp).
// PCA is fitted, not trained: its components and mean only. Assumes a config validate() accepts.
MemoryEstimate estimate_memory(const ModelConfig& config);

// The parts: "weights 411 MB, their gradients 411 MB, Adam's state 821 MB, activations at batch 64
// 49 MB".
std::string describe(const MemoryEstimate& estimate, const ModelConfig& config);
// "12 KB", "340 MB", "1.2 GB" (powers of 1024).
std::string format_bytes(uint64_t bytes);

}  // namespace bn
