"""Catalogue signals: bump the catalogue's version in the shared cache of
public reads (procedure detail and lists, fields, agencies, life events, the
home page's counts) when anything public in it changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import services
from .models import (
    Agency,
    Counter,
    Field,
    LifeEvent,
    ProcedureAgency,
    ProcedurePage,
)


def _forget(**kwargs) -> None:
    services.forget_catalogue_version()


def _forget_on_move(sender, instance, **kwargs) -> None:
    if isinstance(instance.specific_deferred, ProcedurePage):
        services.forget_catalogue_version()


def register() -> None:
    page_published.connect(_forget, sender=ProcedurePage, dispatch_uid="cat-pub")
    page_unpublished.connect(_forget, sender=ProcedurePage, dispatch_uid="cat-unpub")
    post_page_move.connect(_forget_on_move, dispatch_uid="cat-move")
    for model in (ProcedurePage, Agency, Field, LifeEvent, ProcedureAgency, Counter):
        post_save.connect(_forget, sender=model, dispatch_uid=f"cat-save-{model}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"cat-del-{model}")
    m2m_changed.connect(
        _forget, sender=ProcedurePage.life_events.through, dispatch_uid="cat-events"
    )
    m2m_changed.connect(
        _forget, sender=Counter.departments.through, dispatch_uid="cat-counters"
    )
    m2m_changed.connect(
        _forget,
        sender=ProcedurePage.related_procedures.through,
        dispatch_uid="cat-related",
    )
