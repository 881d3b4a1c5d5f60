"""Abuse fixtures: clean rate limits, private upload roots, desk tokens."""

from __future__ import annotations

import pytest

from tests.dossiers.factories import agency, procedure, token_for
from tests.feedback.conftest import clear_throttles


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "feedback"
    settings.DOSSIER_PRIVATE_ROOT = tmp_path / "dossiers"


@pytest.fixture
def fresh_limits():
    """Rate-limit counters start from zero (needs the Redis cache)."""
    clear_throttles()
    yield
    clear_throttles()


@pytest.fixture
def desk(db):
    """An agency with a coded name, a procedure it handles and its desk token."""
    home = agency("H40.01", name="UBND xã Hòa An")
    procedure(code="1.001193", title="Đăng ký khai sinh")
    return {"agency": home, "token": token_for(home)}
