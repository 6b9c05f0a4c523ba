"""The web host in scale-out mode (`python -m server --scaleout URL --merchant M`).

Workers (examples/scaleout) own the merchant's engine. This host is a producer and a reader:
a browser's command is appended to the merchant's commands stream (stamped in time order,
scaleout/stamp.py) and its HTTP answer is the effects-stream entry with the same id; the live
events are fed from the effects stream; queries are answered by a read-only follower engine
that applies, in order, each published command (checking it gives the published outcome). The
follower never publishes. Its own snapshot (engine + host data) is stored every N commands;
the workers do not trim the commands after it, so a restart resumes from it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import secrets
import time
from typing import Any

import redis
import redis.asyncio
import vshop
from scaleout.client import register
from scaleout.keys import MerchantKeys
from scaleout.merchant import ZERO, apply_entry, id_key, new_engine
from scaleout.stamp import Stamper

from .clock import Clock
from .host import Host, HostError, _host_fields
from .hoststate import HostState
from .persistence import Saved

LOG = logging.getLogger("vshop.web")

# KEYS: follower, workers' snapshot, effects. ARGV: id, engine snapshot, host state. Stores the
# follower snapshot unless a newer one is stored (several web processes may follow one
# merchant), then trims the effects below both snapshots: a restart of the web layer starts at
# the follower's, a takeover checks the effects after the workers'.
SAVE = """
local function older(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end
local stored = redis.call('HGET', KEYS[1], 'id')
if stored and older(ARGV[1], stored) then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'data', ARGV[2], 'host_state', ARGV[3])
local low = redis.call('HGET', KEYS[2], 'id') or '0-0'
if older(ARGV[1], low) then low = ARGV[1] end
redis.call('XTRIM', KEYS[3], 'MINID', low)
return 1
"""
ANSWER_TIMEOUT = 5.0  # seconds a request waits for its command's published outcome


class StreamJournal:
    """The host's Persistence in this mode: the commands stream is the journal, owned by the
    workers; this host never appends steps itself."""

    def append(self, lines: list[str], effects: list[str], extra: dict[str, Any]) -> int:
        raise RuntimeError("scale-out mode: commands go to the stream, not to the web host")

    def save_snapshot(self, seq: int, snapshot: str, host_state: dict[str, Any]) -> None:
        raise RuntimeError("scale-out mode: the follower stores its own snapshot")

    def load(self) -> Saved:
        return Saved(None, None, [])

    def close(self) -> None:
        pass


@dataclasses.dataclass(frozen=True)
class Outcome:
    """A published command as the follower applied it."""

    effects: list[dict[str, Any]]
    error: str  # "code: message", or "" when accepted
    chat: str | None  # for request_chat: the chat the shopper has now


class StreamHost(Host):
    """A Host whose engine follows the merchant's streams instead of owning the journal."""

    fires_timers = False  # the worker owning the merchant does (scaleout/stamp.py)

    def __init__(self, url: str, merchant: str, clock: Clock, snapshot_every: int = 1000) -> None:
        super().__init__(StreamJournal(), clock, snapshot_every)
        self.url, self.keys = url, MerchantKeys(merchant)
        self.redis = redis.Redis.from_url(url, decode_responses=True)
        try:
            self.redis.ping()
        except redis.RedisError as e:
            raise ConnectionError(f"--scaleout {url}: {e}") from e
        self.stamper = Stamper(self.redis)
        self._save = self.redis.register_script(SAVE)
        self.engine = new_engine()
        self.applied = ZERO  # the last published command the follower applied
        self.since_snapshot = 0
        self.waiting: dict[str, asyncio.Future[Outcome]] = {}
        self.failure: str | None = None  # why the follower stopped (commands are then refused)

    # -- start ---------------------------------------------------------------------------------
    def restore(self) -> bool:
        """Registers the merchant, restores the follower snapshot (else the workers' one, whose
        host data before it is unknown) and applies what was published since; False when the
        merchant has no commands yet."""
        register(self.redis, [self.keys.merchant])
        snap: dict[str, str] = self.redis.hgetall(self.keys.follower)  # type: ignore[assignment]
        if snap:
            self.engine = new_engine(snap["data"])
            self.state = HostState(json.loads(snap["host_state"]))
        else:
            snap = self.redis.hgetall(self.keys.snapshot)  # type: ignore[assignment]
            if snap:
                LOG.warning("%s: no follower snapshot; host data before %s is unknown",
                            self.keys.merchant, snap["id"])
                self.engine = new_engine(snap["data"])
        self.applied = snap.get("id", ZERO)
        self.save()  # from now on, the workers keep the commands after it
        self.catch_up()
        return self.applied != ZERO or bool(self.redis.xlen(self.keys.commands))

    def catch_up(self, until: str = ZERO, timeout: float = 0.0) -> bool:
        """Applies what is published after the follower's id; waits up to `timeout` seconds
        for command `until` to be published. True when the follower is at or past it."""
        deadline = time.monotonic() + timeout
        while True:
            entries: Any = self.redis.xrange(self.keys.effects, f"({self.applied}", "+", count=500)
            if entries:
                commands: Any = self.redis.xrange(self.keys.commands, entries[0][0],
                                                  entries[-1][0])
                self.follow(entries, commands)
            elif id_key(self.applied) >= id_key(until) or time.monotonic() >= deadline:
                return id_key(self.applied) >= id_key(until)
            else:
                time.sleep(0.02)

    def create(self, commands: list[dict[str, Any]], timeout: float = 10.0) -> bool:
        """Appends commands (the demo merchant on the first start) and waits up to `timeout`
        seconds for a worker to publish them; False when none did (they stay queued)."""
        last = ZERO
        for command in commands:
            last, _ = self.stamper.append(self.keys.merchant, command, self.now())
        return self.catch_up(last, timeout)

    # -- following the streams -----------------------------------------------------------------
    async def run(self) -> None:
        """Reads the effects stream as it grows and applies each entry (the background task)."""
        reader = redis.asyncio.Redis.from_url(self.url, decode_responses=True)
        try:
            await self._follow(reader)
        except Exception as e:
            LOG.exception("%s: the follower stopped", self.keys.merchant)
            self.failure = f"{type(e).__name__}: {e}"
            raise

    async def _follow(self, reader: redis.asyncio.Redis) -> None:
        while True:
            try:
                reply: Any = await reader.xread({self.keys.effects: self.applied}, count=200,
                                                block=1000)
                for _, entries in reply or []:
                    commands = await reader.xrange(self.keys.commands, entries[0][0],
                                                   entries[-1][0])
                    self.follow(entries, commands)
            except (redis.ConnectionError, redis.TimeoutError) as e:
                LOG.warning("%s: redis unavailable (%s)", self.keys.merchant, e)
                await asyncio.sleep(0.2)

    def follow(self, entries: list[Any], commands: list[Any]) -> None:
        """Applies published entries (id, {e, err}) given their commands, in order."""
        lines = dict(commands)
        for entry_id, published in entries:
            fields = lines.get(entry_id)
            if fields is None:
                raise RuntimeError(f"{self.keys.merchant}: command {entry_id} is not in the "
                                   "stream (trimmed below the follower snapshot)")
            outcome = self._apply(entry_id, fields, published)
            future = self.waiting.pop(entry_id, None)
            if future is not None and not future.done():
                future.set_result(outcome)
        self._maybe_snapshot()

    def _apply(self, entry_id: str, fields: dict[str, str], published: dict[str, str]) -> Outcome:
        line, extra = fields.get("c", ""), json.loads(fields.get("x") or "{}")
        effects, error = apply_entry(self.engine, line)
        if (effects, error) != (published.get("e", ""), published.get("err", "")):
            raise RuntimeError(f"{self.keys.merchant}: {entry_id} differs from its publication")
        self.applied = entry_id
        self.since_snapshot += 1
        parsed = [json.loads(e) for e in effects.split("\n") if e]
        command, chat = json.loads(line), None
        if not error and command.get("cmd") == "request_chat":
            chat = self._chat_id(command)
            if chat is not None:
                extra["chat"] = chat
        steps = [] if error else [line]
        self.state.observe(steps, parsed, extra)
        self._publish(steps, parsed, extra)
        if command.get("cmd") == "advance":
            self.publish_clock()
        self.wakeup.set()
        return Outcome(parsed, error, chat)

    def _maybe_snapshot(self) -> None:
        if self.since_snapshot >= self.snapshot_every:
            self.save()

    def save(self) -> None:
        """Stores the follower snapshot (engine + host data) as of the applied id."""
        self.since_snapshot = 0
        self._save(keys=[self.keys.follower, self.keys.snapshot, self.keys.effects], args=[
            self.applied, self.engine.snapshot(), json.dumps(self.state.to_json(),
                                                             sort_keys=True)])

    # -- commands and time ---------------------------------------------------------------------
    async def submit(self, command: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        """Appends a checked command (no `at`) and answers with its published outcome; raises
        HostError with the engine's code when it was refused, `unavailable` on no answer."""
        if self.failure is not None:
            raise HostError("internal", f"the follower engine stopped: {self.failure}")
        extra = _host_fields(command)
        if command.get("cmd") == "request_chat" and "chat" not in command:
            command["chat"] = "w-" + secrets.token_hex(6)  # unique whatever the follower knows
        try:
            entry_id, _ = self.stamper.append(self.keys.merchant, command, self.now(), extra)
        except redis.RedisError as e:  # the append may or may not have landed
            raise HostError("unavailable", f"redis: {e}; the command may or may not be queued "
                            "(look before sending it again)") from None
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self.waiting[entry_id] = future
        try:
            outcome = await asyncio.wait_for(future, ANSWER_TIMEOUT)
        except asyncio.TimeoutError:
            raise HostError("unavailable", (
                f"merchant {self.keys.merchant}: command {entry_id} is queued but no worker "
                f"published its outcome within {ANSWER_TIMEOUT:g} s; it will be applied when a "
                "worker holds the merchant (do not send it again)")) from None
        finally:
            self.waiting.pop(entry_id, None)
        if outcome.error:
            code, _, message = outcome.error.partition(": ")
            raise HostError(code, message)
        return outcome.effects, outcome.chat

    async def advance_to_clock(self) -> list[dict[str, Any]]:
        """The test clock: appends an `advance` at the clock's time and answers its effects."""
        effects, _ = await self.submit({"cmd": "advance"})
        return effects

    def advance(self, *, move: bool = False) -> list[dict[str, Any]]:
        """Nothing: the worker owning the merchant fires the timers through the stream."""
        return []

    def execute(self, command: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
        raise RuntimeError("scale-out mode: use submit()")
