"""POST @podnety-jobs: run every background job now."""

from plone.restapi.services import Service
from urad.podnety.jobs.runner import is_skipped_elsewhere
from urad.podnety.jobs.runner import run_due_jobs
from zope.interface import alsoProvides

import plone.protect.interfaces


class JobsPost(Service):
    """Run all registered jobs at once and return their summaries.

    ``jobs`` lists the jobs that ran here. ``skipped`` lists those that another
    process or thread was running, with the lease holder and its start time.
    """

    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        results = run_due_jobs(self.context, force=True)
        ran = {}
        skipped = {}
        for name, summary in results.items():
            target = skipped if is_skipped_elsewhere(summary) else ran
            target[name] = summary
        return {"jobs": ran, "skipped": skipped}
