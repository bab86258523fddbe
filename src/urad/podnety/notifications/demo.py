"""Demo settings for informing citizens on the `make start` site."""

from plone import api
from urad.podnety.notifications.settings import PREFIX

import os


def setup_demo(portal, var_dir):
    """Point e-mail links at the address `make start` serves the site on.

    The e-mail intake runs in a background job without a browser request, so
    its acknowledgements need the configured address for the status link.
    """
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8080")
    api.portal.set_registry_record(
        f"{PREFIX}.public_url", f"http://{host}:{port}/{portal.getId()}"
    )
