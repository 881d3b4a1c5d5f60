"""Keep the index in step with publishing: queue an indexing task after commit."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue import bulk
from catalogue.models import Agency, ProcedurePage

from . import synonyms
from .models import Synonym

# An import that publishes more pages than this queues one full rebuild
# instead of a task a page (a first import would otherwise leave search
# answering from the database until hundreds of tasks had run).
REBUILD_THRESHOLD = 50


def _queue_index(page_id: int) -> None:
    from .tasks import index_procedure

    if bulk.defer_page(page_id):
        return  # inside an import: _queue_deferred sees it at the end
    transaction.on_commit(lambda: index_procedure.delay(page_id))


def _queue_deferred(page_ids: set[int]) -> None:
    from .tasks import index_procedure, rebuild_index

    if len(page_ids) >= REBUILD_THRESHOLD:
        transaction.on_commit(rebuild_index.delay)
        return
    for page_id in sorted(page_ids):
        transaction.on_commit(lambda page_id=page_id: index_procedure.delay(page_id))


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
    bulk.on_deferred_pages(_queue_deferred)
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
