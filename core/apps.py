"""App configuration for core (what several apps share)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Dùng chung"
    default_auto_field = "django.db.models.BigAutoField"
