"""The worker process: holds leases on a fair share of the merchants, applies each owned
merchant's commands in stream order, publishes their effects and snapshots, all fenced by the
lease epoch (fencing.py). Any doubt (a refused write, a lost connection) drops the merchant
from memory; holding it again means a takeover from what Redis has."""

from __future__ import annotations

import math
import sys
import time
import zlib
from typing import Any, Callable, TextIO

import redis

from .fencing import Fencing
from .keys import MERCHANTS, WORKERS, MerchantKeys
from .merchant import Owned, take_over
from .stamp import Stamper, to_ms


def wall_ms() -> int:
    """The system clock in ms since the epoch (when the worker fires timers)."""
    return int(time.time() * 1000)


class Worker:
    """One worker process' loop. `ttl_ms`: lease lifetime (renewed every third of it);
    `timers`: fire the timers of stamped merchants at `now_ms()` (stamp.py)."""

    def __init__(self, client: redis.Redis, name: str, *, ttl_ms: int = 3000,
                 snapshot_every: int = 500, batch: int = 100, log: TextIO = sys.stdout,
                 timers: bool = True, now_ms: Callable[[], int] = wall_ms) -> None:
        self.client, self.name, self.ttl_ms = client, name, ttl_ms
        self.snapshot_every, self.batch, self.log = snapshot_every, batch, log
        self.timers, self.now_ms = timers, now_ms
        self.fencing, self.stamper = Fencing(client), Stamper(client)
        self.owned: dict[str, Owned] = {}
        self.stopping = False
        self.next_tick = 0.0
        self.ticks = 0
        self.live = 1  # live workers at the last heartbeat
        self.counts = {"applied": 0, "acquired": 0, "lost": 0, "released": 0, "snapshots": 0,
                       "timers": 0}

    def say(self, text: str) -> None:
        """One log line (tests read the logs)."""
        print(f"{self.name}: {text}", file=self.log, flush=True)

    # -- the loop ------------------------------------------------------------------------------
    def run(self) -> None:
        """Runs until `stopping` is set, then snapshots and releases what it holds."""
        self.say("started")
        while not self.stopping:
            try:
                if self.keep_alive():
                    self.balance()
                self.step()
                self.fire_timers()
            except (redis.ConnectionError, redis.TimeoutError, redis.BusyLoadingError) as e:
                self.say(f"redis unavailable ({type(e).__name__}); dropping "
                         f"{len(self.owned)} merchants")
                self.owned.clear()  # a write may or may not have landed: reload on takeover
                time.sleep(0.2)
        self.shutdown()

    def step(self) -> None:
        """Reads the next commands of every owned merchant (waits up to 50 ms) and applies them."""
        if not self.owned:
            time.sleep(0.05)
            return
        by_stream = {o.keys.commands: o for o in self.owned.values()}
        reply: Any = self.client.xread({k: o.applied for k, o in by_stream.items()},
                                       count=self.batch, block=50)
        for stream, entries in reply or []:
            owned = by_stream[stream]
            if owned.keys.merchant in self.owned and entries:
                self.process(owned, entries)
            self.keep_alive()

    def process(self, owned: Owned, entries: list[tuple[str, dict[str, str]]]) -> None:
        """Applies a batch, then publishes it in one fenced script."""
        results = owned.apply(entries)
        if not self.fencing.commit(owned.keys, owned.token, owned.epoch, owned.applied, results):
            self.lose(owned, "commit refused")
            return
        owned.applied = results[-1][0]
        owned.since_snapshot += len(results)
        self.counts["applied"] += len(results)
        if owned.since_snapshot >= self.snapshot_every:
            self.snapshot(owned)

    def fire_timers(self) -> None:
        """Appends an `advance` at the next deadline of each owned merchant whose timer is due,
        once per deadline, when its commands are stamped through the stream (its clock key
        exists; producers that stamp their own commands also fire their own timers)."""
        if not self.timers:
            return
        now = self.now_ms()
        for owned in list(self.owned.values()):
            deadline = owned.engine.next_deadline
            if deadline is None or to_ms(deadline) > now or owned.timer == deadline:
                continue
            owned.timer = deadline
            if self.client.exists(owned.keys.clock) and isinstance(
                    self.stamper.try_append(owned.keys.merchant, {"cmd": "advance"}, deadline),
                    str):
                self.counts["timers"] += 1

    def snapshot(self, owned: Owned) -> None:
        """Stores the engine snapshot as of the applied id (fenced) and trims the stream."""
        if self.fencing.snapshot(owned.keys, owned.token, owned.applied, owned.engine.snapshot(),
                                 owned.epoch):
            owned.since_snapshot = 0
            self.counts["snapshots"] += 1
        else:
            self.lose(owned, "snapshot refused")

    def lose(self, owned: Owned, why: str) -> None:
        """Forgets a merchant whose lease is gone (epoch rejected by Redis)."""
        self.owned.pop(owned.keys.merchant, None)
        self.counts["lost"] += 1
        self.say(f"lost {owned.keys.merchant} epoch {owned.epoch}: {why}")

    # -- leases --------------------------------------------------------------------------------
    def keep_alive(self) -> bool:
        """Heartbeat and lease renewal when a third of the TTL has passed since the last; the
        loop calls it between merchants too, so a long step does not let leases expire.
        True when it ran."""
        if time.monotonic() < self.next_tick:
            return False
        self.next_tick = time.monotonic() + self.ttl_ms / 3000
        self.live = self.fencing.heartbeat(self.name, self.ttl_ms)
        self.renew()
        return True

    def balance(self) -> None:
        """Takes or gives merchants towards a fair share of the live workers."""
        self.ticks += 1
        members: Any = self.client.smembers(MERCHANTS)
        merchants = sorted(members)
        if self.ticks == 1 or not merchants:
            return  # the first round only announces this worker, so the share counts it
        share = math.ceil(len(merchants) / max(self.live, 1))
        for merchant in sorted(self.owned)[share:]:
            self.release(self.owned[merchant])
        if len(self.owned) < share:
            self.acquire(merchants, share)

    def renew(self) -> None:
        """Renews every owned lease in one round trip; drops the ones lost."""
        owned = list(self.owned.values())
        pipe = self.client.pipeline(transaction=False)
        for o in owned:
            self.fencing.renew(pipe, o.keys, o.token, self.ttl_ms)
        for o, kept in zip(owned, pipe.execute()):
            if not kept:
                self.lose(o, "renewal refused")

    def acquire(self, merchants: list[str], share: int) -> None:
        """Takes free merchants (no lease) until this worker holds its share."""
        free = [m for m in merchants if m not in self.owned]
        pipe = self.client.pipeline(transaction=False)
        for m in free:
            pipe.exists(MerchantKeys(m).lease)
        free = [m for m, held in zip(free, pipe.execute()) if not held]
        free.sort(key=lambda m: zlib.crc32(f"{self.name}/{m}".encode()))  # spread the race
        for m in free[:share - len(self.owned)]:
            keys = MerchantKeys(m)
            epoch = self.fencing.acquire(keys, self.name, self.ttl_ms)
            if epoch:
                token = f"{self.name}:{epoch}"
                self.owned[m] = take_over(self.client, keys, token, epoch)
                self.counts["acquired"] += 1
                self.say(f"acquired {m} epoch {epoch} at {self.owned[m].applied}")
                self.keep_alive()

    def release(self, owned: Owned) -> None:
        """Snapshots a merchant and gives its lease up (rebalancing, shutdown)."""
        self.keep_alive()
        if owned.keys.merchant not in self.owned:
            return
        self.snapshot(owned)
        if owned.keys.merchant in self.owned:
            self.fencing.release(owned.keys, owned.token)
            del self.owned[owned.keys.merchant]
            self.counts["released"] += 1

    def shutdown(self) -> None:
        """Graceful stop: every owned merchant is snapshotted and released."""
        try:
            for owned in list(self.owned.values()):
                self.release(owned)
            self.client.zrem(WORKERS, self.name)
        except redis.RedisError as e:
            self.say(f"shutdown: {e}")
        self.say("stopped " + " ".join(f"{k}={v}" for k, v in self.counts.items()))
