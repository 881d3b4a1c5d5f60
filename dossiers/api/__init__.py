"""The dossiers API (mounted by portal/api.py)."""
