"""Complaints, petitions (PAKN) and satisfaction ratings.

Stands on ``catalogue`` and ``core``. ``models`` (petitions with their audit
trail; evaluations, counter ratings, page feedback), ``services/`` (the
petitions' domain logic, one module a part: submission, intake, reading,
officials, due dates; re-exported by the package), ``satisfaction``
(recording ratings, figures with confidence intervals), ``criteria`` (the
nine evaluation criteria, served at ``/api/v1/satisfaction/criteria/``),
``signals`` and ``signal_handlers`` (the services announce, the handlers
queue ``tasks``), ``sms``, ``admin_views`` (the officials' inbox), ``api/``.
"""
