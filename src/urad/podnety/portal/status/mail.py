"""The e-mail that brings a citizen their status-page password."""

from urad.podnety import _
from urad.podnety.notifications.mailer import send_mail
from urad.podnety.notifications.settings import get_setting
from urad.podnety.notifications.settings import site_language
from urad.podnety.notifications.templates import text_to_html
from urad.podnety.notifications.values import office_name
from urad.podnety.notifications.values import status_page_url
from zope.i18n import translate


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
    """Mail the password to the address stored on the podnět; return Message-ID."""
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
    return send_mail(
        podnet.citizen_email.strip(),
        subject,
        text,
        html=text_to_html(text, link=url),
        headers={"Auto-Submitted": "auto-generated"},
        podnet=podnet,
        template=TEMPLATE_ID,
    )
