"""What feedback's services announce after a commit, for the workers.

The services do not import the tasks (the tasks import the services, and a
service has no business knowing the broker): they send these signals, and
``signal_handlers`` queues the task for each. Receivers get ids only.
"""

from django.dispatch import Signal

# ``petition_id``: a petition whose intake has steps left (new or released).
intake_due = Signal()
# ``feedback_id``: a "not useful" comment to mail to the page's editor.
editor_notice_due = Signal()
