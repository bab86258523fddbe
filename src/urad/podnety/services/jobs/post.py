"""POST @podnety-jobs: run every background job now."""

from plone.restapi.services import Service
from urad.podnety.jobs.runner import run_due_jobs
from zope.interface import alsoProvides

import plone.protect.interfaces


class JobsPost(Service):
    """Run all registered jobs at once and return their summaries."""

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        results = run_due_jobs(self.context, force=True)
        return {"jobs": results}
