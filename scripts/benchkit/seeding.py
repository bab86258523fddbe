"""Create many real, catalogued podněty quickly, committing in batches.

Each podnět gets its reference number from the register's counter, a workflow
state with the matching permissions, the assignee's local role, catalog
entries (SearchableText included) and the source-key entry the intake pipeline
uses for de-duplication. Events are suppressed: the seeder sets the deadlines
and states itself instead of letting subscribers and transitions compute them.
"""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from DateTime import DateTime
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

from .fakedata import fake_podnet


logger = logging.getLogger("urad.podnety.bench.seeding")

FIELDS = (
    "text", "channel", "received", "kind", "category", "citizen_name",
    "citizen_email", "citizen_phone", "citizen_address", "wants_updates",
    "assignee", "deadline_accept", "deadline_resolve", "deadline_close",
    "confidential",
)


def _set_state(workflow_tool, podnet, state):
    workflow_tool.setStatusOf(
        config.WORKFLOW_ID,
        podnet,
        {
            "action": None,
            "actor": "seed",
            "comments": "",
            "review_state": state,
            "time": DateTime(),
        },
    )
    workflow_tool.getWorkflowById(config.WORKFLOW_ID).updateRoleMappingsFor(podnet)


def _create_one(register, workflow_tool, values, number):
    reference = next_reference_number(register, now=values["received"])
    podnet = createContent(
        "Podnet", title=values["title"], **{name: values[name] for name in FIELDS}
    )
    podnet.id = reference.lower()
    register._setObject(podnet.id, podnet, suppress_events=True)
    podnet = register[podnet.id]
    podnet.reference_number = reference
    podnet.resolution = values.get("resolution")
    podnet.intake_info = {"seeded": True}
    podnet.attention = None
    _set_state(workflow_tool, podnet, values["state"])
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


def seed(portal, count, batch=500, rng_seed=1, days=730):
    """Add `count` podněty received over the last `days` days; return the rate."""
    rng = random.Random(rng_seed)
    register = get_register(portal)
    workflow_tool = portal.portal_workflow
    existing = len(register)
    # ZODB cannot pickle zoneinfo time zones, so stored datetimes are in UTC.
    now = datetime.now(timezone.utc)
    step = timedelta(days=days) / max(count, 1)
    started = time.monotonic()
    for number in range(count):
        values = fake_podnet(rng, received=now - timedelta(days=days) + step * number)
        _create_one(register, workflow_tool, values, existing + number)
        if (number + 1) % batch == 0:
            transaction.commit()
            portal._p_jar.cacheGC()
            logger.info("seeded %d of %d podněty", number + 1, count)
    transaction.commit()
    seconds = time.monotonic() - started
    return {
        "created": count,
        "seconds": round(seconds, 1),
        "per_second": round(count / seconds, 1),
    }
