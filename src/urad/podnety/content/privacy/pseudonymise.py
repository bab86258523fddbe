"""Replace a citizen's personal data in the working copy of a podnět.

A public body keeps the official record in its records system until the
formal disposal procedure, so the register pseudonymises instead of deleting.
The podnět keeps its reference number, dates, channel, kind, category and
states for statistics, and loses what identifies the citizen.
"""

from datetime import UTC
from datetime import datetime
from plone import api
from urad.podnety.content.history import HISTORY_KEY
from urad.podnety.content.history import record
from urad.podnety.portal.status import access
from urad.podnety.portal.status.guard import site_secret
from zope.annotation.interfaces import IAnnotations

import hashlib
import hmac
import logging


logger = logging.getLogger(__name__)

MARK_KEY = "urad.podnety.pseudonymised"
CITIZEN_FIELDS = ("citizen_name", "citizen_email", "citizen_phone", "citizen_address")
REDACTED = "[pseudonymizováno]"
# intake_info keys that name or reach the sender in the channels' records.
PERSONAL_KEY_PARTS = (
    "from",
    "sender",
    "reply",
    "to",
    "cc",
    "email",
    "mail",
    "phone",
    "caller",
    "number",
    "name",
    "address",
    "header",
    "ip",
)


def is_pseudonymised(podnet) -> bool:
    """Return True when the podnět's personal data were already replaced."""
    return MARK_KEY in IAnnotations(podnet)


def pseudonym(podnet) -> str:
    """Return a stable pseudonym of the citizen, the same across podněty.

    A keyed hash of the e-mail (else phone, else name) lets statistics count
    repeated submitters without the data; only the site secret links it back.
    """
    identity = (
        (podnet.citizen_email or "").strip().lower()
        or (podnet.citizen_phone or "").strip()
        or (podnet.citizen_name or "").strip()
    )
    if not identity:
        return ""
    digest = hmac.new(site_secret(), identity.encode(), hashlib.sha256).hexdigest()
    return f"pseudonym-{digest[:12]}"


def _personal_values(podnet) -> list[str]:
    values = [getattr(podnet, name, None) or "" for name in CITIZEN_FIELDS]
    return [value.strip() for value in values if value and len(value.strip()) > 3]


def _scrub(value, personal: list[str]):
    if isinstance(value, str):
        lowered = value.lower()
        return REDACTED if any(p.lower() in lowered for p in personal) else value
    if isinstance(value, dict):
        return {key: _scrub(item, personal) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(item, personal) for item in value]
    return value


def _scrub_intake_info(info: dict, personal: list[str]) -> dict:
    cleaned = {}
    for key, value in (info or {}).items():
        parts = str(key).lower().replace("-", "_").split("_")
        if any(part in PERSONAL_KEY_PARTS for part in parts):
            cleaned[key] = REDACTED
        else:
            cleaned[key] = _scrub(value, personal)
    return cleaned


def _scrub_history(podnet, personal: list[str]) -> None:
    entries = IAnnotations(podnet).get(HISTORY_KEY)
    if not entries:
        return
    for index, entry in enumerate(entries):
        details = dict(entry.get("details") or {})
        if "to" in details and entry.get("action") == "mail":
            details["to"] = REDACTED
        entries[index] = dict(entry, details=_scrub(details, personal))


def _remove_files(podnet) -> int:
    ids = [item.getId() for item in podnet.objectValues() if item.portal_type == "File"]
    if ids:
        with api.env.adopt_roles(["Manager"]):
            # manage_delObjects empties the list it is given.
            podnet.manage_delObjects(list(ids))
    return len(ids)


def pseudonymise(podnet, reason: str, keep_files: bool, actor: str = "") -> dict:
    """Replace the citizen's data in the podnět; return what was done.

    Raises ValueError when the podnět was pseudonymised before.
    """
    if is_pseudonymised(podnet):
        raise ValueError(f"{podnet.reference_number} is already pseudonymised")
    personal = _personal_values(podnet)
    replaced = [name for name in CITIZEN_FIELDS if getattr(podnet, name, None)]

    podnet.citizen_name = pseudonym(podnet) or None
    podnet.citizen_email = None
    podnet.citizen_phone = None
    podnet.citizen_address = None
    podnet.wants_updates = False
    podnet.intake_info = _scrub_intake_info(podnet.intake_info or {}, personal)
    _scrub_history(podnet, personal)
    access.revoke(podnet)
    files_removed = 0 if keep_files else _remove_files(podnet)

    summary = {
        "fields": replaced,
        "files_removed": files_removed,
        "reason": reason,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    IAnnotations(podnet)[MARK_KEY] = dict(summary, actor=actor)
    record(podnet, "pseudonymised", actor=actor or None, comment=reason, **summary)
    podnet.reindexObject()
    logger.info(
        "%s: pseudonymised %s, %d files removed",
        podnet.reference_number,
        ", ".join(replaced) or "no fields",
        files_removed,
    )
    return summary
