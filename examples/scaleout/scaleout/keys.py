"""The Redis key layout. Every key of one merchant carries the `{merchant}` hash tag, so that
all of them live in one Redis Cluster slot and one Lua script may touch them together."""

from __future__ import annotations

import dataclasses

MERCHANTS = "vshop:merchants"  # set: every merchant id (discovery)
WORKERS = "vshop:workers"  # sorted set: worker name -> heartbeat expiry (ms, Redis time)


@dataclasses.dataclass(frozen=True)
class MerchantKeys:
    """The keys of one merchant."""

    merchant: str

    def _key(self, what: str) -> str:
        return f"vshop:{{{self.merchant}}}:{what}"

    @property
    def commands(self) -> str:
        """Stream: the merchant's commands (field `c`: one JSON line); the id is its position."""
        return self._key("commands")

    @property
    def effects(self) -> str:
        """Stream: per applied command, an entry with the same id (fields `e`, `err`, `epoch`)."""
        return self._key("effects")

    @property
    def lease(self) -> str:
        """String `owner:epoch` with a TTL: who applies this merchant's commands now."""
        return self._key("lease")

    @property
    def epoch(self) -> str:
        """Integer, never expires: the last lease epoch handed out (fencing token source)."""
        return self._key("epoch")

    @property
    def applied(self) -> str:
        """String: the id of the last command whose effects are published."""
        return self._key("applied")

    @property
    def snapshot(self) -> str:
        """Hash: `id` (last command included), `data` (engine snapshot), `epoch`."""
        return self._key("snapshot")

    @property
    def clock(self) -> str:
        """Integer (ms since the epoch): the latest `at` stamped into the commands stream by
        `client.stamp`; commands are appended in time order, and timers fire through it."""
        return self._key("clock")

    @property
    def follower(self) -> str:
        """Hash: the web host's own snapshot (`id`, `data`, `host_state`); the commands after
        `id` are not trimmed, so the web layer can restart from it."""
        return self._key("follower")

    @property
    def fenced(self) -> str:
        """Integer: writes refused because the writer's lease epoch was stale (counted)."""
        return self._key("fenced")
