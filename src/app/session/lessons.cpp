#include "app/session/lessons.h"

#include "app/session/session.h"

namespace bn_app {

namespace {

StepAction does(StepDoes what) { return {what, nullptr, {}, SideTab::kTraining}; }
StepAction preset(const char* name) { return {StepDoes::kPreset, name, {}, SideTab::kTraining}; }
StepAction noise(bn::NoiseType type, float level) {
  return {StepDoes::kNoise, nullptr, {type, level}, SideTab::kTraining};
}
StepAction tab(SideTab side_tab) { return {StepDoes::kTab, nullptr, {}, side_tab}; }

}  // namespace

// The course. Each text is for a student meeting the idea for the first time, and says plainly
// when a classical method does as well or better.
const std::vector<Lesson>& lessons() {
  static const std::vector<Lesson> all = {
      {"bottleneck",
       "Why copy the input?",
       {{"An autoencoder learns to give back exactly what it is shown. The catch is the middle: a drawing of 784 "
         "pixels must pass through a code of only 32 numbers.",
         "Load the Undercomplete model", preset("Undercomplete"),
         "The bars under the reconstruction: those 32 numbers are all the model keeps."},
        {"Put a real digit on the pad and compare it with what the model rebuilds from its code.", "Show a test digit",
         does(StepDoes::kTestDigit),
         "The rebuild is a little blurry: 784 pixels do not fit into 32 numbers exactly, so the model keeps what "
         "matters most."},
        {"Now drag one of the code's bars up or down: the model rebuilds from the number you set.",
         "Show another digit", does(StepDoes::kTestDigit),
         "Moving one bar changes the stroke's thickness, slant or shape, never random pixels: the code describes "
         "digits."},
        {"Every digit becomes a point in code space, and similar digits land near each other.", "Open the Latent tab",
         tab(SideTab::kLatent), "Colours are digits: they gather in clusters, and the white cross is your drawing."}}},
      {"pca",
       "A network against PCA",
       {{"PCA is the classical way to squeeze images: it keeps the 32 straight-line directions along which digits "
         "vary most. Here a network gets the same budget of 32 numbers.",
         "Load AE vs PCA", preset("AE vs PCA"), "The Compression tab scores both, for the same number of bytes."},
        {"Put a test digit on the pad to score both on it.", "Show a test digit", does(StepDoes::kTestDigit),
         "The model's PSNR beside PCA's: higher is closer to the digit."},
        {"PCA is fast, exact to fit and easy to explain. The network can bend where PCA can only go straight, which "
         "buys sharper digits at the same size.",
         "Open the Latent tab", tab(SideTab::kLatent),
         "Tick \"beside linear PCA\": when the two errors are close, the simpler PCA is the better choice."}}},
      {"denoising",
       "Cleaning noisy digits",
       {{"A denoising autoencoder is shown noisy digits and asked for the clean ones, so it learns what digits look "
         "like rather than what noise looks like.",
         "Load the Denoising model", preset("Denoising"),
         "The Noise panel: the model's input is noisy, its rebuild is clean."},
        {"Try it on a real digit.", "Show a test digit", does(StepDoes::kTestDigit),
         "The model output's PSNR is far above the noisy input's."},
        {"Salt and pepper noise switches random pixels fully on or off: a kind the model never saw while training.",
         "Add salt and pepper", noise(bn::NoiseType::kSaltPepper, 0.3f),
         "The rebuild still looks like the digit, with some specks left."},
        {"For salt and pepper there is a classical tool: a 3x3 median filter, which replaces each pixel by the middle "
         "value of its neighbours.",
         "Show the median filter", does(StepDoes::kMedian),
         "Compare the two PSNRs: on this noise the median filter usually wins. A learned model is not always the "
         "best tool."}}},
      {"hidden",
       "Rebuilding from a few pixels",
       {{"An autoencoder knows what digits look like, so it can guess the parts it cannot see.",
         "Load the Undercomplete model", preset("Undercomplete"), "The model is ready; the pad is yours."},
        {"Put a test digit on the pad.", "Show a test digit", does(StepDoes::kTestDigit),
         "The rebuild matches the digit closely."},
        {"Hide the bottom half of the drawing from the model (the Hide brush, H, does this by hand).",
         "Hide the bottom half", does(StepDoes::kHideBottom),
         "The model only sees the top half, yet it draws a plausible bottom half."},
        {"A missing block is a kind of noise too.", "Add a missing block", noise(bn::NoiseType::kMaskBlock, 12.0f),
         "The model fills the square with strokes that continue the rest of the digit."}}},
      {"sparse",
       "Sparse codes",
       {{"A sparse autoencoder gets a wide code, 128 numbers, but pays a penalty for every one it uses, so each "
         "drawing switches on only a few.",
         "Load the Sparse model", preset("Sparse"), "The code has 128 bars, most of them dark."},
        {"Put a test digit on the pad.", "Show a test digit", does(StepDoes::kTestDigit),
         "\"N of 128 active\" under the bars: this digit uses a small set of units."},
        {"Look at another digit.", "Show another digit", does(StepDoes::kTestDigit),
         "A different digit lights a different set of units: each unit stands for a part of some digits."},
        {"The penalty is part of what the model minimises while it trains.", "Open the Training tab",
         tab(SideTab::kTraining),
         "The train loss includes the sparsity penalty: fewer active units, slightly blurrier rebuilds."}}},
      {"vae",
       "The VAE: a map you can sample",
       {{"A variational autoencoder maps each digit to a small cloud in a 2-D code space, and pulls all the clouds "
         "towards one shared shape. The space fills up, with no empty gaps.",
         "Load the VAE", preset("VAE 2-D"), "The Latent tab: every test digit is a point on a 2-D map."},
        {"Put a test digit on the pad.", "Show a test digit", does(StepDoes::kTestDigit),
         "The two bars are the cloud's centre; the whiskers are its spread."},
        {"Because the space is filled, any point decodes to something digit-like: the model can invent digits.",
         "Open the Generate tab", tab(SideTab::kGenerate),
         "Random codes decoded, and a grid of the whole code space: press and drag on it."},
        {"Walk from your digit to another one through the code space.", "Show another digit",
         does(StepDoes::kTestDigit),
         "The interpolation strip morphs one digit into the other through believable shapes."}}},
      {"anomaly",
       "Spotting what does not belong",
       {{"A model trained only on digits rebuilds digits well and anything else badly. A large rebuild error flags an "
         "anomaly.",
         "Load the Anomaly preset", preset("Anomaly"),
         "Two histograms of rebuild errors: test digits, and clothes the model never saw."},
        {"Score a real digit.", "Show a test digit", does(StepDoes::kTestDigit),
         "The verdict under the histograms: a digit, low error."},
        {"Now draw something that is not a digit: a scribble, a star, a face.", "Clear the pad",
         does(StepDoes::kClearPad), "As you draw, the error climbs past the threshold and the verdict changes."},
        {"The autoencoder needs no examples of anomalies to learn from. But for clothes against digits even a simple "
         "pixel count separates them well: the hard cases are anomalies that look almost normal.",
         "Open the Anomaly tab", tab(SideTab::kAnomaly), "AUROC: 1.0 separates perfectly, 0.5 is guessing."}}},
      {"few-labels",
       "Learning from few labels",
       {{"Labels are expensive; images without labels are cheap. An autoencoder learns its code from unlabelled "
         "images alone.",
         "Load the Few labels preset", preset("Few labels"),
         "The Features tab: a classifier trained on only a handful of labelled digits."},
        {"The same classifier is trained twice: on the codes, and on the raw pixels.", "Open the Features tab",
         tab(SideTab::kFeatures), "With 10 or 100 labels, the codes give the higher accuracy."},
        {"Why it works: digits of one class sit together in code space, so a few labels go a long way. With 1,000 "
         "labels the raw pixels catch up: the codes help most when labels are scarce.",
         "Open the Latent tab", tab(SideTab::kLatent), "Clusters of one colour: one class each."}}},
      {"compression",
       "The code as compression",
       {{"A code of 32 numbers is a compressed image: store the code, and the decoder rebuilds the picture.",
         "Load AE vs PCA", preset("AE vs PCA"), "The Compression tab: bytes per image and the quality they buy."},
        {"Compress a real digit.", "Show a test digit", does(StepDoes::kTestDigit),
         "The same code stored as 32-bit, 16-bit and 8-bit numbers."},
        {"8 bits per number costs almost nothing: 32 bytes instead of 784. PCA at the same size comes close, and is "
         "far simpler to compute: often the sensible choice.",
         "Train the model further", does(StepDoes::kTrain),
         "The model's PSNR creeps up as it trains; PCA's stays where it is."}}},
  };
  return all;
}

const Lesson* find_lesson(const std::string& id) {
  for (const Lesson& lesson : lessons())
    if (id == lesson.id) return &lesson;
  return nullptr;
}

void apply_step(Session& session, const StepAction& action) {
  if (action.does == StepDoes::kPreset) {
    session.select_preset(action.preset);  // before the data is in, it waits
    return;
  }
  if (!session.started()) return;
  DrawingPad& pad = session.pad();
  switch (action.does) {
    case StepDoes::kPreset: break;
    case StepDoes::kTestDigit: pad.browse(*session.test_set(), 1); break;
    case StepDoes::kClearPad: pad.clear(); break;
    case StepDoes::kNoise: session.set_noise(action.noise); break;
    case StepDoes::kMedian: session.rebuild().set_show_median(true); break;
    case StepDoes::kTab: session.show_tab(action.tab); break;
    case StepDoes::kTrain: session.training().post(bn::TrainerCommand::kStart); break;
    case StepDoes::kHideBottom: {
      // Strokes across the lower rows, as the Hide brush paints them: one undo step.
      constexpr float kSide = static_cast<float>(kPadSide);
      pad.begin_stroke();
      for (float y = kSide / 2.0f; y < kSide; y += 1.0f) pad.stroke(BrushTool::kHide, 0.0f, y, kSide, y, 1.0f);
      break;
    }
  }
}

}  // namespace bn_app
