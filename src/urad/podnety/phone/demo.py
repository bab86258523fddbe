"""Demo configuration of the phone channel for ``make start``."""

from plone import api

import os


DEMO_TOKEN = "demo-pbx-token"


def setup_demo(portal, var_dir):
    """Accept the demo token, map extension 201, poll var/intake/recordings."""
    recordings = var_dir / "intake" / "recordings"
    os.makedirs(recordings / "processed", exist_ok=True)
    prefix = "urad.podnety.phone"
    if not api.portal.get_registry_record(f"{prefix}.token", default=""):
        api.portal.set_registry_record(f"{prefix}.token", DEMO_TOKEN)
    api.portal.set_registry_record(f"{prefix}.recordings_folder", str(recordings))
    api.portal.set_registry_record(
        f"{prefix}.extensions", ["201|referentka", "202|vedouci"]
    )
