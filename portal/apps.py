"""App configuration for the project package (management commands, tasks)."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Cổng hành chính công"
