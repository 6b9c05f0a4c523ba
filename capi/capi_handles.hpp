// The three opaque handles of vshop.h and the one wrapper every extern "C" body runs in: checks
// the handle, runs the body inside try/catch, maps the absl::Status to a vshop_status and keeps
// the message where vshop_<module>_last_error reads it (docs/decisions.md, "## The C ABI").
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "vshop/engine/engine.hpp"
#include "vshop/events/batch.hpp"
#include "vshop/events/product_feed.hpp"
#include "vshop/events/validator.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/vshop.h"

// What every handle has: the message of its last failed call.
struct vshop_handle_base {
  mutable std::string last_error;
  mutable vshop_status last_status = VSHOP_OK;  // of the last failed call
};

struct vshop_engine : vshop_handle_base {
  vshop::Engine engine;
  // Effects drained from the engine and not yet handed out (poll_effect takes them one by one).
  std::vector<vshop::Effect> pending;
  std::size_t next_pending = 0;
  // What the last call handed out (valid until the next call on the handle).
  std::string text;  // JSON Lines, snapshot, chat id, reports
  std::vector<vshop_string> strings;
  std::vector<vshop_string> strings2;
  std::optional<vshop::ExpertView> expert_view;
  std::optional<vshop::ChatView> chat_view;
  std::vector<std::string> ids;
  std::vector<vshop::StoreCandidates> candidates;
  std::vector<vshop_store_candidates> candidate_views;
  vshop::analytics::Metrics metrics;
  std::vector<std::string> metric_strings;
  std::vector<vshop_currency_metrics> currency_views;
};

struct vshop_store : vshop_handle_base {
  explicit vshop_store(vshop::hours::OpeningHours h) : hours(std::move(h)) {}
  vshop::hours::OpeningHours hours;
  std::vector<vshop_interval> intervals;
};

struct vshop_validator : vshop_handle_base {
  std::unique_ptr<vshop::events::ProductFeed> feed;  // outlives `validator`, which points to it
  std::unique_ptr<vshop::events::Validator> validator;
  vshop::events::ValidationResult single;
  vshop::events::BatchResult batch;
  bool has_batch = false;
  std::vector<vshop_issue> issue_views;
  std::vector<vshop_code_count> count_views;
  std::string text;
};

namespace vshop::capi {

// The per-thread message of failures that have no handle to hold them.
std::string& thread_last_error();

// Records a failed status in `slot` (the handle's or the thread's) and returns its code. Never
// throws: a message that cannot be stored is left as it was.
vshop_status record(std::string& slot, const absl::Status& status) noexcept;

// The status for the exception being handled (internal; bad_alloc says out of memory).
absl::Status from_current_exception() noexcept;

// A failure with no handle to hold it (constructors, NULL handles): message in the thread slot.
vshop_status fail_without_handle(const absl::Status& status) noexcept;

// invalid_argument "FUNCTION: the handle is NULL" in the thread slot.
vshop_status null_handle(const char* function) noexcept;

// Runs `body` (returning absl::Status) for `handle` inside try/catch: a NULL handle and any
// exception become statuses; a failure's message is kept in the handle.
template <typename Handle, typename Body>
vshop_status guarded(const Handle* handle, const char* function, Body&& body) noexcept {
  if (handle == nullptr) return null_handle(function);
  try {
    const absl::Status status = body();
    if (status.ok()) return VSHOP_OK;
    return handle->last_status = record(handle->last_error, status);
  } catch (...) {
    return handle->last_status = record(handle->last_error, from_current_exception());
  }
}

// The same for a call without a handle (constructors, vshop_command_at): a failure goes to the
// thread slot (vshop_last_error).
template <typename Body>
vshop_status guarded_new(Body&& body) noexcept {
  try {
    const absl::Status status = body();
    return status.ok() ? VSHOP_OK : fail_without_handle(status);
  } catch (...) {
    return fail_without_handle(from_current_exception());
  }
}

}  // namespace vshop::capi
