"""Send e-mail through Plone's MailHost and record it on the podnět."""

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate
from email.utils import make_msgid
from email.utils import parseaddr
from plone import api
from urad.podnety.content.history import record

import logging


logger = logging.getLogger(__name__)


def _clean(value):
    """Remove line breaks so that no input can add a header line."""
    return " ".join(str(value or "").split())


def office_address():
    name = api.portal.get_registry_record(
        "urad.podnety.register.office_name", default="Úřad"
    )
    email = api.portal.get_registry_record(
        "urad.podnety.register.office_email", default="podnety@urad.example"
    )
    return _clean(name), _clean(email)


def _address(value):
    name, email = parseaddr(_clean(value))
    if not email or "@" not in email:
        raise ValueError(f"Invalid e-mail address: {value!r}")
    username, _sep, domain = email.rpartition("@")
    return Address(display_name=name, username=username, domain=domain)


def build_message(to, subject, text, html=None, attachments=(), headers=None):
    """Return the EmailMessage the mailer would send."""
    office_name, office_email = office_address()
    message = EmailMessage()
    message["Subject"] = _clean(subject)
    message["From"] = _address(f"{office_name} <{office_email}>")
    recipients = [to] if isinstance(to, str) else list(to)
    message["To"] = [_address(recipient) for recipient in recipients]
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=office_email.rpartition("@")[2])
    extra = dict(headers or {})
    extra.setdefault("Reply-To", office_email)
    for name, value in extra.items():
        if value:
            message[name] = _clean(value)
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, data, content_type in attachments:
        maintype, _sep, subtype = content_type.partition("/")
        message.add_attachment(
            data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=filename,
        )
    return message


def send_mail(
    to,
    subject,
    text,
    html=None,
    attachments=(),
    headers=None,
    podnet=None,
    template="",
):
    """Queue one e-mail and return its Message-ID.

    `attachments` are ``(filename, bytes, content type)`` tuples. The MailHost
    hands the message over when the transaction commits (through zope.sendmail's
    queue where the site enables it), so an aborted transaction sends nothing.
    With `podnet` the mail is recorded in that podnět's history.
    """
    message = build_message(to, subject, text, html, attachments, headers)
    mailhost = api.portal.get_tool("MailHost")
    mailhost.send(message.as_bytes(), charset="utf-8")
    if podnet is not None:
        record(
            podnet,
            "mail",
            to=", ".join(str(address) for address in message["To"].addresses),
            subject=str(message["Subject"]),
            template=template,
            message_id=str(message["Message-ID"]),
        )
        logger.info(
            "%s: queued mail %s (%s)",
            podnet.reference_number,
            message["Message-ID"],
            template or "no template",
        )
    return str(message["Message-ID"])
