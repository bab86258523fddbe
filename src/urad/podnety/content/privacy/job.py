"""The background job that pseudonymises podněty some time after closing."""

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from plone import api
from urad.podnety import _
from urad.podnety.content.privacy.pseudonymise import is_pseudonymised
from urad.podnety.content.privacy.pseudonymise import pseudonymise
from urad.podnety.jobs.interfaces import IJob
from urad.podnety.notifications.settings import get_setting
from urad.podnety.notifications.settings import site_language
from urad.podnety.portal.status.access import CLOSING_STATES
from urad.podnety.portal.status.access import closed_since
from zope.i18n import translate
from zope.interface import implementer

import logging
import transaction


logger = logging.getLogger(__name__)

JOB_ACTOR = "pseudonymisation-job"
BATCH_SIZE = 50


def due_podnety(portal, now=None):
    """Yield closed or rejected podněty whose retention time has passed."""
    now = now or datetime.now(UTC)
    limit = now - timedelta(days=get_setting("pseudonymise_after_days"))
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Podnet", review_state=sorted(CLOSING_STATES)
    )
    for brain in brains:
        podnet = brain._unrestrictedGetObject()
        closed = closed_since(podnet)
        if closed is not None and closed < limit and not is_pseudonymised(podnet):
            yield podnet


@implementer(IJob)
class PseudonymiseJob:
    """Replace citizens' personal data in podněty closed long enough ago."""

    title = "Pseudonymise closed podněty"
    interval = 24 * 60 * 60

    def run(self, portal) -> dict:
        keep_files = bool(get_setting("pseudonymise_keeps_files"))
        days = get_setting("pseudonymise_after_days")
        reason = translate(
            _(
                "Retention period of ${days} days after closing has passed",
                mapping={"days": days},
            ),
            target_language=site_language(),
        )
        done = []
        for podnet in list(due_podnety(portal)):
            with api.env.adopt_roles(["Manager"]):
                pseudonymise(podnet, reason, keep_files, actor=JOB_ACTOR)
            done.append(podnet.reference_number)
            if len(done) % BATCH_SIZE == 0:
                transaction.commit()
        logger.info("Pseudonymised %d podněty", len(done))
        return {"pseudonymised": len(done), "reference_numbers": done}
