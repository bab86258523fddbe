"""Create (or keep) the demo site `urad` with urad.podnety installed.

Run by `make start` through ``zconsole run``, which provides `app`. A site
that exists already is left with its data; only missing demo parts are added.
"""

from AccessControl.SecurityManagement import newSecurityManager
from pathlib import Path
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import sys
import transaction


SITE_ID = os.environ.get("SITE_ID", "urad")
VAR = Path(os.environ.get("VAR_DIR", "var")).resolve()

app = makerequest(globals()["app"])  # noqa: F821 - provided by zconsole
admin = app.acl_users.getUserById("admin")
if admin is None:
    app.acl_users._doAddUser("admin", "admin", ["Manager"], [])
    # Site creation runs in a transaction of its own; commit the user first.
    transaction.commit()
    admin = app.acl_users.getUserById("admin")
newSecurityManager(None, admin.__of__(app.acl_users))

if SITE_ID not in app.objectIds():
    from plone.distribution.api import site as site_api

    site = site_api.create(
        app,
        "classic",
        {
            "site_id": SITE_ID,
            "title": "Úřad – podněty",
            "description": "Kontaktní centrum úřadu",
            "default_language": "cs",
            "portal_timezone": "Europe/Prague",
            "setup_content": False,
        },
    )
    print(f"Created the site /{SITE_ID}")
site = app[SITE_ID]
setSite(site)

from plone.base.utils import get_installer  # noqa: E402
from urad.podnety.demo import setup_demo  # noqa: E402


installer = get_installer(site, site.REQUEST)
if not installer.is_product_installed("urad.podnety"):
    installer.install_product("urad.podnety")
    print("Installed urad.podnety")
elif installer.upgrade_info("urad.podnety").get("required"):
    installer.upgrade_product("urad.podnety")
    print("Upgraded urad.podnety")
created = setup_demo(site, VAR)
transaction.commit()
print(f"Demo podněty created now: {len(created)}")
sys.exit(0)
