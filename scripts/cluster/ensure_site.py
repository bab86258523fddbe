"""Create the Plone site with urad.podnety in the cluster database if it is missing.

Run through ``zconsole run ETC/zope.conf ensure_site.py SITE_ID ADMIN_PASSWORD``;
``app`` is bound by zconsole. Safe to run again: an existing site is left alone.
"""

from plone.distribution.api import site as site_api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import logging
import sys
import transaction


logger = logging.getLogger("urad.podnety.cluster.ensure_site")

PROFILE = "urad.podnety:default"


def ensure_admin(root, password):
    """Add the Zope-level Manager used by scripts and tests."""
    if root.acl_users.getUserById("admin") is None:
        root.acl_users._doAddUser("admin", password, ["Manager"], [])


def ensure_site(root, site_id):
    """Return the site with the add-on, creating either if missing."""
    if site_id in root.objectIds():
        site, created = root[site_id], False
    else:
        site, created = create_site(root, site_id), True
    setSite(site)
    setup = site.portal_setup
    if setup.getLastVersionForProfile(PROFILE) == "unknown":
        setup.runAllImportStepsFromProfile(f"profile-{PROFILE}")
    return site, created


def create_site(root, site_id):
    answers = {
        "site_id": site_id,
        "title": "Úřad – podněty",
        "description": "",
        "default_language": "cs",
        "portal_timezone": "Europe/Prague",
        "setup_content": False,
    }
    return site_api.create(root, "classic", answers)


def main(root, argv):
    site_id, password = argv[-2], argv[-1]
    root = makerequest(root)
    ensure_admin(root, password)
    transaction.commit()
    site, created = ensure_site(root, site_id)
    transaction.commit()
    print(f"site {site_id}: {'created' if created else 'exists'}")


if __name__ == "__main__":
    main(app, sys.argv)  # noqa: F821 - zconsole binds ``app``
