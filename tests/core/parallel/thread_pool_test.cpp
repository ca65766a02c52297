// The compute pool's contract (thread_pool.h): every chunk runs exactly once, the caller sees all
// of their writes, failures reach the caller, and nothing hangs, however jobs and callers arrive.
// Besides the unit tests, `./build.sh test` runs this file alone under ThreadSanitizer, which
// catches a hand-over that works by luck: an earlier lock-free version passed these tests natively
// and failed under it at once (a worker could claim a chunk of a job that had already ended).
#include "core/parallel/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <new>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

TEST_CASE("thread pool: every chunk runs exactly once, and nested callers run inline", "[parallel]") {
  bn::set_compute_threads(3);
  CHECK(bn::compute_threads() == 3);
  std::vector<int> hits(1000, 0);
  bn::parallel_for(1000, [&](int i) {
    ++hits[i];
    if (i == 0) bn::parallel_for(4, [&](int) {});  // the pool is busy: this runs inline, no deadlock
  });
  CHECK(std::count(hits.begin(), hits.end(), 1) == 1000);
  bn::set_compute_threads(1);
  CHECK(bn::compute_threads() == 1);
}

TEST_CASE("thread pool: back-to-back jobs, sleeping workers and a sleeping caller, from two threads", "[parallel]") {
  // Jobs follow each other faster than a worker can fall asleep, or slowly enough that it does, or
  // with one chunk long enough that the caller stops watching and sleeps; a second thread calls in
  // at the same time (and runs its jobs inline while the pool is busy). Every chunk of every job
  // must run exactly once, and nothing may hang.
  bn::set_compute_threads(3);
  auto jobs = [](int count, int seed, long& sum) {
    for (int job = 0; job < count; ++job) {
      const int chunks = 1 + (job * 7 + seed) % 13;
      std::vector<int> hits(static_cast<size_t>(chunks), 0);  // plain ints: a chunk run twice at once is a race
      bn::parallel_for(chunks, [&](int chunk) {
        if (job % 97 == 3 && chunk == chunks - 1) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ++hits[static_cast<size_t>(chunk)];
      });
      for (int hit : hits) sum += hit == 1 ? 1 : 1000000;
      if (job % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  long main_sum = 0, other_sum = 0;
  long main_expected = 0, other_expected = 0;
  for (int job = 0; job < 3000; ++job) main_expected += 1 + (job * 7 + 1) % 13;
  for (int job = 0; job < 1000; ++job) other_expected += 1 + (job * 7 + 5) % 13;
  std::thread other([&] { jobs(1000, 5, other_sum); });
  jobs(3000, 1, main_sum);
  other.join();
  CHECK(main_sum == main_expected);
  CHECK(other_sum == other_expected);
  bn::set_compute_threads(1);
}

TEST_CASE("thread pool: a chunk that throws reaches the caller, after every other chunk ran", "[parallel]") {
  bn::set_compute_threads(3);
  for (int failing : {0, 499, 999}) {
    std::vector<int> hits(1000, 0);
    CHECK_THROWS_AS(bn::parallel_for(1000,
                                     [&](int i) {
                                       ++hits[i];
                                       if (i == failing) throw std::bad_alloc();
                                     }),
                    std::bad_alloc);
    CHECK(std::count(hits.begin(), hits.end(), 1) == 1000);
  }
  // The pool is free again: the next job runs on it as usual.
  std::atomic<int> total{0};
  bn::parallel_for(100, [&](int i) { total += i; });
  CHECK(total == 4950);
  bn::set_compute_threads(1);
}
