"""Set deadlines when a podnět is filed, changes phase or changes kind."""

from urad.podnety.deadlines import apply
from urad.podnety.deadlines import settings
from urad.podnety.deadlines import storage
from urad.podnety.workflow import config

import logging


logger = logging.getLogger(__name__)

# Transitions that start a phase, by transition id.
TRANSITION_PHASES = {
    config.ACCEPT: "resolve",
    config.FORWARD: "resolve",
    config.REOPEN: "resolve",
    config.RESOLVE: "close",
}


def on_filed(podnet, event):
    """Set the accept and legal deadlines of a newly filed podnět."""
    if not getattr(event, "created", True):
        return
    apply.enter_phase(podnet, "accept", podnet.received)


def on_added(podnet, event):
    """Set deadlines of a podnět created by hand or through REST.

    The intake pipeline fills the fields after this event and then fires
    IPodnetFiled, which sets and records the final deadlines, so nothing is
    recorded here.
    """
    apply.enter_phase(podnet, "accept", podnet.received, record_change=False)


def after_transition(podnet, event):
    """Set the deadline of the phase a transition starts."""
    transition = event.transition.getId() if event.transition is not None else None
    phase = TRANSITION_PHASES.get(transition)
    if phase is None:
        return
    if (
        event.old_state is not None
        and event.old_state.getId() == event.new_state.getId()
    ):
        # Forwarding between officials keeps the running phase and deadline.
        return
    apply.enter_phase(podnet, phase, settings.now())


def on_modified(podnet, event):
    """Recompute deadlines when a field they depend on changed."""
    data = storage.state(podnet, create=False)
    previous = data.get("basis") if data else None
    current = apply.basis_of(podnet)
    if previous is None or tuple(previous) == current:
        return
    if previous[0] != current[0]:
        reason = f"kind changed from {previous[0]} to {current[0]}"
    else:
        reason = "fields the deadlines depend on changed"
    apply.recompute(podnet, reason)
