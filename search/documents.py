"""The procedure index: mapping, Vietnamese analysis, and the document builder.

Every text is NFC-normalised in Python before it reaches the engine (input
methods often produce decomposed Vietnamese). In the engine:

- ``vi_text``: lowercase + ASCII folding that keeps the original token, so
  "hộ chiếu" and "ho chieu" both match and exact diacritics score higher;
- ``vi_folded``: lowercase + folding only (typo-tolerant fuzzy matching works
  on folded terms);
- ``vi_shingle``: folded two- and three-syllable shingles, so that
  multi-syllable words ("khai sinh", "hộ chiếu") match as words;
- ``vi_prefix``: folded edge n-grams for suggestions as you type;
- ``english`` (the engine's own analyser: stop words, stemming) on the
  English names editors give the most used procedures and fields.

Each document also carries its place in its family (``search.families``):
``family_depth`` (0 for a general procedure), ``variant_of`` and the
``variant_words`` that name the variant, and a ``prior`` (how much the
procedure is used: page views, dossiers, life events, commune level) that
the ranking multiplies in a little.

Synonyms (abbreviations, everyday names) are applied at query time by
``search.synonyms``: editing them needs no reindex.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.utils.html import strip_tags
from opensearchpy import (
    Boolean,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from core.text import fold_diacritics, nfc

folding_keep = token_filter("vi_fold_keep", type="asciifolding", preserve_original=True)
folding = token_filter("vi_fold", type="asciifolding", preserve_original=False)
shingles = token_filter(
    "vi_shingles",
    type="shingle",
    min_shingle_size=2,
    max_shingle_size=3,
    output_unigrams=False,
)
edge = token_filter("vi_edge", type="edge_ngram", min_gram=1, max_gram=24)

vi_text = analyzer("vi_text", tokenizer="standard", filter=["lowercase", folding_keep])
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])
vi_folded = analyzer("vi_folded", tokenizer="standard", filter=["lowercase", folding])
vi_shingle = analyzer(
    "vi_shingle", tokenizer="standard", filter=["lowercase", folding, shingles]
)
vi_prefix = analyzer(
    "vi_prefix", tokenizer="standard", filter=["lowercase", folding, edge]
)


def _text(**extra: Any) -> Text:
    return Text(analyzer=vi_text, **extra)


def _name_field(similarity: str, *extra: str) -> Text:
    """A name with the sub-fields every query uses, plus the ``extra`` ones.

    Only what queries read is indexed: each sub-field costs analysis time
    in every rebuild.
    """
    optional = {
        "exact": Text(analyzer=vi_exact, similarity=similarity),
        "prefix": Text(analyzer=vi_prefix, search_analyzer=vi_folded),
    }
    return Text(
        analyzer=vi_text,
        similarity=similarity,
        fields={
            "folded": Text(analyzer=vi_folded, similarity=similarity),
            "shingle": Text(analyzer=vi_shingle, similarity=similarity),
            **{name: optional[name] for name in extra},
        },
    )


_PARENTHESES = re.compile(r"\([^()]*\)")
_LEADING_WORDS = re.compile(r"^(thủ tục|tthc)\s*:?\s*", re.IGNORECASE)


def core_name(name: str) -> str:
    """What the procedure is, without the words every name carries.

    "Thủ tục đăng ký khai tử" and "Cấp hộ chiếu (thực hiện tại cấp tỉnh)"
    become "đăng ký khai tử" and "Cấp hộ chiếu": the leading "Thủ tục" and
    parenthesised qualifiers would otherwise make general procedures look
    longer, and so rank lower, than their special cases.
    """
    core = _LEADING_WORDS.sub("", nfc(name))
    while True:
        stripped = _PARENTHESES.sub(" ", core)
        if stripped == core:
            break
        core = stripped
    return re.sub(r"\s+", " ", core).strip(" .,;") or nfc(name)


def _folded_keys(keys: list[str], name: str) -> list[str]:
    """Folded naming keys of a procedure's variants, less those a folded
    query would also type for the procedure itself ("lại" of "Cấp lại giấy
    phép lái xe" is "lai", and so is "lái" of "Cấp giấy phép lái xe")."""
    own = set(re.findall(r"\w+", fold_diacritics(core_name(name)).casefold()))
    return sorted(
        {
            folded
            for folded in (fold_diacritics(key) for key in keys)
            if not own & set(folded.split())
        }
    )


def index_alias() -> str:
    return f"{settings.OPENSEARCH_INDEX_PREFIX}-procedures"


class ProcedureDocument(Document):
    """One published procedure, as search needs it."""

    page_id = Integer()
    code = Keyword()
    name = _name_field("name_bm25", "prefix")  # suggestions read name.prefix
    name_core = _name_field("name_bm25", "exact")
    field_name = _text(fields={"raw": Keyword()})
    field_slug = Keyword()
    agencies = _text()
    agency_ids = Integer(multi=True)
    agency_names = Keyword(multi=True)
    levels = Keyword(multi=True)
    online_level = Keyword()
    has_fee = Boolean()
    fees_summary = _text()
    results = _text()
    steps = _text()
    dossier = _text()
    applicants = _text()
    popularity = Integer()
    prior = Float()
    family_depth = Integer()
    variant_of = Keyword(multi=True)
    # The words that make a variant, as typed (lowercase) and folded, and how
    # many of them a query must contain to be asking for it (two, or all).
    variant_words = Keyword(multi=True)
    variant_words_folded = Keyword(multi=True)
    variant_need = Integer()
    variant_words_en = Keyword(multi=True)
    # How a query names one of this procedure's own variants (a word, or a
    # pair of words as ``families.pair_key`` spells it), as typed and folded.
    child_keys = Keyword(multi=True)
    child_keys_folded = Keyword(multi=True)
    child_words_en = Keyword(multi=True)
    name_en = Text(analyzer="english", similarity="name_bm25")
    field_name_en = Text(analyzer="english")
    url = Keyword(index=False)
    status = Keyword()
    last_published_at = Date()

    class Index:
        settings = {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            # Names: stronger length normalisation than BM25's default, so a
            # general procedure ranks above its longer special cases.
            "similarity": {"name_bm25": {"type": "BM25", "k1": 1.2, "b": 0.9}},
        }


def _join(parts: list[str], limit: int = 20000) -> str:
    return nfc(" \n".join(part for part in parts if part))[:limit]


def _raw(stream) -> list[dict[str, Any]]:
    """A StreamField's stored values without building block objects (fast)."""
    return [block.get("value") or {} for block in stream.raw_data]


def _items(value: Any) -> list[dict[str, Any]]:
    """ListBlock data, in either of Wagtail's stored formats."""
    items = value or []
    return [
        item["value"] if isinstance(item, dict) and "value" in item else item
        for item in items
    ]


def build_document(page, family=None) -> dict[str, Any]:
    """The index document of a live ``ProcedurePage`` (called by services only).

    ``family`` is its ``search.families.Family`` (none: a general procedure).

    Reads the StreamFields' stored data directly: building block values for
    every page would make a full rebuild several times slower.
    """
    from catalogue.services import procedure_url

    fees = []
    for channel in _raw(page.channels):
        for fee in _items(channel.get("fees")):
            if fee.get("is_free"):
                fees.append("Miễn phí")
            elif fee.get("description"):
                fees.append(str(fee["description"]))
    roles = list(page.agency_roles.all())
    # District bodies stay searchable by name, never as a facet or filter.
    current = [role for role in roles if not role.agency.is_historical]
    components = [
        component.get("name", "")
        for case in _raw(page.dossier)
        for component in _items(case.get("components"))
    ]
    steps = [block.get("value") or "" for block in page.steps.raw_data]
    return {
        "page_id": page.pk,
        "code": page.code,
        "name": nfc(page.name or page.title),
        "name_core": core_name(page.name or page.title),
        "field_name": nfc(page.field.name) if page.field else "",
        "field_slug": page.field.slug if page.field else None,
        "agencies": _join([role.agency.name for role in roles]),
        "agency_ids": sorted({role.agency_id for role in current}),
        "agency_names": sorted({nfc(role.agency.name)[:200] for role in current}),
        "levels": page.level_list,
        "online_level": page.online_level,
        "has_fee": page.has_fee,
        "fees_summary": _join(fees, 2000),
        "results": _join([result.get("name", "") for result in _raw(page.results)]),
        "steps": _join([strip_tags(str(step)) for step in steps]),
        "dossier": _join(components),
        "applicants": nfc(page.applicants),
        "popularity": page.popularity,
        "prior": page.usage_score,
        "family_depth": family.depth if family else 0,
        "variant_of": family.parents if family else [],
        "variant_words": family.variant_terms if family else [],
        "variant_words_folded": sorted(
            {fold_diacritics(w) for w in family.variant_terms} if family else set()
        ),
        "variant_need": (
            (family.need or min(2, len(family.variant_terms))) if family else 0
        ),
        "variant_words_en": family.variant_terms_en if family else [],
        "child_keys": family.child_keys if family else [],
        "child_keys_folded": _folded_keys(
            family.child_keys if family else [], page.name or page.title
        ),
        "child_words_en": family.child_words_en if family else [],
        "name_en": nfc(page.name_en),
        "field_name_en": nfc(page.field.name_en) if page.field else "",
        "url": procedure_url(page.code),
        "status": page.status,
        "last_published_at": page.last_published_at,
    }
