"""The Django project, and the composition root above every app.

Settings, root URLs, the one API router (``api.py``) and the Celery
application with its workers' heartbeat (``celery.py``); and what reads
across the apps: the home page's summary (``summary.py``), health of the
services (``health.py``, ``/healthz``) and ``make run``'s demo set-up
(``demo.py``, ``run.py``). Nothing below imports this package: what the apps
share lives in ``core``.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
