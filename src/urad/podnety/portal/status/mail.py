"""The e-mail that brings a citizen their status-page password."""

from functools import partial
from plone import api
from urad.podnety import _
from urad.podnety.content.history import record
from urad.podnety.notifications.mailer import build_message
from urad.podnety.notifications.settings import get_setting
from urad.podnety.notifications.settings import site_language
from urad.podnety.notifications.templates import text_to_html
from urad.podnety.notifications.values import office_name
from urad.podnety.notifications.values import status_page_url
from zope.i18n import translate
from zope.sendmail.mailer import SMTPMailer

import logging
import threading
import transaction


logger = logging.getLogger(__name__)


TEMPLATE_ID = "status-password"

SUBJECT = _("Password for the status page of your submission ${reference_number}")
BODY = _(
    "Dear Sir or Madam,\n"
    "\n"
    "you asked for access to the status page of your submission "
    "${reference_number}. Your password is:\n"
    "\n"
    "${password}\n"
    "\n"
    "Open ${status_url} and enter the reference number and this password. "
    "Dashes and capital letters do not matter. The password replaces any "
    "earlier one and stops working ${days} days after your submission is "
    "closed.\n"
    "\n"
    "If you did not ask for it, ignore this e-mail: nobody can log in "
    "without the password, and only you received it.\n"
    "\n"
    "${office}"
)


def send_password(podnet, password: str) -> str:
    """Mail the password to the address stored on the podnět; return Message-ID.

    The message is handed to the SMTP server from a thread after the
    transaction commits, not while the response is built. A matching
    request therefore takes as long as one that matches nothing, and the
    response time cannot reveal which numbers and addresses exist. Unlike the
    MailHost queue, this path does not retry: a citizen whose password did
    not arrive asks again.
    """
    language = site_language()
    url = status_page_url(podnet.reference_number)
    mapping = {
        "reference_number": podnet.reference_number,
        "password": password,
        "status_url": url,
        "days": get_setting("password_days_after_closing"),
        "office": office_name(),
    }
    subject = translate(_(SUBJECT, mapping=mapping), target_language=language)
    text = translate(_(BODY, mapping=mapping), target_language=language)
    recipient = podnet.citizen_email.strip()
    message = build_message(
        recipient,
        subject,
        text,
        html=text_to_html(text, link=url),
        headers={"Auto-Submitted": "auto-generated"},
    )
    message_id = str(message["Message-ID"])
    record(
        podnet,
        "mail",
        to=recipient,
        subject=str(message["Subject"]),
        template=TEMPLATE_ID,
        message_id=message_id,
    )
    mailhost = api.portal.get_tool("MailHost")
    mailer = SMTPMailer(
        hostname=mailhost.smtp_host,
        port=int(mailhost.smtp_port),
        username=mailhost.smtp_uid or None,
        password=mailhost.smtp_pwd or None,
    )
    sender = message["From"].addresses[0].addr_spec
    # SMTP needs CRLF line ends; the default policy writes LF.
    data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    delivery = partial(
        _deliver, mailer, sender, recipient, data, podnet.reference_number
    )
    transaction.get().addAfterCommitHook(_start_after_commit, args=(delivery,))
    return message_id


def _start_after_commit(committed: bool, delivery) -> None:
    if committed:
        threading.Thread(target=delivery, daemon=True).start()


def _deliver(mailer, sender, recipient, data, reference_number) -> None:
    try:
        mailer.send(sender, [recipient], data)
    except Exception:
        # NOTE: not retried; the citizen can request a new password.
        logger.exception("%s: the status page password mail failed", reference_number)
    else:
        logger.info("%s: status page password mail delivered", reference_number)
