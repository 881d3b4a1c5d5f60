"""English names of procedures and fields, loaded from a curated file.

``catalogue/fixtures/english-names.json`` holds English names for the most
used procedures (by code) and fields (by their Vietnamese name). They are
part of the catalogue: editors change them in the admin ("tên tiếng Anh"),
English pages show them and English search reads them.

Loading never overwrites a name an editor has set, creates no page revision
and publishes nothing: the page row and the content of its current and
pending revisions get the name, so editing or publishing a draft keeps it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from wagtail.models import Revision

from .models import Field, ProcedurePage
from .services import forget_catalogue_version

DEFAULT_PATH = Path(__file__).parent / "fixtures" / "english-names.json"


class EnglishNamesFileError(ValueError):
    """The file cannot be read or has the wrong shape."""


@dataclass
class EnglishNamesSummary:
    procedures: int = 0
    fields: int = 0
    kept: int = 0
    unknown: int = 0


def read(path: str | Path = DEFAULT_PATH) -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EnglishNamesFileError(f"{path}: {exc}") from exc
    procedures, fields = data.get("procedures"), data.get("fields")
    if not isinstance(procedures, dict) or not isinstance(fields, dict):
        raise EnglishNamesFileError(f"{path}: needs 'procedures' and 'fields' objects")
    if not all(
        isinstance(k, str) and isinstance(v, str) and v.strip()
        for part in (procedures, fields)
        for k, v in part.items()
    ):
        raise EnglishNamesFileError(f"{path}: every name must be non-empty text")
    return procedures, fields


@transaction.atomic
def load_english_names(path: str | Path = DEFAULT_PATH) -> EnglishNamesSummary:
    procedures, fields = read(path)
    summary = EnglishNamesSummary()
    pages = ProcedurePage.objects.filter(code__in=procedures).values_list(
        "pk", "code", "name_en", "live_revision_id"
    )
    found = set()
    for page_id, code, current, live_revision_id in pages:
        found.add(code)
        if current:
            summary.kept += 1
            continue
        name = procedures[code].strip()
        ProcedurePage.objects.filter(pk=page_id).update(name_en=name)
        revisions = Revision.page_revisions.filter(object_id=str(page_id))
        if live_revision_id is not None:
            revisions = revisions.filter(pk__gte=live_revision_id)
        for revision in revisions.only("pk", "content"):
            content = dict(revision.content)
            if not content.get("name_en"):
                content["name_en"] = name
                Revision.objects.filter(pk=revision.pk).update(content=content)
        summary.procedures += 1
    summary.unknown = len(set(procedures) - found)
    for field in Field.objects.filter(name__in=fields, name_en=""):
        field.name_en = fields[field.name].strip()
        field.save(update_fields=["name_en"])
        summary.fields += 1
    if summary.procedures:  # written with update(): no signal told the cache
        forget_catalogue_version()
    return summary
