"""Plain records returned by queries: frozen dataclasses that ``pandas.DataFrame([...])`` takes
directly (each also has ``to_dict()`` / ``_asdict()``)."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import html
from typing import Any, Iterable, Sequence

from vshop._vshop import (
    ChatState,
    EventType,
    ExpertAccount,
    IssueCode,
    ScopeKind,
    Severity,
    WidgetState,
)


class _Record:
    """``to_dict()`` / ``_asdict()`` for the dataclasses below (nested records become dicts)."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    def _asdict(self) -> dict[str, Any]:
        return self.to_dict()


def html_table(rows: Sequence[_Record], skip: Iterable[str] = ()) -> str:
    """An HTML table of records (one row each, one column per field), for notebooks."""
    if not rows:
        return "<table></table>"
    names = [f.name for f in dataclasses.fields(rows[0]) if f.name not in set(skip)]  # type: ignore[arg-type]
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(getattr(r, n)))}</td>" for n in names) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if hasattr(value, "value") and hasattr(value, "name"):  # an enum member
        return str(value.value)
    return str(value)


@dataclasses.dataclass(frozen=True)
class ExpertView(_Record):
    """An expert as the queries report it (docs/reference.md Appendix A)."""

    id: str
    account: ExpertAccount
    anonymized: bool
    store: str | None
    available: bool
    active_chats: int
    missed_streak: int
    decline_streak: int
    pending_offer: str | None
    pending_transfer: str | None
    video_chat: str | None


@dataclasses.dataclass(frozen=True)
class ChatView(_Record):
    """A chat as the queries report it; ``rating`` is None when not rated."""

    id: str
    shopper: str
    state: ChatState
    expert: str | None
    transfer_pending: bool
    video: bool
    pending_offers: list[str]
    rating: int | None
    shopper_online: bool  # R-CHAT-7: the chat's shopper is online
    left_message: bool  # the chat started as a left message


@dataclasses.dataclass(frozen=True)
class Contact(_Record):
    """R-CONTACT-2: a shopper who accepted an expert's invitation (``Engine.contacts``)."""

    shopper: str
    channel: str  # email, sms or whatsapp
    address: str


@dataclasses.dataclass(frozen=True)
class StoreCandidates(_Record):
    """R-XFER-1: the eligible transfer targets of one store."""

    store: str
    experts: list[str]


@dataclasses.dataclass(frozen=True)
class Settings(_Record):
    """The merchant settings (docs/reference.md §1); durations as timedelta."""

    max_active_chats: int
    claim_window: _dt.timedelta
    offer_timeout: _dt.timedelta
    offer_fanout: int
    missed_streak_limit: int
    decline_streak_limit: int
    transfer_timeout: _dt.timedelta
    attribution_window_days: int
    metrics_retention_days: int
    reporting_timezone: str
    show_when_busy: bool
    show_outside_opening_hours: bool
    invite_code: str | None
    contact_channels: list[str]
    region: str


@dataclasses.dataclass(frozen=True)
class Scope(_Record):
    """Whose metrics (R-METRIC-1): ``Scope.merchant()``, ``Scope.store(id)``, ``Scope.expert(id)``,
    ``Scope.team(id)`` (the experts whose current team it is, R-EXP-2)."""

    kind: ScopeKind = ScopeKind.MERCHANT
    id: str = ""

    @staticmethod
    def merchant() -> Scope:
        return Scope()

    @staticmethod
    def store(id: str) -> Scope:
        return Scope(ScopeKind.STORE, id)

    @staticmethod
    def expert(id: str) -> Scope:
        return Scope(ScopeKind.EXPERT, id)

    @staticmethod
    def team(id: str) -> Scope:
        return Scope(ScopeKind.TEAM, id)


@dataclasses.dataclass(frozen=True)
class CurrencyMetrics(_Record):
    """Attributed orders of one currency: ``gross`` / ``average`` as exact decimal strings."""

    code: str
    exponent: int
    orders: int
    gross_minor: int
    gross: str
    average: str | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class Metrics(_Record):
    """R-METRIC-1 over a range; ratios are None when their denominator is 0."""

    initiated: int  # chats the scope owns (docs/metrics.md)
    claimed: int
    missed: int
    offered: int  # store / expert: chats offered to it
    taken: int
    transfers_in: int
    engaged: int
    available_associates: int
    associate_days: int
    ratings: int
    rating_sum: int
    orders: int
    unattributed_orders: int
    converted: int
    responses: int
    response_median: _dt.timedelta | None
    response_p90: _dt.timedelta | None
    claimed_ratio: float | None
    conversion_ratio: float | None
    offers_claimed_ratio: float | None
    chats_per_associate: float | None
    average_rating: float | None
    currencies: list[CurrencyMetrics]

    def _repr_html_(self) -> str:
        return html_table([self], skip=("currencies",))


@dataclasses.dataclass(frozen=True, kw_only=True)
class DailyMetrics(Metrics):
    """One reporting day (a local date in ``settings().reporting_timezone``) of metrics."""

    day: _dt.date

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, **{k: v for k, v in super().to_dict().items() if k != "day"}}


class MetricsTable(list[DailyMetrics]):
    """The result of ``daily_metrics``: a list of DailyMetrics with an HTML table view."""

    def _repr_html_(self) -> str:
        return html_table(self, skip=("currencies",))

    def to_dicts(self) -> list[dict[str, Any]]:
        """One dict per day (``day`` first), e.g. for ``pandas.DataFrame``."""
        return [row.to_dict() for row in self]


@dataclasses.dataclass(frozen=True)
class GeoRule(_Record):
    """R-DISPLAY-1: a geo rule (``field``: country, city, postal_code or ip)."""

    field: str
    value: str
    result: WidgetState = WidgetState.HIDDEN


@dataclasses.dataclass(frozen=True)
class WidgetRules(_Record):
    """R-DISPLAY-1 display rules beyond the two settings."""

    page_types: tuple[str, ...] = ("home", "collection", "product")
    allow_urls: tuple[str, ...] = ()
    deny_urls: tuple[str, ...] = ()
    geo: tuple[GeoRule, ...] = ()


@dataclasses.dataclass(frozen=True)
class Issue(_Record):
    """One finding of the event validator (docs/events.md §2); ``path`` is a JSON Pointer."""

    severity: Severity
    code: IssueCode
    path: str
    message: str


@dataclasses.dataclass(frozen=True)
class Validation(_Record):
    """The result of one document: its event type and issues (``line`` in a batch, else None)."""

    event: EventType
    issues: list[Issue]
    line: int | None = None

    @property
    def ok(self) -> bool:
        """True when no issue is critical."""
        return not any(i.severity is Severity.CRITICAL for i in self.issues)


@dataclasses.dataclass(frozen=True)
class CodeCount(_Record):
    """How often one issue code occurred in a batch, with its first example."""

    code: IssueCode
    severity: Severity
    count: int
    first_line: int
    first_example: Issue


@dataclasses.dataclass(frozen=True)
class Summary(_Record):
    """Totals of a batch by code (docs/events.md §3 ``--summary`` order)."""

    events: int
    critical: int
    warning: int
    by_code: list[CodeCount]

    def _repr_html_(self) -> str:
        return html_table(self.by_code, skip=("first_example",))
