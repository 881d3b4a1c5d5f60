"""The sample province as the demo loads it: the bundled national records the
sample list links to, then ``load_province`` (Điện Biên)."""

from __future__ import annotations

import gzip
import json

from django.core.management import call_command

from catalogue.importer import ProcedureImporter
from tests.conftest import ROOT

BUNDLED = ROOT / "catalogue" / "fixtures" / "procedures-bundled.jsonl.gz"
SAMPLE_DIR = ROOT / "catalogue" / "fixtures" / "provinces" / "dien-bien"
PROVINCE_JSON = SAMPLE_DIR / "province.json"
SAMPLE_CSV = SAMPLE_DIR / "danh-muc-tthc-so-cong-thuong.csv"
LINKED = ("1.001193", "2.000004", "BCT.KM.01")


def bundled_records(codes=LINKED) -> list[dict]:
    with gzip.open(BUNDLED, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return [r for r in records if r.get("ma_thu_tuc") in codes]


def load_sample_province(codes=LINKED) -> None:
    ProcedureImporter().run(bundled_records(codes))
    call_command("load_province", str(PROVINCE_JSON))
