"""Clerks' list of files that scan intake rejected, with reasons and downloads."""

from datetime import datetime
from Products.Five.browser import BrowserView
from urad.podnety.intake.scans.folder import FAILED
from urad.podnety.intake.scans.folder import REASON_SUFFIX
from urad.podnety.intake.scans.names import display_name
from urad.podnety.intake.scans.names import fit_name
from urad.podnety.intake.scans.settings import get_settings
from urllib.parse import quote
from zExceptions import NotFound

import os


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
                "moved": datetime.fromtimestamp(info.st_ctime),
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
        name = self.request.form.get("download")
        if name:
            return self.download(name)
        return self.index()

    def folder(self) -> str:
        return get_settings().folder or ""

    def entries(self) -> list[dict]:
        folder = self.folder()
        return list_failed(folder) if folder else []

    def download_url(self, entry) -> str:
        # The name travels as hex of its bytes, because a name written by an
        # old client may not be valid UTF-8.
        token = os.fsencode(entry["name"]).hex()
        return f"{self.context.absolute_url()}/@@scans-failed?download={token}"

    def download(self, token):
        """Send one rejected file as an attachment, never rendered inline."""
        try:
            name = os.fsdecode(bytes.fromhex(token))
        except ValueError as error:
            raise NotFound(token) from error
        known = {entry["name"] for entry in self.entries()}
        if name not in known:
            raise NotFound(token)
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
