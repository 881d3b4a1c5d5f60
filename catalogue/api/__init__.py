"""The catalogue's public API (DRF)."""
