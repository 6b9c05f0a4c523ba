// The whole public C++ API of vshop in one include: `#include "vshop/vshop.hpp"`.
// Each header can also be included on its own; a test checks that this list names every public
// header (tests/headers).
#pragma once

#include "vshop/analytics/metrics.hpp"
#include "vshop/currency.hpp"
#include "vshop/engine/answers.hpp"
#include "vshop/engine/command.hpp"
#include "vshop/engine/effect.hpp"
#include "vshop/engine/engine.hpp"
#include "vshop/engine/query_table.hpp"
#include "vshop/engine/reason.hpp"
#include "vshop/engine/settings.hpp"
#include "vshop/error.hpp"
#include "vshop/events/batch.hpp"
#include "vshop/events/issue.hpp"
#include "vshop/events/product_feed.hpp"
#include "vshop/events/stream_checker.hpp"
#include "vshop/events/validator.hpp"
#include "vshop/export.hpp"
#include "vshop/hours/opening_hours.hpp"
#include "vshop/hours/store.hpp"
#include "vshop/json_text.hpp"
#include "vshop/limits.hpp"
#include "vshop/text_lines.hpp"
#include "vshop/time.hpp"
