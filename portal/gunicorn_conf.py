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
