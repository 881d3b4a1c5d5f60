"""Keep the index in step with publishing: queue an indexing task after commit."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import Agency, ProcedurePage

from . import synonyms
from .models import Synonym


def _queue_index(page_id: int) -> None:
    from .tasks import index_procedure

    transaction.on_commit(lambda: index_procedure.delay(page_id))


def on_publish_change(sender, instance, **kwargs) -> None:
    _queue_index(instance.pk)


def on_delete(sender, instance, **kwargs) -> None:
    from .tasks import remove_procedure

    page_id = instance.pk  # captured before the row is gone
    transaction.on_commit(lambda: remove_procedure.delay(page_id))


def on_move(sender, instance, **kwargs) -> None:
    if isinstance(instance.specific_deferred, ProcedurePage):
        _queue_index(instance.pk)


def on_synonyms_change(**kwargs) -> None:
    synonyms.forget()


def on_agency_change(**kwargs) -> None:
    from .services import forget_agency_names

    forget_agency_names()


def register() -> None:
    page_published.connect(
        on_publish_change, sender=ProcedurePage, dispatch_uid="s-pub"
    )
    page_unpublished.connect(
        on_publish_change, sender=ProcedurePage, dispatch_uid="s-unpub"
    )
    post_delete.connect(on_delete, sender=ProcedurePage, dispatch_uid="s-del")
    post_page_move.connect(on_move, dispatch_uid="s-move")
    post_save.connect(on_synonyms_change, sender=Synonym, dispatch_uid="s-syn-save")
    post_delete.connect(on_synonyms_change, sender=Synonym, dispatch_uid="s-syn-del")
    post_save.connect(on_agency_change, sender=Agency, dispatch_uid="s-agency-save")
    post_delete.connect(on_agency_change, sender=Agency, dispatch_uid="s-agency-del")
