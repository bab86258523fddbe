"""A citizen fills in the public form in headless Chromium, and axe-core checks it."""

from pathlib import Path
from plone import api
from urad.podnety.intake.webform.form_setup import FORM_ID
from urad.podnety.intake.webform.form_setup import create_form
from zope.component import queryUtility
from zope.i18n.gettextmessagecatalog import GettextMessageCatalog
from zope.i18n.interfaces import ITranslationDomain

import json
import os
import pytest
import shutil
import subprocess
import transaction


pytestmark = pytest.mark.browser

RESOURCES = Path(__file__).parents[2] / "_resources" / "webform"
AXE = RESOURCES / "node_modules" / "axe-core" / "axe.min.js"
DOCS_IMG = Path(__file__).parents[3] / "docs" / "img"
SRC = Path(__file__).parents[3] / "src" / "urad" / "podnety"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_source():
    """Return axe-core's script, installed from package-lock.json if missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so axe-core cannot be installed")
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=RESOURCES, check=True
        )
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def phone_page(chromium):
    """A page in a phone-sized viewport with JavaScript turned off."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        java_script_enabled=False,
        locale="cs-CZ",
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def czech_site(functional, tmp_path):
    """Switch the site to Czech with the translation fragments compiled.

    The merged Czech catalog is built from the fragments when the add-on is
    released. Compiling them here lets the screenshot show Czech labels.
    """
    msgcat, msgfmt = shutil.which("msgcat"), shutil.which("msgfmt")
    if not (msgcat and msgfmt):
        pytest.skip("gettext tools are not installed")
    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    copies = []
    for fragment in sorted((SRC / "locales" / "fragments").glob("*.po")):
        copy = tmp_path / fragment.name
        copy.write_text(header + fragment.read_text(encoding="utf-8"), "utf-8")
        copies.append(copy)
    merged, compiled = tmp_path / "cs.po", tmp_path / "cs.mo"
    subprocess.run([msgcat, "--use-first", "-o", merged, *copies], check=True)
    subprocess.run([msgfmt, "-o", compiled, merged], check=True)
    domain = queryUtility(ITranslationDomain, "urad.podnety")
    catalog = GettextMessageCatalog("cs", "urad.podnety", str(compiled))
    domain.addCatalog(catalog)
    api.portal.set_registry_record("plone.default_language", "cs")
    portal = functional["portal"]
    if FORM_ID in portal:
        portal._delObject(FORM_ID)
    create_form(portal)
    transaction.commit()
    yield
    domain._catalogs["cs"].remove(catalog.getIdentifier())
    del domain._data[catalog.getIdentifier()]


def axe_violations(chromium, url, axe_source, prepare=None):
    """Return axe-core's WCAG 2.1 A/AA violations of the page at `url`.

    `prepare(page)` may act on the page first, for example submit the form.
    """
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(url)
    if prepare is not None:
        prepare(page)
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA,
    )
    context.close()
    return [
        {
            "id": item["id"],
            "targets": [node["target"] for node in item["nodes"]],
        }
        for item in result["violations"]
    ]


def fill_form(page):
    page.fill("#form-widgets-jmeno", "Jana Nováková")
    page.fill("#form-widgets-email", "jana.novakova@example.cz")
    page.fill("#form-widgets-predmet", "Výtluk v ulici Křižíkova")
    page.fill("#form-widgets-text", "Před domem č. 12 je hluboký výtluk.")
    page.fill("#form-widgets-kontrolni_otazka", "7")


class TestCitizenInBrowser:
    def test_submit_with_file(self, functional, webform_url, phone_page, smtp_sink):
        png = RESOURCES / "vytluk.png"
        phone_page.goto(webform_url)
        fill_form(phone_page)
        phone_page.set_input_files(
            "input[name='form.widgets.priloha_1']",
            files=[
                {
                    "name": "výtluk.png",
                    "mimeType": "image/png",
                    "buffer": png.read_bytes(),
                }
            ],
        )
        phone_page.click("#form-buttons-submit")
        reference = phone_page.text_content("#podnet-reference").strip()
        assert reference.startswith("PDN-")

        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(reference_number=reference)
        assert len(brains) == 1
        podnet = functional["portal"].unrestrictedTraverse(brains[0].getPath())
        files = podnet.objectValues()
        assert [f.file.filename for f in files] == ["výtluk.png"]
        assert files[0].file.data == png.read_bytes()
        messages = smtp_sink.wait_for(1)
        assert len(messages) == 1
        assert reference in messages[0]["Subject"]

    def test_form_screenshot_on_phone(
        self, webform_url, czech_site, phone_page, tmp_path
    ):
        phone_page.goto(webform_url)
        assert phone_page.text_content("h1").strip() == "Podat podnět"
        target = tmp_path / "webform-phone.png"
        phone_page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10000
        if os.environ.get("PODNETY_UPDATE_SCREENSHOTS"):
            DOCS_IMG.mkdir(parents=True, exist_ok=True)
            shutil.copy(target, DOCS_IMG / "webform-phone.png")


class TestAccessibility:
    def test_form_page(self, chromium, webform_url, axe_source):
        violations = axe_violations(chromium, webform_url, axe_source)
        assert violations == [], json.dumps(violations, indent=1)

    def test_thanks_page(self, chromium, webform_url, axe_source):
        url = webform_url + "/@@podnet-thanks"
        violations = axe_violations(chromium, url, axe_source)
        assert violations == [], json.dumps(violations, indent=1)

    def test_form_with_errors(self, chromium, webform_url, axe_source):
        def submit_wrong_answer(page):
            fill_form(page)
            page.fill("#form-widgets-kontrolni_otazka", "osm")
            page.click("#form-buttons-submit")
            page.wait_for_selector(".invalid-feedback, .fieldErrorBox .error")

        violations = axe_violations(
            chromium, webform_url, axe_source, prepare=submit_wrong_answer
        )
        assert violations == [], json.dumps(violations, indent=1)
