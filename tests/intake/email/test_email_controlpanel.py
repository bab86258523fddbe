"""The e-mail control panel over real HTTP: settings, last reads and failures."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from urad.podnety.intake.email.demo import setup_demo
from urad.podnety.intake.email.job import poll_sources
from urad.podnety.jobs.runner import run_due_jobs

import os
import re
import requests
import transaction


AUTH = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


class TestControlPanel:
    def test_form_and_status_shown(self, functional, http_portal_url, tmp_path):
        portal = functional["portal"]
        maildir = tmp_path / "mail"
        api.portal.set_registry_record("urad.podnety.email.maildir_path", str(maildir))
        api.portal.set_registry_record("urad.podnety.email.imap_enabled", True)
        api.portal.set_registry_record("urad.podnety.email.imap_host", "127.0.0.1")
        api.portal.set_registry_record("urad.podnety.email.imap_port", 1)
        api.portal.set_registry_record("urad.podnety.email.imap_user", "podnety")
        transaction.commit()
        poll_sources(portal)
        transaction.commit()
        response = requests.get(
            f"{http_portal_url}/@@podnety-settings-email", auth=AUTH, timeout=30
        )
        assert response.status_code == 200
        page = response.text
        assert 'name="form.widgets.imap_host"' in page
        assert 'name="form.widgets.maildir_path"' in page
        assert f"maildir:{maildir}" in page
        assert "imap:podnety@127.0.0.1:1/INBOX" in page
        assert "ConnectionRefusedError" in page
        assert "Senders get an acknowledgement with the reference number" in page

    def test_clerk_status_page(self, functional, http_portal_url):
        portal = functional["portal"]
        api.portal.set_registry_record("urad.podnety.email.imap_enabled", True)
        api.portal.set_registry_record("urad.podnety.email.imap_host", "127.0.0.1")
        api.portal.set_registry_record("urad.podnety.email.imap_port", 1)
        api.portal.set_registry_record("urad.podnety.email.imap_user", "podnety")
        transaction.commit()
        poll_sources(portal)
        transaction.commit()
        url = f"{http_portal_url}/podnety/@@email-status"
        response = requests.get(url, auth=AUTH, timeout=30)
        assert response.status_code == 200
        assert "ConnectionRefusedError" in response.text
        assert 'name="form.widgets.imap_password"' not in response.text
        anonymous = requests.get(url, timeout=30, allow_redirects=False)
        assert anonymous.status_code in (302, 401)

    def test_anonymous_cannot_open(self, functional, http_portal_url):
        response = requests.get(
            f"{http_portal_url}/@@podnety-settings-email",
            timeout=30,
            allow_redirects=False,
        )
        assert response.status_code in (302, 401)

    def test_password_saved_through_form(self, functional, http_portal_url):
        session = requests.Session()
        session.auth = AUTH
        url = f"{http_portal_url}/@@podnety-settings-email"
        page = session.get(url, timeout=30).text

        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page).group(1)
        data = {
            "_authenticator": token,
            "form.widgets.imap_host": "imap.urad.example",
            "form.widgets.imap_port": "993",
            "form.widgets.imap_security:list": "ssl",
            "form.widgets.imap_user": "podnety@urad.example",
            "form.widgets.imap_password": "app-heslo",
            "form.widgets.imap_folder": "INBOX",
            "form.widgets.processed_folder": "Zpracováno",
            "form.widgets.failed_folder": "Chybné",
            "form.widgets.maildir_path": "",
            "form.widgets.max_message_mb": "25",
            "form.widgets.max_attempts": "3",
            "form.widgets.batch_size": "100",
            "form.widgets.internal_domains": "urad.example",
            "form.buttons.save": "Save",
        }
        response = session.post(url, data=data, timeout=30)
        assert response.status_code == 200

        transaction.begin()
        assert api.portal.get_registry_record("urad.podnety.email.imap_host") == (
            "imap.urad.example"
        )
        assert api.portal.get_registry_record(
            "urad.podnety.email.processed_folder"
        ) == ("Zpracováno")
        assert (
            api.portal.get_registry_record("urad.podnety.email.imap_password")
            == "app-heslo"
        )


class TestDemo:
    def test_demo_maildir_read_by_job(self, functional, tmp_path, smtp_sink, eml):
        portal = functional["portal"]
        setup_demo(portal, tmp_path)
        transaction.commit()
        (tmp_path / "intake" / "mail" / "new" / "1.demo.eml").write_bytes(
            eml("B01.eml")
        )
        with api.env.adopt_roles(["Manager"]):
            results = run_due_jobs(portal, force=True)
        summary = results["email-intake"][f"maildir:{tmp_path}/intake/mail"]
        assert summary["filed"] == 1
        catalog = api.portal.get_tool("portal_catalog")
        [brain] = catalog.unrestrictedSearchResults(portal_type="Podnet")
        assert brain.Title == "Žádost o dotaci na opravu fasády"

    def test_jobs_service_reads_maildir(
        self, functional, http_portal_url, tmp_path, smtp_sink, eml
    ):
        setup_demo(functional["portal"], tmp_path)
        transaction.commit()
        (tmp_path / "intake" / "mail" / "new" / "2.demo.eml").write_bytes(
            eml("B09.eml")
        )
        response = requests.post(
            f"{http_portal_url}/@podnety-jobs",
            auth=AUTH,
            headers={"Accept": "application/json"},
            timeout=60,
        )
        assert response.status_code == 200
        summary = response.json()["jobs"]["email-intake"]
        assert summary[f"maildir:{tmp_path}/intake/mail"]["filed"] == 1
        assert os.listdir(tmp_path / "intake" / "mail" / "cur") == ["2.demo.eml:2,S"]
