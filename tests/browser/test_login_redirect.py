"""Contact-centre staff land on the register after logging in."""

from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from tests.helpers import PASSWORD
from tests.helpers import create_users

import pytest
import requests
import transaction


@pytest.fixture
def site_url(functional, http_portal_url):
    setRoles(functional["portal"], TEST_USER_ID, ["Manager"])
    create_users()
    transaction.commit()
    return http_portal_url


def _login(site_url, login, came_from=""):
    session = requests.Session()
    form = session.get(f"{site_url}/login").text
    assert "__ac_password" in form
    response = session.post(
        f"{site_url}/login",
        data={
            "__ac_name": login,
            "__ac_password": PASSWORD,
            "came_from": came_from,
            "buttons.login": "Log in",
        },
        allow_redirects=False,
    )
    return response


@pytest.mark.parametrize("login", ["clerk", "official", "supervisor"])
def test_staff_land_on_register(site_url, login):
    response = _login(site_url, login)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{site_url}/podnety"


def test_member_not_redirected(site_url):
    response = _login(site_url, "member")
    assert not response.headers.get("Location", "").endswith("/podnety")


def test_came_from_kept(site_url):
    response = _login(
        site_url, "clerk", came_from=f"{site_url}/podnety/@@podnety-export"
    )
    assert response.headers["Location"] == f"{site_url}/podnety/@@podnety-export"
