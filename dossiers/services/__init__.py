"""Domain logic of dossiers: codes, deadlines, the desk feed and timeliness.

The desk systems push dossiers and their events; everything the portal shows
(status, resolution date, on-time classification, statistics) is derived from
the events ordered by their ``occurred_at``, never from the order in which
they arrived.

On-time rules (Decree 118/2025/NĐ-CP and Decision 766/QĐ-TTg indicator 2.1 as
the national portal computes it; each rule with its article in docs/legal.md):

* the promised date is the receipt date plus the procedure's processing time
  in working days (weekends and ``PUBLIC_HOLIDAYS`` skipped);
* the clock stops while the dossier waits for the applicant's supplementary
  documents: from a ``supplement_requested`` event to the next
  ``supplement_received``, the working days after the request day up to and
  including the day the supplement arrived push the deadline back;
* more than one supplement request makes the dossier late whatever its dates;
* resolved before the (extended) deadline is early, on that day on time,
  after it late.

One module a part, each imported here so that callers write
``services.ingest_event`` whichever module holds it:

* ``errors`` — what the feed refuses, and what it stored;
* ``codes`` — dossier codes, sequence numbers and promised dates;
* ``timeliness`` — replaying a history, deadlines and the on-time verdict;
* ``transitions`` — what may follow what in a history (the feed's 409s);
* ``feed`` — storing what the desk systems send (dossiers and events);
* ``public`` — the public lookup and the links of receipts and e-mails;
* ``notifications`` — status e-mails to online applicants;
* ``officials`` — what officials may see and record in the admin.
"""

from .codes import (
    SEQUENCE_DIGITS,
    WORKING_HOURS_PER_DAY,
    bump_sequence,
    code_pattern,
    dossier_code,
    processing_time,
    promised_date,
)
from .errors import DossierError, DossierForbidden, EventConflict, Ingested
from .feed import (
    LOCKED_FIELDS,
    SUMMARY_FIELDS,
    can_write,
    closed_pauses_due,
    ingest_dossier,
    ingest_event,
    overdue_q,
    parse_pauses,
    queue_notification,
    recompute,
    summarise,
    summary_state,
    wants_notification,
)
from .notifications import notification_text, notify_applicant, unnotified
from .officials import (
    ACTIONS,
    OPEN_KINDS,
    ActionRefused,
    allowed_actions,
    can_manage_all,
    dossiers_for,
    ensure_online_desk,
    record_action,
    second_supplement_warning,
)
from .public import (
    PUBLIC_CODE_RE,
    applicant_details,
    evaluation_url,
    find_dossier,
    history,
    is_dossier_code,
    lookup_url,
    mask_name,
    normalise_dossier_code,
    public_note,
    public_summary,
    receipt_pdf_url,
)
from .timeliness import (
    State,
    Timeliness,
    apply,
    classify,
    deadline,
    on_time_766,
    ordered,
    paused_working_days,
    replay,
)
from .transitions import FOLLOWS, TransitionRefused

__all__ = [
    "ACTIONS",
    "ActionRefused",
    "DossierError",
    "DossierForbidden",
    "EventConflict",
    "FOLLOWS",
    "Ingested",
    "LOCKED_FIELDS",
    "OPEN_KINDS",
    "PUBLIC_CODE_RE",
    "SEQUENCE_DIGITS",
    "SUMMARY_FIELDS",
    "State",
    "Timeliness",
    "TransitionRefused",
    "WORKING_HOURS_PER_DAY",
    "allowed_actions",
    "second_supplement_warning",
    "applicant_details",
    "apply",
    "bump_sequence",
    "can_manage_all",
    "can_write",
    "classify",
    "closed_pauses_due",
    "code_pattern",
    "deadline",
    "dossier_code",
    "dossiers_for",
    "ensure_online_desk",
    "evaluation_url",
    "history",
    "ingest_dossier",
    "ingest_event",
    "find_dossier",
    "is_dossier_code",
    "normalise_dossier_code",
    "lookup_url",
    "mask_name",
    "notification_text",
    "notify_applicant",
    "on_time_766",
    "ordered",
    "overdue_q",
    "parse_pauses",
    "paused_working_days",
    "processing_time",
    "promised_date",
    "public_note",
    "public_summary",
    "queue_notification",
    "receipt_pdf_url",
    "recompute",
    "record_action",
    "replay",
    "summarise",
    "summary_state",
    "unnotified",
    "wants_notification",
]
