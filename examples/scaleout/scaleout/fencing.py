"""The Lua scripts that make leases and fencing atomic in Redis.

A lease is the string `owner:epoch` under the merchant's lease key, with a TTL. Every write an
owner makes (effects + applied id, snapshot + trim, renewal, release) runs in one script that
first compares the lease key with the writer's token: a writer whose lease expired or was
taken over (a new epoch) changes nothing, and the refusal is counted in the `fenced` key.
"""

from __future__ import annotations

from typing import Any

import redis

from .keys import WORKERS, MerchantKeys

ACQUIRE = """
local cur = redis.call('GET', KEYS[1])
if cur and string.sub(cur, 1, #ARGV[1] + 1) ~= ARGV[1] .. ':' then return 0 end
local epoch = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. epoch, 'PX', ARGV[2])
return epoch
"""

RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
redis.call('INCR', KEYS[2])
return 0
"""

RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""

# ARGV: token, epoch, the applied id the batch starts after, then (id, effects, error) triples.
COMMIT = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  redis.call('INCR', KEYS[4])
  return 0
end
local applied = redis.call('GET', KEYS[2]) or '0-0'
if applied ~= ARGV[3] then return redis.error_reply('applied is ' .. applied .. ', not ' .. ARGV[3]) end
for i = 4, #ARGV, 3 do
  redis.call('XADD', KEYS[3], ARGV[i], 'e', ARGV[i + 1], 'err', ARGV[i + 2], 'epoch', ARGV[2])
end
redis.call('SET', KEYS[2], ARGV[#ARGV - 2])
return 1
"""

# ARGV: token, snapshot id, snapshot text, epoch. Trims the commands below the snapshot, or
# below the web layer's follower snapshot (KEYS[5]) when that one is older.
SNAPSHOT = """
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  redis.call('INCR', KEYS[4])
  return 0
end
redis.call('HSET', KEYS[2], 'id', ARGV[2], 'data', ARGV[3], 'epoch', ARGV[4])
local low = ARGV[2]
local follower = redis.call('HGET', KEYS[5], 'id')
if follower then
  local fm, fs = string.match(follower, '^(%d+)-(%d+)$')
  local sm, ss = string.match(low, '^(%d+)-(%d+)$')
  fm, fs, sm, ss = tonumber(fm), tonumber(fs), tonumber(sm), tonumber(ss)
  if fm < sm or (fm == sm and fs < ss) then low = follower end
end
redis.call('XTRIM', KEYS[3], 'MINID', low)
return 1
"""

# ARGV: worker name, TTL (ms). Returns the number of live workers (Redis' clock).
HEARTBEAT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
"""


class Fencing:
    """The registered scripts, called with one merchant's keys."""

    def __init__(self, client: redis.Redis) -> None:
        self._acquire = client.register_script(ACQUIRE)
        self._renew = client.register_script(RENEW)
        self._release = client.register_script(RELEASE)
        self._commit = client.register_script(COMMIT)
        self._snapshot = client.register_script(SNAPSHOT)
        self._heartbeat = client.register_script(HEARTBEAT)

    def acquire(self, keys: MerchantKeys, owner: str, ttl_ms: int) -> int:
        """A new epoch (> 0) when the lease was free or already ours; 0 when another holds it."""
        return int(self._acquire(keys=[keys.lease, keys.epoch], args=[owner, ttl_ms]))

    def renew(self, pipe: Any, keys: MerchantKeys, token: str, ttl_ms: int) -> None:
        """Queues a renewal in pipeline `pipe`: its reply is 1 when the lease is still `token`
        (its TTL restarts), 0 (counted) when lost."""
        self._renew(keys=[keys.lease, keys.fenced], args=[token, ttl_ms], client=pipe)

    def release(self, keys: MerchantKeys, token: str) -> None:
        """Gives the lease up when it is still `token`."""
        self._release(keys=[keys.lease], args=[token])

    def commit(self, keys: MerchantKeys, token: str, epoch: int, after: str,
               results: list[tuple[str, str, str]]) -> bool:
        """Publishes (id, effects, error) per command and moves the applied id to the last one;
        False (counted, nothing written) when the lease is no longer `token`."""
        args: list[Any] = [token, epoch, after]
        for entry in results:
            args.extend(entry)
        return bool(self._commit(keys=[keys.lease, keys.applied, keys.effects, keys.fenced],
                                 args=args))

    def snapshot(self, keys: MerchantKeys, token: str, entry_id: str, data: str,
                 epoch: int) -> bool:
        """Stores the snapshot as of `entry_id` and trims the commands below it (XTRIM MINID; not
        below the web layer's follower snapshot); False (counted, nothing written) when the lease
        is no longer `token`."""
        return bool(self._snapshot(keys=[keys.lease, keys.snapshot, keys.commands, keys.fenced,
                                         keys.follower], args=[token, entry_id, data, epoch]))

    def heartbeat(self, name: str, ttl_ms: int) -> int:
        """Marks worker `name` alive for `ttl_ms`; returns how many workers are alive."""
        return int(self._heartbeat(keys=[WORKERS], args=[name, ttl_ms]))
