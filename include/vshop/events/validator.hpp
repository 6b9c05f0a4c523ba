// Tracking-event validation (docs/reference.md §7, docs/events.md): raw JSON text in, event type
// and issues out. Parsing uses simdjson (DOM); a malformed document never crashes, hangs or
// allocates without bound: it yields exactly one critical issue naming the byte offset.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vshop/events/issue.hpp"
#include "vshop/events/product_feed.hpp"
#include "vshop/export.hpp"
#include "vshop/time.hpp"

namespace vshop::events {

inline constexpr std::size_t kMaxDocumentBytes = 1024 * 1024;  // larger: too_large
inline constexpr std::size_t kMaxDepth = 64;                   // deeper: too_deep

// Issues of one document, ordered as docs/events.md "Order of issues" says.
struct VSHOP_API ValidationResult {
  EventType event = EventType::kUnknown;
  std::vector<Issue> issues;

  bool has_critical() const;
};

// What a stream check needs to know about a document sent inside the envelope
// `{"at", "session", "payload"}` (absent for a bare payload or an unreadable envelope).
struct EnvelopeInfo {
  Instant at;
  std::string session;
  std::string payload_text;    // the payload's bytes as sent (identity of the event)
  std::string purchase_id;     // purchase.id as text, empty when there is none
  std::string first_location;  // category/search: `location`; product_view: products[0].location
  // Where that location sits (1-based member/element positions from the top of the payload),
  // so that an issue about it is ordered like any other.
  std::array<std::uint32_t, 3> location_slots{};
};

class StreamChecker;

struct DocumentResult {
  ValidationResult result;
  std::optional<EnvelopeInfo> envelope;
};

// A reusable validator: one simdjson parser and scratch buffers, kept across documents so that
// validating many documents allocates nothing per document beyond the issues themselves.
// Not thread-safe; use one per thread.
class VSHOP_API Validator {
 public:
  explicit Validator(const ProductFeed* feed = nullptr);
  ~Validator();
  Validator(Validator&&) noexcept;
  Validator& operator=(Validator&&) noexcept;

  // Validates one document (a bare payload or an envelope around one). With `stream`, an
  // enveloped document also goes through the stream checks (documents in input order).
  DocumentResult validate_document(std::string_view json, StreamChecker* stream = nullptr);

  // Same, for text that the caller guarantees is followed by at least `kReadPadding` readable
  // bytes (for example a line inside a larger padded buffer): avoids a copy. A `size` over
  // kMaxDocumentBytes is reported too_large without reading `data`.
  DocumentResult validate_padded(const char* data, std::size_t size,
                                 StreamChecker* stream = nullptr);
  static constexpr std::size_t kReadPadding = 64;

  const ProductFeed* feed() const { return feed_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  const ProductFeed* feed_;
};

// Validates one payload (convenience over Validator; an envelope is unwrapped).
VSHOP_API ValidationResult validate(std::string_view json, const ProductFeed* feed = nullptr);

}  // namespace vshop::events
