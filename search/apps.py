"""App configuration for the public search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Tìm kiếm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.celery import register_periodic

        from . import signal_handlers

        signal_handlers.register()
        # Usage scores (page views, dossiers) feed the ranking's prior and the
        # "most used" lists.
        register_periodic("search-refresh-usage", "search.tasks.refresh_usage", 3600)
