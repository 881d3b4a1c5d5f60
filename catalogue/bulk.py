"""Bulk writes without Wagtail's per-save background jobs.

Every ``save()`` of an indexed model enqueues two django-tasks jobs: the admin
search index (modelsearch) and the reference index (Wagtail). With the
immediate backend they run inside the save, and an import saves each page
three times (create, revision, publish) plus each of its child rows, so one
procedure costs a dozen index updates of the same object.

``deferred_index_updates()`` records which objects were saved in the current
thread instead, and brings both indexes up to date once per object when the
block ends: the same final state, one update each. Other threads keep the
normal per-save behaviour. Objects whose rows were rolled back meanwhile (a
failed record, a dry run) are simply skipped.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals
from modelsearch.backends import get_search_backends_with_name
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)

BATCH_SIZE = 200

_local = threading.local()
_lock = threading.Lock()
# Models whose modelsearch post_save handler is swapped for ours, and how many
# deferring blocks (in any thread) are open.
_swapped: list[type[models.Model]] = []
_open_blocks = 0
# Other apps' per-page work batched the same way: ``defer_page()`` inside a
# block records a page id, and each hook gets the set once when the block ends
# (the search app turns a large import into one rebuild, not a task a page).
_page_hooks: list[Callable[[set[int]], None]] = []


def on_deferred_pages(hook: Callable[[set[int]], None]) -> None:
    if hook not in _page_hooks:
        _page_hooks.append(hook)


def defer_page(page_id: int) -> bool:
    """Record ``page_id`` for the hooks if a deferring block is open here."""
    pages = getattr(_local, "pages", None)
    if pages is None:
        return False
    pages.add(page_id)
    return True


def _on_post_save(sender, instance, raw: bool = False, **kwargs: Any) -> None:
    """Record the save in a deferring thread; elsewhere index as modelsearch does."""
    if raw:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.add((sender, instance.pk))
    elif sender in _swapped:
        search_signals.post_save_signal_handler(
            instance=instance, sender=sender, raw=raw, **kwargs
        )


def _swap_in() -> None:
    global _open_blocks
    with _lock:
        _open_blocks += 1
        if _open_blocks > 1:
            return
        for model in search_index.get_indexed_models():
            if post_save.disconnect(search_signals.post_save_signal_handler, model):
                _swapped.append(model)
        post_save.connect(_on_post_save, dispatch_uid="catalogue-bulk-post-save")


def _swap_out() -> None:
    global _open_blocks
    with _lock:
        _open_blocks -= 1
        if _open_blocks > 0:
            return
        post_save.disconnect(dispatch_uid="catalogue-bulk-post-save")
        for model in _swapped:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
        _swapped.clear()


@contextmanager
def deferred_index_updates() -> Iterator[None]:
    """Run the admin search and reference index updates once, at the end."""
    if getattr(_local, "pending", None) is not None:
        yield  # nested: the outer block updates
        return
    pending: set[tuple[type[models.Model], Any]] = set()
    pages: set[int] = set()
    _swap_in()
    swapped = set(_swapped)
    _local.pending = pending
    _local.pages = pages
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _local.pending = None
        _local.pages = None
        _swap_out()
        update_indexes(pending, search_models=swapped)
        if pages:
            for hook in _page_hooks:
                hook(pages)


def _chunks(items: list[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def update_indexes(
    saved: Iterable[tuple[type[models.Model], Any]],
    *,
    search_models: set[type[models.Model]],
) -> None:
    """Bring the search and reference indexes up to date for saved objects."""
    by_model: dict[type[models.Model], set[Any]] = defaultdict(set)
    for model, pk in saved:
        if pk is not None:
            by_model[model].add(pk)
    for model, pks in by_model.items():
        if model in search_models:
            _update_search_index(model, sorted(pks))
    _update_reference_index(by_model)


def _update_search_index(model: type[models.Model], pks: list[Any]) -> None:
    for chunk in _chunks(pks):
        # Like modelsearch's own task: only objects still in the indexed set.
        objects = list(model.get_indexed_objects().filter(pk__in=chunk))
        if not objects:
            continue
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, objects)
            except Exception:
                logger.exception("Bulk indexing %s into %r failed", model, name)
                if not backend.catch_indexing_errors:
                    raise


def _parental_key(model: type[models.Model]) -> ParentalKey | None:
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey):
            return field
    return None


def _update_reference_index(by_model: dict[type[models.Model], set[Any]]) -> None:
    # A child row's references are recorded under its parent (as Wagtail's own
    # task does): map child rows to their parents' ids without loading them.
    targets: dict[type[models.Model], set[Any]] = defaultdict(set)
    queue = [
        (m, pks) for m, pks in by_model.items() if m in ReferenceIndex.tracked_models
    ]
    while queue:
        model, pks = queue.pop()
        key = _parental_key(model)
        if key is None:
            targets[model] |= set(pks)
            continue
        parents: set[Any] = set()
        for chunk in _chunks(sorted(pks)):
            parents.update(
                model._default_manager.filter(pk__in=chunk)
                .exclude(**{f"{key.attname}__isnull": True})
                .values_list(key.attname, flat=True)
            )
        queue.append((key.related_model, parents))
    for model, pks in targets.items():
        if not ReferenceIndex.is_indexed(model):
            continue
        for chunk in _chunks(sorted(pks)):
            for instance in model._default_manager.filter(pk__in=chunk):
                with transaction.atomic():
                    ReferenceIndex.create_or_update_for_object(instance)
