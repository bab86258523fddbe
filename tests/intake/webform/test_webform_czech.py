"""The public form shows Czech validation messages only on a Czech site."""

from pathlib import Path
from plone import api
from tests.intake.webform.test_webform_http import page_text
from zope.component import getGlobalSiteManager
from zope.component import queryUtility
from zope.i18n.gettextmessagecatalog import GettextMessageCatalog
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.translationdomain import TranslationDomain

import pytest
import shutil
import subprocess
import transaction


LOCALES = Path(__file__).parents[3] / "src" / "urad" / "podnety" / "locales"
ENGLISH = (
    "The specified email is not valid",
    "Required input is missing",
    "Value is too long",
    "Constraint not satisfied",
    "Ke zveřejnění",
)


@pytest.fixture
def czech_catalogs(functional, tmp_path):
    """Load the add-on's Czech catalogs of other domains, as Zope does at start.

    The running instance compiles them (zope_i18n_compile_mo_files), the
    test layer does not.
    """
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        pytest.skip("gettext tools are not installed")
    registry = getGlobalSiteManager()
    added = []
    for po in sorted((LOCALES / "cs" / "LC_MESSAGES").glob("*.po")):
        name = po.stem
        if name == "urad.podnety":
            continue
        compiled = tmp_path / f"{name}.mo"
        subprocess.run([msgfmt, "-o", compiled, po], check=True)
        domain = queryUtility(ITranslationDomain, name)
        if domain is None:
            domain = TranslationDomain(name)
            registry.registerUtility(domain, ITranslationDomain, name)
        catalog = GettextMessageCatalog("cs", name, str(compiled))
        # Ours first, so it wins over a library's empty or different text.
        domain._catalogs.setdefault("cs", []).insert(0, catalog.getIdentifier())
        domain._data[catalog.getIdentifier()] = catalog
        added.append((domain, catalog.getIdentifier()))
    api.portal.set_registry_record("plone.default_language", "cs")
    transaction.commit()
    yield
    for domain, identifier in added:
        domain._catalogs["cs"].remove(identifier)
        del domain._data[identifier]
    api.portal.set_registry_record("plone.default_language", "en")
    transaction.commit()


def test_errors_in_czech(czech_catalogs, citizen, citizen_fields):
    """Missing, too long and invalid values are explained in Czech."""
    fields = citizen_fields(text="", email="nenimail", jmeno="J" * 500)
    fields["form.widgets.predmet"] = "Výtluk\u0000"
    response = citizen.post(fields)
    text = page_text(response)
    assert "@@podnet-thanks" not in response.url
    assert "Toto pole je povinné." in text
    assert "Zadaná e-mailová adresa není platná." in text
    assert 'title="Odeslat"' in response.text
    for english in ENGLISH:
        assert english not in response.text, english
