"""Values for the placeholders of citizen e-mails, taken from a podnět."""

from datetime import datetime
from plone import api
from urad.podnety.notifications import defaults
from urad.podnety.notifications.settings import get_setting
from urad.podnety.notifications.settings import site_language
from zope.i18n import translate

import zoneinfo


OFFICE_TIMEZONE = zoneinfo.ZoneInfo("Europe/Prague")
STATUS_PAGE = "stav-podnetu"


def format_date(value) -> str:
    """Format a date the Czech way, for example ``4. 12. 2026``."""
    if value is None:
        return ""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(OFFICE_TIMEZONE)
    return f"{value.day}. {value.month}. {value.year}"


def public_link(obj=None) -> str:
    """Return the address of `obj` (default: the site) for links in e-mails.

    Background jobs run without the visitors' request, so absolute_url()
    would return ``http://nohost/...``. When the "Public address of the site"
    setting is set, links start with it whether or not there is a request.
    """
    portal = api.portal.get()
    obj = portal if obj is None else obj
    base = (get_setting("public_url") or "").strip().rstrip("/")
    if not base:
        return obj.absolute_url()
    portal_path = portal.getPhysicalPath()
    relative = obj.getPhysicalPath()[len(portal_path) :]
    return "/".join((base, *relative))


def status_page_url(reference_number: str = "") -> str:
    """Return the status page address, with the reference number filled in."""
    url = f"{public_link()}/{STATUS_PAGE}"
    return f"{url}?ref={reference_number}" if reference_number else url


def state_title(state: str) -> str:
    """Return the citizen's name of a workflow state in the site language."""
    message = defaults.STATE_TITLES.get(state)
    if message is None:
        return state or ""
    return translate(message, target_language=site_language())


def handler_name(podnet) -> str:
    """Return the handler named to the citizen in forwarding e-mails."""
    if get_setting("show_handler_name") and podnet.assignee:
        user = api.user.get(userid=podnet.assignee)
        fullname = user.getProperty("fullname") if user is not None else ""
        if fullname:
            return fullname
    return translate(defaults.GENERIC_HANDLER, target_language=site_language())


def office_name() -> str:
    return (
        api.portal.get_registry_record("urad.podnety.register.office_name", default="")
        or api.portal.get().Title()
    )


def mail_values(podnet, date=None, reason: str = "") -> dict:
    """Return the placeholder values for one e-mail about the podnět."""
    return {
        "reference_number": podnet.reference_number or "",
        "subject": podnet.title or "",
        "state": state_title(api.content.get_state(podnet, default="")),
        "date": format_date(date or datetime.now(OFFICE_TIMEZONE)),
        "received": format_date(podnet.received),
        "resolution": (podnet.resolution or "").strip(),
        "reason": reason,
        "handler": handler_name(podnet),
        "status_url": status_page_url(podnet.reference_number or ""),
        "office": office_name(),
    }
