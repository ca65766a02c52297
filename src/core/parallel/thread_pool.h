// A persistent pool of worker threads for the core's heavy loops (GEMMs, im2col), shared by the
// whole process. Natively it runs on std::thread; in the threaded WebAssembly build the same code
// runs on pthreads (Web Workers); with one thread it simply runs the work inline.
//
//   bn::set_compute_threads(2);                          // 1 = no workers, everything inline
//   bn::parallel_for(chunks, [&](int chunk) { ... });    // returns when every chunk is done
//
// Determinism: callers split work into chunks that depend only on the problem's sizes, never on
// the thread count, and no two chunks write the same memory. Each chunk then does exactly the same
// arithmetic whichever thread runs it, so results are bit-identical for 1, 2 or 8 threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>

namespace bn {

// How many threads (the caller included) share the work. Clamped to [1, 16]. Safe to call at any
// time; work already running finishes on the old workers.
void set_compute_threads(int threads);
int compute_threads();

// Runs body(0) .. body(chunks - 1), spread over the pool, and waits for all of them. The calling
// thread works too. If another thread is already using the pool (the UI encoding a drawing while
// the trainer trains), this call runs its chunks inline rather than wait: same chunks, same result.
// If a chunk throws (std::bad_alloc, say), the others still run and the first exception is
// rethrown here, on the caller's thread.
void parallel_for(int chunks, const std::function<void(int)>& body);

// An element-wise pass over a buffer of `size` elements, as parallel_for over pieces of `piece`
// elements (the last one shorter): body(begin, end) for each. The pieces depend on the sizes only.
template <typename Body>
void parallel_for_ranges(size_t size, size_t piece, const Body& body) {
  parallel_for(static_cast<int>((size + piece - 1) / piece), [&](int index) {
    const size_t begin = static_cast<size_t>(index) * piece;
    body(begin, std::min(size, begin + piece));
  });
}

}  // namespace bn
