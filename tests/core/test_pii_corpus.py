"""The personal-data corpus: no value a citizen typed survives the masking.

The corpus (``tests/core/pii-corpus/``) is generated, seeded, and committed;
``tests.core.pii_eval`` judges a masker on it (see its docstring for what
counts as a leak or as over-masking).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from core.masking import mask_text
from tests.core import pii_eval

GENERATOR = Path(__file__).resolve().parent / "pii-corpus" / "generate.py"
MAX_OVERMASKING = 0.02


def _generator():
    spec = importlib.util.spec_from_file_location("pii_corpus_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_corpus_is_what_the_seeded_generator_writes():
    generator = _generator()
    assert generator.render(generator.generate()) == pii_eval.CORPUS.read_text(
        encoding="utf-8"
    ), "run: python tests/core/pii-corpus/generate.py"


def test_corpus_is_large_enough_and_every_personal_sentence_names_its_values():
    items = pii_eval.load_corpus()
    personal = [i for i in items if i["kind"] == "personal"]
    survive = [i for i in items if i["kind"] == "survive"]
    assert len(personal) >= 300
    assert len(survive) >= 100
    assert all(i["secrets"] for i in personal)
    assert all(i["keep"] for i in survive)
    for item in items:
        for value in item["secrets"] + item["keep"]:
            assert pii_eval.survived(value, item["text"]), (item["id"], value)


def test_the_judge_catches_a_masker_that_only_reformats():
    """Leaks are found after folding and separator stripping, not verbatim."""

    def reformat(text: str, names: tuple[str, ...]) -> str:
        import unicodedata

        return unicodedata.normalize("NFD", text.replace(" ", ".").upper())

    report = pii_eval.evaluate(reformat)
    numeric = [s for s in report.leaks if any(c.isdigit() for c in s[1])]
    assert len(report.leaks) >= report.secrets * 0.95
    assert numeric


def test_the_judge_counts_removed_survivors():
    report = pii_eval.evaluate(lambda text, names: "[đã ẩn]")
    assert not report.leaks
    assert report.overmasking_rate == 1.0


def test_a_residue_of_digits_beside_a_placeholder_is_a_leak():
    secret = "001 099 012 345"
    assert pii_eval.value_leaked(secret, "CCCD [số điện thoại đã ẩn] 345")
    assert not pii_eval.value_leaked(secret, "CCCD [số giấy tờ đã ẩn]")


def test_a_given_name_after_an_honorific_may_stay():
    names = ("Trần Thị Bích Ngọc",)
    secret = "Trần Thị Bích Ngọc"
    assert not pii_eval.leaked(secret, "cán bộ gọi chị Ngọc", names, ())
    assert pii_eval.leaked(secret, "cán bộ gọi chị Bich Ngoc", names, ())
    assert pii_eval.leaked(secret, "NGỌC TRẦN gửi", names, ())


@pytest.fixture(scope="module")
def report() -> pii_eval.Report:
    return pii_eval.evaluate(lambda text, names: mask_text(text, names=names))


def test_no_personal_value_leaks(report):
    assert not report.leaks, "\n".join(
        [report.summary(), *(f"{i}: {s!r} in {o!r}" for i, s, o in report.leaks[:30])]
    )


def test_overmasking_at_most_two_percent(report):
    assert report.overmasking_rate <= MAX_OVERMASKING, "\n".join(
        [
            report.summary(),
            *(f"{i}: {p!r} gone from {o!r}" for i, p, o in report.overmasked),
        ]
    )
