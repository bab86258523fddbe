"""Export one podnět with its originals, or everything about one citizen."""

from datetime import date
from datetime import datetime
from plone import api
from urad.podnety.content.history import full_history
from urad.podnety.intake.attachments import get_text
from urad.podnety.intake.attachments import is_original
from urad.podnety.phone.numbers import lookup_spellings
from urad.podnety.phone.numbers import normalize_number
from urad.podnety.phone.numbers import numbers_match
from urad.podnety.portal.status.access import CREDENTIALS_KEY
from zope.annotation.interfaces import IAnnotations

import hashlib
import io
import json
import zipfile


FIELDS = (
    "reference_number",
    "channel",
    "received",
    "kind",
    "title",
    "text",
    "citizen_name",
    "citizen_email",
    "citizen_phone",
    "citizen_address",
    "wants_updates",
    "category",
    "assignee",
    "resolution",
    "deadline_accept",
    "deadline_resolve",
    "deadline_close",
    "confidential",
    "intake_info",
    "attention",
)


def _plain(value):
    """Return a JSON-safe copy of a stored value."""
    if hasattr(value, "asdatetime"):
        value = value.asdatetime()
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(item) for item in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _files(podnet):
    for item in podnet.objectValues():
        blob = getattr(item, "file", None)
        if item.portal_type == "File" and blob is not None:
            yield item, blob


def describe(podnet, folder: str = "") -> dict:
    """Return the podnět's data, history and file list as JSON-safe values."""
    data = {name: _plain(getattr(podnet, name, None)) for name in FIELDS}
    data["state"] = api.content.get_state(podnet, default=None)
    credentials = IAnnotations(podnet).get(CREDENTIALS_KEY)
    data["status_page_password_issued"] = (
        _plain(credentials["issued"]) if credentials else None
    )
    data["history"] = _plain(full_history(podnet))
    data["files"] = [
        {
            "path": f"{folder}files/{item.getId()}/{blob.filename or item.getId()}",
            "filename": blob.filename,
            "content_type": blob.contentType,
            "size": blob.size,
            "sha256": hashlib.sha256(blob.data).hexdigest(),
            "original": is_original(item),
            "text": get_text(item),
        }
        for item, blob in _files(podnet)
    ]
    return data


def _write_podnet(archive: zipfile.ZipFile, podnet, folder: str = "") -> dict:
    data = describe(podnet, folder)
    archive.writestr(
        f"{folder}podnet.json", json.dumps(data, ensure_ascii=False, indent=2)
    )
    archive.writestr(f"{folder}text.txt", podnet.text or "")
    for (_item, blob), entry in zip(_files(podnet), data["files"], strict=True):
        archive.writestr(entry["path"], blob.data)
    return data


def podnet_zip(podnet) -> bytes:
    """Return a zip of one podnět: podnet.json, text.txt and files/ byte-exact."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_podnet(archive, podnet)
    return buffer.getvalue()


def find_by_contact(email: str = "", phone: str = "") -> list:
    """Return podněty whose citizen e-mail or phone matches, or whose text names it."""
    catalog = api.portal.get_tool("portal_catalog")
    found = {}
    queries = []
    if email:
        address = email.strip().lower()
        queries.append({"citizen_email": address})
        queries.append({"SearchableText": f'"{address}"'})
    if phone:
        e164 = normalize_number(phone).e164
        spellings = lookup_spellings(e164) if e164 else [phone.strip()]
        queries.append({"citizen_phone": spellings})
        queries.extend({"SearchableText": f'"{spelling}"'} for spelling in spellings)
    for query in queries:
        for brain in catalog.unrestrictedSearchResults(portal_type="Podnet", **query):
            found.setdefault(brain.getPath(), brain._unrestrictedGetObject())
    return sorted(found.values(), key=lambda podnet: podnet.reference_number or "")


def _in_fields(podnet, email: str, phone: str) -> bool:
    """Return True when the contact is the podnět's citizen, not just mentioned."""
    if email and (podnet.citizen_email or "").strip().lower() == email.strip().lower():
        return True
    return bool(phone and podnet.citizen_phone) and numbers_match(
        phone, podnet.citizen_phone
    )


def contact_zip(email: str = "", phone: str = "") -> tuple[bytes, int]:
    """Return a zip of everything stored about one e-mail or phone number.

    Returns the archive and the number of podněty in it.
    """
    podnety = find_by_contact(email, phone)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        index = []
        for podnet in podnety:
            folder = f"{podnet.reference_number}/"
            _write_podnet(archive, podnet, folder)
            index.append(
                {
                    "reference_number": podnet.reference_number,
                    "folder": folder,
                    "contact_in_citizen_fields": _in_fields(podnet, email, phone),
                }
            )
        summary = {
            "email": email,
            "phone": phone,
            "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
            "podnety": index,
        }
        archive.writestr(
            "index.json", json.dumps(summary, ensure_ascii=False, indent=2)
        )
    return buffer.getvalue(), len(podnety)
