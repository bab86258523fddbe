"""Send citizen e-mails when a podnět is filed or changes state."""

from urad.podnety.notifications.citizen_mail import ACKNOWLEDGEMENT
from urad.podnety.notifications.citizen_mail import send_citizen_mail
from urad.podnety.workflow import config


# Transitions a citizen hears about; the template of each has the same id.
CITIZEN_TRANSITIONS = frozenset(
    {
        config.ACCEPT,
        config.FORWARD,
        config.RESOLVE,
        config.CLOSE,
        config.REJECT,
        config.REOPEN,
    }
)


def acknowledge(podnet, event):
    """Send the acknowledgement with the reference number for a new podnět."""
    if not event.created:
        return
    send_citizen_mail(podnet, ACKNOWLEDGEMENT, ACKNOWLEDGEMENT, date=podnet.received)


def report_transition(podnet, event):
    """Tell the citizen about a transition that matters to them."""
    transition = event.transition.getId() if event.transition is not None else None
    if transition not in CITIZEN_TRANSITIONS:
        return
    when = (event.status or {}).get("time")
    stamp = when.ISO8601() if hasattr(when, "ISO8601") else str(when)
    reason = ""
    if transition == config.REJECT:
        reason = ((event.kwargs or {}).get("comment") or "").strip()
    send_citizen_mail(
        podnet,
        transition,
        f"{transition}@{stamp}",
        date=when,
        reason=reason,
    )
