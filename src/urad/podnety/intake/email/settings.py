"""Settings of the e-mail channel (records under ``urad.podnety.email``)."""

from plone import api
from urad.podnety import _
from zope import schema
from zope.interface import Interface
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


PREFIX = "urad.podnety.email"

SECURITY = SimpleVocabulary(
    [
        SimpleTerm("ssl", "ssl", _("TLS from the start (IMAPS, usually port 993)")),
        SimpleTerm("starttls", "starttls", _("STARTTLS (usually port 143)")),
        SimpleTerm("plain", "plain", _("Unencrypted (only on a trusted network)")),
    ]
)


class IEmailSettings(Interface):
    """Records of the IMAP mailbox and the local Maildir read by the intake."""

    imap_enabled = schema.Bool(
        title=_("Read the IMAP mailbox"),
        default=False,
        required=False,
    )
    imap_host = schema.TextLine(
        title=_("IMAP server"),
        description=_("Host name, for example outlook.office365.com."),
        default="",
        required=False,
    )
    imap_port = schema.Int(
        title=_("IMAP port"),
        default=993,
        min=1,
        max=65535,
        required=True,
    )
    imap_security = schema.Choice(
        title=_("Connection security"),
        vocabulary=SECURITY,
        default="ssl",
        required=True,
    )
    imap_user = schema.TextLine(
        title=_("IMAP user name"),
        default="",
        required=False,
    )
    imap_password = schema.Password(
        title=_("IMAP password"),
        description=_(
            "For an account with two-step sign-in (Gmail, Microsoft 365) enter an "
            "app password."
        ),
        default="",
        required=False,
    )
    imap_folder = schema.TextLine(
        title=_("Folder to read"),
        default="INBOX",
        required=True,
    )
    processed_folder = schema.TextLine(
        title=_("Folder for processed messages"),
        description=_("Created when missing. Czech names such as Zpracováno work."),
        default="Zpracováno",
        required=True,
    )
    failed_folder = schema.TextLine(
        title=_("Folder for messages that failed"),
        description=_(
            "Messages that could not be filed after the maximum number of attempts "
            "go here. Move them back to the folder to read to try again."
        ),
        default="Chybné",
        required=True,
    )
    maildir_path = schema.TextLine(
        title=_("Local Maildir"),
        description=_(
            "Absolute path of a Maildir on this server (with new/ and cur/), "
            "for example var/intake/mail of the demo. Leave empty to read none."
        ),
        default="",
        required=False,
    )
    max_message_mb = schema.Int(
        title=_("Maximum message size (MB)"),
        description=_(
            "Larger messages are registered from their headers with a note and "
            "stay in the mailbox."
        ),
        default=25,
        min=1,
        max=2048,
        required=True,
    )
    max_attempts = schema.Int(
        title=_("Attempts before a message counts as failed"),
        default=3,
        min=1,
        max=100,
        required=True,
    )
    batch_size = schema.Int(
        title=_("Messages per run"),
        description=_("The rest is read on the next run, a minute later."),
        default=100,
        min=1,
        max=10000,
        required=True,
    )
    internal_domains = schema.List(
        title=_("Office mail domains"),
        description=_(
            "A message forwarded from these domains is registered under the "
            "original sender. Empty: the domains the message was addressed to."
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )


def get_settings():
    """Return the e-mail settings as a proxy over the registry records."""
    registry = api.portal.get_tool("portal_registry")
    return registry.forInterface(IEmailSettings, prefix=PREFIX, check=False)
