# Fails when a public header (or the CLI) names an internal type or header.
set(internal_names
    "class ContactBook" "class OrderSet" "class MetricsBook" "struct DayStats" "class DaySeries"
    "class ResponseHistogram" "class JsonWriter" "JsonWriter&" "metrics_book()"
    "store_id(std::uint32_t" "expert_id(std::uint32_t")
file(GLOB_RECURSE headers "${INCLUDE_DIR}/*.hpp")
file(GLOB cli_sources "${CLI_DIR}/*.cpp" "${CLI_DIR}/*.hpp")
set(failures "")
foreach(file IN LISTS headers cli_sources)
  file(READ "${file}" text)
  foreach(name IN LISTS internal_names)
    string(FIND "${text}" "${name}" at)
    if(NOT at EQUAL -1)
      string(APPEND failures "${file}: names the internal `${name}`\n")
    endif()
  endforeach()
  # Includes must be public headers (vshop/...), third-party ones, or the CLI's own.
  string(REGEX MATCHALL "#include \"(analytics|attribution|core|engine|events|hours)/[^\"]+\""
         internal_includes "${text}")
  foreach(inc IN LISTS internal_includes)
    string(APPEND failures "${file}: ${inc} is not a public header\n")
  endforeach()
endforeach()
if(failures)
  message(FATAL_ERROR "${failures}")
endif()
