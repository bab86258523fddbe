"""Benchmark steps that run inside Zope, one per process, printing JSON.

Usage: inprocess.py ZOPE_CONF SITE STEP [ARGS]; the steps are ``prepare``,
``intake COUNT MAILDIR``, ``seed TOTAL`` and ``report``. The instance must
not be running, because a FileStorage opens in one process at a time.
"""

from pathlib import Path

import json
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchkit.zopeapp import open_site  # noqa: E402


CLERK = "novakova"
PBX_TOKEN = "bench-pbx-token"
PLAIN_FORM = "plain-form"


def prepare(portal, maildir):
    """Configure the channels and add the plain EasyForm to compare with."""
    from collective.easyform.api import get_actions
    from collective.easyform.api import set_actions
    from plone import api
    from urad.podnety.workflow import config

    import transaction

    records = {
        "urad.podnety.email.maildir_path": str(maildir),
        "urad.podnety.email.batch_size": 10000,
        "urad.podnety.phone.token": PBX_TOKEN,
        "urad.podnety.phone.extensions": [f"201|{CLERK}"],
        "urad.podnety.webform.throttle_count": 1_000_000,
    }
    for name, value in records.items():
        api.portal.set_registry_record(name, value)
    if api.user.get(userid=CLERK) is None:
        api.user.create(
            email="novakova@urad.example", username=CLERK, password="x" * 16
        )
        api.group.add_user(groupname=config.CLERKS_GROUP, username=CLERK)
    if PLAIN_FORM not in portal.objectIds():
        # EasyForm's mail action reads the owner's address, so a real user owns it.
        with api.env.adopt_user(username="admin"):
            form = api.content.create(
                container=portal, type="EasyForm", id=PLAIN_FORM, title="Plain form"
            )
            api.content.transition(obj=form, transition="publish")
    form = portal[PLAIN_FORM]
    actions = get_actions(form)
    actions["mailer"].recipient_email = "podatelna@urad.example"
    set_actions(form, actions)
    transaction.commit()
    return {"prepared": True}


def intake(portal, count, maildir):
    """Time plain Document creation and the e-mail intake of a Maildir."""
    from plone import api
    from urad.podnety.intake.email.maildir import MaildirSource
    from urad.podnety.intake.email.settings import get_settings

    import transaction

    # A fresh folder each run, so the step can run again on the same site.
    if "bench-documents" in portal.objectIds():
        api.content.delete(obj=portal["bench-documents"], check_linkintegrity=False)
    folder = api.content.create(
        container=portal, type="Folder", id="bench-documents", title="Documents"
    )
    transaction.commit()
    started = time.perf_counter()
    for number in range(count):
        api.content.create(
            container=folder,
            type="Document",
            id=f"document-{number}",
            title=f"Dokument {number}",
            description="Srovnávací dokument bez příloh.",
        )
        transaction.commit()
    documents = time.perf_counter() - started

    started = time.perf_counter()
    summary = MaildirSource(get_settings()).poll(portal)
    messages = time.perf_counter() - started
    filed = summary.get("filed", 0)
    return {
        "documents_per_second": round(count / documents, 2),
        "emails_per_second": round(filed / messages, 2),
        "emails_filed": filed,
        "email_summary": summary,
        "ratio": round((filed / messages) / (count / documents), 2),
    }


def seed_to(portal, total):
    """Seed the register up to `total` podněty."""
    from benchkit.seeding import seed
    from urad.podnety.setuphandlers import get_register

    missing = total - len(get_register(portal))
    if missing <= 0:
        return {"created": 0}
    return seed(portal, missing, rng_seed=total)


def report(portal):
    """Time building and rendering each monthly report, cold and warm."""
    from urad.podnety.reports import definitions
    from urad.podnety.reports.render.chart import render_chart
    from urad.podnety.reports.render.html import render_html
    from urad.podnety.reports.render.tabular import render_csv
    from urad.podnety.reports.render.tabular import render_xlsx
    from urad.podnety.reports.runner import build
    from urad.podnety.reports.runner import fetch
    from urad.podnety.reports.runner import make_request

    def build_and_render(definition_id):
        started = time.perf_counter()
        built, _request = build(portal, definition_id)
        render_html(built)
        render_csv(built)
        render_xlsx(built)
        if built.chart is not None:
            render_chart(built.chart, "png")
        return round(time.perf_counter() - started, 2)

    results = {}
    for definition_id in definitions.definition_ids():
        proxy = definitions.get(definition_id)
        if (proxy.frequency or "monthly") != "monthly":
            continue
        # The first run in a fresh process also pays for imports (matplotlib),
        # translation catalogs and a cold ZODB cache; a running instance pays
        # that once, so the second run is the one compared with the target.
        cold = build_and_render(definition_id)
        kind, request = make_request(portal, definition_id)
        results[definition_id] = {
            "seconds": build_and_render(definition_id),
            "cold_seconds": cold,
            "podnety": len(fetch(portal, kind, request)),
        }
    return results


def main(argv):
    zope_conf, site_id, step, *args = argv[1:]
    with open_site(zope_conf, site_id) as portal:
        if step == "prepare":
            result = prepare(portal, args[0])
        elif step == "intake":
            result = intake(portal, int(args[0]), args[1])
        elif step == "seed":
            result = seed_to(portal, int(args[0]))
        elif step == "report":
            result = report(portal)
        else:
            raise SystemExit(f"unknown step {step!r}")
    print("RESULT " + json.dumps(result, default=str))


if __name__ == "__main__":
    main(sys.argv)
