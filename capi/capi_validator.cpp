// vshop_validator: tracking-event validation of one document or of JSON Lines (stream checks,
// summary by code), typed or as the JSON `vshop inspect` prints.
#include <memory>

#include "capi_handles.hpp"
#include "conv.hpp"

using namespace vshop::capi;  // NOLINT(google-build-using-namespace): this file implements it

namespace {

absl::Status require_batch(const vshop_validator* v) {
  if (v->has_batch) return absl::OkStatus();
  return vshop::make_error(vshop::ErrorCode::kInvalidState,
                           "no batch yet: call vshop_validator_validate_lines first");
}

absl::Status text_out(vshop_validator* v, const char** out, size_t* out_len) {
  *out = v->text.c_str();
  *out_len = v->text.size();
  return absl::OkStatus();
}

absl::Status require_text_out(const char** out, const size_t* out_len) {
  if (auto s = require(out, "out"); !s.ok()) return s;
  return require(out_len, "out_len");
}

}  // namespace

extern "C" {

vshop_status vshop_validator_new(vshop_validator** out, const vshop_validator_options* opts) {
  return guarded_new([&]() -> absl::Status {
    if (out != nullptr) *out = nullptr;
    if (auto s = require(out, "out"); !s.ok()) return s;
    if (auto s = version_in(opts, opts == nullptr ? 0 : opts->version,
                            VSHOP_VALIDATOR_OPTIONS_VERSION, "opts");
        !s.ok()) {
      return s;
    }
    auto handle = std::make_unique<vshop_validator>();
    if (opts != nullptr && opts->product_feed.data != nullptr) {
      auto text = text_in(opts->product_feed, "opts->product_feed");
      if (!text.ok()) return text.status();
      auto feed = vshop::events::ProductFeed::from_json_lines(*text);
      if (!feed.ok()) return feed.status();
      handle->feed = std::make_unique<vshop::events::ProductFeed>(std::move(*feed));
    }
    handle->validator = std::make_unique<vshop::events::Validator>(handle->feed.get());
    *out = handle.release();
    return absl::OkStatus();
  });
}

void vshop_validator_free(vshop_validator* validator) { delete validator; }

const char* vshop_validator_last_error(const vshop_validator* validator) {
  return validator == nullptr ? vshop_last_error() : validator->last_error.c_str();
}

vshop_status vshop_validator_validate(vshop_validator* validator, const char* json, size_t len,
                                      vshop_validation* out) {
  return guarded(validator, "vshop_validator_validate", [&]() -> absl::Status {
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    // Bytes, not text: bad UTF-8 in a document is an issue (utf8_invalid) of its result.
    auto text = bytes_in(json, len, "json");
    if (!text.ok()) return text.status();
    validator->single = validator->validator->validate_document(*text).result;
    validator->issue_views.clear();
    fill_sized(out, validation_out(validator->single, validator->issue_views));
    return absl::OkStatus();
  });
}

vshop_status vshop_validator_validate_lines(vshop_validator* validator, const char* jsonl,
                                            size_t len, size_t* out_documents) {
  return guarded(validator, "vshop_validator_validate_lines", [&]() -> absl::Status {
    if (auto s = require(out_documents, "out_documents"); !s.ok()) return s;
    auto text = bytes_in(jsonl, len, "jsonl");
    if (!text.ok()) return text.status();
    validator->batch = vshop::events::validate_lines(*text, validator->feed.get());
    validator->has_batch = true;
    *out_documents = validator->batch.documents.size();
    return absl::OkStatus();
  });
}

vshop_status vshop_validator_batch_document(vshop_validator* validator, size_t index,
                                            size_t* out_line, vshop_validation* out) {
  return guarded(validator, "vshop_validator_batch_document", [&]() -> absl::Status {
    if (auto s = require(out_line, "out_line"); !s.ok()) return s;
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    if (auto s = require_batch(validator); !s.ok()) return s;
    const auto& documents = validator->batch.documents;
    if (index >= documents.size()) {
      return vshop::make_error(vshop::ErrorCode::kNotFound,
                               "index " + std::to_string(index) + " is past the last document (" +
                                   std::to_string(documents.size()) + " in the batch)");
    }
    *out_line = documents[index].line;
    validator->issue_views.clear();
    fill_sized(out, validation_out(documents[index].result, validator->issue_views));
    return absl::OkStatus();
  });
}

vshop_status vshop_validator_batch_summary(vshop_validator* validator, vshop_summary* out) {
  return guarded(validator, "vshop_validator_batch_summary", [&]() -> absl::Status {
    if (auto s = sized_out(out, "out"); !s.ok()) return s;
    if (auto s = require_batch(validator); !s.ok()) return s;
    fill_sized(out, summary_out(validator->batch.summary, validator->count_views));
    return absl::OkStatus();
  });
}

vshop_status vshop_validator_batch_json(vshop_validator* validator, const char** out,
                                        size_t* out_len) {
  return guarded(validator, "vshop_validator_batch_json", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    if (auto s = require_batch(validator); !s.ok()) return s;
    validator->text.clear();
    for (const auto& document : validator->batch.documents) {
      vshop::events::append_result_json(validator->text, document.line, document.result);
      validator->text += '\n';
    }
    return text_out(validator, out, out_len);
  });
}

vshop_status vshop_validator_batch_summary_json(vshop_validator* validator, const char** out,
                                                size_t* out_len) {
  return guarded(validator, "vshop_validator_batch_summary_json", [&]() -> absl::Status {
    if (auto s = require_text_out(out, out_len); !s.ok()) return s;
    if (auto s = require_batch(validator); !s.ok()) return s;
    validator->text.clear();
    vshop::events::append_summary_json(validator->text, validator->batch.summary);
    return text_out(validator, out, out_len);
  });
}

}  // extern "C"
