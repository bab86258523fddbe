"""Clerk pages, announcements and the PBX simulator over real HTTP."""

from plone import api
from urad.podnety.phone.speech import wav_parameters
from urad.podnety.scripts import pbx_sim

import io
import re
import requests
import transaction


CLERK_AUTH = ("novakova", "x" * 12)


def hook(site, **fields):
    return requests.post(
        f"{site.url}/@@pbx-hook",
        data=fields,
        headers={"X-PBX-Token": site.token},
        timeout=60,
    )


class TestClerkPages:
    def test_podnet_shows_call_and_pending_recording(self, pbx_site):
        common = {"callId": "v-1", "from": "601555010", "direction": "in"}
        hook(pbx_site, event="answer", answeringNumber="201", **common)
        url = hook(pbx_site, event="answer", answeringNumber="201", **common).json()[
            "url"
        ]
        page = requests.get(url, auth=CLERK_AUTH, timeout=60)
        assert page.status_code == 200
        assert "podnety-phone-call" in page.text
        assert "Recording pending" in page.text
        assert "+420601555010" in page.text

    def test_callback_list_and_done(self, pbx_site):
        for call_id in ("v-2", "v-3"):
            hook(
                pbx_site,
                event="hangup",
                cause="noAnswer",
                callId=call_id,
                direction="in",
                **{"from": "+420 602 555 080"},
            )
        register = f"{pbx_site.url}/podnety"
        page = requests.get(f"{register}/@@pbx-calls", auth=CLERK_AUTH, timeout=60)
        assert page.status_code == 200
        assert "tel:+420602555080" in page.text
        assert re.search(r'podnety-attempts"\s*>2<', page.text)
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
        done = requests.post(
            f"{register}/@@pbx-callback-done",
            data={"key": "+420602555080", "_authenticator": token.group(1)},
            auth=CLERK_AUTH,
            timeout=60,
        )
        assert done.status_code == 200
        page = requests.get(f"{register}/@@pbx-calls", auth=CLERK_AUTH, timeout=60)
        assert "tel:+420602555080" not in page.text

    def test_callback_list_needs_login(self, pbx_site):
        page = requests.get(
            f"{pbx_site.url}/podnety/@@pbx-calls", allow_redirects=False, timeout=60
        )
        assert page.status_code in (302, 401)


class TestAnnouncement:
    def test_text_follows_settings(self, pbx_site):
        api.portal.set_registry_record(
            "urad.podnety.phone.recording_text", "Hovor je nahráván."
        )
        transaction.commit()
        response = requests.get(
            f"{pbx_site.url}/@@pbx-announcement",
            params={"topic": "recording"},
            timeout=60,
        )
        assert response.status_code == 200
        assert response.text == "Hovor je nahráván."
        assert response.headers["Content-Type"].startswith("text/plain")

    def test_wav_is_8khz_mono_16bit(self, pbx_site):
        url = f"{pbx_site.url}/@@pbx-announcement"
        response = requests.get(
            url, params={"topic": "hours", "format": "wav"}, timeout=120
        )
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "audio/wav"
        channels, width, rate, frames = wav_parameters(response.content)
        assert (channels, width, rate) == (1, 2, 8000)
        assert frames > 8000
        cached = requests.get(
            url,
            params={"topic": "hours", "format": "wav"},
            headers={"If-None-Match": response.headers["ETag"]},
            timeout=60,
        )
        assert cached.status_code == 304

    def test_changed_text_changes_etag(self, pbx_site):
        url = f"{pbx_site.url}/@@pbx-announcement"
        first = requests.get(url, params={"topic": "notice"}, timeout=60)
        api.portal.set_registry_record("urad.podnety.phone.notice_text", "Nová zpráva.")
        transaction.commit()
        second = requests.get(url, params={"topic": "notice"}, timeout=60)
        assert second.text == "Nová zpráva."
        assert first.headers["ETag"] != second.headers["ETag"]

    def test_unknown_topic(self, pbx_site):
        response = requests.get(
            f"{pbx_site.url}/@@pbx-announcement", params={"topic": "x"}, timeout=60
        )
        assert response.status_code == 404


class TestSimulator:
    def test_recording_scenario_files_podnet(self, pbx_site):
        output = io.StringIO()
        simulator = pbx_sim.PbxSimulator(pbx_site.url, pbx_site.token, output=output)
        result = simulator.play(
            "recording", "00420601555010", "800123456", "201", "Nováková", talk=0.1
        )
        assert result["reference_number"].startswith("PDN-")
        transaction.begin()
        podnet = api.portal.get().unrestrictedTraverse(
            result["url"].split("/plone/", 1)[1]
        )
        assert podnet.citizen_phone == "+420601555010"
        assert podnet.intake_info["phone"]["recording"] == "attached"
        assert len(podnet.objectIds()) == 1
        assert "record   200" in output.getvalue()

    def test_command_line_missed_call(self, pbx_site, capsys):
        status = pbx_sim.main(
            [
                "--url",
                pbx_site.url,
                "--token",
                pbx_site.token,
                "--scenario",
                "missed",
                "--talk",
                "0",
            ]
        )
        assert status == 0
        assert "hangup   200" in capsys.readouterr().out

    def test_command_line_bad_token_fails(self, pbx_site):
        status = pbx_sim.main(
            [
                "--url",
                pbx_site.url,
                "--token",
                "wrong",
                "--scenario",
                "normal",
                "--talk",
                "0",
            ]
        )
        assert status == 1

    def test_bench_mode_measures_answers(self, pbx_site):
        result = pbx_sim.measure_answers(pbx_site.url, pbx_site.token, calls=10)
        assert result["errors"] == 0
        assert result["calls"] == 10
        assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]


class TestControlPanel:
    def test_settings_form_lists_fields(self, pbx_site, site_owner_auth):
        url = f"{pbx_site.url}/@@podnety-settings-phone"
        page = requests.get(url, auth=site_owner_auth, timeout=60)
        assert page.status_code == 200
        assert "form.widgets.token" in page.text
        assert "form.widgets.hours_monday" in page.text

    def test_settings_form_needs_manager(self, pbx_site):
        page = requests.get(
            f"{pbx_site.url}/@@podnety-settings-phone",
            auth=CLERK_AUTH,
            allow_redirects=False,
            timeout=60,
        )
        assert page.status_code in (302, 401, 403)


class TestRegisterTab:
    def test_register_links_phone_calls(self, pbx_site):
        page = requests.get(f"{pbx_site.url}/podnety", auth=CLERK_AUTH, timeout=60)
        assert page.status_code == 200
        assert f"{pbx_site.url}/podnety/@@pbx-calls" in page.text
