"""Send the e-mails that keep a citizen informed about their podnět."""

from persistent.mapping import PersistentMapping
from urad.podnety.notifications.mailer import send_mail
from urad.podnety.notifications.settings import effective_template
from urad.podnety.notifications.settings import get_setting
from urad.podnety.notifications.templates import TemplateError
from urad.podnety.notifications.templates import render_mail
from urad.podnety.notifications.values import mail_values
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger(__name__)

SENT_KEY = "urad.podnety.citizen_mails"
ACKNOWLEDGEMENT = "filed"


def sent_events(podnet) -> PersistentMapping:
    """Return the mapping of event keys already mailed to their Message-IDs."""
    annotations = IAnnotations(podnet)
    sent = annotations.get(SENT_KEY)
    if sent is None:
        sent = annotations[SENT_KEY] = PersistentMapping()
    return sent


def citizen_address(podnet) -> str:
    """Return the citizen's e-mail address, or an empty string."""
    return (podnet.citizen_email or "").strip()


def is_auto_generated(podnet) -> bool:
    """Return True when the podnět came from an auto-reply, bounce or list."""
    return bool((podnet.intake_info or {}).get("auto_submitted"))


def may_mail(podnet, event: str) -> bool:
    """Return True when the citizen should get the e-mail for this event."""
    if not citizen_address(podnet) or is_auto_generated(podnet):
        return False
    if podnet.wants_updates:
        return True
    return event == ACKNOWLEDGEMENT and bool(get_setting("always_acknowledge"))


def thread_headers(podnet) -> dict:
    """Return headers that thread the e-mail under the citizen's own message."""
    headers = {"Auto-Submitted": "auto-generated"}
    references = []
    original = (podnet.intake_info or {}).get("message_id") or ""
    if podnet.channel == "email" and original:
        headers["In-Reply-To"] = original
        references.append(original)
    acknowledgement = sent_events(podnet).get(ACKNOWLEDGEMENT)
    if acknowledgement:
        references.append(acknowledgement)
    if references:
        headers["References"] = " ".join(references)
    return headers


def send_citizen_mail(podnet, event: str, key: str, date=None, reason: str = ""):
    """Mail the citizen about `event` once per `key`; return the Message-ID.

    Returns None when nothing was sent: the citizen gave no address, did not
    ask for updates, the key was mailed before, or the address is invalid.
    """
    if not may_mail(podnet, event):
        return None
    sent = sent_events(podnet)
    if key in sent:
        logger.info("%s: %s was mailed before", podnet.reference_number, key)
        return None
    subject, body = effective_template(event)
    values = mail_values(podnet, date=date, reason=reason)
    try:
        mail = render_mail(subject, body, values)
    except TemplateError:
        logger.exception(
            "%s: the %s template is invalid, no e-mail sent",
            podnet.reference_number,
            event,
        )
        return None
    try:
        message_id = send_mail(
            citizen_address(podnet),
            mail.subject,
            mail.text,
            html=mail.html,
            headers=thread_headers(podnet),
            podnet=podnet,
            template=event,
        )
    except ValueError:
        logger.warning(
            "%s: invalid citizen e-mail address, no %s e-mail sent",
            podnet.reference_number,
            event,
        )
        return None
    sent[key] = message_id
    return message_id
