"""Site secret, throttles and cookies that protect the status page."""

from BTrees.OOBTree import OOBTree
from persistent.mapping import PersistentMapping
from plone import api
from urad.podnety.notifications.settings import get_setting
from urad.podnety.portal.status import tokens
from urad.podnety.portal.status.throttle import Throttle
from urllib.parse import urlsplit
from zope.annotation.interfaces import IAnnotations

import secrets
import time


SECRET_KEY = "urad.podnety.status.secret"
THROTTLE_KEY = "urad.podnety.status.throttle"
SESSION_COOKIE = "podnety_status_session"
CSRF_COOKIE = "podnety_status_csrf"
CSRF_FIELD = "_csrf"
# Stored attempts are swept when a throttle contains more keys than this.
SWEEP_ABOVE = 1000
# Throttle names and the setting that contains the limit of each.
LIMIT_SETTINGS = {
    "login-reference": "login_attempts_per_reference",
    "login-client": "login_attempts_per_client",
    "request-reference": "access_requests_per_reference",
    "request-client": "login_attempts_per_client",
}


def site_secret() -> bytes:
    """Return the site's signing secret, creating it on first use."""
    annotations = IAnnotations(api.portal.get())
    secret = annotations.get(SECRET_KEY)
    if secret is None:
        secret = annotations[SECRET_KEY] = secrets.token_bytes(32)
    return secret


def _storage(name: str) -> OOBTree:
    annotations = IAnnotations(api.portal.get())
    trees = annotations.get(THROTTLE_KEY)
    if trees is None:
        trees = annotations[THROTTLE_KEY] = PersistentMapping()
    if name not in trees:
        trees[name] = OOBTree()
    return trees[name]


def throttle(name: str) -> Throttle:
    """Return the named throttle (see LIMIT_SETTINGS) with configured limits."""
    window = get_setting("throttle_minutes") * 60
    result = Throttle(_storage(name), get_setting(LIMIT_SETTINGS[name]), window)
    if len(result.storage) > SWEEP_ABOVE:
        result.sweep(time.time())
    return result


def client_key(request) -> str:
    """Return a keyed hash of the client's address for throttling."""
    return tokens.client_key(site_secret(), request.getClientAddr() or "")


def cookie_path(page_url: str) -> str:
    """Return the URL path of the status page as the browser requests it."""
    return urlsplit(page_url).path or "/"


def _cookie_options(request, path: str) -> dict:
    return {
        "path": path,
        "http_only": True,
        "same_site": "Strict",
        "secure": request.get("SERVER_URL", "").startswith("https:"),
    }


def csrf_nonce(request, path: str) -> str:
    """Return the browser's anti-CSRF nonce, setting a new cookie if needed."""
    nonce = request.cookies.get(CSRF_COOKIE)
    if not nonce or len(nonce) > 64:
        nonce = tokens.new_nonce()
        request.response.setCookie(CSRF_COOKIE, nonce, **_cookie_options(request, path))
        request.cookies[CSRF_COOKIE] = nonce
    return nonce


def form_token(request, path: str) -> str:
    """Return the token every form of the page carries in its hidden field."""
    return tokens.csrf_token(site_secret(), csrf_nonce(request, path))


def csrf_ok(request) -> bool:
    """Return True when a POST carries the token bound to its cookie."""
    return tokens.check_csrf(
        site_secret(), request.cookies.get(CSRF_COOKIE), request.form.get(CSRF_FIELD)
    )


def start_session(request, path: str, reference_number: str, generation: str):
    """Set the short-lived signed session cookie for one podnět."""
    minutes = get_setting("session_minutes")
    value = tokens.make_session(
        site_secret(), reference_number, generation, time.time() + minutes * 60
    )
    request.response.setCookie(
        SESSION_COOKIE, value, max_age=minutes * 60, **_cookie_options(request, path)
    )


def end_session(request, path: str):
    """Delete the session cookie."""
    request.response.expireCookie(SESSION_COOKIE, **_cookie_options(request, path))


def read_session(request) -> dict | None:
    """Return the signed session data of the request, or None."""
    return tokens.read_session(
        site_secret(), request.cookies.get(SESSION_COOKIE), time.time()
    )
