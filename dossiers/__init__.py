"""Dossier tracking: the one-stop desks' status feed, public lookup, statistics."""
