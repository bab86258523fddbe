"""A real two-instance cluster on RelStorage/PostgreSQL behind the balancer.

The cluster is started by scripts/start_cluster.sh in a database of its own,
which is dropped again afterwards, with the probe job of
tests/_resources/cluster loaded into both instances.
"""

from pathlib import Path

import fcntl
import os
import pytest
import requests
import subprocess
import time


REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "tests" / "_resources" / "cluster"
DATABASE = "urad_cluster_test"
BALANCER_PORT = 18090
ADMIN = ("admin", "cluster-admin")
PG = ["-h", "127.0.0.1", "-U", "postgres"]
PBX_TOKEN = "cluster-pbx-token"
CLERK = "novakova"


class Cluster:
    """Handle of the running cluster: URLs, probe files and instance control."""

    auth = ADMIN

    def __init__(self, env, var, probe_dir):
        self.env = env
        self.var = var
        self.probe_dir = probe_dir

    def url(self, instance=None):
        """Return the site URL behind the balancer or on instance 1 or 2."""
        port = BALANCER_PORT + (instance or 0)
        return f"http://127.0.0.1:{port}/urad"

    def control(self, *args):
        subprocess.run(
            [str(REPO / "scripts" / "start_cluster.sh"), *args],
            env=self.env,
            check=True,
            cwd=REPO,
        )

    def kill(self, instance):
        self.control("kill", str(instance))

    def start_instance(self, instance):
        self.control("start-instance", str(instance))

    def session(self):
        session = requests.Session()
        session.auth = ADMIN
        session.headers["Accept"] = "application/json"
        return session

    def set_probe_sleep(self, seconds):
        (self.probe_dir / "sleep").write_text(str(seconds))

    def probe_runs(self):
        """Return [(event, pid)] from the probe job's log."""
        log = self.probe_dir / "runs.log"
        if not log.exists():
            return []
        return [tuple(line.split()[:2]) for line in log.read_text().splitlines()]

    def instance_pid(self, instance):
        return int((self.var / f"instance{instance}.pid").read_text())


def configure_site(handle):
    """Set the PBX token, map extension 201 to a clerk and lift the form throttle."""
    session = handle.session()
    url = handle.url(1)
    response = session.patch(
        f"{url}/@registry",
        json={
            "urad.podnety.phone.token": PBX_TOKEN,
            "urad.podnety.phone.extensions": [f"201|{CLERK}"],
            "urad.podnety.webform.throttle_count": 100000,
        },
    )
    response.raise_for_status()
    response = session.post(
        f"{url}/@users",
        json={
            "username": CLERK,
            "email": "novakova@urad.example",
            "fullname": "Jana Nováková",
            "password": "Cluster-clerk-2026",
        },
    )
    response.raise_for_status()
    response = session.patch(
        f"{url}/@groups/podnety-clerks", json={"users": {CLERK: True}}
    )
    response.raise_for_status()


@pytest.fixture(scope="module")
def cluster_lock():
    """Wait until no other test run uses the cluster's database and ports."""
    with open("/tmp/urad-podnety-cluster-test.lock", "w") as lock:
        deadline = time.monotonic() + 1800
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.fail("another test run kept the cluster for 30 minutes")
                time.sleep(2)
        yield
        fcntl.flock(lock, fcntl.LOCK_UN)


def _dropdb():
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", DATABASE], check=True)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, cluster_lock):
    """Start the cluster for a test module and stop it afterwards."""
    var = tmp_path_factory.mktemp("cluster")
    probe_dir = tmp_path_factory.mktemp("probe")
    env = dict(os.environ)
    env.update(
        URAD_CLUSTER_DB=DATABASE,
        URAD_CLUSTER_PORT=str(BALANCER_PORT),
        URAD_CLUSTER_VAR=str(var),
        URAD_CLUSTER_ADMIN=ADMIN[1],
        URAD_CLUSTER_CLOCK="0",
        URAD_CLUSTER_JOB_LEASE="8",
        URAD_CLUSTER_ZCML=str(RESOURCES / "probe.zcml"),
        URAD_PROBE_DIR=str(probe_dir),
        PYTHONPATH=os.pathsep.join(
            filter(None, [str(RESOURCES), os.environ.get("PYTHONPATH")])
        ),
    )
    _dropdb()
    handle = Cluster(env, var, probe_dir)
    try:
        handle.control("start")
        configure_site(handle)
        yield handle
    finally:
        handle.control("stop")
        time.sleep(0.5)
        _dropdb()
