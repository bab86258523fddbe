"""The status page: request a password, log in, see the podnět's state."""

from plone.namedfile.utils import stream_data
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urad.podnety import _
from urad.podnety.notifications.settings import get_setting
from urad.podnety.portal.status import access
from urad.podnety.portal.status import guard
from urad.podnety.portal.status.mail import send_password
from urad.podnety.portal.status.passwords import hash_password
from urad.podnety.portal.status.summary import citizen_files
from urad.podnety.portal.status.summary import summarize
from urllib.parse import quote
from zExceptions import NotFound
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import logging
import time


logger = logging.getLogger(__name__)

PAGE_NAME = "stav-podnetu"
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}
SENT_MESSAGE = _(
    "If the reference number and the e-mail address belong to one submission, "
    "we have just sent a password to that address. It should arrive within a "
    "few minutes; check your spam folder as well."
)
LOGIN_FAILED = _(
    "The reference number or the password is not correct, or the password "
    "has expired. Check them, or ask for a new password below."
)
TOO_MANY = _(
    "Too many attempts. Wait ${minutes} minutes and try again, or call the office."
)
FORM_EXPIRED = _("The form has expired. Please send it again.")


@implementer(IPublishTraverse)
class StatusPageView(BrowserView):
    """Serve the status page, its forms and the citizen's own files."""

    template = ViewPageTemplateFile("status.pt")
    subpath = ()
    message = None
    message_is_error = False
    summary = None

    def publishTraverse(self, request, name):
        self.subpath = self.subpath + (name,)
        return self

    @property
    def page_url(self) -> str:
        return f"{self.context.absolute_url()}/{PAGE_NAME}"

    def __call__(self):
        self.path = guard.cookie_path(self.page_url)
        for name, value in SECURITY_HEADERS.items():
            self.request.response.setHeader(name, value)
        # The page checks its own anti-CSRF token on every POST, and its only
        # write on GET is the one-time site secret, so Plone's automatic CSRF
        # check (which only covers logged-in users) would add nothing.
        alsoProvides(self.request, IDisableCSRFProtection)
        if self.subpath:
            return self.download()
        if self.request.method == "POST":
            return self.handle_post()
        return self.show()

    # Rendering

    def csrf_token(self) -> str:
        return guard.form_token(self.request, self.path)

    def typed_reference(self) -> str:
        return (self.request.form.get("ref") or "").strip()[:40]

    def show(self, status=200):
        self.request.response.setStatus(status)
        podnet, _generation = self._session_podnet()
        if podnet is not None:
            self.summary = summarize(podnet, self.page_url)
        return self.template()

    def _session_podnet(self):
        session = guard.read_session(self.request)
        if session is None:
            return None, None
        podnet = access.find_podnet(session.get("ref", ""))
        if podnet is None:
            return None, None
        generation = access.current_generation(podnet)
        if generation is None or generation != session.get("gen"):
            return None, None
        return podnet, generation

    def _fail(self, message, status):
        self.message = message
        self.message_is_error = True
        return self.show(status)

    # Forms

    def handle_post(self):
        if not guard.csrf_ok(self.request):
            logger.warning("Status page: POST without a valid anti-CSRF token")
            return self._fail(FORM_EXPIRED, 403)
        action = self.request.form.get("action")
        if action == "request":
            return self.handle_request()
        if action == "login":
            return self.handle_login()
        if action == "logout":
            guard.end_session(self.request, self.path)
            self.request.response.redirect(self.page_url, status=303)
            return ""
        return self._fail(FORM_EXPIRED, 400)

    def _throttle_keys(self, prefix: str, reference: str) -> list:
        # Malformed reference numbers match nothing, so only the client
        # address is throttled for them.
        pairs = [(f"{prefix}-client", guard.client_key(self.request))]
        if reference:
            pairs.append((f"{prefix}-reference", reference))
        return pairs

    def _blocked(self, *pairs):
        now = time.time()
        for name, key in pairs:
            if guard.throttle(name).is_blocked(key, now):
                return True
        return False

    def _too_many(self):
        minutes = get_setting("throttle_minutes")
        return self._fail(_(TOO_MANY, mapping={"minutes": minutes}), 429)

    def handle_request(self):
        reference = access.normalize_reference(self.request.form.get("ref", ""))
        email = (self.request.form.get("email") or "").strip()[:254]
        pairs = self._throttle_keys("request", reference)
        if self._blocked(*pairs):
            logger.info("Status page: password requests throttled")
            return self._too_many()
        now = time.time()
        for name, key in pairs:
            guard.throttle(name).record(key, now)

        podnet = access.find_podnet(reference)
        if access.email_matches(podnet, email) and access.access_open(podnet):
            password = access.issue_password(podnet)
            try:
                send_password(podnet, password)
            except ValueError:
                # An unusable stored address must not turn into an error page
                # that would reveal the match.
                logger.warning("%s: stored e-mail address is invalid", reference)
            else:
                logger.info("%s: status page password issued", reference)
        else:
            # Spend the same hashing time as a match, so timing reveals nothing.
            hash_password("")
        self.message = SENT_MESSAGE
        return self.show()

    def handle_login(self):
        reference = access.normalize_reference(self.request.form.get("ref", ""))
        pairs = self._throttle_keys("login", reference)
        if self._blocked(*pairs):
            logger.info("Status page: logins throttled for %s", reference or "-")
            return self._too_many()
        podnet = access.find_podnet(reference)
        generation = access.check_password(podnet, self.request.form.get("password"))
        if generation is None:
            now = time.time()
            for name, key in pairs:
                guard.throttle(name).record(key, now)
            logger.info("Status page: failed login for %s", reference or "-")
            return self._fail(LOGIN_FAILED, 200)
        guard.throttle("login-reference").reset(reference)
        guard.start_session(self.request, self.path, reference, generation)
        logger.info("%s: citizen logged in to the status page", reference)
        self.request.response.redirect(self.page_url, status=303)
        return ""

    # Files

    def download(self):
        podnet, _generation = self._session_podnet()
        if podnet is None or len(self.subpath) != 2 or self.subpath[0] != "soubor":
            raise NotFound(PAGE_NAME)
        for item in citizen_files(podnet):
            if item.getId() == self.subpath[1]:
                return self._stream(item)
        raise NotFound(PAGE_NAME)

    def _stream(self, item):
        blob = item.file
        filename = blob.filename or item.getId()
        ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_")
        response = self.request.response
        response.setHeader(
            "Content-Type", blob.contentType or "application/octet-stream"
        )
        response.setHeader(
            "Content-Disposition",
            f'attachment; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(filename)}",
        )
        response.setHeader("Content-Length", blob.size)
        return stream_data(blob)
