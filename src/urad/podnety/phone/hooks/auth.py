"""Check that a hook request comes from the office's PBX."""

from urad.podnety.phone.settings import get_setting

import hmac
import ipaddress
import logging


logger = logging.getLogger(__name__)

TOKEN_HEADER = "X-PBX-Token"


def _allowed_networks():
    networks = []
    for entry in get_setting("allowed_addresses", []) or []:
        entry = (entry or "").strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            logger.warning("Ignoring invalid PBX address %r in the settings", entry)
    return networks


def client_address(request):
    """Return the client address, honouring Zope's trusted proxies."""
    return request.getClientAddr() or request.get("REMOTE_ADDR", "")


def address_allowed(address):
    """Tell whether `address` is in the allow-list (an empty list allows all)."""
    networks = _allowed_networks()
    if not networks:
        return True
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def token_valid(supplied):
    """Compare `supplied` with the configured token in constant time."""
    expected = get_setting("token", "") or ""
    if not expected or not supplied:
        return False
    return hmac.compare_digest(
        str(supplied).encode("utf-8"), str(expected).encode("utf-8")
    )


def rejection_reason(request, fields):
    """Return why the request must be rejected, or "" when it may pass."""
    address = client_address(request)
    if not address_allowed(address):
        return "address not allowed"
    supplied = request.getHeader(TOKEN_HEADER) or fields.get("token") or ""
    if not get_setting("token", ""):
        return "no PBX token configured"
    if not token_valid(supplied):
        return "missing token" if not supplied else "invalid token"
    return ""
