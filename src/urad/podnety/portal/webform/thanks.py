"""The thank-you page shown after the web form filed a podnět.

The form's action redirects here (post/redirect/get, so reloading the page
sends nothing again). The reference number travels in the URL signed with
the site's keyring secret: a forged or expired link shows the same page
without a number, which is also what a spam post gets.
"""

from plone.keyring.interfaces import IKeyManager
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.component import getUtility

import hashlib
import hmac
import re
import time


VALID_SECONDS = 24 * 3600
REFERENCE_RE = re.compile(r"^[A-Z0-9]{1,10}-\d{4}-\d{1,9}$")


def _signature(reference, issued, mailed):
    secret = getUtility(IKeyManager).secret()
    payload = f"{reference}|{issued}|{int(mailed)}".encode()
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def thanks_url(form, reference="", mailed=False):
    """Return the URL of the thank-you page of `form`.

    Without a reference number the page thanks the citizen without one.
    """
    url = form.absolute_url() + "/@@podnet-thanks"
    if not reference:
        return url
    issued = int(time.time())
    query = {
        "ref": reference,
        "t": issued,
        "m": int(mailed),
        "sig": _signature(reference, issued, mailed),
    }
    return f"{url}?{urlencode(query)}"


def verified_reference(form_data, now=None):
    """Return (reference, mailed) from a signed query, or ("", False)."""
    reference = str(form_data.get("ref", ""))
    issued = str(form_data.get("t", ""))
    mailed = str(form_data.get("m", "")) == "1"
    signature = str(form_data.get("sig", ""))
    if not REFERENCE_RE.match(reference) or not issued.isdigit():
        return "", False
    now = time.time() if now is None else now
    if not 0 <= now - int(issued) <= VALID_SECONDS:
        return "", False
    expected = _signature(reference, int(issued), mailed)
    if not hmac.compare_digest(expected, signature):
        return "", False
    return reference, mailed


class ThanksView(BrowserView):
    """Thank the citizen, show the reference number and what happens next."""

    def update(self):
        self.reference, self.mailed = verified_reference(self.request.form)
        # The page is personal to one submission: keep it out of caches.
        self.request.response.setHeader("Cache-Control", "no-store")
        self.request.response.setHeader("Referrer-Policy", "same-origin")

    def __call__(self):
        self.update()
        return self.index()
