"""Catalogue signals: keep the public version token fresh."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from . import services
from .models import Agency, Field, LifeEvent, ProcedurePage


def _forget(**kwargs) -> None:
    services.forget_catalogue_version()


def register() -> None:
    page_published.connect(_forget, sender=ProcedurePage, dispatch_uid="cat-pub")
    page_unpublished.connect(_forget, sender=ProcedurePage, dispatch_uid="cat-unpub")
    for model in (ProcedurePage, Agency, Field, LifeEvent):
        post_save.connect(_forget, sender=model, dispatch_uid=f"cat-save-{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"cat-del-{model}")
