"""The committed gettext catalogues are complete and compiled."""

from __future__ import annotations

import polib
from django.utils import translation

from scripts.messages import catalogues


def test_every_catalogue_is_translated_and_its_mo_is_current():
    assert catalogues(), "no locale/*/LC_MESSAGES/django.po"
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        assert not po.untranslated_entries(), po_path
        assert not po.fuzzy_entries(), po_path
        mo_path = po_path.with_suffix(".mo")
        assert mo_path.exists(), (
            f"{mo_path} missing: python scripts/messages.py compile"
        )
        compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo_path)) if e.msgid}
        written = {e.msgid: e.msgstr for e in po.translated_entries()}
        assert compiled == written, f"{mo_path} is stale: scripts/messages.py compile"


def test_django_reads_the_english_catalogue():
    with translation.override("en"):
        assert translation.gettext("Quá nhiều yêu cầu") == "Too many requests"
    with translation.override("vi"):
        assert translation.gettext("Quá nhiều yêu cầu") == "Quá nhiều yêu cầu"
