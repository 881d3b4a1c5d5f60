"""Feedback domain logic: petitions from submission to published answer.

Submission (:func:`submit_petition`) stores everything in one transaction and
queues the intake after commit. The intake (:func:`run_intake`) is a series of
steps, each done under a row lock and stamped when done, so that any number
of repeated or concurrent runs (a retried task, a redelivered message, the
periodic sweep) do each step once. Officials' actions
(:func:`accept`, :func:`reject`, :func:`answer`, ...) check the transition,
apply it and write the audit trail in one transaction.

One module a part, each imported here so that callers write
``services.submit_petition`` whichever module holds it:

* ``errors`` — what citizens' and officials' actions may raise;
* ``codes`` — tracking codes and keyed hashes of client addresses;
* ``due_dates`` — the legal deadlines (Decision 766/QĐ-TTg) and countdowns;
* ``submission`` — storing a petition and its attachments once;
* ``intake`` — the workers' steps: screen, mask, route, acknowledge, count;
* ``reading`` — what the public reads, and likes or dislikes;
* ``officials`` — the inbox's scope and the officials' actions.
"""

from .codes import (
    CODE_ALPHABET,
    CODE_GROUP_LENGTH,
    CODE_GROUPS,
    client_hash,
    new_tracking_code,
    normalise_tracking_code,
)
from .due_dates import (
    ACCEPT_WITHIN,
    ANSWER_WITHIN,
    ASK_INFO_WITHIN,
    DUE_SOON_WITHIN,
    PUBLISH_WITHIN,
    deadlines,
    due_soon_q,
    overdue_q,
)
from .errors import AlreadyReacted, IdempotencyConflict, InvalidReader, PetitionError
from .intake import (
    NEAR_DUPLICATE_SIMILARITY,
    NEAR_DUPLICATE_WINDOW,
    ROUTING_REASONS,
    Routing,
    acknowledge,
    acknowledgement_text,
    apply_routing,
    count,
    mask,
    public_copy,
    responsible_agency,
    route,
    run_intake,
    screen,
    screening_reasons,
    unprocessed,
)
from .officials import (
    EXTRA_MASK,
    accept,
    add_note,
    apply_extra_masks,
    assign,
    can_manage_all,
    extra_masks_from,
    petitions_for,
    publish,
    reject,
    release,
    start_handling,
    write_answer,
)
from .reading import (
    find_by_tracking_code,
    new_reader,
    published_petitions,
    react,
    reader_id,
)
from .submission import Submission, queue_intake, submit_petition

__all__ = [
    "ACCEPT_WITHIN",
    "ANSWER_WITHIN",
    "ASK_INFO_WITHIN",
    "AlreadyReacted",
    "CODE_ALPHABET",
    "CODE_GROUPS",
    "CODE_GROUP_LENGTH",
    "DUE_SOON_WITHIN",
    "EXTRA_MASK",
    "IdempotencyConflict",
    "InvalidReader",
    "NEAR_DUPLICATE_SIMILARITY",
    "NEAR_DUPLICATE_WINDOW",
    "PUBLISH_WITHIN",
    "PetitionError",
    "ROUTING_REASONS",
    "Routing",
    "Submission",
    "accept",
    "acknowledge",
    "acknowledgement_text",
    "add_note",
    "apply_extra_masks",
    "apply_routing",
    "assign",
    "can_manage_all",
    "client_hash",
    "count",
    "deadlines",
    "due_soon_q",
    "extra_masks_from",
    "find_by_tracking_code",
    "mask",
    "new_reader",
    "new_tracking_code",
    "normalise_tracking_code",
    "overdue_q",
    "petitions_for",
    "publish",
    "published_petitions",
    "public_copy",
    "queue_intake",
    "react",
    "reader_id",
    "reject",
    "release",
    "responsible_agency",
    "route",
    "run_intake",
    "screen",
    "screening_reasons",
    "start_handling",
    "submit_petition",
    "unprocessed",
    "write_answer",
]
