"""Find the clerk who answered a call from the answering extension."""

from plone import api
from urad.podnety.phone.numbers import extension_of
from urad.podnety.phone.settings import extension_map

import logging


logger = logging.getLogger(__name__)

# Member data property with a user's own PBX extension (memberdata profile).
EXTENSION_PROPERTY = "pbx_extension"


def user_for_extension(raw):
    """Return the user id mapped to the extension in `raw`, or "".

    The control panel mapping wins; otherwise a user whose own PBX
    extension property equals the extension is taken.
    """
    extension = extension_of(raw) or (raw or "").strip()
    if not extension:
        return ""
    mapping = extension_map()
    if extension in mapping:
        return mapping[extension]
    for user in api.user.get_users():
        if (user.getProperty(EXTENSION_PROPERTY, "") or "").strip() == extension:
            return user.getId()
    logger.warning("PBX extension %s is not mapped to a user", extension)
    return ""


def contact_centre_extensions():
    """Return the extensions mapped to clerks in the control panel."""
    return set(extension_map())
