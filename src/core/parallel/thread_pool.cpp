#include "core/parallel/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bn {

namespace {

constexpr int kMaxThreads = 16;

// A training step hands the pool a burst of products, one after another, a few hundred
// microseconds apart; a worker put to sleep between them takes tens of microseconds to wake (far
// more in a browser, where a sleep is Atomics.wait), and so does a caller waiting for the last
// chunk. Both therefore watch for a while before they sleep: long enough to span the gaps
// inside a step, short enough that a pool left idle (between the app's training slices) sleeps.
constexpr std::chrono::microseconds kWatchBeforeSleep{200};

// Calls `ready` until it says true or kWatchBeforeSleep has passed; reads the clock only every
// 64 calls, as the clock costs a call into JavaScript in the browser.
template <typename Ready>
bool watch(Ready&& ready) {
  const auto until = std::chrono::steady_clock::now() + kWatchBeforeSleep;
  for (int i = 1;; ++i) {
    if (ready()) return true;
    if (i % 64 == 0 && std::chrono::steady_clock::now() >= until) return false;
  }
}

// One job at a time, handed over without a lock: the caller publishes the job's body and chunk
// count, then a ticket (the job's number and how many of its chunks are still unclaimed) that
// workers watching for it claim chunks from, by compare-and-swap. A Chromium profile of a
// training step on 2 threads had the caller spending 9% of its time in futex wakes and the worker
// 21% asleep, with a mutex taken at every hand-over; now the mutex and the condition variables
// are only for a worker that has gone to sleep, or a caller that has, and nobody wakes anybody
// who is awake.
class ThreadPool {
 public:
  explicit ThreadPool(int threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  // The caller holds `busy_` for the whole job, so one job runs at a time.
  bool try_begin() { return busy_.try_lock(); }
  void end() { busy_.unlock(); }

  void run(int chunks, const std::function<void(int)>& body) {
    body_.store(&body, std::memory_order_relaxed);
    chunks_.store(chunks, std::memory_order_relaxed);
    unfinished_.store(chunks, std::memory_order_relaxed);
    error_ = nullptr;
    const uint64_t job = ++jobs_;
    // Publishes the above (and, sequentially consistent, comes before `sleepers_` is read).
    ticket_.store(job << 32 | static_cast<uint32_t>(chunks));
    if (sleepers_.load() > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      wake_.notify_all();
    }
    take_chunks(job);
    if (!watch([&] { return unfinished_.load(std::memory_order_acquire) == 0; })) {
      std::unique_lock<std::mutex> lock(mutex_);
      caller_sleeping_.store(true);
      done_.wait(lock, [&] { return unfinished_.load() == 0; });
      caller_sleeping_.store(false);
    }
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // Claims chunks of job `job` until none is left; a worker that comes late for a job finds the
  // ticket on a later one and claims nothing. The caller cannot publish another job until every
  // chunk claimed here has finished, so the chunk count and body read after a claim are this
  // job's. (Before it, they may already be the next job's: the claim must not depend on them.)
  void take_chunks(uint64_t job) {
    int finished = 0;
    for (;;) {
      uint64_t ticket = ticket_.load(std::memory_order_acquire);
      bool claimed = false;
      while ((ticket >> 32) == job && (ticket & 0xffffffffu) > 0) {
        if (ticket_.compare_exchange_weak(ticket, ticket - 1, std::memory_order_acq_rel)) {
          claimed = true;
          break;
        }
      }
      if (!claimed) break;
      const int chunk = chunks_.load(std::memory_order_relaxed) - static_cast<int>(ticket & 0xffffffffu);
      // A chunk that throws still counts as finished, so the caller never waits forever; the
      // caller rethrows the first failure, as if it had run every chunk itself (an exception
      // escaping a worker thread would end the whole process).
      try {
        (*body_.load(std::memory_order_relaxed))(chunk);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      ++finished;
    }
    // Sequentially consistent, against the caller's store of caller_sleeping_ and its check of
    // unfinished_: one of the two sees the other's write, so a sleeping caller is always woken.
    if (finished > 0 && unfinished_.fetch_sub(finished) == finished && caller_sleeping_.load()) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_all();
    }
  }

  void work() {
    uint64_t seen = 0;
    uint64_t job = 0;
    auto news = [&] {
      job = ticket_.load() >> 32;
      return job != seen || stopping_.load();
    };
    for (;;) {
      if (!watch(news)) {
        std::unique_lock<std::mutex> lock(mutex_);
        sleepers_.fetch_add(1);  // before `news` looks again: see run()
        wake_.wait(lock, news);
        sleepers_.fetch_sub(1);
      }
      if (stopping_.load()) return;
      seen = job;
      take_chunks(job);
    }
  }

  std::vector<std::thread> workers_;
  std::mutex busy_;
  uint64_t jobs_ = 0;                // the caller's count, under busy_
  std::atomic<uint64_t> ticket_{0};  // the job's number << 32 | how many chunks are unclaimed
  std::atomic<const std::function<void(int)>*> body_{nullptr};
  std::atomic<int> chunks_{0};
  std::atomic<int> unfinished_{0};
  std::exception_ptr error_;  // the first chunk's failure (out of memory, say), under mutex_
  std::mutex mutex_;          // only for sleeping and waking, and error_
  std::condition_variable wake_;
  std::condition_variable done_;
  std::atomic<int> sleepers_{0};
  std::atomic<bool> caller_sleeping_{false};
  std::atomic<bool> stopping_{false};
};

std::mutex pool_mutex;
std::shared_ptr<ThreadPool> pool;  // null: one thread

std::shared_ptr<ThreadPool> current_pool() {
  std::lock_guard<std::mutex> lock(pool_mutex);
  return pool;
}

}  // namespace

void set_compute_threads(int threads) {
  threads = std::clamp(threads, 1, kMaxThreads);
#ifdef BOTTLENECK_SINGLE_THREADED
  threads = 1;  // a build without threads (the browser's st build) cannot start workers
#endif
  std::shared_ptr<ThreadPool> replaced;
  {
    std::lock_guard<std::mutex> lock(pool_mutex);
    if ((pool ? pool->threads() : 1) == threads) return;
    replaced = std::move(pool);
    if (threads > 1) pool = std::make_shared<ThreadPool>(threads);
  }
  // `replaced` joins its workers here, or when the last job still using it lets go.
}

int compute_threads() {
  std::shared_ptr<ThreadPool> p = current_pool();
  return p ? p->threads() : 1;
}

void parallel_for(int chunks, const std::function<void(int)>& body) {
  if (chunks <= 0) return;
  std::shared_ptr<ThreadPool> p = chunks > 1 ? current_pool() : nullptr;
  if (!p || !p->try_begin()) {
    for (int chunk = 0; chunk < chunks; ++chunk) body(chunk);
    return;
  }
  try {
    p->run(chunks, body);
  } catch (...) {
    p->end();
    throw;
  }
  p->end();
}

}  // namespace bn
