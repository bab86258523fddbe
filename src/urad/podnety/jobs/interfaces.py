"""The contract of a background job."""

from zope.interface import Attribute
from zope.interface import Interface


class IJob(Interface):
    """A periodic task registered as a named utility."""

    title = Attribute("Human-readable name shown in summaries and logs")
    interval = Attribute("Seconds between two runs")

    def run(portal):
        """Do the work and return a JSON-serialisable summary dict.

        The job may commit in batches. The runner commits after it returns.
        """
