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

from django.db import connection, connections, models, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
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
        relations = [r.get_accessor_name() for r in get_all_child_relations(model)]
        for chunk in _chunks(sorted(pks)):
            instances = model._default_manager.filter(pk__in=chunk)
            with transaction.atomic():
                _index_references(model, list(instances.prefetch_related(*relations)))


def _index_references(model: type[models.Model], instances: list[Any]) -> None:
    """``ReferenceIndex.create_or_update_for_object`` for many objects of one
    model: the same rows, with one query to read and one to write for all
    (and the child rows prefetched) instead of several an object."""
    from django.contrib.contenttypes.models import ContentType

    if not instances:
        return
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known = {ct.id for ct in content_types}
    found = {
        str(instance.pk): set(ReferenceIndex._extract_references_from_object(instance))
        for instance in instances
    }
    existing: dict[str, dict[tuple, tuple[int, int]]] = defaultdict(dict)
    rows = ReferenceIndex.objects.filter(
        base_content_type=base_content_type, object_id__in=list(found)
    ).values_list(
        "id",
        "content_type_id",
        "object_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    )
    for pk, ct_id, object_id, to_ct, to_id, model_path, content_path in rows:
        existing[object_id][(to_ct, to_id, model_path, content_path)] = (ct_id, pk)
    new = []
    stale = []
    for object_id, references in found.items():
        known_here = existing.get(object_id, {})
        for to_ct, to_id, model_path, content_path in references - set(known_here):
            new.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=object_id,
                    to_content_type_id=to_ct,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(
                        content_path
                    ),
                )
            )
        # As Wagtail does: a row recorded under a more specific model is left.
        stale.extend(
            pk
            for reference, (ct_id, pk) in known_here.items()
            if reference not in references and ct_id in known
        )
    ReferenceIndex.objects.bulk_create(
        new,
        batch_size=BATCH_SIZE,
        ignore_conflicts=connection.features.supports_ignore_conflicts,
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()


# --- publishing new pages in bulk ---------------------------------------------


def record_saved(model: type[models.Model], pks: Iterable[Any]) -> None:
    """Note rows written without ``save()`` for the index updates at the end."""
    pending = getattr(_local, "pending", None)
    if pending is None:
        raise RuntimeError("record_saved() needs an open deferred_index_updates()")
    pending.update((model, pk) for pk in pks)


def publish_new_pages(parent, pages: list, *, now=None) -> list:
    """Add unsaved ``pages`` (one specific page model) under ``parent`` and
    publish them, with a few statements for the lot instead of Wagtail's
    two dozen a page.

    The rows are those ``parent.add_child(instance=page)``,
    ``page.save_revision()`` and ``revision.publish()`` leave: the page with
    its tree path, URL path and live revision, its cluster children (any
    child relation the caller filled in memory), one revision holding the
    page as it was before publishing, the "create" and "publish" log entries,
    the parent's child count. ``post_save`` (created) and ``page_published``
    are sent for each page, as the publish would, so the receivers (the
    shared cache, the search index) stay in step; the admin search and
    reference indexes are updated when the deferring block ends (one must be
    open). The caller validates the pages first and gives each a slug free
    among ``parent``'s children; this runs inside the caller's transaction.
    Returns the revisions, one a page.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page, PageLogEntry, Revision
    from wagtail.signals import page_published

    if not pages:
        return []
    if getattr(_local, "pending", None) is None:
        raise RuntimeError("publish_new_pages() needs deferred_index_updates()")
    model = type(pages[0])
    now = now or timezone.now()
    content_type = ContentType.objects.get_for_model(model)
    base_content_type = ContentType.objects.get_for_model(Page)
    # The parent row locked, as treebeard's add_child does, then paths after
    # its last child's.
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_children().order_by("-path").values_list("path", flat=True)
    last = last.first()
    position = Page._str2int(last[-Page.steplen :]) if last else 0
    for page in pages:
        position += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, position)
        page.numchild = 0
        page.url_path = parent.url_path + page.slug + "/"
        page.draft_title = page.title
        page.content_type = content_type
        if page.locale_id is None:
            page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now

    using = parent._state.db
    # The base rows (ids from the database), then the specific model's own.
    insert_rows(Page, pages, using)
    for page in pages:
        page.page_ptr_id = page.id
    insert_rows(model, pages, using, local_only=True)

    # Cluster children kept in memory on the unsaved pages.
    for relation in get_all_child_relations(model):
        key = relation.field.attname
        children = []
        for page in pages:
            for child in getattr(page, relation.get_accessor_name()).all():
                setattr(child, key, page.pk)
                children.append(child)
        insert_rows(relation.related_model, children, using)

    # The revision holds the page as save_revision() saw it: not yet live.
    revisions = []
    for page in pages:
        live_state = _swap_publish_state(page, None)
        content = page.serializable_data()
        _swap_publish_state(page, live_state)
        revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=now,
                user=None,
                approved_go_live_at=None,
                content=content,
                object_str=str(page),
            )
        )
    insert_rows(Revision, revisions, using)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    Page.objects.bulk_update(
        pages, ["latest_revision", "live_revision"], batch_size=BATCH_SIZE
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))

    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        for action, entry_revision in (
            ("wagtail.create", None),
            ("wagtail.publish", revision),
        ):
            entries.append(
                PageLogEntry(
                    content_type=content_type,
                    label=page.get_admin_display_title(),
                    action=action,
                    timestamp=now,
                    data={},
                    user=None,
                    revision=entry_revision,
                    content_changed=True,
                    page_id=page.pk,
                )
            )
    insert_rows(PageLogEntry, entries, using)

    for page, revision in zip(pages, revisions, strict=True):
        post_save.send(
            sender=model,
            instance=page,
            created=True,
            update_fields=None,
            raw=False,
            using=using,
        )
        page_published.send(sender=model, instance=page, revision=revision)
    return revisions


def insert_rows(
    model: type[models.Model],
    objects: list[models.Model],
    using: str,
    *,
    local_only: bool = False,
) -> None:
    """INSERT ``objects`` with one multi-row VALUES statement a batch, and set
    their new primary keys, as ``bulk_create`` does.

    ``bulk_create`` on PostgreSQL sends each column as one array
    (``UNNEST``), which psycopg's client-side binding spells out in Python,
    escaping every quote of every JSON text: most of an import's time. Rows
    of plain values go through libpq's own quoting. ``local_only``: the
    model's own table only (a child model's row under its written parent's).
    """
    if not objects:
        return
    db = connections[using]
    meta = model._meta
    fields = list(meta.local_concrete_fields if local_only else meta.concrete_fields)
    pk = meta.pk
    generated = (
        not local_only and pk.db_returning and getattr(objects[0], pk.attname) is None
    )
    if generated:
        fields = [f for f in fields if f is not pk]
    quote = db.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    for chunk in _chunks(objects):
        params = [
            f.get_db_prep_save(f.pre_save(obj, True), connection=db)
            for obj in chunk
            for f in fields
        ]
        # Identifiers from the model's options, quoted; values as parameters.
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608
            f"VALUES {', '.join([row] * len(chunk))}"
        )
        if generated:
            sql += f" RETURNING {quote(pk.column)}"
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            if generated:
                for obj, (value,) in zip(chunk, cursor.fetchall(), strict=True):
                    setattr(obj, pk.attname, value)
        for obj in chunk:
            obj._state.adding = False
            obj._state.db = using


_PUBLISH_FIELDS = (
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "live_revision",
    "latest_revision",
)


def _swap_publish_state(page, state: dict | None) -> dict:
    """Put ``state`` (None: the unpublished one) on ``page``; return the old."""
    old = {name: getattr(page, name) for name in _PUBLISH_FIELDS}
    if state is None:
        state = dict.fromkeys(_PUBLISH_FIELDS)
        state["live"] = state["has_unpublished_changes"] = False
    for name, value in state.items():
        setattr(page, name, value)
    return old
