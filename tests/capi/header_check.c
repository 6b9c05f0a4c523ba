/* Compiled (not run) by the capi_header_* tests: vshop.h as strict C99, C11 and C++, with its
   _INIT macros used the way a host uses them. */
#include "vshop/vshop.h"

int vshop_header_check(void);
int vshop_header_check(void) {
  vshop_engine_options engine_options = VSHOP_ENGINE_OPTIONS_INIT;
  vshop_validator_options validator_options = VSHOP_VALIDATOR_OPTIONS_INIT;
  vshop_widget_query query = VSHOP_WIDGET_QUERY_INIT;
  vshop_widget_rules rules = VSHOP_WIDGET_RULES_INIT;
  vshop_status status = VSHOP_LIMIT_EXCEEDED;
  return (int)engine_options.version + (int)validator_options.version + (int)query.version +
         (int)rules.version + status + VSHOP_ABI_VERSION + VSHOP_VERSION_NUMBER;
}
