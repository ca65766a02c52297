// The lessons: one short walk through each idea of the playground, for a student who has never
// heard of an autoencoder, with a button that sets up each step. Every text is in lessons.cpp's
// one table, so a teacher can read (and edit) the whole course in one place.
//
//   const Lesson* lesson = find_lesson("denoising");
//   apply_step(session, lesson->steps[0].action);   // "Do this": loads the Denoising preset
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/session/tabs.h"
#include "core/data/corruption.h"

namespace bn_app {

class Session;

// What a step's "Do this" button does: exactly one of these.
struct StepAction {
  const char* preset = nullptr;    // load this preset (its pretrained model, noise and tab)
  bool test_digit = false;         // the next test image on the pad
  bool clear_pad = false;          // an empty pad, to draw on
  std::optional<bn::Noise> noise;  // the drawing's noise
  bool median = false;             // the 3×3 median filter beside the model
  std::optional<SideTab> tab;      // open a tab
  bool train = false;              // start training
  bool hide_bottom = false;        // hide the bottom half of the pad from the model (the Hide brush)
};

struct LessonStep {
  const char* text;    // one or two sentences
  const char* button;  // the "Do this" button's label
  StepAction action;
  const char* look_for;  // what to look at once it is done
};

struct Lesson {
  const char* id;  // as a link's `lesson=` names it
  const char* title;
  std::vector<LessonStep> steps;  // 3 to 5
};

const std::vector<Lesson>& lessons();
// nullptr for an id no lesson has.
const Lesson* find_lesson(const std::string& id);
// Does what a step's button does. Before the data is in, only what can wait (a preset) is kept.
void apply_step(Session& session, const StepAction& action);

}  // namespace bn_app
