"""The portal's cache backends: Redis with its client reused, and a
database cache that evicts by time, not by key order.

Django's Redis backend builds a new ``redis.Redis`` object for every cache
call; redis-py's constructor (retry policy, response callbacks) costs about
as much CPU as the call itself, and a submission makes a dozen (rate limits,
the public cache's versions). ``RedisCache`` keeps one client per connection
pool (a client over a pool is safe to share between threads).

Django's database cache, once full, first drops the expired entries and then
a fraction of the rest in key order: whatever key sorts first goes, however
fresh. A flood of new keys could push out what sorts before them (in
``make run`` that was the workers' registry, and the rate limits with it).
This one drops the entries nearest to expiry instead, so the long-lived ones
stay and a burst of short-lived limiter entries ages out first.
"""

from __future__ import annotations

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import connections

# INCRBY of a key that is there, in one round trip (Django's backend asks
# EXISTS first, then INCRBY: two for every version bump).
_INCR_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return false
"""


class _ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._incr_scripts: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        script = self._incr_scripts.get(id(client))
        if script is None:
            script = self._incr_scripts[id(client)] = client.register_script(
                _INCR_EXISTING
            )
        value = script(keys=[key], args=[delta])
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class RedisCache(DjangoRedisCache):
    """Django's Redis cache with one client object per connection pool."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _ReusedClient


class TimeCulledDatabaseCache(DatabaseCache):
    def _cull(self, db, cursor, now, num):
        if self._cull_frequency == 0:
            self.clear()
            return
        connection = connections[db]
        table = connection.ops.quote_name(self._table)
        expires = connection.ops.quote_name("expires")
        key = connection.ops.quote_name("cache_key")
        cursor.execute(
            f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608 - names quoted
            [connection.ops.adapt_datetimefield_value(now)],
        )
        remaining = num - cursor.rowcount
        if remaining > self._max_entries:
            cursor.execute(
                f"DELETE FROM {table} WHERE {key} IN ("  # noqa: S608 - names quoted
                f"SELECT {key} FROM {table} ORDER BY {expires}, {key} LIMIT %s)",
                [remaining // self._cull_frequency],
            )
