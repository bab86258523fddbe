"""Create the Plone site with urad.podnety in the cluster database if it is missing.

Run through ``zconsole run ETC/zope.conf ensure_site.py SITE ADMIN_PASSWORD SMTP_PORT``;
``app`` is bound by zconsole. Safe to run again: an existing site keeps its data
and only gets the add-on installed or upgraded. Unlike scripts/create_site.py
it adds no demo content, so tests and benchmarks start from an empty register.
"""

from plone.base.utils import get_installer
from plone.distribution.api import site as site_api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import sys
import transaction


PRODUCT = "urad.podnety"


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
    installer = get_installer(site, site.REQUEST)
    if not installer.is_product_installed(PRODUCT):
        installer.install_product(PRODUCT)
    elif installer.upgrade_info(PRODUCT).get("required"):
        installer.upgrade_product(PRODUCT)
    return site, created


def create_site(root, site_id):
    """Create an empty Classic UI site."""
    answers = {
        "site_id": site_id,
        "title": "Úřad – podněty",
        "description": "",
        "default_language": "cs",
        "portal_timezone": "Europe/Prague",
        "setup_content": False,
    }
    return site_api.create(root, "classic", answers)


def point_mail_at(site, port):
    """Send the site's mail to the SMTP server on 127.0.0.1:`port`."""
    mailhost = site.MailHost
    mailhost.smtp_host = "127.0.0.1"
    mailhost.smtp_port = port
    registry = site.portal_registry
    registry["plone.smtp_host"] = "127.0.0.1"
    registry["plone.smtp_port"] = port
    if not registry["plone.email_from_address"]:
        registry["plone.email_from_address"] = "podnety@urad.example"
        registry["plone.email_from_name"] = "Úřad"


def main(root, argv):
    """Create the admin user and the site named on the command line."""
    site_id, password, smtp_port = argv[-3], argv[-2], int(argv[-1])
    root = makerequest(root)
    ensure_admin(root, password)
    transaction.commit()
    site, created = ensure_site(root, site_id)
    if smtp_port:
        point_mail_at(site, smtp_port)
    transaction.commit()
    print(f"site {site_id}: {'created' if created else 'exists'}")


if __name__ == "__main__":
    main(app, sys.argv)  # noqa: F821 - zconsole binds ``app``
