"""Open a Zope application from a zope.conf outside a WSGI server."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import system as system_user
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import contextlib


@contextlib.contextmanager
def open_site(zope_conf, site_id):
    """Yield the Plone site as the system user; call once per process."""
    from Zope2.Startup.run import make_wsgi_app

    import transaction
    import Zope2

    make_wsgi_app({}, str(zope_conf))
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system_user)
    site = app[site_id]
    setSite(site)
    try:
        yield site
    finally:
        transaction.abort()
        setSite(None)
        setRequest(None)
        app._p_jar.close()

