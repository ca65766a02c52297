// What the parts of the session report to the automation state (`bottleneck.state()` on the page),
// each written once, beside the fields it reads (describe() in each part's .cpp). The page API
// writes it as a JavaScript object; tests/app writes it as JSON text.
//
//   void AnomalyView::describe(StateWriter& out) const {
//     out.number("auroc", auroc_);
//     out.flag("drawn", has_drawing_);
//   }
#pragma once

#include <cstdint>
#include <string>

namespace bn_app {

class StateWriter {
 public:
  virtual ~StateWriter() = default;
  // In an object each value has a key; in an array the key is ignored (pass nullptr).
  virtual void number(const char* key, double value) = 0;  // NaN and infinities are written as null
  virtual void flag(const char* key, bool value) = 0;
  virtual void text(const char* key, const std::string& value) = 0;
  virtual void null(const char* key) = 0;
  virtual void begin_object(const char* key) = 0;
  virtual void end_object() = 0;
  virtual void begin_array(const char* key) = 0;
  virtual void end_array() = 0;

  void pair(const char* key, double a, double b) {
    begin_array(key);
    number(nullptr, a);
    number(nullptr, b);
    end_array();
  }
};

// The same as JSON text, for tests and logs.
class JsonStateWriter : public StateWriter {
 public:
  JsonStateWriter() { text_ = "{"; }
  void number(const char* key, double value) override;
  void flag(const char* key, bool value) override { value_(key, value ? "true" : "false"); }
  void text(const char* key, const std::string& value) override;
  void null(const char* key) override { value_(key, "null"); }
  void begin_object(const char* key) override { open_(key, '{'); }
  void end_object() override { close_('}'); }
  void begin_array(const char* key) override { open_(key, '['); }
  void end_array() override { close_(']'); }
  // The whole object written so far, closed.
  std::string json() const { return text_ + "}"; }

 private:
  void value_(const char* key, const std::string& value);
  void open_(const char* key, char bracket);
  void close_(char bracket);
  std::string text_;
  std::string in_array_ = "0";  // one character per open level: '1' inside an array
  bool first_ = true;
};

// A 64-bit digest of everything written, for "did anything change since last time?": the app
// draws a frame when the session's state differs from the one it last drew (src/app/platform).
class StateFingerprint : public StateWriter {
 public:
  void number(const char* key, double value) override;
  void flag(const char* key, bool value) override { mix(key, value ? "t" : "f", 1); }
  void text(const char* key, const std::string& value) override { mix(key, value.data(), value.size()); }
  void null(const char* key) override { mix(key, "n", 1); }
  void begin_object(const char* key) override { mix(key, "{", 1); }
  void end_object() override { mix(nullptr, "}", 1); }
  void begin_array(const char* key) override { mix(key, "[", 1); }
  void end_array() override { mix(nullptr, "]", 1); }
  uint64_t digest() const { return hash_; }

 private:
  void mix(const char* key, const char* bytes, size_t size);
  uint64_t hash_ = 14695981039346656037ull;  // FNV-1a's offset basis
};

}  // namespace bn_app
