"""App configuration for dossiers (hồ sơ thủ tục hành chính)."""

from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Hồ sơ thủ tục hành chính"
    default_auto_field = "django.db.models.BigAutoField"
