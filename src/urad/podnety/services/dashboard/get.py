"""GET @podnety-stats: the dashboard numbers as JSON."""

from plone import api
from plone.restapi.services import Service
from urad.podnety.deadlines import settings
from urad.podnety.deadlines.extensions_log import recent_extensions
from urad.podnety.reports.stats import dashboard_stats


class StatsGet(Service):
    """Return the register's current numbers, the same as the dashboard shows."""

    def reply(self):
        weeks = self.request.form.get("weeks", "12")
        try:
            weeks = max(1, min(int(weeks), 104))
        except ValueError:
            self.request.response.setStatus(400)
            return {
                "error": {"type": "BadRequest", "message": "weeks must be a number"}
            }
        stats = dashboard_stats(api.portal.get(), settings.today(), weeks)
        stats["recent_extensions"] = recent_extensions(10)
        return stats
