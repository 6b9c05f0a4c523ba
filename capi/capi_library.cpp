// The library-wide functions of vshop.h (versions, status names, the per-thread last error) and
// the error plumbing every handle shares (capi_handles.hpp).
#include <exception>
#include <string>
#include <string_view>

#include "capi_handles.hpp"
#include "conv.hpp"
#include "vshop/error.hpp"

// The header's version macros must follow the project's version (CMakeLists.txt).
static_assert(std::string_view(VSHOP_VERSION_STRING) == VSHOP_PROJECT_VERSION,
              "update VSHOP_VERSION_* in vshop.h to the project version");

namespace vshop::capi {

std::string& thread_last_error() {
  thread_local std::string message;
  return message;
}

vshop_status record(std::string& slot, const absl::Status& status) noexcept {
  try {
    slot.assign(status.message().data(), status.message().size());
  } catch (...) {  // keeps the previous message rather than failing the report of a failure
  }
  return status_of(error_code_of(status));
}

absl::Status from_current_exception() noexcept {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return make_error(ErrorCode::kInternal, "out of memory");
  } catch (const std::exception& e) {
    try {
      return make_error(ErrorCode::kInternal, std::string("unexpected exception: ") + e.what());
    } catch (...) {
      return absl::InternalError("unexpected exception");
    }
  } catch (...) {
    return absl::InternalError("unexpected exception");
  }
}

vshop_status fail_without_handle(const absl::Status& status) noexcept {
  return record(thread_last_error(), status);
}

vshop_status null_handle(const char* function) noexcept {
  try {
    return fail_without_handle(
        make_error(ErrorCode::kInvalidArgument, std::string(function) + ": the handle is NULL"));
  } catch (...) {
    return VSHOP_INVALID_ARGUMENT;
  }
}

}  // namespace vshop::capi

extern "C" {

const char* vshop_version(void) { return VSHOP_VERSION_STRING; }
uint32_t vshop_version_number(void) { return VSHOP_VERSION_NUMBER; }
uint32_t vshop_abi_version(void) { return VSHOP_ABI_VERSION; }

const char* vshop_status_name(vshop_status status) {
  try {
    return vshop::capi::c_status_name(status).c_str();
  } catch (...) {
    return "unknown";
  }
}

const char* vshop_last_error(void) { return vshop::capi::thread_last_error().c_str(); }

}  // extern "C"
