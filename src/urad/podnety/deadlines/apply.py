"""Set, recompute and extend the deadlines stored on podněty."""

from datetime import UTC
from datetime import datetime
from plone import api
from urad.podnety import _
from urad.podnety.content.history import record
from urad.podnety.deadlines import settings
from urad.podnety.deadlines import storage
from urad.podnety.deadlines.extension import check_extension
from urad.podnety.deadlines.extensions_log import log_extension
from urad.podnety.deadlines.mailing import translator
from urad.podnety.deadlines.rules import PHASE_FIELDS
from urad.podnety.deadlines.rules import PodnetFacts
from urad.podnety.deadlines.rules import deadlines_for_phase
from urad.podnety.workflow import config
from zope.i18nmessageid import Message

import logging


logger = logging.getLogger(__name__)

DEADLINE_INDEXES = [
    "deadline_accept",
    "deadline_resolve",
    "deadline_close",
    "current_deadline",
]
# The state a podnět is in while each phase runs.
PHASE_STATES = {
    "accept": config.STATE_NEW,
    "resolve": config.STATE_ASSIGNED,
    "close": config.STATE_RESOLVED,
}
# Phases already entered by a podnět in each state, in order.
ENTERED_PHASES = {
    config.STATE_NEW: ("accept",),
    config.STATE_ASSIGNED: ("accept", "resolve"),
    config.STATE_RESOLVED: ("accept", "resolve", "close"),
    config.STATE_CLOSED: ("accept", "resolve", "close"),
    config.STATE_REJECTED: ("accept",),
}
# Fields set when a podnět enters the accept phase (milestone and legal deadline).
ACCEPT_FIELDS = ("deadline_accept", "deadline_resolve")
RULES_CHANGED = _("The deadline rules changed.")


def facts_of(podnet):
    """Return the fields deadlines depend on as PodnetFacts."""
    return PodnetFacts(
        received=podnet.received,
        kind=podnet.kind or "jine",
        category=podnet.category,
        channel=podnet.channel,
        wants_updates=bool(podnet.wants_updates),
        statutory_extension=storage.statutory_extension(podnet),
    )


def basis_of(podnet):
    received = podnet.received
    return (
        podnet.kind,
        bool(podnet.wants_updates),
        received.isoformat() if received else None,
        podnet.category,
        podnet.channel,
    )


def basis_changed(podnet):
    """Tell whether a field the deadlines depend on changed since they were set."""
    data = storage.state(podnet, create=False)
    previous = data.get("basis") if data else None
    return previous is None or tuple(previous) != basis_of(podnet)


def _isoformat(value):
    return value.isoformat() if value else None


def _set(podnet, values):
    changed = {}
    for name, value in values.items():
        if getattr(podnet, name, None) != value:
            setattr(podnet, name, value)
            changed[name] = _isoformat(value)
    return changed


def _reindex(podnet):
    podnet.reindexObject(idxs=DEADLINE_INDEXES)


def enter_phase(podnet, phase, entered=None, rules=None, record_change=True):
    """Set the deadlines of `phase`, which the podnět enters at `entered`."""
    rules = rules or settings.load_rules()
    entered = entered or podnet.received or datetime.now(UTC)
    values = deadlines_for_phase(rules, phase, entered, facts_of(podnet))
    changed = _set(podnet, values)
    storage.state(podnet)["basis"] = basis_of(podnet)
    if changed:
        _reindex(podnet)
    if changed and record_change:
        record(podnet, "deadlines", actor="", phase=phase, **changed)
        logger.info("%s: %s deadlines %s", podnet.reference_number, phase, changed)
    return changed


def record_filed(podnet, rules=None):
    """Set the deadlines of a newly filed podnět and record them in its history.

    The deadlines set when the podnět was added are computed again only if a
    field they depend on changed since. The entry lists both deadlines of the
    accept phase, including one that did not change or that the kind lacks.
    """
    if basis_changed(podnet):
        enter_phase(podnet, "accept", podnet.received, rules, record_change=False)
    values = {name: _isoformat(getattr(podnet, name, None)) for name in ACCEPT_FIELDS}
    record(podnet, "deadlines", actor="", phase="accept", **values)
    logger.info("%s: accept deadlines %s", podnet.reference_number, values)
    return values


def phase_starts(podnet):
    """Return {phase: when the podnět last entered it} from the workflow history."""
    starts = {"accept": podnet.received}
    history = (getattr(podnet, "workflow_history", None) or {}).get(
        config.WORKFLOW_ID, ()
    )
    for entry in history:
        for phase, state in PHASE_STATES.items():
            if phase != "accept" and entry.get("review_state") == state:
                when = entry.get("time")
                starts[phase] = (
                    when.asdatetime() if hasattr(when, "asdatetime") else when
                )
    return starts


def recompute(podnet, reason, rules=None, record_change=True):
    """Recompute every deadline of the phases the podnět has entered.

    Counting starts from the original delivery and the workflow history, and
    a legal extension already granted is kept. Unless `record_change` is
    false, the change is recorded with `reason`, which is translated into the
    site language if it is a message.
    """
    rules = rules or settings.load_rules()
    if record_change and isinstance(reason, Message):
        reason = translator()(reason)
    state = api.content.get_state(podnet, default=config.STATE_NEW)
    starts = phase_starts(podnet)
    values = {}
    for phase in ENTERED_PHASES.get(state, ("accept",)):
        start = starts.get(phase) or podnet.received
        values.update(deadlines_for_phase(rules, phase, start, facts_of(podnet)))
    changed = _set(podnet, values)
    storage.state(podnet)["basis"] = basis_of(podnet)
    if changed:
        _reindex(podnet)
    if changed and record_change:
        record(podnet, "deadlines-recomputed", actor="", comment=reason, **changed)
        logger.info("%s: deadlines recomputed %s", podnet.reference_number, changed)
    return changed


def recompute_open(portal=None, reason=RULES_CHANGED):
    """Recompute the deadlines of every open podnět; return how many changed."""
    catalog = api.portal.get_tool("portal_catalog")
    rules = settings.load_rules()
    if isinstance(reason, Message):
        reason = translator()(reason)
    changed = 0
    states = sorted(config.OPEN_STATES | {config.STATE_RESOLVED})
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Podnet", review_state=states
    ):
        podnet = brain._unrestrictedGetObject()
        if recompute(podnet, reason, rules):
            changed += 1
    return changed


def extend(podnet, phase, new_deadline, reason, today=None):
    """Move a phase deadline later, within what the law allows.

    Raise ExtensionNotAllowed (a ValueError) with the reason when it is not
    allowed. The extension is recorded on the podnět and in the site's list
    of extensions that supervisors see on the dashboard.
    """
    if not (reason or "").strip():
        raise ValueError("a reason is required to extend a deadline")
    rules = settings.load_rules()
    today = today or settings.today()
    field = PHASE_FIELDS[phase]
    current = getattr(podnet, field, None)
    facts = facts_of(podnet)
    extra = check_extension(
        rules,
        facts,
        phase,
        current,
        new_deadline,
        today,
        extended_before=facts.statutory_extension,
    )
    data = storage.state(podnet)
    if extra:
        data["statutory_extension"] = extra
    setattr(podnet, field, new_deadline)
    _reindex(podnet)
    details = {
        "phase": phase,
        "previous": current.isoformat() if current else None,
        "deadline": new_deadline.isoformat(),
        "legal_extension_days": extra,
    }
    record(podnet, "deadline-extended", comment=reason.strip(), **details)
    log_extension(podnet, reason.strip(), details)
    logger.info(
        "%s: %s deadline extended to %s", podnet.reference_number, phase, new_deadline
    )
    return extra
