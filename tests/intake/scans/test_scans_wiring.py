"""Scan intake wired into Plone: jobs endpoint, control panel and demo set-up."""

from plone import api
from plone.registry.interfaces import IRegistry
from urad.podnety.intake.scans.demo import setup_demo
from urad.podnety.intake.scans.filing import poll_folder
from urad.podnety.intake.scans.textjob import run_text_recognition
from zope.component import getUtility

import pytest
import requests
import time
import transaction


@pytest.fixture
def site(functional, scan_dir):
    portal = functional["portal"]
    api.portal.set_registry_record("urad.podnety.scans.folder", str(scan_dir))
    api.portal.set_registry_record("urad.podnety.scans.stable_seconds", 1)
    transaction.commit()
    return portal


def filed_count():
    catalog = api.portal.get_tool("portal_catalog")
    return len(catalog.unrestrictedSearchResults(portal_type="Podnet", channel="post"))


class TestJobsEndpoint:
    def test_jobs_file_and_read(
        self, site, drop, scan_samples, http_portal_url, site_owner_auth
    ):
        drop(scan_samples["dopis.png"], "Dopis Křižíkova.png")
        time.sleep(1.2)
        response = requests.post(
            f"{http_portal_url}/@podnety-jobs",
            auth=site_owner_auth,
            headers={"Accept": "application/json"},
            timeout=120,
        )
        assert response.status_code == 200
        jobs = response.json()["jobs"]
        assert jobs["scans-poll"]["filed"] == 1
        assert jobs["scans-text"]["done"] == 1
        transaction.begin()
        assert filed_count() == 1
        catalog = api.portal.get_tool("portal_catalog")
        found = catalog.unrestrictedSearchResults(
            portal_type="Podnet", SearchableText="vozovky"
        )
        assert len(found) == 1


class TestControlPanel:
    def test_settings_and_failed_listed(
        self, site, scan_dir, http_portal_url, site_owner_auth
    ):
        failed = scan_dir / "failed"
        failed.mkdir()
        (failed / "tabulka.xlsx").write_bytes(b"PK")
        (failed / "tabulka.xlsx.reason.txt").write_text("Unsupported type.\n")
        page = requests.get(
            f"{http_portal_url}/@@podnety-settings-scans",
            auth=site_owner_auth,
            timeout=30,
        )
        assert page.status_code == 200
        assert 'name="form.widgets.folder"' in page.text
        assert 'name="form.widgets.ocr_language"' in page.text
        assert "tabulka.xlsx" in page.text
        assert "Unsupported type." in page.text
        assert 'id="scans-ocr-problems"' not in page.text

    def test_missing_language_warned(self, site, http_portal_url, site_owner_auth):
        api.portal.set_registry_record("urad.podnety.scans.ocr_language", "xyz")
        transaction.commit()
        page = requests.get(
            f"{http_portal_url}/@@podnety-settings-scans",
            auth=site_owner_auth,
            timeout=30,
        )
        assert 'id="scans-ocr-problems"' in page.text
        assert "xyz" in page.text


class TestMissingRecords:
    def test_jobs_run_without_records(self, portal):
        """A site whose profile lacks the scan records still runs the jobs."""
        registry = getUtility(IRegistry)
        for name in list(registry.records.keys()):
            if name.startswith("urad.podnety.scans."):
                del registry.records[name]
        assert poll_folder(portal) == {"skipped": "no scan folder configured"}
        assert run_text_recognition(portal) == {}


class TestDemo:
    def test_demo_points_at_var(self, portal, tmp_path):
        setup_demo(portal, tmp_path)
        folder = api.portal.get_registry_record("urad.podnety.scans.folder")
        assert folder == str(tmp_path / "intake" / "scans")
        assert (tmp_path / "intake" / "scans" / "processed").is_dir()
        assert (tmp_path / "intake" / "scans" / "failed").is_dir()
