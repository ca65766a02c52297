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

void settle(Session& session, double now) {
  for (int frame = 0; frame < 100 && !session.settled(); ++frame) session.update(now, 16.0f);
  session.update(now, 16.0f);
}

}  // namespace

TEST_CASE("lessons: nine, each of 3 to 5 steps with text, an action and something to look for", "[lessons]") {
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
      if (step.action.does == bn_app::StepDoes::kPreset) CHECK(bn_app::find_preset(step.action.preset) != nullptr);
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
      using bn_app::StepDoes;
      switch (action.does) {
        case StepDoes::kPreset:
          CHECK(session.preset() == action.preset);
          CHECK(session.open_tab() == bn_app::find_preset(action.preset)->tab);
          break;
        case StepDoes::kTestDigit: CHECK(session.pad().shown_test_image() >= 0); break;
        case StepDoes::kClearPad: CHECK(session.pad().empty()); break;
        case StepDoes::kNoise: CHECK(session.rebuild().noise().type == action.noise.type); break;
        case StepDoes::kMedian: CHECK(session.rebuild().show_median()); break;
        case StepDoes::kTab: CHECK(session.open_tab() == action.tab); break;
        case StepDoes::kTrain: CHECK(session.training().snapshot().training); break;
        case StepDoes::kHideBottom: CHECK(session.pad().hidden_count() > hidden_before + 300); break;
      }
    }
  }
}
