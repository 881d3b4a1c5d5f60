"""Procedure change history and alerts.

Every publication of a procedure page is compared with the one before it
(``changes``): fees, processing times, documents, legal basis and status.
What changed is kept as a dated, human-readable history (``ProcedureVersion``)
shown on the procedure page and in Atom feeds; citizens follow a procedure,
a field or an agency by e-mail (double opt-in, one-click unsubscribe) and a
Celery task sends each confirmed subscriber one digest per publication.
Stands on catalogue and core.
"""
