"""The PBX hooks over real HTTP: calls, retries, order, callers, auth."""

from plone import api
from urad.podnety.phone import calls as call_store

import requests
import transaction
import uuid


def post(site, token=None, **fields):
    headers = {"X-PBX-Token": site.token if token is None else token}
    return requests.post(f"{site.url}/@@pbx-hook", data=fields, headers=headers, timeout=30)


def new_call_id():
    return uuid.uuid4().hex


def podnet_by_reference(reference):
    transaction.begin()
    brains = api.content.find(portal_type="Podnet", reference_number=reference, unrestricted=True)
    return brains[0]._unrestrictedGetObject() if brains else None


def podnety_of_call(call_id):
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Podnet"):
        podnet = brain._unrestrictedGetObject()
        if (podnet.intake_info or {}).get("phone", {}).get("call_id") == call_id:
            found.append(podnet)
    return found


class TestNormalCall:
    def test_answer_files_podnet_for_clerk(self, pbx_site):
        call_id = new_call_id()
        common = {"callId": call_id, "from": "00420 601 555 010", "to": "800123456", "direction": "in"}
        assert post(pbx_site, event="newCall", **common).status_code == 200
        response = post(pbx_site, event="answer", user="Jana Nováková", answeringNumber="201", **common)
        assert response.status_code == 200
        data = response.json()
        assert data["status"] == "ok"
        assert data["url"].startswith(pbx_site.url + "/podnety/")
        podnet = podnet_by_reference(data["reference_number"])
        assert podnet.channel == "phone"
        assert podnet.citizen_phone == "+420601555010"
        assert podnet.assignee == "novakova"
        assert podnet.intake_info["phone"]["call_id"] == call_id
        assert podnet.intake_info["phone"]["recording"] == "pending"
