#include "app/session/time_history.h"

#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

using bn_app::TimeHistory;

TEST_CASE("time history: empty, filling, then a ring that forgets the oldest", "[session]") {
  TimeHistory history(4);
  CHECK(history.size() == 0);
  CHECK(history.recent().empty());
  CHECK(history.summary().count == 0);

  for (float ms : {1.0f, 2.0f, 3.0f}) history.add(ms);
  CHECK(history.recent() == std::vector<float>{1, 2, 3});
  CHECK(history.recent(2) == std::vector<float>{2, 3});

  for (float ms : {4.0f, 5.0f, 6.0f}) history.add(ms);  // 1 and 2 fall out
  CHECK(history.size() == 4);
  CHECK(history.recent() == std::vector<float>{3, 4, 5, 6});
  CHECK(history.recent(3) == std::vector<float>{4, 5, 6});
  CHECK(history.recent(100) == std::vector<float>{3, 4, 5, 6});
  CHECK_THROWS_AS(TimeHistory(0), std::invalid_argument);
}

TEST_CASE("time history: the median and 95th percentile of all or of the newest values", "[session]") {
  TimeHistory history;  // 240
  // 1..100 ms in a scrambled order: the percentiles must not depend on it.
  for (int i = 0; i < 100; ++i) history.add(static_cast<float>((i * 37) % 100 + 1));
  const TimeHistory::Summary all = history.summary();
  CHECK(all.count == 100);
  CHECK(all.median == 51.0f);  // the upper middle of an even count
  CHECK(all.p95 == 96.0f);

  // One slow frame among fast ones moves the 95th percentile of a short window, not its median.
  TimeHistory frames(30);
  for (int i = 0; i < 300; ++i) frames.add(i % 20 == 0 ? 100.0f : 16.0f);
  const TimeHistory::Summary recent = frames.summary(20);
  CHECK(recent.count == 20);
  CHECK(recent.median == 16.0f);
  CHECK(recent.p95 == 100.0f);
  CHECK(frames.summary(10).p95 == 16.0f);  // the slow frame is the 20th newest, outside the newest ten
}
