"""HTTP measurements against a running instance, each beside its plain Plone twin."""

from .measure import latencies
from .measure import summary_ms
from .measure import timed
from concurrent.futures import ThreadPoolExecutor

import re
import requests
import threading
import time
import uuid


AUTHENTICATOR_RE = re.compile(r'name="_authenticator"\s+value="([^"]+)"')
ADMIN = ("admin", "admin")
REGISTER_COLUMNS = (
    "reference_number", "received", "channel", "Title", "citizen_name",
    "review_state", "assignee", "current_deadline", "attention_flag",
)
SHAPES = {
    "all": ({}, {}),
    "filtered": (
        {"state": "assigned", "channel": "email"},
        {"review_state": "assigned", "channel": "email"},
    ),
    "text": ({"text": "výtluk"}, {"SearchableText": "výtluk*"}),
}


def register_pages(site_url, count):
    """Time the register page and @search with the same query and page size."""
    session = requests.Session()
    session.auth = ADMIN
    results = {}
    for shape, (filters, catalog_query) in SHAPES.items():

        def register_page(number, filters=filters):
            return session.get(f"{site_url}/podnety", params=filters, timeout=120)

        # The first request of a shape after the instance starts loads index
        # buckets into an empty ZODB cache. So it is reported on its own, and
        # the timed sample starts once the cache is warm.
        first, _response = timed(lambda: register_page(-1))
        register = latencies(register_page, count, warmup=3)
        params = {
            "portal_type": "Podnet",
            "path.query": "/urad/podnety",
            "path.depth": 1,
            "sort_on": "received",
            "sort_order": "descending",
            "b_size": 50,
            "metadata_fields": list(REGISTER_COLUMNS),
            **catalog_query,
        }
        def plain_search(number, params=params):
            return session.get(
                f"{site_url}/@search",
                params=params,
                headers={"Accept": "application/json"},
                timeout=120,
            )

        plain = latencies(plain_search, count, warmup=3)
        results[shape] = {
            "register": summary_ms(register),
            "register_first_ms": round(first * 1000, 1),
            "plain": summary_ms(plain),
        }
    return results


def _post_form(url, fields):
    """Load the form for its CSRF token, post it; return the POST's response."""
    session = requests.Session()
    page = session.get(url, timeout=120)
    token = AUTHENTICATOR_RE.search(page.text)
    data = {**fields, "_authenticator": token.group(1) if token else ""}
    data["form.buttons.submit"] = "Odeslat"
    return session.post(url, data=data, timeout=120, allow_redirects=False)


def _podnet_fields(number):
    return {
        "form.widgets.jmeno": "Jana Nováková",
        "form.widgets.email": "jana.novakova@example.cz",
        "form.widgets.predmet": f"Výtluk v ulici Křižíkova {number} {uuid.uuid4().hex}",
        "form.widgets.text": "Před domem je hluboký výtluk, auta do něj najíždějí.",
        "form.widgets.web_address": "",
        "form.widgets.kontrolni_otazka": "7",
    }


def _plain_fields(number):
    return {
        "form.widgets.replyto": "jana.novakova@example.cz",
        "form.widgets.topic": f"Výtluk v ulici Křižíkova {number}",
        "form.widgets.comments": "Před domem je hluboký výtluk, auta do něj najíždějí.",
    }


def _checked(response, expected_location):
    """Return `response`; raise if the form did not redirect to its thank-you page."""
    location = response.headers.get("Location", "")
    if response.status_code >= 400 or (
        expected_location and expected_location not in location
    ):
        raise RuntimeError(
            f"form post failed: HTTP {response.status_code}, location {location!r}"
        )
    return response


def _rate(count, durations):
    return round(count / sum(durations), 2)


def web_forms(site_url, count):
    """Time posts of the podnět form and of a plain EasyForm with a mail action."""
    podnet_url = f"{site_url}/podat-podnet"
    plain_url = f"{site_url}/plain-form"
    podnet = latencies(
        lambda n: _checked(_post_form(podnet_url, _podnet_fields(n)), "podnet-thanks"),
        count,
    )
    plain = latencies(
        lambda n: _checked(_post_form(plain_url, _plain_fields(n)), ""), count
    )
    return {
        "podnet_form": {**summary_ms(podnet), "per_second": _rate(count, podnet)},
        "plain_form": {**summary_ms(plain), "per_second": _rate(count, plain)},
    }


def pbx_answers(site_url, token, count, concurrency=10, rounds=8):
    """Time the PBX answer hook with `concurrency` calls answered at once.

    The headline figure, ``burst``, is `rounds` rounds of `concurrency`
    answers sent at the same moment, each call rung by its own newCall just
    before: all lines of a busy contact centre picked up together, the worst
    moment for the hook. ``sustained`` is a closed loop first, which also
    warms the instance up: `concurrency` PBX clients each post newCall and
    answer for a new call, back to back, `count` calls in all. By Little's
    law its latency is about `concurrency` times the hook's service time, so
    it shows the rate under overload rather than the delay of a call.
    """
    hook = f"{site_url}/@@pbx-hook"
    headers = {"X-PBX-Token": token}
    new_calls = []

    def post_event(event, fields):
        response = requests.post(
            hook, data={"event": event, **fields}, headers=headers, timeout=120
        )
        if response.status_code != 200:
            raise RuntimeError(f"{event} hook failed: HTTP {response.status_code}")
        return response

    def ring(number):
        return {
            "callId": f"bench-{uuid.uuid4().hex}",
            "from": f"+420 602 {number % 1000:03d} 111",
            "to": "800123456",
            "direction": "in",
        }

    def answer(fields):
        seconds, _response = timed(
            lambda: post_event("answer", {"answeringNumber": "201", **fields})
        )
        return seconds

    def call(number):
        fields = ring(number)
        seconds, _response = timed(lambda: post_event("newCall", fields))
        new_calls.append(seconds)
        return answer(fields)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        answers = list(pool.map(call, range(count)))
    elapsed = time.perf_counter() - started
    sustained = summary_ms(answers)
    sustained["clients"] = concurrency
    sustained["calls_per_second"] = round(count / elapsed, 2)
    sustained["new_call"] = summary_ms(new_calls)
    # One round left out of the figures: the first burst after the loop.
    pbx_burst(post_event, ring, answer, concurrency, rounds=1)
    burst = pbx_burst(post_event, ring, answer, concurrency, rounds)
    return {"burst": burst, "sustained": sustained}


def pbx_burst(post_event, ring, answer, size, rounds, pause=0.5):
    """Time `size` answers sent at the same moment, in `rounds` rounds.

    Each round first rings its calls one after another, then releases the
    answers together from a barrier, and pauses before the next round so
    that no round starts while the previous one still runs.
    """
    seconds = []
    for round_number in range(rounds):
        calls = [ring(round_number * size + number) for number in range(size)]
        for fields in calls:
            post_event("newCall", fields)
        time.sleep(pause)
        barrier = threading.Barrier(size)

        def answer_together(fields, barrier=barrier):
            barrier.wait()
            return answer(fields)

        with ThreadPoolExecutor(size) as pool:
            seconds += pool.map(answer_together, calls)
        time.sleep(pause)
    return {**summary_ms(seconds), "rounds": rounds, "size": size}
