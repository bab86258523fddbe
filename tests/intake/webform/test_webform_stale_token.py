"""A citizen's browser sends the public form again after Back, in two tabs and
after logging in or out elsewhere, and never lands on an error or login page."""

from plone import api
from tests.helpers import PASSWORD
from tests.helpers import create_users
from tests.intake.webform.test_webform_browser import fill_form
from urad.podnety.intake.webform.csrf import STALE_FORM_MESSAGE

import pytest
import transaction


pytestmark = pytest.mark.browser

LOGIN_FIELD = "#__ac_login, #__ac_name"


@pytest.fixture
def browser_context(chromium):
    """One browser profile, so tabs share cookies as a citizen's tabs do."""
    context = chromium.new_context(locale="cs-CZ")
    yield context
    context.close()


@pytest.fixture
def clerk(functional):
    create_users()
    transaction.commit()
    return "clerk"


def reference_numbers(functional):
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="Podnet")
    return sorted(brain.reference_number for brain in brains)


def send(page):
    page.click("#form-buttons-submit")
    page.wait_for_load_state()


def log_in(context, portal_url, user_id):
    tab = context.new_page()
    tab.goto(f"{portal_url}/login")
    tab.fill(LOGIN_FIELD, user_id)
    tab.fill("#__ac_password", PASSWORD)
    tab.click("#buttons-login")
    tab.wait_for_load_state()
    return tab


def assert_form_shown_again(page, webform_url):
    assert page.url == webform_url
    assert page.locator("#__ac_password").count() == 0
    assert str(STALE_FORM_MESSAGE) in page.inner_text("body")
    assert page.input_value("#form-widgets-text") == (
        "Před domem č. 12 je hluboký výtluk."
    )


class TestSendAgain:
    def test_back_and_send_again(self, functional, webform_url, browser_context):
        page = browser_context.new_page()
        page.goto(webform_url)
        fill_form(page)
        send(page)
        page.go_back()
        page.wait_for_load_state()
        if not page.input_value("#form-widgets-jmeno"):
            fill_form(page)
        send(page)
        assert "@@podnet-thanks?ref=PDN-" in page.url
        assert len(reference_numbers(functional)) == 1

    def test_two_tabs(self, functional, webform_url, browser_context):
        first = browser_context.new_page()
        second = browser_context.new_page()
        for page in (first, second):
            page.goto(webform_url)
            fill_form(page)
        send(first)
        send(second)
        assert "@@podnet-thanks?ref=PDN-" in first.url
        assert "@@podnet-thanks?ref=PDN-" in second.url
        assert len(reference_numbers(functional)) == 1


class TestTokenOfOtherUser:
    def test_login_in_other_tab(
        self, functional, webform_url, http_portal_url, browser_context, clerk
    ):
        page = browser_context.new_page()
        page.goto(webform_url)
        fill_form(page)
        log_in(browser_context, http_portal_url, clerk)

        send(page)
        assert_form_shown_again(page, webform_url)
        assert reference_numbers(functional) == []

        page.fill("#form-widgets-kontrolni_otazka", "7")
        send(page)
        assert "@@podnet-thanks?ref=PDN-" in page.url
        assert len(reference_numbers(functional)) == 1

    def test_logout_in_other_tab(
        self, functional, webform_url, http_portal_url, browser_context, clerk
    ):
        tab = log_in(browser_context, http_portal_url, clerk)
        page = browser_context.new_page()
        page.goto(webform_url)
        fill_form(page)
        tab.goto(f"{http_portal_url}/logout")

        send(page)
        assert_form_shown_again(page, webform_url)
        assert reference_numbers(functional) == []

        page.fill("#form-widgets-kontrolni_otazka", "7")
        send(page)
        assert "@@podnet-thanks?ref=PDN-" in page.url
        assert len(reference_numbers(functional)) == 1
