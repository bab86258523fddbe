"""Two Zope instances on one RelStorage database: writes, jobs and failover."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from datetime import datetime
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from tests.cluster.conftest import PBX_TOKEN
from urllib.parse import parse_qs
from urllib.parse import urlparse

import pytest
import re
import requests
import threading
import time
import uuid


pytestmark = pytest.mark.cluster

JSON = {"Accept": "application/json"}
AUTHENTICATOR_RE = re.compile(r'name="_authenticator"\s+value="([^"]+)"')


def create_podnet(cluster, base_url, title):
    """Create a podnět through plone.restapi, as a clerk's script would."""
    return requests.post(
        f"{base_url}/podnety",
        json={
            "@type": "Podnet",
            "title": title,
            "channel": "post",
            "kind": "podnet",
            "received": datetime.now(UTC).isoformat(),
        },
        auth=cluster.auth,
        headers=JSON,
        timeout=120,
    )


def answer_call(base_url, number):
    """Send the newCall and answer events of one call; return the last response."""
    fields = {
        "callId": f"cluster-{uuid.uuid4().hex}",
        "from": f"+420 601 555 {number:03d}",
        "to": "800123456",
        "direction": "in",
    }
    headers = {"X-PBX-Token": PBX_TOKEN}
    hook = f"{base_url}/@@pbx-hook"
    new_call = requests.post(
        hook, data={"event": "newCall", **fields}, headers=headers, timeout=120
    )
    if new_call.status_code != 200:
        return new_call
    return requests.post(
        hook,
        data={"event": "answer", "answeringNumber": "201", **fields},
        headers=headers,
        timeout=120,
    )


def submit_form(base_url, subject):
    """Fill in and send the public podnět form as a citizen's browser would."""
    session = requests.Session()
    form_url = f"{base_url}/podat-podnet"
    page = session.get(form_url, timeout=120)
    if page.status_code != 200:
        return page
    token = AUTHENTICATOR_RE.search(page.text)
    fields = {
        "form.widgets.jmeno": "Jana Nováková",
        "form.widgets.email": "jana.novakova@example.cz",
        "form.widgets.predmet": subject,
        "form.widgets.text": "Před domem je hluboký výtluk, auta do něj najíždějí.",
        "form.widgets.web_address": "",
        "form.widgets.kontrolni_otazka": "7",
        "form.buttons.submit": "Odeslat",
        "_authenticator": token.group(1) if token else "",
    }
    return session.post(form_url, data=fields, timeout=120)


def reference_of(response):
    """Return the reference number in a channel's response, or None."""
    if "@@podnet-thanks" in response.url:
        query = parse_qs(urlparse(response.url).query)
        return query.get("ref", [None])[0]
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return response.json().get("reference_number")
    return None


def run_jobs(cluster, base_url):
    return requests.post(
        f"{base_url}/@podnety-jobs", auth=cluster.auth, headers=JSON, timeout=120
    )


def run_jobs_at_once(cluster, urls):
    """POST @podnety-jobs to every URL at the same time; return the responses."""
    with ThreadPoolExecutor(len(urls)) as pool:
        return list(pool.map(lambda url: run_jobs(cluster, url), urls))


def filed_podnety(cluster, prefix):
    """Return the titles of podněty starting with `prefix`; fail on a doubled one."""
    response = requests.get(
        f"{cluster.url(1)}/@search",
        params={
            "portal_type": "Podnet",
            "b_size": 10000,
        },
        auth=cluster.auth,
        headers=JSON,
        timeout=60,
    )
    response.raise_for_status()
    items = response.json()["items"]
    titles = [item["title"] for item in items if item["title"].startswith(prefix)]
    assert len(titles) == len(set(titles)), "a podnět was filed twice"
    return titles


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def all_references(cluster):
    """Return the reference numbers of every podnět in the register."""
    response = requests.get(
        f"{cluster.url(1)}/@search",
        params={
            "portal_type": "Podnet",
            "metadata_fields": "reference_number",
            "b_size": 10000,
        },
        auth=cluster.auth,
        headers=JSON,
        timeout=60,
    )
    response.raise_for_status()
    return [item["reference_number"] for item in response.json()["items"]]


class TestConcurrentWrites:
    def test_channels_on_both_instances(self, cluster):
        """Calls and form posts on both instances: no 5xx, no loss, unique numbers."""
        targets = [cluster.url(1), cluster.url(2), cluster.url()]
        before = [ref for ref in all_references(cluster) if ref]
        tasks = []
        for number in range(20):
            base_url = targets[number % 3]
            tasks.append((answer_call, base_url, number))
            tasks.append((submit_form, base_url, f"Výtluk číslo {number}"))
        with ThreadPoolExecutor(10) as pool:
            responses = list(pool.map(lambda task: task[0](*task[1:]), tasks))
        statuses = [response.status_code for response in responses]
        assert [status for status in statuses if status >= 500] == []
        assert statuses == [200] * len(tasks)
        answered = [reference_of(response) for response in responses]
        assert None not in answered
        assert len(set(answered)) == len(tasks)
        filed = [ref for ref in all_references(cluster) if ref and ref not in before]
        assert sorted(filed) == sorted(answered)
        numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in filed)
        assert numbers == list(range(numbers[0], numbers[0] + len(tasks)))

    def test_rest_creation_on_both_instances(self, cluster):
        """Podněty created over REST in parallel are all stored, once each."""
        targets = [cluster.url(1), cluster.url(2), cluster.url()]
        titles = [f"Souběžný podnět {number}" for number in range(30)]
        with ThreadPoolExecutor(10) as pool:
            responses = list(
                pool.map(
                    lambda pair: create_podnet(
                        cluster, targets[pair[0] % 3], pair[1]
                    ),
                    enumerate(titles),
                )
            )
        statuses = [response.status_code for response in responses]
        assert [status for status in statuses if status >= 500] == []
        assert statuses == [201] * len(titles)
        assert sorted(filed_podnety(cluster, "Souběžný podnět")) == sorted(titles)


class TestJobLeases:
    def test_job_runs_once_across_instances(self, cluster):
        cluster.set_probe_sleep(3)
        before = len(cluster.probe_runs())
        answers = run_jobs_at_once(cluster, [cluster.url(1), cluster.url(2)])
        assert [answer.status_code for answer in answers] == [200, 200]
        ran = [a for a in answers if "cluster-probe" in a.json()["jobs"]]
        assert len(ran) == 1
        assert [event for event, _pid in cluster.probe_runs()[before:]] == [
            "start",
            "end",
        ]

    def test_job_runs_once_within_instance(self, cluster):
        """A second thread of the running instance does not start the job again."""
        cluster.set_probe_sleep(4)
        before = len(cluster.probe_runs())
        with ThreadPoolExecutor(2) as pool:
            first = pool.submit(run_jobs, cluster, cluster.url(1))
            assert wait_for(lambda: len(cluster.probe_runs()) > before)
            second = pool.submit(run_jobs, cluster, cluster.url(1))
            answers = [first.result(), second.result()]
        assert [answer.status_code for answer in answers] == [200, 200]
        assert "cluster-probe" in answers[0].json()["jobs"]
        assert "cluster-probe" not in answers[1].json()["jobs"]
        assert [event for event, _pid in cluster.probe_runs()[before:]] == [
            "start",
            "end",
        ]

    def test_dead_instance_job_taken_over(self, cluster):
        cluster.set_probe_sleep(60)
        before = len(cluster.probe_runs())
        dead_pid = str(cluster.instance_pid(1))

        def run_on_first():
            try:
                run_jobs(cluster, cluster.url(1))
            except requests.ConnectionError:
                pass  # the instance is killed while it handles the request

        caller = threading.Thread(target=run_on_first)
        caller.start()
        assert wait_for(lambda: ("start", dead_pid) in cluster.probe_runs()[before:])
        cluster.kill(1)
        caller.join(timeout=30)
        cluster.set_probe_sleep(0)
        try:
            while_held = run_jobs(cluster, cluster.url(2))
            assert while_held.status_code == 200
            assert "cluster-probe" not in while_held.json()["jobs"]
            lease = int(cluster.env["URAD_CLUSTER_JOB_LEASE"])
            time.sleep(lease + 2)
            after_expiry = run_jobs(cluster, cluster.url(2))
            assert after_expiry.status_code == 200
            assert "cluster-probe" in after_expiry.json()["jobs"]
            live_pid = str(cluster.instance_pid(2))
            assert cluster.probe_runs()[before:] == [
                ("start", dead_pid),
                ("start", live_pid),
                ("end", live_pid),
            ]
        finally:
            cluster.start_instance(1)


def write_messages(maildir, prefix, count):
    """Deliver `count` citizens' messages with a PDF attachment into new/."""
    for name in ("new", "cur", "tmp"):
        (maildir / name).mkdir(parents=True, exist_ok=True)
    for number in range(count):
        message = EmailMessage()
        message["From"] = f"Jan Novák <jan.novak.{number}@example.cz>"
        message["To"] = "podatelna@urad.example"
        message["Subject"] = f"{prefix} {number}"
        message["Message-ID"] = make_msgid(f"{prefix.split()[0]}{number}", "example.cz")
        message.set_content("Dobrý den, v ulici Křižíkova nesvítí lampa.")
        message.add_attachment(
            b"%PDF-1.4 sample",
            maintype="application",
            subtype="pdf",
            filename=f"foto-{number}.pdf",
        )
        name = f"{int(time.time())}.{uuid.uuid4().hex}.cluster"
        (maildir / "new" / name).write_bytes(message.as_bytes())


class TestMailIntake:
    @pytest.fixture
    def maildir(self, cluster):
        path = Path(cluster.probe_dir) / "maildir"
        response = cluster.session().patch(
            f"{cluster.url(1)}/@registry",
            json={"urad.podnety.email.maildir_path": str(path)},
        )
        response.raise_for_status()
        cluster.set_probe_sleep(0)
        return path

    def test_intake_from_both_instances(self, cluster, maildir):
        write_messages(maildir, "Lampa první", 20)
        answers = run_jobs_at_once(cluster, [cluster.url(1), cluster.url(2)])
        assert [answer.status_code for answer in answers] == [200, 200]
        ran = [a for a in answers if "email-intake" in a.json()["jobs"]]
        assert len(ran) == 1
        summary = ran[0].json()["jobs"]["email-intake"][f"maildir:{maildir}"]
        assert summary["filed"] == 20
        assert sorted(filed_podnety(cluster, "Lampa první")) == sorted(
            f"Lampa první {number}" for number in range(20)
        )
        assert list((maildir / "new").iterdir()) == []

    def test_intake_survives_killed_instance(self, cluster, maildir):
        write_messages(maildir, "Lampa druhá", 60)

        def run_on_first():
            try:
                run_jobs(cluster, cluster.url(1))
            except requests.ConnectionError:
                pass  # the instance is killed while it handles the request

        caller = threading.Thread(target=run_on_first)
        caller.start()
        try:
            assert wait_for(lambda: len(list((maildir / "cur").iterdir())) >= 3)
            cluster.kill(1)
            caller.join(timeout=30)
            left = len(list((maildir / "new").iterdir()))
            assert left > 0, "the job finished before the kill; use more messages"
            time.sleep(int(cluster.env["URAD_CLUSTER_JOB_LEASE"]) + 2)
            after_expiry = run_jobs(cluster, cluster.url(2))
            assert after_expiry.status_code == 200
            assert "email-intake" in after_expiry.json()["jobs"]
        finally:
            cluster.start_instance(1)
        assert list((maildir / "new").iterdir()) == []
        assert sorted(filed_podnety(cluster, "Lampa druhá")) == sorted(
            f"Lampa druhá {number}" for number in range(60)
        )


class TestFailover:
    def test_balancer_skips_killed_instance(self, cluster):
        cluster.kill(2)
        try:
            responses = [
                create_podnet(cluster, cluster.url(), f"Po výpadku {number}")
                for number in range(6)
            ]
            assert [response.status_code for response in responses] == [201] * 6
        finally:
            cluster.start_instance(2)
        assert sorted(filed_podnety(cluster, "Po výpadku")) == sorted(
            f"Po výpadku {number}" for number in range(6)
        )
