// Clock: the one source of "now", injectable so tests never sleep.
//
// Thread-safety: SystemClock is stateless; ManualClock is internally synchronised.
#pragma once

#include <atomic>
#include <cstdint>

namespace interlude {

// Milliseconds since the Unix epoch, UTC.
using UnixMillis = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMillis NowMillis() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixMillis NowMillis() const override;
  // A process-wide instance.
  static const SystemClock& Get();
};

// A clock that moves only when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixMillis start) : now_(start) {}
  UnixMillis NowMillis() const override { return now_.load(); }
  void Advance(UnixMillis delta) { now_ += delta; }
  void Set(UnixMillis now) { now_ = now; }

 private:
  std::atomic<UnixMillis> now_;
};

}  // namespace interlude
