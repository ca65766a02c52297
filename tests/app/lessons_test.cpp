// The lesson table: nine lessons of 3 to 5 steps, and every step's "Do this" changes the session
// the way the step says, run in order as a class would.
#include "app/session/lessons.h"

#include <set>

#include <catch2/catch.hpp>

#include "app/session/session.h"
#include "app/ui/glyph_ranges.h"
#include "core/io/safetensors.h"
#include "core/test_data_dir.h"

namespace {

using bn_app::Session;

int actions_in(const bn_app::StepAction& a) {
  return (a.preset != nullptr) + a.test_digit + a.clear_pad + a.noise.has_value() + a.median + a.tab.has_value() +
         a.train + a.hide_bottom;
}

void settle(Session& session, double now) {
  for (int frame = 0; frame < 100 && !session.settled(); ++frame) session.update(now, 16.0f);
  session.update(now, 16.0f);
}

}  // namespace

TEST_CASE("lessons: nine, each of 3 to 5 steps with text, one action and something to look for", "[lessons]") {
  const std::vector<std::string> expected = {"bottleneck", "pca",     "denoising",  "hidden",     "sparse",
                                             "vae",        "anomaly", "few-labels", "compression"};
  std::vector<std::string> ids;
  for (const bn_app::Lesson& lesson : bn_app::lessons()) {
    ids.push_back(lesson.id);
    INFO(lesson.id);
    CHECK(bn_app::find_lesson(lesson.id) == &lesson);
    CHECK(lesson.steps.size() >= 3);
    CHECK(lesson.steps.size() <= 5);
    for (const bn_app::LessonStep& step : lesson.steps) {
      INFO(step.text);
      CHECK(actions_in(step.action) == 1);
      if (step.action.preset) CHECK(bn_app::find_preset(step.action.preset) != nullptr);
      for (const char* text : {lesson.title, step.text, step.button, step.look_for}) {
        CHECK(std::string(text).size() > 3);
        CHECK(bn_app::first_missing_glyph(text) == 0);
      }
    }
  }
  CHECK(ids == expected);
  CHECK(bn_app::find_lesson("nonsense") == nullptr);
}

TEST_CASE("lessons: every step's button does what the step says, in order", "[lessons]") {
  Session session(/*threaded=*/false);
  session.weights_done("mnist");
  session.receive_dataset("mnist", bn::read_file_bytes(bn_test::data_path("mnist10k.bnds")));
  settle(session, 0.0);
  double now = 1.0;
  for (const bn_app::Lesson& lesson : bn_app::lessons()) {
    for (const bn_app::LessonStep& step : lesson.steps) {
      INFO(lesson.id << ": " << step.button);
      const bn_app::StepAction& action = step.action;
      const int hidden_before = session.pad().hidden_count();
      bn_app::apply_step(session, action);
      settle(session, now += 1.0);
      if (action.preset) {
        CHECK(session.preset() == action.preset);
        CHECK(session.open_tab() == bn_app::find_preset(action.preset)->tab);
      }
      if (action.test_digit) CHECK(session.pad().shown_test_image() >= 0);
      if (action.clear_pad) CHECK(session.pad().empty());
      if (action.noise) CHECK(session.rebuild().noise().type == action.noise->type);
      if (action.median) CHECK(session.rebuild().show_median());
      if (action.tab) CHECK(session.open_tab() == *action.tab);
      if (action.train) CHECK(session.training().snapshot().training);
      if (action.hide_bottom) CHECK(session.pad().hidden_count() > hidden_before + 300);
    }
  }
}
