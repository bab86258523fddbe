"""Demo users, settings and podněty for `make start`.

Demo logins are for trying the add-on out only: never run this on a site that
holds real data.
"""

from datetime import datetime
from datetime import timedelta
from pathlib import Path
from plone import api
from urad.podnety.intake import Attachment
from urad.podnety.intake import Submission
from urad.podnety.intake import file_submission
from urad.podnety.setuphandlers import create_register
from urad.podnety.workflow import config
from zoneinfo import ZoneInfo

import importlib
import logging
import os
import pkgutil
import urad.podnety


logger = logging.getLogger(__name__)

PRAGUE = ZoneInfo("Europe/Prague")

# Plone requires passwords of at least 8 characters.
DEMO_PASSWORD = "podnety-demo"

# login, full name, group (None: Site Administrator)
DEMO_USERS = (
    ("referentka", "Jana Referentová", config.CLERKS_GROUP),
    ("resitel", "Petr Řešitel", config.OFFICIALS_GROUP),
    ("resitelka", "Eva Odborná", config.OFFICIALS_GROUP),
    ("vedouci", "Marie Vedoucí", config.SUPERVISORS_GROUP),
    ("webmaster", "Karel Webmaster", None),
)

# `make start` passes the sink's port; two demos on one machine need two.
SMTP_SINK_PORT = int(os.environ.get("SMTP_PORT", "8025"))


def create_users():
    for login, fullname, group in DEMO_USERS:
        if api.user.get(username=login) is None:
            api.user.create(
                username=login,
                password=DEMO_PASSWORD,
                email=f"{login}@urad.example",
                properties={"fullname": fullname},
            )
        if group:
            api.group.add_user(groupname=group, username=login)
        else:
            api.user.grant_roles(username=login, roles=["Site Administrator"])


def configure_mail(var_dir):
    """Send through the local SMTP sink, via zope.sendmail's disk queue."""
    mailhost = api.portal.get_tool("MailHost")
    mailhost.smtp_host = "127.0.0.1"
    mailhost.smtp_port = SMTP_SINK_PORT
    mailhost.smtp_queue = True
    mailhost.smtp_queue_directory = str(Path(var_dir) / "mailqueue")
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", SMTP_SINK_PORT)
    api.portal.set_registry_record("plone.email_from_address", "podnety@urad.example")
    api.portal.set_registry_record("plone.email_from_name", "Úřad (demo)")
    api.portal.set_registry_record(
        "urad.podnety.register.office_name", "Úřad (demo)"
    )


DEMO_PODNETY = (
    {
        "channel": "web",
        "title": "Nesvítí lampa v ulici Na Příkopě",
        "text": "Dobrý den, již týden nesvítí pouliční lampa před domem č. 12.",
        "citizen_name": "Alena Svobodová",
        "citizen_email": "alena.svobodova@example.cz",
        "wants_updates": True,
        "category": "doprava",
    },
    {
        "channel": "email",
        "title": "Stížnost na hluk z provozovny",
        "text": "Stěžuji si na hluk z provozovny v přízemí, který trvá do půlnoci.",
        "citizen_name": "Tomáš Dvořák",
        "citizen_email": "tomas.dvorak@example.cz",
        "kind": "stiznost",
        "attachment": ("zprava.eml", b"Subject: Stiznost\r\n\r\nDemo.\r\n"),
    },
    {
        "channel": "post",
        "title": "Dopis: žádost o opravu chodníku",
        "text": "Žádám o opravu chodníku v ulici Křižíkova.",
        "citizen_address": "Křižíkova 5, 186 00 Praha 8",
        "category": "doprava",
    },
    {
        "channel": "phone",
        "title": "Telefonát: nevyvezený kontejner",
        "text": "Občan volal, že kontejner na tříděný odpad nebyl vyvezen.",
        "citizen_phone": "+420601234567",
        "category": "odpady",
    },
)


def create_podnety(portal):
    now = datetime.now(PRAGUE)
    created = []
    for number, data in enumerate(DEMO_PODNETY):
        data = dict(data)
        attachment = data.pop("attachment", None)
        submission = Submission(
            source_key=f"demo:{number}",
            received=now - timedelta(days=3 - number),
            **data,
        )
        if attachment:
            filename, raw = attachment
            submission.attachments.append(
                Attachment(filename, raw, "message/rfc822", original=True)
            )
        podnet, is_new = file_submission(portal, submission)
        if is_new:
            created.append(podnet)
    if created:
        first = created[0]
        first.assignee = "resitel"
        api.portal.get_tool("portal_workflow").doActionFor(
            first, config.ACCEPT, comment="Předáno odboru dopravy."
        )
    return created


def theme_loopback_address():
    """Theme pages served on 127.0.0.1, where `make start` serves the demo.

    Plone leaves 127.0.0.1 unthemed by default so that developers can see raw
    pages; a newcomer would take that for a broken site.
    """
    api.portal.set_registry_record(
        "plone.app.theming.interfaces.IThemeSettings.hostnameBlacklist", []
    )


def run_area_demos(portal, var_dir):
    """Call ``setup_demo(portal, var_dir)`` of every part that has one."""
    for module_info in pkgutil.walk_packages(
        urad.podnety.__path__, prefix="urad.podnety."
    ):
        if not module_info.name.endswith(".demo") or module_info.name == __name__:
            continue
        module = importlib.import_module(module_info.name)
        setup_demo = getattr(module, "setup_demo", None)
        if setup_demo is not None:
            setup_demo(portal, Path(var_dir))
            logger.info("Demo set-up of %s done", module_info.name)


def setup_demo(portal, var_dir):
    """Create everything the demo needs; safe to run again on the same site."""
    Path(var_dir, "outbox").mkdir(parents=True, exist_ok=True)
    create_register(portal)
    create_users()
    configure_mail(var_dir)
    theme_loopback_address()
    run_area_demos(portal, var_dir)
    return create_podnety(portal)
