"""Staff accounts from a config file, and the sessions of a running server."""

from __future__ import annotations

import dataclasses
import hmac
import json
import secrets
from pathlib import Path

ACCESS_TYPES = ("analytics", "team", "store", "settings")


@dataclasses.dataclass(frozen=True)
class Account:
    """A staff account: access types (Analytics only, Manage team/store, Settings), expert id."""

    name: str
    password: str
    access: tuple[str, ...]
    expert: str | None

    @property
    def manager(self) -> bool:
        """True when the account has at least one access type."""
        return bool(self.access)

    def public(self) -> dict[str, object]:
        """The account as `GET /api/me` shows it (no password)."""
        return {"name": self.name, "access": list(self.access), "expert": self.expert}


def load_accounts(path: Path) -> dict[str, Account]:
    """Reads `[{"name","password","access","expert"?}]`; raises ValueError naming the entry."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a JSON array of accounts")
    accounts: dict[str, Account] = {}
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise ValueError(f"{path}: account {i}: expected an object")
        name, password = entry.get("name"), entry.get("password")
        access, expert = entry.get("access", []), entry.get("expert")
        if not isinstance(name, str) or not name or not isinstance(password, str):
            raise ValueError(f"{path}: account {i}: name and password must be strings")
        if not isinstance(access, list) or any(a not in ACCESS_TYPES for a in access):
            raise ValueError(f"{path}: account {name!r}: access must be a list of {ACCESS_TYPES}")
        if expert is not None and not isinstance(expert, str):
            raise ValueError(f"{path}: account {name!r}: expert must be a string")
        if name in accounts:
            raise ValueError(f"{path}: account {name!r} appears twice")
        accounts[name] = Account(name, password, tuple(access), expert)
    return accounts


class Sessions:
    """Logged-in sessions (in memory): a random token per login."""

    def __init__(self, accounts: dict[str, Account]) -> None:
        self._accounts = accounts
        self._tokens: dict[str, Account] = {}

    def login(self, name: object, password: object) -> str | None:
        """A new session token, or None when the name or password is wrong."""
        account = self._accounts.get(name) if isinstance(name, str) else None
        if account is None or not isinstance(password, str):
            return None
        if not hmac.compare_digest(account.password.encode(), password.encode()):
            return None
        token = secrets.token_urlsafe(24)
        self._tokens[token] = account
        return token

    def logout(self, token: str | None) -> None:
        """Ends the session (no error when there is none)."""
        if token:
            self._tokens.pop(token, None)

    def account(self, token: str | None) -> Account | None:
        """The account of a session token."""
        return self._tokens.get(token) if token else None
