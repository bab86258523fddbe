"""HTTP methods the PBX hook does not accept, over real HTTP."""

import pytest
import requests


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS"])
def test_hook_rejects_method_with_json_405(pbx_site, method):
    response = requests.request(
        method,
        f"{pbx_site.url}/@@pbx-hook",
        data={"event": "answer", "callId": "m-1"},
        headers={"X-PBX-Token": pbx_site.token},
        timeout=60,
    )
    assert response.status_code == 405
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == {"status": "error", "error": "use GET or POST"}
    assert response.headers["Allow"] == "GET, POST"


def test_hook_rejects_put_without_token(pbx_site):
    response = requests.put(f"{pbx_site.url}/@@pbx-hook", data="x", timeout=60)
    assert response.status_code == 405
    assert response.json()["error"] == "use GET or POST"


def test_recording_rejects_put_with_json_405(pbx_site):
    response = requests.put(
        f"{pbx_site.url}/@@pbx-recording",
        data=b"RIFF",
        headers={"X-PBX-Token": pbx_site.token},
        timeout=60,
    )
    assert response.status_code == 405
    assert response.json() == {"status": "error", "error": "use POST"}


def test_hook_post_still_files_event(pbx_site):
    response = requests.post(
        f"{pbx_site.url}/@@pbx-hook",
        data={"event": "newCall", "callId": "m-2", "from": "601555010"},
        headers={"X-PBX-Token": pbx_site.token},
        timeout=60,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_announcement_rejects_delete_with_json_405(pbx_site):
    response = requests.delete(f"{pbx_site.url}/@@pbx-announcement", timeout=60)
    assert response.status_code == 405
    assert response.json() == {"status": "error", "error": "use GET or HEAD or POST"}
