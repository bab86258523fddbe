"""Create many real, catalogued podněty quickly, committing in batches.

Each podnět gets its reference number from the register's counter, a workflow
history ending in its state, the permissions of that state, the assignee's
local role, catalog entries (SearchableText included) and the source-key entry
the intake pipeline uses for de-duplication. Events are suppressed: the seeder
sets the deadlines and states itself instead of letting subscribers and
transitions compute them.
"""

from .fakedata import fake_podnet
from Acquisition import aq_base
from DateTime import DateTime
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from plone.dexterity.utils import createContent
from urad.podnety.content.numbering import next_reference_number
from urad.podnety.intake import Attachment
from urad.podnety.intake.attachments import add_file
from urad.podnety.intake.pipeline import _source_index
from urad.podnety.setuphandlers import get_register
from urad.podnety.workflow import config

import logging
import random
import time
import transaction


logger = logging.getLogger("urad.podnety.bench.seeding")

FIELDS = (
    "text",
    "channel",
    "received",
    "kind",
    "category",
    "citizen_name",
    "citizen_email",
    "citizen_phone",
    "citizen_address",
    "wants_updates",
    "assignee",
    "deadline_accept",
    "deadline_resolve",
    "deadline_close",
    "confidential",
)
# The transitions that lead from "new" to each state, as a clerk would take them.
PATHS = {
    config.STATE_NEW: (),
    config.STATE_ASSIGNED: (("accept", config.STATE_ASSIGNED),),
    config.STATE_RESOLVED: (
        ("accept", config.STATE_ASSIGNED),
        ("resolve", config.STATE_RESOLVED),
    ),
    config.STATE_CLOSED: (
        ("accept", config.STATE_ASSIGNED),
        ("resolve", config.STATE_RESOLVED),
        ("close", config.STATE_CLOSED),
    ),
    config.STATE_REJECTED: (("reject", config.STATE_REJECTED),),
}
# Days each transition took after the previous one, drawn uniformly.
STEP_DAYS = {
    "accept": (0.2, 5),
    "reject": (0.5, 6),
    "resolve": (2, 35),
    "close": (1, 20),
}
# plone.dexterity caches behaviour and type lookups on the request. The
# seeder's one request lives for the whole run, so they are emptied after
# each commit to let the committed podněty leave memory.
REQUEST_CACHES = (
    "__plone_dexterity_assignable_cache__",
    "__plone_dexterity_fti_cache__",
)


def history(rng, state, received, now):
    """Return workflow history entries from "new" at `received` to `state`."""
    entries = [_entry(None, config.STATE_NEW, received, "")]
    when = received
    for action, reached in PATHS[state]:
        low, high = STEP_DAYS[action]
        when = min(when + timedelta(days=rng.uniform(low, high)), now)
        entries.append(_entry(action, reached, when, "seed"))
    return tuple(entries)


def _entry(action, state, when, actor):
    return {
        "action": action,
        "actor": actor,
        "comments": "",
        "review_state": state,
        "time": DateTime(when),
    }


class RoleMappings:
    """The permission settings of each workflow state, computed once per state.

    DCWorkflow's updateRoleMappingsFor walks every inherited permission of the
    object for each managed permission, the same work for every podnět in a
    state. The first podnět of a state gets it done for real; later ones get
    copies of the attributes it set.
    """

    def __init__(self, workflow_tool):
        self.workflow = workflow_tool.getWorkflowById(config.WORKFLOW_ID)
        self.by_state = {}

    def apply(self, podnet, state):
        settings = self.by_state.get(state)
        if settings is None:
            before = dict(vars(podnet))
            self.workflow.updateRoleMappingsFor(podnet)
            settings = self.by_state[state] = {
                name: value
                for name, value in vars(podnet).items()
                if name.endswith("_Permission") and before.get(name) != value
            }
            return
        for name, roles in settings.items():
            # A list means "also acquire", a tuple "only these": keep the type.
            setattr(podnet, name, roles[:])


def _create_one(register, mappings, values, number, workflow_history):
    reference = next_reference_number(register, now=values["received"])
    podnet = createContent(
        "Podnet", title=values["title"], **{name: values[name] for name in FIELDS}
    )
    podnet.id = reference.lower()
    register._setObject(podnet.id, podnet, suppress_events=True)
    podnet = register[podnet.id]
    # An object id now, not at commit, lets Plone's per-request caches keyed
    # by object id work while the podnět is indexed.
    register._p_jar.add(aq_base(podnet))
    podnet.reference_number = reference
    podnet.resolution = values.get("resolution")
    podnet.intake_info = {"seeded": True}
    podnet.attention = None
    podnet.workflow_history = {config.WORKFLOW_ID: workflow_history}
    mappings.apply(podnet, values["state"])
    if values["assignee"]:
        podnet.manage_setLocalRoles(values["assignee"], [config.ASSIGNEE_ROLE])
    if number % 10 == 0:
        attachment = Attachment(
            filename="priloha.txt",
            data=values["text"].encode("utf-8"),
            content_type="text/plain",
            original=True,
            text=values["text"],
        )
        add_file(podnet, attachment)
    podnet.indexObject()
    _source_index(register)[f"seed:{reference}"] = podnet.UID()
    return podnet


def _commit(portal):
    transaction.commit()
    request = portal.REQUEST
    for name in REQUEST_CACHES:
        if name in request.__dict__:
            delattr(request, name)
    portal._p_jar.cacheGC()


def seed(portal, count, batch=1000, rng_seed=1, days=730):
    """Add `count` podněty received over the last `days` days; return the rate."""
    rng = random.Random(rng_seed)
    register = get_register(portal)
    mappings = RoleMappings(portal.portal_workflow)
    existing = len(register)
    # ZODB cannot pickle zoneinfo time zones, so stored datetimes are in UTC.
    now = datetime.now(UTC)
    step = timedelta(days=days) / max(count, 1)
    started = time.monotonic()
    for number in range(count):
        received = now - timedelta(days=days) + step * number
        values = fake_podnet(rng, received=received, now=now)
        entries = history(rng, values["state"], received, now)
        _create_one(register, mappings, values, existing + number, entries)
        if (number + 1) % batch == 0:
            _commit(portal)
            logger.info("seeded %d of %d podněty", number + 1, count)
    _commit(portal)
    seconds = time.monotonic() - started
    return {
        "created": count,
        "seconds": round(seconds, 1),
        "per_second": round(count / seconds, 1),
    }
