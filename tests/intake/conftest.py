"""A private Dovecot 2.3 IMAP server on a loopback port, for the e-mail intake."""

from datetime import datetime
from imapclient import IMAPClient

import itertools
import os
import pytest
import shutil
import socket
import subprocess
import tempfile
import time


PORTS = range(14300, 14400)
PASSWORD = "test-secret"
_users = itertools.count(1)

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = podnety-test-{port}
protocols = imap
listen = 127.0.0.1
log_path = {root}/dovecot.log
ssl = {ssl}
{ssl_files}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:~/Maildir
mail_home = {root}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def _free_port(skip=()):
    for port in PORTS:
        if port in skip:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 14300-14399 for Dovecot")


def _make_certificate(root):
    """Create a self-signed certificate for 127.0.0.1 and localhost."""
    cert = os.path.join(root, "cert.pem")
    key = os.path.join(root, "key.pem")
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class Dovecot:
    """A running test instance; each test gets its own user and mailbox."""

    host = "127.0.0.1"
    password = PASSWORD

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="podnety-dovecot-")
        os.chmod(self.root, 0o755)
        self.port = _free_port()
        self.tls_port = _free_port(skip={self.port})
        self.cert, key = _make_certificate(self.root)
        for name in ("mail", "state", "run"):
            os.makedirs(os.path.join(self.root, name))
        shutil.chown(os.path.join(self.root, "mail"), "dovecot", "dovecot")
        self.config = os.path.join(self.root, "dovecot.conf")
        with open(self.config, "w") as config:
            config.write(
                CONFIG.format(
                    root=self.root,
                    port=self.port,
                    tls_port=self.tls_port,
                    password=PASSWORD,
                    ssl="yes",
                    ssl_files=f"ssl_cert = <{self.cert}\nssl_key = <{key}",
                )
            )
        self.process = None

    def start(self):
        self.process = subprocess.Popen(["dovecot", "-F", "-c", self.config])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Dovecot did not start, see {self.root}/dovecot.log")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        shutil.rmtree(self.root, ignore_errors=True)

    def new_user(self):
        return f"podatelna{next(_users)}-{os.getpid()}"

    def client(self, user):
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(user, PASSWORD)
        return client

    def append(self, user, raw, folder="INBOX", internal_date=None):
        """Deliver a raw message by IMAP APPEND, as a mail server would."""
        with self.client(user) as client:
            if not client.folder_exists(folder):
                client.create_folder(folder)
            client.append(folder, raw, msg_time=internal_date or datetime.now())

    def messages(self, user, folder):
        """Return the raw messages in a folder, in UID order."""
        with self.client(user) as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            fetched = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
            return [fetched[uid][b"BODY[]"] for uid in sorted(fetched)]


@pytest.fixture(scope="session")
def dovecot():
    """A private Dovecot IMAP server on 127.0.0.1, port 14300-14399."""
    if shutil.which("dovecot") is None:
        pytest.skip("dovecot is not installed (Debian package dovecot-imapd)")
    server = Dovecot().start()
    yield server
    server.stop()


@pytest.fixture
def imap_user(dovecot):
    """A fresh, empty mailbox user on the test Dovecot."""
    return dovecot.new_user()
