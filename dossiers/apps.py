"""App configuration for dossiers (hồ sơ thủ tục hành chính)."""

from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Hồ sơ thủ tục hành chính"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from core.celery import register_periodic

        from . import signal_handlers

        register_periodic(
            "dossiers-sweep-notifications",
            "dossiers.tasks.sweep_notifications",
            float(settings.SWEEP_INTERVAL_SECONDS),
        )
        signal_handlers.register()
