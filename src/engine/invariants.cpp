// Engine::check_invariants: every consistency rule of the engine state in one place, so that
// restore can refuse an inconsistent snapshot and tests can check the state after every step.
#include "engine/core.hpp"
#include "vshop/engine/engine.hpp"

namespace vshop {

namespace engine_detail {

absl::Status Core::check_invariants() const {
  // TODO(hardening): filled in by the engine hardening work.
  return absl::OkStatus();
}

}  // namespace engine_detail

absl::Status Engine::check_invariants() const { return core_->check_invariants(); }

}  // namespace vshop
