"""vshop: the live-shopping engine, opening hours and tracking-event validator of the C++
library, for scripts and notebooks (bindings/python/README.md).

Every time is a timezone-aware ``datetime`` (a naive one raises ``vshop.InvalidArgument``);
durations are ``timedelta``; states, effect kinds and reasons are ``enum.Enum`` members whose
values are the names of the text contract; every rejection raises a subclass of ``vshop.Error``
carrying the stable ``code``.
"""

from vshop._vshop import *  # noqa: F401,F403  (enums, exceptions, Effect, Store, Validator)
from vshop import _effects
from vshop._engine import Engine, command_line
from vshop._inspect import inspect, inspect_file, inspect_lines
from vshop._records import (
    ChatView,
    CodeCount,
    CurrencyMetrics,
    DailyMetrics,
    ExpertView,
    GeoRule,
    Issue,
    Metrics,
    MetricsTable,
    Scope,
    Settings,
    StoreCandidates,
    Summary,
    Validation,
    WidgetRules,
)
from vshop._vshop import Effect, Error, ErrorCode, format_instant, parse_instant

_effects.install()

__version__ = "0.1.0"

ERRORS: dict[ErrorCode, type[Error]] = {
    ErrorCode(cls.code_value): cls for cls in Error.__subclasses__()
}
"""The exception class of each ErrorCode (all twenty)."""

__all__ = [
    "ChatView", "CodeCount", "CurrencyMetrics", "DailyMetrics", "Effect", "Engine", "ERRORS",
    "Error", "ErrorCode", "ExpertView", "GeoRule", "Issue", "Metrics", "MetricsTable", "Scope",
    "Settings", "StoreCandidates", "Summary", "Validation", "WidgetRules", "command_line",
    "format_instant", "parse_instant", "inspect", "inspect_file", "inspect_lines",
]  # fmt: skip
