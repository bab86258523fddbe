"""Reject malformed form posts with 400 Bad Request instead of a server error.

Zope parses the request body before it traverses to any view, and a
multipart post without a boundary makes that parser raise KeyError, which
reaches the citizen as a 5xx error. The check at publication start marks
such a request and hides its body from the parser. After traversal, when
Plone can render its error page, the request fails with BadRequest. It
runs for every POST the Zope instance serves.
"""

from email.message import Message
from zExceptions import BadRequest

import logging


logger = logging.getLogger(__name__)

MARKER = "urad.podnety.malformed_post"


def _problem(environ):
    length = (environ.get("CONTENT_LENGTH") or "0").strip()
    if not length.isdigit():
        return "Invalid Content-Length header."
    header = Message()
    header["Content-Type"] = environ.get("CONTENT_TYPE") or ""
    if header.get_content_type() == "multipart/form-data" and not header.get_param(
        "boundary"
    ):
        return "Invalid form post: the multipart body has no boundary."
    return None


def mark_malformed_post(event):
    """Hide the body of a POST Zope cannot parse and remember why."""
    environ = event.request.environ
    if environ.get("REQUEST_METHOD") != "POST":
        return
    problem = _problem(environ)
    if problem is None:
        return
    logger.info("Rejecting a malformed POST: %s", problem)
    environ[MARKER] = problem
    environ["CONTENT_TYPE"] = "application/octet-stream"
    environ["CONTENT_LENGTH"] = "0"


def reject_malformed_post(event):
    """Raise BadRequest for a POST marked at publication start."""
    problem = event.request.environ.get(MARKER)
    if problem:
        raise BadRequest(problem)
