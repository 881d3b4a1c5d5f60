"""The portal's gettext catalogues: fill in translations, compile them.

Two kinds of source strings: the admin's (models, blocks, admin views) are
written in English and translated in ``locale/vi``; the API's older messages
are written in Vietnamese and translated in ``locale/en``. ``makemessages -l
en`` extracts both into the English catalogue, where an English source string
is left untranslated; ``python scripts/messages.py sync`` makes such entries
their own English translation and adds each to ``locale/vi`` for translating.

``locale/vi/LC_MESSAGES/djangojs.po`` is the admin's scripts' Vietnamese
(Wagtail's JavaScript strings its own catalogue leaves in English).

``python scripts/messages.py compile`` writes each ``locale/*/LC_MESSAGES/
*.mo`` from its ``.po`` with polib, so neither a developer nor CI needs
the gettext tools; the ``.mo`` files are committed (tests/portal/
test_translations.py fails when one is stale). New strings are extracted with
``manage.py makemessages -l en`` (that one needs gettext's xgettext: ``make
messages``), translated in the ``.po``, then compiled.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def sync() -> list[str]:
    """English-source strings: identity in ``en``, to be translated in ``vi``."""
    en_path = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    vi_path = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
    en, vi = polib.pofile(str(en_path)), polib.pofile(str(vi_path))
    added = []
    # msgmerge's guesses for new strings ("Amount" -> "account"): a string
    # new to ``en`` with a guess is English source, not yet translated.
    for entry in en.fuzzy_entries():
        if entry.previous_msgid and entry.previous_msgid in vi_msgids(vi):
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.previous_msgid = None
    for entry in en.untranslated_entries():
        if entry.obsolete:
            continue
        entry.msgstr = entry.msgid
        if vi.find(entry.msgid) is None:
            vi.append(
                polib.POEntry(
                    msgid=entry.msgid, msgstr="", occurrences=entry.occurrences
                )
            )
            added.append(entry.msgid)
    en.save()
    vi.save()
    return added


def vi_msgids(vi: polib.POFile) -> set[str]:
    return {entry.msgid for entry in vi if entry.msgstr}


def compile_all() -> list[Path]:
    written = []
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
        if untranslated:
            raise SystemExit(
                f"{po_path}: {len(untranslated)} untranslated, e.g. {untranslated[0]!r}"
            )
        mo_path = po_path.with_suffix(".mo")
        po.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main(argv: list[str]) -> int:
    if argv[1:] == ["sync"]:
        for msgid in sync():
            print(f"to translate in locale/vi: {msgid!r}")  # noqa: T201
        return 0
    if argv[1:] != ["compile"]:
        print(__doc__)  # noqa: T201
        return 2
    for path in compile_all():
        print(f"compiled {path.relative_to(ROOT)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
