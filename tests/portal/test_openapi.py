"""The OpenAPI schema committed for the frontend is the API's schema now.

The frontend's TypeScript types are generated from
``frontend/src/lib/api/openapi.json`` (openapi-typescript), and its test
fixtures are validated against it; a change to a serializer or a view's
``extend_schema`` without regenerating would let the frontend drift from the
API unseen. Vitest checks that the types match the committed schema; this test
checks that the committed schema matches the code.
"""

from __future__ import annotations

import json

from django.core.management import call_command

from tests.conftest import ROOT

COMMITTED = ROOT / "frontend" / "src" / "lib" / "api" / "openapi.json"
REGENERATE = (
    "run `npm run api` in frontend/ (drf-spectacular writes openapi.json, "
    "openapi-typescript regenerates schema.d.ts) and commit both"
)


def differences(old: dict, new: dict, prefix: str = "") -> list[str]:
    """Where two JSON documents differ, as JSON-pointer-like paths."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in sorted(old.keys() | new.keys()):
            where = f"{prefix}/{key}"
            if key not in new:
                found.append(f"{where}: gone from the API")
            elif key not in old:
                found.append(f"{where}: new in the API")
            else:
                found.extend(differences(old[key], new[key], where))
        return found
    return [] if old == new else [f"{prefix or '/'}: changed"]


def test_committed_schema_is_the_apis(tmp_path):
    fresh = tmp_path / "openapi.json"
    call_command(
        "spectacular", format="openapi-json", file=str(fresh), fail_on_warn=True
    )
    assert COMMITTED.exists(), f"{COMMITTED} is missing: {REGENERATE}"
    changed = differences(
        json.loads(COMMITTED.read_text()), json.loads(fresh.read_text())
    )
    assert not changed, (
        f"{COMMITTED.relative_to(ROOT)} is out of date with the API; {REGENERATE}.\n  "
        + "\n  ".join(changed[:20])
        + (f"\n  … and {len(changed) - 20} more" if len(changed) > 20 else "")
    )


def test_a_changed_schema_is_named_by_where_it_changed():
    old = {"components": {"schemas": {"Summary": {"required": ["name"]}}}}
    new = {
        "components": {"schemas": {"Summary": {"required": ["name", "counts"]}}},
        "paths": {},
    }
    assert differences(old, new) == [
        "/components/schemas/Summary/required: changed",
        "/paths: new in the API",
    ]
