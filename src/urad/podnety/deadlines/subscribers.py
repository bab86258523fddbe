"""Set deadlines when a podnět is filed, changes phase or changes kind."""

from Acquisition import aq_base
from urad.podnety import _
from urad.podnety.content.vocabularies import KINDS as KIND_TITLES
from urad.podnety.deadlines import apply
from urad.podnety.deadlines import settings
from urad.podnety.deadlines import storage
from urad.podnety.deadlines.mailing import translator
from urad.podnety.workflow import config

import logging
import transaction


logger = logging.getLogger(__name__)

# Transitions that start a phase, by transition id.
TRANSITION_PHASES = {
    config.ACCEPT: "resolve",
    config.FORWARD: "resolve",
    config.REOPEN: "resolve",
    config.RESOLVE: "close",
}


class _AddedPodnety:
    """Key of the transaction data: ids of podněty added and not filed yet.

    The ids are those of the unwrapped objects because every traversal wraps
    a podnět in a new acquisition wrapper.
    """


def _added_podnety():
    current = transaction.get()
    try:
        return current.data(_AddedPodnety)
    except KeyError:
        added = set()
        current.set_data(_AddedPodnety, added)
        return added


def on_added(podnet, event):
    """Set deadlines of a new podnět without recording them.

    A podnět created by hand or through REST keeps these. The intake pipeline
    fills the fields after this event and then fires IPodnetFiled, which sets
    and records the final deadlines.

    The intake pipeline passes kind, category and channel to the factory, so
    filing recomputes nothing unless a channel changes them afterwards.
    """
    _added_podnety().add(id(aq_base(podnet)))
    apply.enter_phase(podnet, "accept", podnet.received, record_change=False)


def on_filed(podnet, event):
    """Set and record the accept and legal deadlines of a newly filed podnět."""
    if not getattr(event, "created", True):
        return
    _added_podnety().discard(id(aq_base(podnet)))
    apply.record_filed(podnet)


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
    if id(aq_base(podnet)) in _added_podnety():
        # The podnět is still being created, so its fields are being filled
        # in, not changed, and the filing records the deadlines.
        apply.recompute(podnet, None, record_change=False)
        return
    apply.recompute(podnet, change_reason(previous[0], current[0]))


def _kind_title(kind, translate):
    title = KIND_TITLES.get(kind)
    if title is None:
        return kind or "—"
    return translate(title)


def change_reason(previous_kind, current_kind):
    """Return the history comment of a recomputation, in the site language."""
    translate = translator()
    if previous_kind == current_kind:
        return translate(_("A field the deadlines depend on changed."))
    return translate(
        _(
            'Kind changed from "${previous}" to "${current}".',
            mapping={
                "previous": _kind_title(previous_kind, translate),
                "current": _kind_title(current_kind, translate),
            },
        )
    )
