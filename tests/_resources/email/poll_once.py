"""Poll the test mailbox once in a real Zope process; run by ``zconsole run``.

The environment names the mailbox (IMAP_PORT, IMAP_USER, IMAP_PASSWORD) and
optionally CRASH, the step after which the process kills itself with SIGKILL:
``before_commit`` (podnět created, transaction open) or ``after_commit``
(podnět committed, message not yet moved). Prints the titles of the e-mail
podněty as JSON when it survives.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import system
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import json
import os
import signal
import transaction


app = makerequest(globals()["app"])  # noqa: F821 - provided by zconsole
newSecurityManager(None, system)
site = app[os.environ.get("SITE_ID", "urad")]
setSite(site)

from urad.podnety.intake.email import sources  # noqa: E402
from urad.podnety.intake.email.imap import ImapSource  # noqa: E402
from urad.podnety.intake.email.job import poll_sources  # noqa: E402


def kill_self(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


crash = os.environ.get("CRASH", "")
if crash == "after_commit":
    ImapSource._move = kill_self
elif crash == "before_commit":
    real_file_parsed = sources.file_parsed

    def file_then_die(*args):
        real_file_parsed(*args)
        kill_self()

    sources.file_parsed = file_then_die

records = {
    "imap_enabled": True,
    "imap_host": "127.0.0.1",
    "imap_port": int(os.environ["IMAP_PORT"]),
    "imap_security": "plain",
    "imap_user": os.environ["IMAP_USER"],
    "imap_password": os.environ["IMAP_PASSWORD"],
    "maildir_path": "",
}
for name, value in records.items():
    api.portal.set_registry_record(f"urad.podnety.email.{name}", value)
transaction.commit()

poll_sources(site)
catalog = api.portal.get_tool("portal_catalog")
brains = catalog.unrestrictedSearchResults(portal_type="Podnet", channel="email")
print(json.dumps([brain.Title for brain in brains], ensure_ascii=True))
