"""A Zope process killed with SIGKILL mid-intake leaves exactly one podnět."""

from pathlib import Path

import json
import os
import pytest
import signal
import subprocess
import sys


pytestmark = [pytest.mark.imap, pytest.mark.slow]

ROOT = Path(__file__).parents[3]
BIN = Path(sys.executable).parent
POLL_SCRIPT = ROOT / "tests" / "_resources" / "email" / "poll_once.py"


@pytest.fixture(scope="module")
def zope_site(tmp_path_factory):
    """A real Zope instance with a FileStorage and the demo site, not serving."""
    var = tmp_path_factory.mktemp("crash-var")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_instance.py"), str(var)],
        check=True,
        capture_output=True,
    )
    conf = var / "instance" / "etc" / "zope.conf"
    created = subprocess.run(
        [str(BIN / "zconsole"), "run", str(conf), str(ROOT / "scripts/create_site.py")],
        cwd=ROOT,
        env={**os.environ, "VAR_DIR": str(var)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert created.returncode == 0, created.stderr[-2000:]
    return conf


def poll(conf, dovecot, user, crash=""):
    env = {
        **os.environ,
        "IMAP_PORT": str(dovecot.port),
        "IMAP_USER": user,
        "IMAP_PASSWORD": dovecot.password,
        "CRASH": crash,
    }
    return subprocess.run(
        [str(BIN / "zconsole"), "run", str(conf), str(POLL_SCRIPT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def titles(result):
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "crash, sample, title",
    [
        ("before_commit", "B08.eml", "Oznámení o změně trvalého pobytu"),
        ("after_commit", "B09.eml", "Žádost o informace"),
    ],
)
def test_sigkill_then_restart_files_once(zope_site, dovecot, crash, sample, title):
    user = dovecot.new_user()
    raw = (ROOT / "tests" / "_resources" / "email" / sample).read_bytes()
    dovecot.append(user, raw)

    killed = poll(zope_site, dovecot, user, crash=crash)
    assert killed.returncode == -signal.SIGKILL
    assert dovecot.messages(user, "INBOX") == [raw]

    restarted = poll(zope_site, dovecot, user)
    assert titles(restarted).count(title) == 1
    assert dovecot.messages(user, "INBOX") == []
    assert dovecot.messages(user, "Zpracováno") == [raw]
