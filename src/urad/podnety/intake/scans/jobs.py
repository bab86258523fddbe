"""Background jobs of the scan folder, run by `urad.podnety.jobs.runner`."""

from urad.podnety.intake.scans.filing import poll_folder
from urad.podnety.intake.scans.textjob import run_text_recognition
from urad.podnety.jobs.interfaces import IJob
from zope.interface import implementer


@implementer(IJob)
class ScanFolderJob:
    """Poll the scan folder and file complete scans as podněty."""

    title = "Scanned letters: poll the scan folder"
    interval = 60

    def run(self, portal):
        return poll_folder(portal)


@implementer(IJob)
class ScanTextJob:
    """Read the text of filed scans (text layer or OCR) for full-text search."""

    title = "Scanned letters: text recognition"
    interval = 60

    def run(self, portal):
        return run_text_recognition(portal)
