"""Demo configuration of the e-mail channel for ``make start``."""

from plone import api

import os


def setup_demo(portal, var_dir):
    """Read ``var/intake/mail`` as a Maildir: drop a .eml into its new/ folder."""
    maildir = var_dir / "intake" / "mail"
    for name in ("new", "cur", "tmp", "failed"):
        os.makedirs(maildir / name, exist_ok=True)
    api.portal.set_registry_record("urad.podnety.email.maildir_path", str(maildir))
    api.portal.set_registry_record(
        "urad.podnety.email.internal_domains", ["urad.example.org", "urad.example"]
    )
