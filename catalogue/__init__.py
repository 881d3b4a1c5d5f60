"""The procedure catalogue: agencies, fields, life events and procedure pages.

Stands on ``core`` only; every other app reads procedures and agencies from
here. ``models`` (pages, snippets), ``blocks`` (StreamField), ``parsing``
(the national portal's raw records into dataclasses, standard library only:
one module a part, re-exported by the package), ``importer`` and ``bulk``
(upsert by code, indexing deferred during an import), ``life_events``,
``services`` (live procedures, public URLs), ``api/``.
"""
