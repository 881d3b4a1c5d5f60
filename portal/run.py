"""``make run``: start every process of the portal under honcho.

Prints where to go, then hands over to honcho (a maintained Procfile process
manager): one Ctrl-C stops the search engine, the worker, beat, Django and the
SvelteKit server together.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    # Shared by the API and the SvelteKit server (both inherit it from here):
    # the SvelteKit server's X-Portal-Client-Address is believed only with it.
    os.environ.setdefault("PORTAL_FRONTEND_SECRET", secrets.token_urlsafe(32))
    import django

    django.setup()
    from django.conf import settings

    from portal import demo

    django_port = os.environ.setdefault("DJANGO_PORT", "8000")
    frontend_port = os.environ.setdefault("FRONTEND_PORT", "3000")
    os.environ.setdefault("PORTAL_API_URL", f"http://127.0.0.1:{django_port}")
    os.environ.setdefault("ORIGIN", f"http://127.0.0.1:{frontend_port}")
    username, password = demo.admin_credentials()
    lines = [
        "",
        f"  {settings.PORTAL_NAME}",
        f"  Citizens (SvelteKit):  http://127.0.0.1:{frontend_port}/",
        f"  Editors (Wagtail):     http://127.0.0.1:{django_port}/admin/",
        f"      user: {username}   password: {password}",
        f"  API docs:              http://127.0.0.1:{django_port}/api/v1/docs/",
        f"  Health:                http://127.0.0.1:{django_port}/healthz",
        "  Stop everything with Ctrl-C.",
        "",
    ]
    print("\n".join(lines), flush=True)
    honcho = Path(sys.executable).parent / "honcho"
    os.execv(  # noqa: S606 - replaces this process with the process manager
        honcho,
        [str(honcho), "start", "-f", str(ROOT / "Procfile"), "-d", str(ROOT)],
    )


if __name__ == "__main__":
    main()
