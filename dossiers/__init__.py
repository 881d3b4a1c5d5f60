"""Dossier tracking: the one-stop desks' status feed, public lookup, statistics.

Stands on ``catalogue`` and ``core`` only. ``models`` (dossiers, events, API
tokens), ``services/`` (codes, replay and timeliness, the desk feed, the
public view, status e-mails, officials' steps: one module a part, re-exported
by the package), ``statistics`` (on-time figures from events), ``filing``
(online filing), ``receipts`` (barcode, QR, PDF), ``signals`` and
``signal_handlers`` (the services announce, the handlers queue ``tasks``),
``admin_views`` (the officials' queue), ``api/``.
"""
