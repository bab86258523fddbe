"""Clerks' list of files that scan intake rejected, with reasons and downloads."""

from AccessControl import Unauthorized
from datetime import datetime
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urad.podnety import _
from urad.podnety.dates import PRAGUE
from urad.podnety.intake.scans.folder import FAILED
from urad.podnety.intake.scans.folder import REASON_SUFFIX
from urad.podnety.intake.scans.folder import ScanFolder
from urad.podnety.intake.scans.names import display_name
from urad.podnety.intake.scans.names import fit_name
from urad.podnety.intake.scans.settings import get_settings
from urllib.parse import quote
from zExceptions import NotFound

import logging
import os


logger = logging.getLogger(__name__)


def list_failed(folder_path: str) -> list[dict]:
    """Return the rejected files of a scan folder, newest first."""
    failed_dir = os.path.join(folder_path, FAILED)
    try:
        names = os.listdir(failed_dir)
    except FileNotFoundError:
        return []
    entries = []
    for name in names:
        if name.endswith(REASON_SUFFIX) or name.startswith("."):
            continue
        path = os.path.join(failed_dir, name)
        if not os.path.isfile(path):
            continue
        info = os.stat(path)
        entries.append(
            {
                "name": name,
                "title": display_name(name),
                "size": info.st_size,
                "moved": datetime.fromtimestamp(info.st_ctime, tz=PRAGUE),
                "reason": _read_reason(failed_dir, name),
            }
        )
    entries.sort(key=lambda entry: entry["moved"], reverse=True)
    return entries


def _read_reason(failed_dir, name) -> str:
    path = os.path.join(failed_dir, fit_name(name, REASON_SUFFIX))
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return stream.read(4000).strip()
    except FileNotFoundError:
        return ""


class FailedScansView(BrowserView):
    """List rejected scans, or return one for ``?download=<hex of its name>``."""

    def __call__(self):
        token = self.request.form.get("download")
        if token:
            return self.download(token)
        if self.request.method == "POST" and self.request.form.get("retry"):
            self.retry(self.request.form["retry"])
        return self.index()

    def can_retry(self) -> bool:
        return api.user.has_permission(
            "urad.podnety: Manage settings", obj=api.portal.get()
        )

    def token(self, entry) -> str:
        # The name travels as hex of its bytes, because a name written by an
        # old client may not be valid UTF-8.
        return os.fsencode(entry["name"]).hex()

    def retry(self, token):
        """Move a rejected file back into the scan folder (administrators)."""
        if not self.can_retry():
            raise Unauthorized("Only administrators can retry rejected scans.")
        CheckAuthenticator(self.request)
        name = self._known_name(token)
        ScanFolder(self.folder()).restore_failed(name)
        logger.info("A rejected scan was moved back to the scan folder")
        api.portal.show_message(
            _("The file is back in the scan folder and is filed at the next poll."),
            request=self.request,
        )

    def folder(self) -> str:
        return get_settings().folder or ""

    def entries(self) -> list[dict]:
        folder = self.folder()
        return list_failed(folder) if folder else []

    def download_url(self, entry) -> str:
        url = self.context.absolute_url()
        return f"{url}/@@scans-failed?download={self.token(entry)}"

    def _known_name(self, token) -> str:
        """Return the rejected file's name for `token`, or raise NotFound."""
        try:
            name = os.fsdecode(bytes.fromhex(token))
        except ValueError as error:
            raise NotFound(token) from error
        if name not in {entry["name"] for entry in self.entries()}:
            raise NotFound(token)
        return name

    def download(self, token):
        """Send one rejected file as an attachment, never rendered inline."""
        name = self._known_name(token)
        path = os.path.join(self.folder(), FAILED, name)
        response = self.request.response
        response.setHeader("Content-Type", "application/octet-stream")
        response.setHeader("X-Content-Type-Options", "nosniff")
        ascii_name = display_name(name).encode("ascii", "replace").decode()
        ascii_name = ascii_name.replace('"', "_").replace("?", "_")
        response.setHeader(
            "Content-Disposition",
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''"
            + quote(display_name(name), safe=""),
        )
        with open(path, "rb") as stream:
            return stream.read()
