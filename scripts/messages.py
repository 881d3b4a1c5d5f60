"""The portal's gettext catalogues: fill in translations, compile them.

``python scripts/messages.py compile`` writes each ``locale/*/LC_MESSAGES/
django.mo`` from its ``.po`` with polib, so neither a developer nor CI needs
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
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


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
    if argv[1:] != ["compile"]:
        print(__doc__)  # noqa: T201
        return 2
    for path in compile_all():
        print(f"compiled {path.relative_to(ROOT)}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
