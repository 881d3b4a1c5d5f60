"""Change history of procedures and following them by e-mail or feed."""

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Lịch sử thay đổi và theo dõi thủ tục"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from core.celery import register_periodic

        from . import signal_handlers

        register_periodic(
            "alerts-sweep-unsent",
            "alerts.tasks.sweep_unsent",
            float(settings.SWEEP_INTERVAL_SECONDS),
        )
        signal_handlers.register()
