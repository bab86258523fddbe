"""Send contact-centre staff to the register after they log in."""

from plone import api
from plone.base.interfaces import IRedirectAfterLogin
from urad.podnety.setuphandlers import REGISTER_ID
from urad.podnety.workflow import config
from zope.interface import implementer


STAFF_GROUPS = (config.CLERKS_GROUP, config.OFFICIALS_GROUP, config.SUPERVISORS_GROUP)


@implementer(IRedirectAfterLogin)
class RedirectStaffToRegister:
    """Clerks, officials and supervisors land on the register.

    A login that came from a specific page (``came_from``) returns there.
    """

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        portal = api.portal.get()
        portal_url = portal.absolute_url()
        if came_from and came_from.rstrip("/") not in (
            portal_url,
            f"{portal_url}/login",
        ):
            return came_from
        user = api.user.get_current()
        groups = {group.getId() for group in api.group.get_groups(user=user)}
        if groups & set(STAFF_GROUPS) and REGISTER_ID in portal.objectIds():
            return portal[REGISTER_ID].absolute_url()
        return came_from
