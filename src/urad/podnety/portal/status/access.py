"""Issue, store and check the status-page credentials of one podnět."""

from Acquisition import aq_base
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from persistent.mapping import PersistentMapping
from plone import api
from urad.podnety.intake.attachments import ORIGINAL_ATTRIBUTE
from urad.podnety.notifications.settings import get_setting
from urad.podnety.portal.status import passwords
from urad.podnety.workflow import config
from zope.annotation.interfaces import IAnnotations

import hmac
import re
import secrets


CREDENTIALS_KEY = "urad.podnety.status.credentials"
# States after which the password expires once the configured days pass.
CLOSING_STATES = frozenset({config.STATE_CLOSED, config.STATE_REJECTED})
REFERENCE_PATTERN = re.compile(r"^[A-Z0-9]{1,10}-\d{4}-\d{1,9}$")


def normalize_reference(value: str) -> str:
    """Upper-case and trim a typed reference number; '' when malformed."""
    reference = "".join((value or "").split()).upper()
    return reference if REFERENCE_PATTERN.match(reference) else ""


def find_podnet(reference_number: str):
    """Return the podnět with this reference number, ignoring permissions."""
    if not reference_number:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Podnet", reference_number=reference_number
    )
    for brain in brains:
        podnet = brain._unrestrictedGetObject()
        if podnet.reference_number == reference_number:
            return podnet
    return None


def email_matches(podnet, email: str) -> bool:
    """Compare the typed address with the podnět's in constant time."""
    stored = (getattr(podnet, "citizen_email", None) or "").strip().lower()
    typed = (email or "").strip().lower()
    same = hmac.compare_digest(typed.encode(), stored.encode())
    return same and bool(stored)


def closed_since(podnet):
    """Return when the podnět entered its closing state, or None if open."""
    if api.content.get_state(podnet, default=None) not in CLOSING_STATES:
        return None
    entries = (getattr(podnet, "workflow_history", {}) or {}).get(config.WORKFLOW_ID)
    if not entries:
        return None
    when = entries[-1].get("time")
    return when.asdatetime() if hasattr(when, "asdatetime") else when


def access_open(podnet, now=None) -> bool:
    """Return True while the citizen may use the status page of the podnět."""
    closed = closed_since(podnet)
    if closed is None:
        return True
    now = now or datetime.now(UTC)
    days = get_setting("password_days_after_closing")
    return now < closed + timedelta(days=days)


def _credentials(podnet):
    return IAnnotations(podnet).get(CREDENTIALS_KEY)


def issue_password(podnet) -> str:
    """Store the hash of a new password, replacing any earlier one.

    Returns the plain password for the e-mail; it is not kept anywhere.
    """
    password = passwords.generate_password()
    IAnnotations(podnet)[CREDENTIALS_KEY] = PersistentMapping(
        {
            "hash": passwords.hash_password(password),
            "generation": secrets.token_urlsafe(12),
            "issued": datetime.now(UTC),
        }
    )
    return password


def revoke(podnet) -> bool:
    """Delete the podnět's credentials; return True when there were some."""
    annotations = IAnnotations(podnet)
    if CREDENTIALS_KEY in annotations:
        del annotations[CREDENTIALS_KEY]
        return True
    return False


def check_password(podnet, password: str):
    """Return the credentials' generation when the password opens the podnět.

    Runs one scrypt check even when there is no podnět or no password, so
    the response time does not reveal either.
    """
    credentials = _credentials(podnet) if podnet is not None else None
    encoded = credentials["hash"] if credentials else None
    if not passwords.verify_password(password or "", encoded):
        return None
    if not access_open(podnet):
        return None
    return credentials["generation"]


def current_generation(podnet):
    """Return the generation of the podnět's valid password, or None."""
    credentials = _credentials(podnet)
    if not credentials or not access_open(podnet):
        return None
    return credentials["generation"]


def is_citizen_file(item) -> bool:
    """Return True for files filed with the submission by an intake channel.

    Intake marks each file it stores with the original flag; files that
    officials add later inside the podnět carry no such mark.
    """
    return getattr(item, "portal_type", "") == "File" and hasattr(
        aq_base(item), ORIGINAL_ATTRIBUTE
    )
