"""App configuration for feedback (petitions and ratings)."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Phản ánh, kiến nghị và đánh giá"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from core.celery import register_periodic

        from . import signal_handlers

        register_periodic(
            "feedback-sweep-unprocessed",
            "feedback.tasks.sweep_unprocessed",
            float(settings.SWEEP_INTERVAL_SECONDS),
        )
        signal_handlers.register()
