"""Public procedure search on OpenSearch (the only app that talks to the engine).

Stands on ``catalogue`` and ``core``. ``documents`` (index and mapping),
``queries`` (query building), ``indexing`` (bulk writes and the alias swap),
``services`` (search with the database fallback), ``rules`` and
``synonyms`` (the editors' synonym rules and the query-time table),
``signal_handlers`` (publishing queues indexing), ``tasks``, ``engine/`` (a
local node from Maven Central jars).
"""
