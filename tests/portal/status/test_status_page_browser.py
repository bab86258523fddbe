"""The status page in headless Chromium on a phone-sized screen, without JavaScript."""

from tests.portal.status.conftest import CITIZEN
from tests.portal.status.conftest import wait_for_password

import pytest


PHONE = {"width": 360, "height": 740}

pytestmark = pytest.mark.browser


class TestStatusPageBrowser:
    def test_flow_without_javascript(self, filed, chromium, smtp_sink, status_url):
        """A citizen gets a password and logs in with scripts turned off."""
        context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{status_url}?ref={filed.reference_number}")
        page.get_by_label("E-mail address").fill(CITIZEN)
        page.locator("#podnety-request-heading ~ form button").click()
        assert page.locator("[role=status]").is_visible()
        password = wait_for_password(smtp_sink)[0]
        page.get_by_label("Password", exact=True).fill(password)
        page.locator("#podnety-login-heading ~ form button").click()
        assert page.locator("dd", has_text=filed.reference_number).is_visible()
        assert page.get_by_text("Rozbitá lavička v parku").first.is_visible()
        context.close()

    def test_fits_phone_width(self, filed, chromium, status_url):
        """The page needs no sideways scrolling on a 360 px wide screen."""
        context = chromium.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(status_url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        context.close()

    def test_every_field_labelled(self, filed, chromium, status_url):
        """Each visible form field has a label naming it."""
        context = chromium.new_context(viewport=PHONE)
        page = context.new_page()
        page.goto(status_url)
        fields = page.locator(".podnety-status input:not([type=hidden])")
        assert fields.count() == 4
        for index in range(fields.count()):
            field_id = fields.nth(index).get_attribute("id")
            assert page.locator(f"label[for={field_id}]").count() == 1
        context.close()
