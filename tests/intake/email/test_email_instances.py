"""Two instances reading one mailbox at the same moment file each message once."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.SpecialUsers import system
from plone import api
from Testing.makerequest import makerequest
from urad.podnety.intake.email.imap import ImapSource
from urad.podnety.intake.email.settings import get_settings
from zope.component.hooks import setSite

import pytest
import threading
import transaction


pytestmark = [pytest.mark.imap, pytest.mark.slow]


def poll_in_own_connection(db, barrier, results, index):
    """Poll the mailbox the way a second Zope instance would: own connection."""
    connection = db.open()
    try:
        app = makerequest(connection.root()["Application"])
        portal = app.unrestrictedTraverse("plone")
        setSite(portal)
        newSecurityManager(None, system)
        source = ImapSource(get_settings())
        barrier.wait(timeout=30)
        results[index] = source.poll(portal)
    except Exception as error:  # reported by the test instead of lost in a thread
        results[index] = error
    finally:
        transaction.abort()
        noSecurityManager()
        setSite(None)
        connection.close()


def test_two_instances_no_duplicates(functional, mail_site, deliver, mailbox, eml):
    names = ("B01.eml", "B02.eml", "B03.eml", "B05.eml", "B08.eml", "B09.eml")
    for name in names:
        deliver(eml(name))
    transaction.commit()

    db = functional["app"]._p_jar.db()
    barrier = threading.Barrier(2)
    results = [None, None]
    threads = [
        threading.Thread(
            target=poll_in_own_connection, args=(db, barrier, results, index)
        )
        for index in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    for result in results:
        assert isinstance(result, dict), result
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    titles = sorted(
        brain.Title for brain in catalog.unrestrictedSearchResults(portal_type="Podnet")
    )
    assert len(titles) == len(names)
    assert len(set(titles)) == len(names)
    assert sum(result["filed"] for result in results) == len(names)
    assert mailbox("INBOX") == []
    # Two simultaneous UID MOVEs of one message can leave two copies on the
    # server. What matters is that every message left INBOX and none was lost.
    assert len(set(mailbox("Zpracováno"))) == len(names)
