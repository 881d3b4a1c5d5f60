"""The API's JSON renderer: orjson (drf-orjson-renderer), same output as DRF's.

``drf_orjson_renderer`` encodes with orjson, several times faster than the
standard library for the large procedure documents. Two things are added:

- dates and times are written exactly as DRF's own encoder writes them
  (milliseconds, ``Z`` for UTC) — orjson's native format differs, and
  clients should not see the format change with the renderer;
- a ``Decimal`` is written as a number, as DRF's own encoder writes it.
  drf-orjson-renderer writes it as a string (``"5"``) under DRF's
  ``COERCE_DECIMAL_TO_STRING``, but that setting is for ``DecimalField``,
  which has already made its string before the encoder runs; a ``Decimal``
  that reaches the encoder comes from raw data — a StreamField block's
  ``DecimalBlock`` (a channel's ``processing_time``, a fee's ``amount``) —
  whose schema is a number;
- :class:`Rendered` bytes (an answer taken from the shared cache of public
  reads, already encoded) are sent as they are.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import orjson
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_drf_encoder = JSONEncoder()


class Rendered(bytes):
    """JSON already encoded (from the shared cache); passed through unchanged."""


def _default(obj: Any) -> Any:
    if isinstance(obj, datetime.date | datetime.time | datetime.timedelta):
        return _drf_encoder.default(obj)
    if isinstance(obj, decimal.Decimal):
        return float(obj)
    return ORJSONRenderer.default(obj)


class JSONRenderer(ORJSONRenderer):
    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def render(self, data, media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, Rendered):
            return bytes(data)
        if data is None:
            return b""
        return orjson.dumps(data, default=_default, option=self.options)


def render(data: Any) -> Rendered:
    """``data`` encoded as the API sends it."""
    return Rendered(JSONRenderer().render(data))
