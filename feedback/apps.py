"""App configuration for feedback (petitions and ratings)."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Phản ánh, kiến nghị và đánh giá"
    default_auto_field = "django.db.models.BigAutoField"
