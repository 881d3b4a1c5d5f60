"""What several apps share: the floor every other app stands on.

Nothing here knows a petition, a dossier or a procedure page; every module
is used by at least two apps (or by the project and an app):

* ``text`` — Vietnamese normalisation and diacritic folding;
* ``api`` — RFC 9457 problem responses, pagination, conditional reads, the
  Idempotency-Key header and throttling messages of the REST API;
* ``throttles`` — rate limits on the shared cache that fail open;
* ``idempotency`` — request fingerprints and the store-once helpers behind
  every submission that a citizen's retry may repeat;
* ``serializers`` — plain-text and phone fields citizens fill in;
* ``workdays`` — working-day arithmetic for legal deadlines;
* ``periods`` — the reporting periods of the statistics (``2025-Q2``);
* ``masking`` — personal data removed from public text;
* ``storage`` and ``attachments`` — private uploads and their checks;
* ``celery`` — the task retry policy, the periodic-job hook and the body of
  every sweep (``requeue``);
* ``models`` and ``officials`` — officials' profiles (account → agency),
  read by the petitions inbox and the dossier queue alike;
* ``admin_views`` — the admin page on which an official works one record.

``core`` imports no other app of the portal; its one model refers to
``catalogue.Agency`` by name only (the agency an official works for).
"""
