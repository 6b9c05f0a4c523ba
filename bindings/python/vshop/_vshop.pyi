"""Type stubs of the extension module ``vshop._vshop`` (pybind11). Use the ``vshop`` package:
it re-exports everything here and adds ``vshop.Engine``'s typed commands and the records.

Threads: a command holds the engine exclusively (other threads wait); const queries may run
together; ``replay``, ``snapshot``, ``restore`` and batch validation release the GIL.
"""

import datetime
import decimal
import enum
from typing import Any, ClassVar, Iterable, Iterator, Literal, final

from vshop._records import (
    ChatView,
    Contact,
    ExpertView,
    Metrics,
    MetricsTable,
    Scope,
    Settings,
    StoreCandidates,
    Summary,
    Validation,
    WidgetRules,
)

TimeLike = datetime.datetime | str
Text = str | bytes
ScopeLike = Scope | Literal["merchant"] | None

class ErrorCode(enum.IntEnum):
    OK = 0
    OUT_OF_ORDER_TIME = 1
    INVALID_ARGUMENT = 2
    NOT_FOUND = 3
    ALREADY_EXISTS = 4
    INVALID_INVITE_CODE = 5
    INVALID_SETTING = 6
    NOT_APPROVED = 7
    NO_STORE = 8
    STORE_CLOSED = 9
    AT_CAPACITY = 10
    OFFER_NOT_PENDING = 11
    NOT_CHAT_EXPERT = 12
    INVALID_STATE = 13
    TRANSFER_PENDING = 14
    TARGET_NOT_ELIGIBLE = 15
    EMPTY_NOTE = 16
    VIDEO_BUSY = 17
    DUPLICATE_ORDER = 18
    INTERNAL = 19
    LIMIT_EXCEEDED = 20
    CHANNEL_DISABLED = 21

class ChatState(enum.Enum):
    REQUESTED = 'requested'
    ACTIVE = 'active'
    FINISHED = 'finished'
    MISSED = 'missed'
    LEFT_MESSAGE = 'left_message'
    BLOCKED = 'blocked'
    CLOSED = 'closed'

class ExpertAccount(enum.Enum):
    PENDING = 'pending'
    APPROVED = 'approved'
    DEACTIVATED = 'deactivated'

class WidgetState(enum.Enum):
    VISIBLE = 'visible'
    ONGOING_ONLY = 'ongoing_only'
    HIDDEN = 'hidden'

class EffectKind(enum.Enum):
    CHAT_OFFERED = 'chat_offered'
    OFFER_WITHDRAWN = 'offer_withdrawn'
    OFFER_EXPIRED = 'offer_expired'
    CHAT_CLAIMED = 'chat_claimed'
    CHAT_MISSED = 'chat_missed'
    LEFT_MESSAGE_QUEUED = 'left_message_queued'
    CHAT_TAKEN = 'chat_taken'
    NOTIFY_SHOPPER = 'notify_shopper'
    CHAT_FINISHED = 'chat_finished'
    TRANSFER_OFFERED = 'transfer_offered'
    TRANSFER_COMPLETED = 'transfer_completed'
    TRANSFER_FAILED = 'transfer_failed'
    SHOPPER_BLOCKED = 'shopper_blocked'
    EXPERT_AVAILABLE = 'expert_available'
    EXPERT_UNAVAILABLE = 'expert_unavailable'
    VIDEO_STARTED = 'video_started'
    VIDEO_ENDED = 'video_ended'
    SALE_ATTRIBUTED = 'sale_attributed'
    SALE_UNATTRIBUTED = 'sale_unattributed'
    TEAM_DIGEST = 'team_digest'
    PII_ANONYMIZED = 'pii_anonymized'
    APPOINTMENT_SENT = 'appointment_sent'
    CONTACT_INVITED = 'contact_invited'
    CONTACT_ADDED = 'contact_added'

class MessageSender(enum.Enum):
    EXPERT = 'expert'
    SHOPPER = 'shopper'

class NotifyChannel(enum.Enum):
    EMAIL = 'email'
    SMS = 'sms'

class CommandKind(enum.Enum):
    CONFIGURE = 'configure'
    ADD_STORE = 'add_store'
    UPDATE_STORE = 'update_store'
    DEACTIVATE_STORE = 'deactivate_store'
    REGISTER_EXPERT = 'register_expert'
    APPROVE_EXPERT = 'approve_expert'
    DEACTIVATE_EXPERT = 'deactivate_expert'
    REACTIVATE_EXPERT = 'reactivate_expert'
    ANONYMIZE_EXPERT = 'anonymize_expert'
    GO_AVAILABLE = 'go_available'
    GO_UNAVAILABLE = 'go_unavailable'
    REQUEST_CHAT = 'request_chat'
    CLAIM = 'claim'
    DECLINE = 'decline'
    DECLINE_AND_GO_UNAVAILABLE = 'decline_and_go_unavailable'
    LEAVE_MESSAGE = 'leave_message'
    TAKE_LEFT_MESSAGE = 'take_left_message'
    SEND_MESSAGE = 'send_message'
    SHOPPER_ONLINE = 'shopper_online'
    SHOPPER_OFFLINE = 'shopper_offline'
    FINISH_CHAT = 'finish_chat'
    RATE_CHAT = 'rate_chat'
    TRANSFER = 'transfer'
    ACCEPT_TRANSFER = 'accept_transfer'
    DECLINE_TRANSFER = 'decline_transfer'
    BLOCK_SHOPPER = 'block_shopper'
    UNBLOCK_SHOPPER = 'unblock_shopper'
    START_VIDEO = 'start_video'
    END_VIDEO = 'end_video'
    RECORD_PURCHASE = 'record_purchase'
    SUBSCRIBE_DIGEST = 'subscribe_digest'
    UNSUBSCRIBE_DIGEST = 'unsubscribe_digest'
    DEACTIVATE_MERCHANT = 'deactivate_merchant'
    SEND_APPOINTMENT = 'send_appointment'
    INVITE_CONTACT = 'invite_contact'
    ACCEPT_CONTACT = 'accept_contact'
    ADVANCE = 'advance'

class UnavailableReason(enum.Enum):
    REQUESTED = 'requested'
    STORE_CLOSED = 'store_closed'
    DECLINE_STREAK = 'decline_streak'
    MISSED_STREAK = 'missed_streak'
    DEACTIVATED = 'deactivated'
    STORE_DEACTIVATED = 'store_deactivated'

class WithdrawReason(enum.Enum):
    CLAIMED_BY_OTHER = 'claimed_by_other'
    DECLINED = 'declined'
    EXPERT_UNAVAILABLE = 'expert_unavailable'

class MissReason(enum.Enum):
    NO_EXPERT_AVAILABLE = 'no_expert_available'
    CLAIM_WINDOW = 'claim_window'

class TransferFailReason(enum.Enum):
    DECLINED = 'declined'
    TIMEOUT = 'timeout'
    TARGET_UNAVAILABLE = 'target_unavailable'
    CHAT_ENDED = 'chat_ended'

class UnattributedReason(enum.Enum):
    NO_CONTACT = 'no_contact'
    OUTSIDE_WINDOW = 'outside_window'

class ScopeKind(enum.Enum):
    MERCHANT = 'merchant'
    STORE = 'store'
    EXPERT = 'expert'
    TEAM = 'team'

class Severity(enum.Enum):
    CRITICAL = 'critical'
    WARNING = 'warning'

class EventType(enum.Enum):
    UNKNOWN = 'unknown'
    PRODUCT_VIEW = 'product_view'
    PURCHASE = 'purchase'
    ADD_TO_BASKET = 'add_to_basket'
    REMOVE_FROM_BASKET = 'remove_from_basket'
    CATEGORY_VIEW = 'category_view'
    PRODUCT_SEARCH = 'product_search'

class IssueCode(enum.Enum):
    JSON_INVALID = 'json_invalid'
    UTF8_INVALID = 'utf8_invalid'
    TOO_DEEP = 'too_deep'
    TOO_LARGE = 'too_large'
    NOT_AN_OBJECT = 'not_an_object'
    TYPE_MISSING = 'type_missing'
    TYPE_UNKNOWN = 'type_unknown'
    ACTION_UNKNOWN = 'action_unknown'
    PRODUCTS_MISSING = 'products_missing'
    PRODUCT_NOT_OBJECT = 'product_not_object'
    ID_MISSING = 'id_missing'
    PRICE_MISSING = 'price_missing'
    PRICE_NOT_NUMBER = 'price_not_number'
    PRICE_NEGATIVE = 'price_negative'
    QUANTITY_MISSING = 'quantity_missing'
    QUANTITY_NOT_NUMBER = 'quantity_not_number'
    BASKET_QUANTITY_MISSING = 'basket_quantity_missing'
    BASKET_QUANTITY_NOT_NUMBER = 'basket_quantity_not_number'
    PURCHASE_MISSING = 'purchase_missing'
    ORDER_ID_MISSING = 'order_id_missing'
    CURRENCY_MISSING = 'currency_missing'
    CURRENCY_INVALID = 'currency_invalid'
    CURRENCY_MISMATCH = 'currency_mismatch'
    SUBTOTAL_MISSING = 'subtotal_missing'
    SUBTOTAL_NOT_NUMBER = 'subtotal_not_number'
    SUBTOTAL_ZERO = 'subtotal_zero'
    SUBTOTAL_NEGATIVE = 'subtotal_negative'
    AMOUNT_INVALID = 'amount_invalid'
    SUBTOTAL_MISMATCH = 'subtotal_mismatch'
    COUPON_MISSING = 'coupon_missing'
    TAX_INCONSISTENT = 'tax_inconsistent'
    NAME_MISSING = 'name_missing'
    IMAGE_MISSING = 'image_missing'
    IMAGE_NOT_HTTPS = 'image_not_https'
    LOCATION_MISSING = 'location_missing'
    LOCATION_NOT_HTTPS = 'location_not_https'
    FIELD_TYPE = 'field_type'
    VALUE_MISSING = 'value_missing'
    VALUE_NOT_STRING = 'value_not_string'
    VALUE_SUSPICIOUS = 'value_suspicious'
    UNKNOWN_FIELD = 'unknown_field'
    GROUP_SKU_EXPECTED = 'group_sku_expected'
    UNIQUE_SKU_EXPECTED = 'unique_sku_expected'
    ID_NOT_IN_FEED = 'id_not_in_feed'
    PRICE_DIFFERS_FROM_FEED = 'price_differs_from_feed'
    DUPLICATE_EVENT = 'duplicate_event'
    CATEGORY_WITH_PRODUCT_VIEW = 'category_with_product_view'

class Error(Exception):
    code: ClassVar[str]
    code_value: ClassVar[int]

class OutOfOrderTime(Error): ...
class InvalidArgument(Error, ValueError): ...
class NotFound(Error): ...
class AlreadyExists(Error): ...
class InvalidInviteCode(Error): ...
class InvalidSetting(Error): ...
class NotApproved(Error): ...
class NoStore(Error): ...
class StoreClosed(Error): ...
class AtCapacity(Error): ...
class OfferNotPending(Error): ...
class NotChatExpert(Error): ...
class InvalidState(Error): ...
class TransferPending(Error): ...
class TargetNotEligible(Error): ...
class EmptyNote(Error): ...
class VideoBusy(Error): ...
class DuplicateOrder(Error): ...
class Internal(Error): ...
class LimitExceeded(Error): ...
class ChannelDisabled(Error): ...

__version__: str

def format_instant(t: TimeLike) -> str: ...
def parse_instant(text: str | bytes) -> datetime.datetime: ...
def _raise_error(code: int, message: str) -> None: ...

@final
class Effect:
    """One effect (docs/reference.md §10); frozen. Fields its kind does not carry are None."""

    @property
    def kind(self) -> EffectKind: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def chat(self) -> str | None: ...
    @property
    def expert(self) -> str | None: ...
    @property
    def shopper(self) -> str | None: ...
    @property
    def from_(self) -> str | None: ...
    @property
    def to(self) -> str | None: ...
    @property
    def experts(self) -> list[str]: ...
    @property
    def deadline(self) -> datetime.datetime | None: ...
    @property
    def reason(
        self,
    ) -> (
        UnavailableReason | WithdrawReason | MissReason | TransferFailReason | UnattributedReason
        | None
    ): ...
    @property
    def channel(self) -> NotifyChannel | str | None: ...
    @property
    def address(self) -> str | None: ...
    @property
    def order(self) -> str | None: ...
    @property
    def subtotal(self) -> str | int | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def pending(self) -> int | None: ...
    @property
    def start(self) -> datetime.datetime | None: ...
    @property
    def end(self) -> datetime.datetime | None: ...
    @property
    def ics(self) -> str | None: ...
    @property
    def managers(self) -> list[str]: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _asdict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Engine:
    """The C++ engine; ``vshop.Engine`` adds the typed commands of the other kinds."""

    def __init__(self) -> None: ...
    # commands
    def apply_json(self, line: Text) -> None: ...
    def replay(self, lines: Text | Iterable[Text]) -> list[Effect]: ...
    def advance(self, now: TimeLike) -> None: ...
    def go_available(self, at: TimeLike, expert: str) -> None: ...
    def go_unavailable(self, at: TimeLike, expert: str) -> None: ...
    def claim(self, at: TimeLike, expert: str, chat: str) -> None: ...
    def decline(self, at: TimeLike, expert: str, chat: str) -> None: ...
    def finish_chat(self, at: TimeLike, expert: str, chat: str) -> None: ...
    def request_chat(
        self,
        at: TimeLike,
        shopper: str,
        *,
        chat: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        country: str | None = None,
        city: str | None = None,
        postal_code: str | None = None,
        ip: str | None = None,
        department: str | None = None,
        page_url: str | None = None,
    ) -> str: ...
    def send_message(
        self,
        at: TimeLike,
        chat: str,
        sender: MessageSender | Literal["expert", "shopper"],
        *,
        kind: str | None = None,
    ) -> None: ...
    def record_purchase(
        self,
        at: TimeLike,
        order: str,
        shopper: str,
        subtotal: str | int | decimal.Decimal,
        currency: str,
        *,
        items: list[Any] | None = None,
    ) -> None: ...
    # outputs
    def drain_effects(self) -> list[Effect]: ...
    def drain_journal(self) -> list[str]: ...
    def set_journaling(self, on: bool) -> None: ...
    @property
    def next_deadline(self) -> datetime.datetime | None: ...
    @property
    def now(self) -> datetime.datetime: ...
    # persistence
    def snapshot(self) -> str: ...
    def _load_snapshot(self, snapshot: Text) -> None: ...
    def check_invariants(self) -> None: ...
    # queries
    def expert(self, id: str) -> ExpertView | None: ...
    def chat(self, id: str) -> ChatView | None: ...
    def open_chats(self, expert: str) -> list[str]: ...
    def transfer_candidates(self, chat: str) -> list[StoreCandidates]: ...
    def pending_left_messages(self) -> list[str]: ...
    def chat_count(self) -> int: ...
    def contacts(self, expert: str) -> list[Contact]: ...
    def export_personal_data(self) -> str: ...
    def settings(self) -> Settings: ...
    def widget_state(
        self,
        now: TimeLike,
        *,
        page_url: str,
        page_type: str,
        shopper: str = "",
        country: str = "",
        city: str = "",
        postal_code: str = "",
        ip: str = "",
        rules: WidgetRules | None = None,
    ) -> WidgetState: ...
    # metrics
    def metrics(self, scope: ScopeLike, start: TimeLike, end: TimeLike) -> Metrics: ...
    def daily_metrics(self, scope: ScopeLike, start: TimeLike, end: TimeLike) -> MetricsTable: ...
    def metrics_report_text(self) -> str: ...
    def metrics_report_json(self) -> str: ...
    def _query_json(self, name: str, args: list[str]) -> str: ...
    def export_chats(self, start: datetime.date | str | None = None, end: datetime.date | str | None = None, format: str = 'csv') -> str: ...
    def export_data(self, start: datetime.date | str | None = None, end: datetime.date | str | None = None, format: str = 'csv') -> str: ...

@final
class Store:
    """A store (R-STORE-1) with its opening hours; thread-safe queries."""

    def __init__(self, document: Text | dict[str, Any]) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def public_name(self) -> str | None: ...
    @property
    def address(self) -> str | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def timezone(self) -> str: ...
    @property
    def departments(self) -> list[str]: ...
    @property
    def osm_hours(self) -> str | None: ...
    def is_open(self, t: TimeLike) -> bool: ...
    def next_change(self, t: TimeLike) -> datetime.datetime | None: ...
    def open_intervals(
        self, start: TimeLike, end: TimeLike
    ) -> list[tuple[datetime.datetime, datetime.datetime]]: ...

@final
class ProductFeed:
    @staticmethod
    def from_json_lines(text: Text) -> ProductFeed: ...
    def __len__(self) -> int: ...

@final
class Batch:
    """Results of a JSON Lines batch: a sequence of Validation, and the summary."""

    def __len__(self) -> int: ...
    def __getitem__(self, index: int) -> Validation: ...
    def __iter__(self) -> Iterator[Validation]: ...
    @property
    def summary(self) -> Summary: ...
    @property
    def critical_documents(self) -> int: ...
    def to_json_lines(self) -> str: ...
    def summary_json(self) -> str: ...
    def summary_text(self) -> str: ...

@final
class Validator:
    def __init__(self, feed: ProductFeed | None = None) -> None: ...
    def validate(self, document: Text) -> Validation: ...
    def validate_lines(self, text: Text) -> Batch: ...
