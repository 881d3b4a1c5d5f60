"""What the dossier services announce after a commit, for the workers.

The services do not import the tasks (the tasks import the services): they
send these signals, and ``signal_handlers`` queues the task. Receivers get
ids only.
"""

from django.dispatch import Signal

# ``event_id``: a status change to e-mail to an online applicant.
applicant_notice_due = Signal()
