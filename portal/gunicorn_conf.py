"""Gunicorn settings for the web process: ``make run`` and the benchmarks.

Threaded workers: a search request spends most of its time waiting for
OpenSearch, and a sync worker would sit idle through that wait; with threads,
one process per core (plus one) keeps the CPU busy while requests wait.
Environment variables tune it for a bigger machine.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
timeout = 60

# Gunicorn's defaults, stated: a request line (method, URL, version) over 4094
# bytes is answered 414, a header over 8190 bytes 431 — as problem+json, not
# gunicorn's HTML page (portal/gunicorn_errors.py).
limit_request_line = 4094
limit_request_field_size = 8190


def post_fork(server, worker):
    from portal.gunicorn_errors import install

    install()
