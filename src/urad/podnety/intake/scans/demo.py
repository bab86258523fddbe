"""Demo configuration of the scan folder for ``make start``."""

from plone import api
from urad.podnety.intake.scans.folder import ScanFolder


def setup_demo(portal, var_dir):
    """Watch ``var/intake/scans``: copy a scanned letter there to file it."""
    folder = ScanFolder(var_dir / "intake" / "scans")
    folder.ensure()
    api.portal.set_registry_record("urad.podnety.scans.folder", folder.path)
    api.portal.set_registry_record("urad.podnety.scans.stable_seconds", 5)
