"""The link to the extension form on a podnět, over real HTTP."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.helpers import file_podnet

import requests
import transaction


def test_link_for_editors_only(functional, http_portal_url):
    portal = functional["portal"]
    create_users()
    podnet = file_podnet(portal, kind="stiznost", citizen_email="")
    transaction.commit()
    url = f"{http_portal_url}/podnety/{podnet.getId()}"
    owner = requests.get(url, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=30)
    assert owner.status_code == 200
    assert f"{url}/@@extend-deadline" in owner.text
    form = requests.get(
        f"{url}/@@extend-deadline",
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        timeout=30,
    )
    assert 'name="reason"' in form.text
    member = requests.get(
        f"{url}/@@extend-deadline",
        auth=("member", PASSWORD),
        timeout=30,
        allow_redirects=False,
    )
    assert member.status_code in (302, 401, 403)
    assert 'name="reason"' not in member.text
