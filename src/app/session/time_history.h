// The recent durations of something that repeats (a frame, the main thread's share of it), in
// milliseconds: the last `capacity` of them, and their median and 95th percentile.
//
//   TimeHistory frames;              // the last 240 (about four seconds at 60 fps)
//   frames.add(16.7f);
//   float typical = frames.summary(30).median;  // over the last 30 only
//
// The first piece of the app's session layer (src/app/session/): pure C++, no ImGui, GL, SDL or
// Emscripten, so it is tested natively and as WebAssembly under node (tests/app/).
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace bn_app {

class TimeHistory {
 public:
  static constexpr size_t kDefaultCapacity = 240;

  struct Summary {
    float median = 0.0f;  // the middle value (the upper one of an even count)
    float p95 = 0.0f;     // the value 95% of the way up
    size_t count = 0;     // how many values these are of; 0: none yet
  };

  explicit TimeHistory(size_t capacity = kDefaultCapacity);

  // Adds the newest value; once full, it replaces the oldest.
  void add(float milliseconds);
  size_t size() const { return values_.size(); }
  // The newest `count` values (all while fewer are held), oldest first.
  std::vector<float> recent(size_t count = std::numeric_limits<size_t>::max()) const;
  // Over the newest `count` values.
  Summary summary(size_t count = std::numeric_limits<size_t>::max()) const;

 private:
  size_t capacity_;
  std::vector<float> values_;  // a ring once full: the oldest is at next_
  size_t next_ = 0;
};

}  // namespace bn_app
