#include "core/parallel/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
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
    auto job = std::make_shared<Job>(body, chunks);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = job;
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    take_chunks(*job);
    watch([&] { return job->unfinished.load(std::memory_order_acquire) == 0; });
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return job->unfinished == 0; });
    job_.reset();
    if (job->error) std::rethrow_exception(job->error);
  }

 private:
  // Each job has its own counters, so a worker that wakes late for a finished job finds no chunks
  // left in it, and can never run an old body on a new job's chunk.
  struct Job {
    Job(const std::function<void(int)>& b, int c) : body(b), chunks(c), unfinished(c) {}
    const std::function<void(int)>& body;
    const int chunks;
    std::atomic<int> next{0};
    std::atomic<int> unfinished;  // written under mutex_ (for done_), watched without it
    std::exception_ptr error;     // the first chunk's failure (out of memory, say), guarded by mutex_
  };

  // A chunk that throws still counts as finished, so the caller never waits forever; the caller
  // rethrows the first failure, as if it had run every chunk itself (an exception escaping a worker
  // thread would end the whole process).
  void take_chunks(Job& job) {
    int finished = 0;
    std::exception_ptr error;
    for (int chunk = job.next.fetch_add(1); chunk < job.chunks; chunk = job.next.fetch_add(1)) {
      try {
        job.body(chunk);
      } catch (...) {
        if (!error) error = std::current_exception();
      }
      ++finished;
    }
    if (finished > 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (error && !job.error) job.error = error;
      if (job.unfinished.fetch_sub(finished, std::memory_order_acq_rel) == finished) done_.notify_all();
    }
  }

  void work() {
    unsigned long seen = 0;
    for (;;) {
      watch([&] { return generation_.load(std::memory_order_acquire) != seen || stopping_.load(); });
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || (generation_ != seen && job_ != nullptr); });
        if (stopping_) return;
        seen = generation_;
        job = job_;
      }
      take_chunks(*job);
    }
  }

  std::vector<std::thread> workers_;
  std::mutex busy_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::shared_ptr<Job> job_;
  std::atomic<unsigned long> generation_{0};  // written under mutex_, watched without it
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
