// Document level: limits, parsing with one reused simdjson DOM parser, one critical issue for
// a document that cannot be read (R-EVT-3), envelopes, then the payload rules.
// clang-format off
#include "events/gcc_workarounds.hpp"  // first: silences a GCC 12 false positive
// clang-format on
#include "vshop/events/validator.hpp"

#include <algorithm>
#include <cstring>

#include "events/error_locator.hpp"
#include "events/issue_sink.hpp"
#include "events/json_number.hpp"
#include "events/payload_rules.hpp"
#include "events/raw_member.hpp"
#include "simdjson.h"
#include "vshop/events/stream_checker.hpp"

namespace vshop::events {

static_assert(Validator::kReadPadding >= simdjson::SIMDJSON_PADDING);

bool ValidationResult::has_critical() const {
  return std::any_of(issues.begin(), issues.end(),
                     [](const Issue& i) { return i.severity == Severity::kCritical; });
}

struct Validator::Impl {
  simdjson::dom::parser parser{kMaxDocumentBytes};
  simdjson::ondemand::parser on_demand{kMaxDocumentBytes};  // only to locate syntax errors
  std::string scratch;  // a padded copy: for validate_document and for number repair
  IssueSink sink;

  Impl() {
    // Depth is enforced by simdjson itself, which refuses depth >= max_depth (the top-level
    // container being depth 1): kMaxDepth + 1 accepts exactly kMaxDepth levels of non-empty
    // containers (empty ones are counted after the parse, see first_too_deep). Capacity
    // grows on demand up to kMaxDocumentBytes. A failure here (out of memory) resurfaces as a
    // parse error on the first document.
    const simdjson::error_code ignored = parser.allocate(64 * 1024, kMaxDepth + 1);
    static_cast<void>(ignored);
  }
};

namespace {

DocumentResult document_fault(IssueCode code, std::size_t offset, std::string what,
                              std::string_view detail = {}) {
  DocumentResult out;
  std::string message = what + " at byte offset " + std::to_string(offset);
  if (!detail.empty()) message.append(": ").append(detail);
  out.result.issues.push_back({Severity::kCritical, code, "", std::move(message)});
  return out;
}

// Copies `size` bytes to `buffer` followed by simdjson's padding.
const char* padded_copy(std::string& buffer, const char* data, std::size_t size) {
  buffer.resize(size + simdjson::SIMDJSON_PADDING);
  std::memcpy(buffer.data(), data, size);
  std::memset(buffer.data() + size, ' ', simdjson::SIMDJSON_PADDING);
  return buffer.data();
}

DocumentResult too_deep_fault(std::size_t offset) {
  return document_fault(IssueCode::kTooDeep, offset,
                        "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
}

// The opening bracket of the first container nested deeper than kMaxDepth, or `text.size()`.
// simdjson counts only non-empty containers against its depth limit (an empty `[]` or `{}`
// one level too deep slips through), so every bracket of its structural index is counted here.
// Nesting kMaxDepth + 1 levels takes at least 2 * (kMaxDepth + 1) structurals: smaller documents
// (nearly all) skip the scan.
std::size_t first_too_deep(const simdjson::internal::dom_parser_implementation& stage,
                           std::string_view text) {
  if (stage.n_structural_indexes < 2 * (kMaxDepth + 1)) return text.size();
  // It also takes kMaxDepth + 1 opening brackets: a byte count (vectorized, brackets inside
  // strings included) rules out most larger documents before the walk of the structurals.
  if (count_opening_brackets(text) <= kMaxDepth) return text.size();
  return first_too_deep_bracket(text, stage.structural_indexes.get(), stage.n_structural_indexes,
                                kMaxDepth);
}

std::string_view parse_error_detail(simdjson::error_code error) {
  return simdjson::error_message(error);
}

// Locates a parse failure other than a bad number (those are repaired or located first).
// `text` is followed by simdjson's padding (validate_padded's contract).
DocumentResult locate_fault(simdjson::dom::parser& parser, simdjson::ondemand::parser& on_demand,
                            simdjson::error_code error, std::string_view text) {
  const auto& stage = *parser.implementation;
  switch (error) {
    case simdjson::UTF8_ERROR:
      return document_fault(IssueCode::kUtf8Invalid, first_invalid_utf8(text), "invalid UTF-8");
    case simdjson::DEPTH_ERROR:
      return too_deep_fault(first_too_deep_bracket(text, stage.structural_indexes.get(),
                                                   stage.n_structural_indexes, kMaxDepth));
    case simdjson::CAPACITY:
      return document_fault(IssueCode::kTooLarge, kMaxDocumentBytes, "document over 1 MiB");
    case simdjson::EMPTY:
      return document_fault(IssueCode::kJsonInvalid, 0, "empty document");
    case simdjson::UNCLOSED_STRING:
    case simdjson::UNESCAPED_CHARS:
      return document_fault(IssueCode::kJsonInvalid, first_string_fault(text), "invalid JSON",
                            parse_error_detail(error));
    default: {
      // Too deep and malformed at once: report the depth. This also keeps On-Demand (which
      // asserts depth < max_depth rather than failing) away from over-deep input.
      const std::size_t deep = first_too_deep_bracket(text, stage.structural_indexes.get(),
                                                      stage.n_structural_indexes, kMaxDepth);
      if (deep < text.size()) return too_deep_fault(deep);
      return document_fault(IssueCode::kJsonInvalid,
                            locate_with_on_demand(on_demand, text, kMaxDepth), "invalid JSON",
                            parse_error_detail(error));
    }
  }
}

std::optional<std::string> member_text(simdjson::dom::object object, std::string_view key) {
  simdjson::dom::element value;
  if (object[key].get(value)) return std::nullopt;
  return id_text(value);
}

// The value of the last member `key` of `object` and its 1-based position (0 when absent).
std::uint32_t member_position(simdjson::dom::object object, std::string_view key,
                              simdjson::dom::element& value) {
  std::uint32_t position = 0;
  std::uint32_t found = 0;
  for (auto member : object) {
    ++position;
    if (member.key == key) {
      found = position;
      value = member.value;
    }
  }
  return found;
}

// The page location the stream checks compare, and where it sits in the payload.
void read_location(simdjson::dom::object payload, EventType event, EnvelopeInfo& info) {
  simdjson::dom::element location;
  if (event == EventType::kCategoryView || event == EventType::kProductSearch) {
    const std::uint32_t at = member_position(payload, "location", location);
    if (at == 0 || !location.is_string()) return;
    info.location_slots = {at, 0, 0};
  } else if (event == EventType::kProductView) {
    simdjson::dom::element products;
    simdjson::dom::array array;
    simdjson::dom::object first;
    const std::uint32_t at = member_position(payload, "products", products);
    if (at == 0 || products.get_array().get(array) || array.size() == 0 ||
        array.at(0).get_object().get(first)) {
      return;
    }
    const std::uint32_t inner = member_position(first, "location", location);
    if (inner == 0 || !location.is_string()) return;
    info.location_slots = {at, 1, inner};
  } else {
    return;
  }
  info.first_location = location.get_string().value_unsafe();
}

// `raw_payload`: the payload's bytes as sent (empty when they could not be told, for example
// under an escaped member name: then its compact re-serialization stands in).
std::optional<EnvelopeInfo> read_envelope(simdjson::dom::object envelope,
                                          simdjson::dom::object payload, EventType event,
                                          std::string_view raw_payload) {
  EnvelopeInfo info;
  simdjson::dom::element at;
  if (envelope["at"].get(at)) return std::nullopt;
  if (at.is_string()) {
    auto instant = parse_rfc3339(at.get_string().value_unsafe());
    if (!instant.ok()) return std::nullopt;
    info.at = *instant;
  } else if (auto ms = as_integer(at)) {
    auto instant = instant_from_ms(*ms);
    if (!instant.ok()) return std::nullopt;
    info.at = *instant;
  } else {
    return std::nullopt;
  }
  auto session = member_text(envelope, "session");
  if (!session) return std::nullopt;
  info.session = std::move(*session);
  info.payload_text = raw_payload.empty() ? simdjson::minify(payload) : std::string(raw_payload);
  simdjson::dom::object purchase;
  if (event == EventType::kPurchase && !payload["purchase"].get(purchase)) {
    info.purchase_id = member_text(purchase, "id").value_or("");
  }
  read_location(payload, event, info);
  return info;
}

void add_stream_findings(IssueSink& sink, const EnvelopeInfo& info,
                         std::vector<StreamFinding> findings) {
  for (StreamFinding& finding : findings) {
    NodePosition position;
    std::string path;
    std::uint8_t rank = kNoField;
    if (finding.at_location) {
      position.slots = info.location_slots;
      const bool in_product = info.location_slots[2] != 0;
      path = in_product ? "/products/0/location" : "/location";
      rank = in_product ? 9 : 5;  // `location` in the PRODUCT / top-level field order
    } else {
      position = NodePosition{}.after();
    }
    sink.add(position, rank, Severity::kWarning, finding.code, std::move(path),
             std::move(finding.message));
  }
}

// An out-of-range number was read as `false` (see repair_numbers); say so where a message
// describes that value, so that nobody hunts for a boolean that is not in the payload.
void explain_repaired_numbers(std::vector<Issue>& issues) {
  constexpr std::string_view kRead = "a boolean (false)";
  for (Issue& issue : issues) {
    const std::size_t at = issue.message.find(kRead);
    if (at != std::string::npos) {
      issue.message.replace(at, kRead.size(),
                            "a number beyond double range (or the boolean false)");
    }
  }
}

bool is_envelope(simdjson::dom::object root) {
  // One pass with literal comparisons: this runs for every document.
  using namespace std::string_view_literals;
  bool payload = false;
  bool session_or_at = false;
  for (auto member : root) {
    payload = payload || member.key == "payload"sv;
    session_or_at = session_or_at || member.key == "session"sv || member.key == "at"sv;
  }
  return payload && session_or_at;
}

}  // namespace

Validator::Validator(const ProductFeed* feed) : impl_(std::make_unique<Impl>()), feed_(feed) {}
Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

DocumentResult Validator::validate_document(std::string_view json, StreamChecker* stream) {
  if (json.size() > kMaxDocumentBytes) {
    return document_fault(IssueCode::kTooLarge, kMaxDocumentBytes,
                          "document of " + std::to_string(json.size()) +
                              " bytes, over the 1 MiB limit (1048576 bytes)");
  }
  // The copy lives in scratch; validate_padded may reuse scratch for number repair, so take a
  // second buffer for that case by moving this one aside.
  std::string input;
  std::swap(input, impl_->scratch);
  padded_copy(input, json.data(), json.size());
  DocumentResult result = validate_padded(input.data(), json.size(), stream);
  if (impl_->scratch.capacity() < input.capacity()) std::swap(input, impl_->scratch);
  return result;
}

DocumentResult Validator::validate_padded(const char* data, std::size_t size,
                                          StreamChecker* stream) {
  const std::string_view text(data, size);
  if (size > kMaxDocumentBytes) {
    return document_fault(
        IssueCode::kTooLarge, kMaxDocumentBytes,
        "document of " + std::to_string(size) + " bytes, over the 1 MiB limit (1048576 bytes)");
  }
  simdjson::dom::parser& parser = impl_->parser;
  simdjson::dom::element root;
  simdjson::error_code error = parser.parse(data, size, false).get(root);
  bool numbers_repaired = false;
  if (error == simdjson::NUMBER_ERROR) {
    // Maybe only numbers beyond what simdjson holds: repair a copy and parse again.
    std::string& copy = impl_->scratch;
    copy.assign(text);
    bool changed = false;
    const std::size_t bad = repair_numbers(copy, parser.implementation->structural_indexes.get(),
                                           parser.implementation->n_structural_indexes, changed);
    numbers_repaired = changed;
    if (bad < size || !changed) {
      return document_fault(IssueCode::kJsonInvalid, bad < size ? bad : size, "invalid JSON",
                            "malformed number");
    }
    copy.resize(size + simdjson::SIMDJSON_PADDING, ' ');
    error = parser.parse(copy.data(), size, false).get(root);
    if (error == simdjson::NUMBER_ERROR) {
      return document_fault(IssueCode::kJsonInvalid, size, "invalid JSON", "malformed number");
    }
  }
  if (error) return locate_fault(parser, impl_->on_demand, error, text);
  if (const std::size_t deep = first_too_deep(*parser.implementation, text); deep < size) {
    return too_deep_fault(deep);
  }

  simdjson::dom::object object;
  if (root.get_object().get(object)) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return document_fault(IssueCode::kNotAnObject, first == std::string_view::npos ? 0 : first,
                          "the document is " + describe_value(root) + ", not a JSON object");
  }
  DocumentResult out;
  simdjson::dom::object payload = object;
  const bool envelope = is_envelope(object);
  if (envelope) {
    simdjson::dom::element inner;
    if (object["payload"].get(inner) || inner.get_object().get(payload)) {
      return document_fault(
          IssueCode::kNotAnObject, 0,
          "the envelope's \"payload\" is " + describe_value(inner) + ", not a JSON object");
    }
  }
  out.result.event = check_payload(payload, impl_->sink, feed_);
  if (envelope) {
    const auto& stage = *parser.implementation;
    out.envelope = read_envelope(object, payload, out.result.event,
                                 raw_member_container(text, stage.structural_indexes.get(),
                                                      stage.n_structural_indexes, "payload"));
    if (out.envelope && stream != nullptr) {
      add_stream_findings(impl_->sink, *out.envelope,
                          stream->check(*out.envelope, out.result.event));
    }
  }
  out.result.issues = impl_->sink.take_sorted();
  if (numbers_repaired) explain_repaired_numbers(out.result.issues);
  return out;
}

ValidationResult validate(std::string_view json, const ProductFeed* feed) {
  Validator validator(feed);
  return validator.validate_document(json).result;
}

}  // namespace vshop::events
