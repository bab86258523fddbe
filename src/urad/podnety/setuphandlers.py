"""Set-up steps that GenericSetup XML cannot express."""

from App.config import getConfiguration
from plone import api
from plone.base.interfaces import INonInstallable
from plone.base.utils import get_installer
from plone.dexterity.utils import createContentInContainer
from urad.podnety.workflow import config
from zope.interface import implementer

import importlib
import logging
import os


logger = logging.getLogger(__name__)

REGISTER_ID = "podnety"

GROUPS = {
    config.CLERKS_GROUP: ("Kontaktní centrum", config.CLERK_ROLE),
    config.OFFICIALS_GROUP: ("Odpovědní úředníci", config.OFFICIAL_ROLE),
    config.SUPERVISORS_GROUP: ("Vedoucí", config.SUPERVISOR_ROLE),
}

# Set-up functions of other parts of the add-on, run after the register
# exists. Each is optional so that one missing part cannot break install.
AREA_SETUP_STEPS = (
    "urad.podnety.intake.webform.form_setup:create_form",
)


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        return ["urad.podnety:uninstall"]


def get_register(portal=None):
    """Return the register folder of the site."""
    portal = portal or api.portal.get()
    return portal[REGISTER_ID]


def create_register(portal):
    """Create the register folder and give each group its role there."""
    if REGISTER_ID not in portal.objectIds():
        # The register type is not addable anywhere by hand (global_allow
        # is off), so it is created without the container's type checks.
        createContentInContainer(
            portal,
            "PodnetRegister",
            checkConstraints=False,
            id=REGISTER_ID,
            title="Podněty",
        )
        logger.info("Created the register folder /%s", REGISTER_ID)
    register = portal[REGISTER_ID]
    for group_id, (title, role) in GROUPS.items():
        if api.group.get(groupname=group_id) is None:
            api.group.create(groupname=group_id, title=title)
        api.group.grant_roles(groupname=group_id, roles=[role], obj=register)
    # Supervisors change deadline rules and reports, which are site settings;
    # this global role grants nothing on the podněty themselves.
    api.group.grant_roles(
        groupname=config.SUPERVISORS_GROUP, roles=[config.RULES_EDITOR_ROLE]
    )
    return register


def run_area_steps(portal):
    for dotted in AREA_SETUP_STEPS:
        module_name, _sep, function_name = dotted.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            logger.debug("Set-up step %s is not available", dotted)
            continue
        getattr(module, function_name)(portal)


def enable_mail_queue(portal):
    """Send mail through zope.sendmail's disk queue unless a queue is set up.

    Without the queue, MailHost talks to the SMTP server while the
    transaction commits, so an SMTP outage would fail a citizen's submission.
    With it, mail waits in ``<clienthome>/mailqueue`` until the server is back.
    """
    mailhost = api.portal.get_tool("MailHost")
    if mailhost.smtp_queue:
        return
    clienthome = getattr(getConfiguration(), "clienthome", None)
    if not clienthome:
        logger.warning("No clienthome configured; mail is sent without a queue")
        return
    directory = os.path.join(clienthome, "mailqueue")
    # zope.sendmail only accepts an existing folder that is a Maildir.
    for subfolder in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(directory, subfolder), exist_ok=True)
    mailhost.smtp_queue = True
    mailhost.smtp_queue_directory = directory
    logger.info("Mail is queued in %s", directory)


def post_install(context):
    """Create the register, the groups and the parts' own content."""
    portal = api.portal.get()
    create_register(portal)
    enable_mail_queue(portal)
    run_area_steps(portal)


def post_uninstall(context):
    """Keep the register and its podněty: they are office records."""
    logger.info("Uninstalled urad.podnety; the register folder is kept")


def is_installed(portal=None):
    return get_installer(portal or api.portal.get()).is_product_installed(
        "urad.podnety"
    )
