// The lessons: one short walk through each idea of the playground, for a student who has never
// heard of an autoencoder, with a button that sets up each step. Every text is in lessons.cpp's
// one table, so a teacher can read (and edit) the whole course in one place.
//
//   const Lesson* lesson = find_lesson("denoising");
//   apply_step(session, lesson->steps[0].action);   // "Do this": loads the Denoising preset
#pragma once

#include <string>
#include <vector>

#include "app/session/tabs.h"
#include "core/data/corruption.h"

namespace bn_app {

class Session;

// What a step's "Do this" button does.
enum class StepDoes {
  kPreset,      // load `preset` (its pretrained model, noise and tab)
  kTestDigit,   // the next test image on the pad
  kClearPad,    // an empty pad, to draw on
  kNoise,       // set the drawing's noise to `noise`
  kMedian,      // show the 3×3 median filter beside the model
  kTab,         // open `tab`
  kTrain,       // start training
  kHideBottom,  // hide the bottom half of the pad from the model (as the Hide brush does)
};

struct StepAction {
  StepDoes does;
  const char* preset = nullptr;      // kPreset's
  bn::Noise noise;                   // kNoise's
  SideTab tab = SideTab::kTraining;  // kTab's
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
