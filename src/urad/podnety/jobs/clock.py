"""The in-process clock that runs due jobs every minute without an outside cron.

It starts when a WSGI Zope process starts (not in scripts or tests) unless
``zope.conf`` says otherwise::

    <product-config urad.podnety>
        clock-interval 60
    </product-config>

``clock-interval 0`` turns it off, for example on instances that should only
serve requests.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.users import UnrestrictedUser
from App.config import getConfiguration
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import logging
import threading
import transaction


logger = logging.getLogger(__name__)

JOBS_USER_ID = "podnety-jobs"
DEFAULT_INTERVAL = 60


def clock_interval():
    product_config = getattr(getConfiguration(), "product_config", None) or {}
    settings = product_config.get("urad.podnety", {}) or {}
    return int(settings.get("clock-interval", DEFAULT_INTERVAL))


def _podnety_sites(app):
    from urad.podnety.setuphandlers import REGISTER_ID

    for site in app.objectValues("Plone Site"):
        if REGISTER_ID in site.objectIds():
            yield site


def tick(db):
    """Open a connection, run the due jobs of every site, close it again."""
    from urad.podnety.jobs.runner import run_due_jobs

    connection = db.open()
    try:
        app = makerequest(connection.root()["Application"])
        user = UnrestrictedUser(JOBS_USER_ID, "", ["Manager"], [])
        newSecurityManager(None, user.__of__(app.acl_users))
        for site in list(_podnety_sites(app)):
            setSite(site)
            results = run_due_jobs(site)
            if results:
                logger.debug("Jobs of %s: %s", site.getId(), results)
    except Exception:
        transaction.abort()
        logger.exception("Background jobs failed")
    finally:
        setSite(None)
        noSecurityManager()
        transaction.abort()
        connection.close()


class Clock(threading.Thread):
    def __init__(self, db, interval):
        super().__init__(name="urad.podnety clock", daemon=True)
        self.db = db
        self.interval = interval
        self.stopped = threading.Event()

    def run(self):
        logger.info("Background jobs clock started, every %s s", self.interval)
        while not self.stopped.wait(self.interval):
            tick(self.db)


def start_clock(event):
    """Start the clock thread when the Zope process starts serving."""
    import Zope2

    interval = clock_interval()
    if interval <= 0:
        logger.info("Background jobs clock is off (clock-interval 0)")
        return
    Clock(Zope2.DB, interval).start()
