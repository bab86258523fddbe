"""Recipients and translation for mails to staff sent by background jobs."""

from plone import api
from urad.podnety.notifications.settings import get_setting
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)


def site_language():
    language = api.portal.get_registry_record("plone.default_language", default="cs")
    return (language or "cs").split("-")[0]


def translator(language=None):
    """Return a function that translates a message into the site language."""
    language = language or site_language()

    def translate_message(message):
        return translate(message, domain="urad.podnety", target_language=language)

    return translate_message


def link_of(brain):
    """Return the address of a podnět for a mail sent by a background job.

    Jobs run without a real request, so the site's public address from the
    citizen settings is used where it is set.
    """
    base = (get_setting("public_url") or "").strip().rstrip("/")
    if not base:
        return brain.getURL()
    portal_path = "/".join(api.portal.get().getPhysicalPath())
    return base + brain.getPath()[len(portal_path) :]


def user_email(user_id):
    user = api.user.get(userid=user_id) if user_id else None
    email = user.getProperty("email") if user is not None else None
    return email or None


def group_emails(group_id):
    group = api.group.get(groupname=group_id) if group_id else None
    if group is None:
        return []
    emails = [user.getProperty("email") for user in api.user.get_users(group=group)]
    return sorted({email for email in emails if email})


def resolve_recipients(entries):
    """Turn e-mail addresses, group ids and user ids into e-mail addresses.

    An entry that matches no address, group or user with an e-mail address
    is skipped with a warning.
    """
    emails = []
    for entry in entries or ():
        entry = (entry or "").strip()
        if not entry:
            continue
        if "@" in entry:
            found = [entry]
        else:
            found = group_emails(entry) or [user_email(entry)]
        found = [email for email in found if email]
        if not found:
            logger.warning(
                "Recipient %r not found: no e-mail address, group or user with e-mail",
                entry,
            )
        for email in found:
            if email not in emails:
                emails.append(email)
    return emails
