"""Start, stop and inspect the local cluster: Zope instances on RelStorage.

Commands: ``start``, ``stop``, ``status``, ``start-instance N``, ``kill N``
(SIGKILL, for failover tests). Settings come from the environment:

- ``URAD_CLUSTER_DB``: PostgreSQL database name (default ``urad_cluster``);
- ``URAD_CLUSTER_PG``: libpq host and user, ``host=127.0.0.1 user=postgres``;
- ``URAD_CLUSTER_PORT``: balancer port; instance N listens on port + N
  (default 18080, so instances on 18081 and 18082);
- ``URAD_CLUSTER_INSTANCES``: number of instances (default 2);
- ``URAD_CLUSTER_VAR``: directory for configs, logs and pid files
  (default ``var/cluster`` in the repository);
- ``URAD_CLUSTER_SITE`` and ``URAD_CLUSTER_ADMIN``: site id and the password of
  the Zope ``admin`` user (defaults ``urad`` and ``admin``);
- ``URAD_CLUSTER_STORAGE``: ``relstorage`` (default) or ``filestorage``, the
  latter for one instance with the embedded ZODB (benchmarks);
- ``URAD_CLUSTER_CLOCK``: seconds between background job runs of each
  instance, 0 to leave jobs to ``@podnety-jobs`` calls (default 60);
- ``URAD_CLUSTER_JOB_LEASE``: seconds after which another instance takes over
  the job of an instance that stopped renewing its lease (default 120);
- ``URAD_CLUSTER_THREADS``: WSGI worker threads per instance (default 4);
- ``URAD_CLUSTER_SMTP_PORT``: port of the SMTP sink the cluster starts and
  sends mail to (default balancer port + 9); 0 leaves the site's mail
  settings alone, for a real mail relay;
- ``URAD_CLUSTER_ZCML``: an extra ZCML file every instance loads after the
  add-ons (tests use it to register probe jobs);
- ``URAD_CLUSTER_GC_FREEZE``: ``on`` (default) or ``off``, whether each
  instance excludes its start-up objects from garbage collection.
"""

from pathlib import Path

import os
import signal
import socket
import subprocess
import sys
import time


HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BIN = Path(sys.executable).parent


class Settings:
    """Cluster settings read from the environment."""

    def __init__(self, environ=os.environ):
        self.db = environ.get("URAD_CLUSTER_DB", "urad_cluster")
        self.pg = environ.get("URAD_CLUSTER_PG", "host=127.0.0.1 user=postgres")
        self.port = int(environ.get("URAD_CLUSTER_PORT", "18080"))
        self.count = int(environ.get("URAD_CLUSTER_INSTANCES", "2"))
        self.var = Path(environ.get("URAD_CLUSTER_VAR", REPO / "var" / "cluster"))
        self.site = environ.get("URAD_CLUSTER_SITE", "urad")
        self.admin = environ.get("URAD_CLUSTER_ADMIN", "admin")
        self.threads = int(environ.get("URAD_CLUSTER_THREADS", "4"))
        self.storage = environ.get("URAD_CLUSTER_STORAGE", "relstorage")
        self.clock = int(environ.get("URAD_CLUSTER_CLOCK", "60"))
        self.job_lease = int(environ.get("URAD_CLUSTER_JOB_LEASE", "120"))
        self.smtp_port = int(environ.get("URAD_CLUSTER_SMTP_PORT", self.port + 9))
        self.extra_zcml = environ.get("URAD_CLUSTER_ZCML", "")
        self.gc_freeze = environ.get("URAD_CLUSTER_GC_FREEZE", "on")

    @property
    def dsn(self):
        return f"dbname='{self.db}' {self.pg}"

    def home(self, number):
        return self.var / f"instance{number}"


def pg_args(settings):
    """Return host and user options for the PostgreSQL command-line tools."""
    parts = dict(item.split("=", 1) for item in settings.pg.split())
    return ["-h", parts.get("host", "127.0.0.1"), "-U", parts.get("user", "postgres")]


def ensure_database(settings):
    """Create the database unless it exists."""
    query = f"SELECT 1 FROM pg_database WHERE datname = '{settings.db}'"
    found = subprocess.run(
        ["psql", *pg_args(settings), "-d", "postgres", "-tAc", query],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not found:
        subprocess.run(["createdb", *pg_args(settings), settings.db], check=True)
        print(f"created database {settings.db}")


def render_instance(settings, number):
    """Write etc/zope.conf, etc/zope.ini and etc/site.zcml of instance N."""
    home = settings.home(number)
    for sub in ("etc/package-includes", "var/log", "var/blobcache", "var/cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    values = {
        "var": home / "var",
        "instance_home": home,
        "instance_name": f"instance{number}",
        "dsn": settings.dsn,
        "port": settings.port + number,
        "threads": settings.threads,
        "conflict_retries": 10,
        "clock_interval": settings.clock,
        "job_lease": settings.job_lease,
        "gc_freeze": settings.gc_freeze,
    }
    storage = (HERE / f"{settings.storage}.conf.in").read_text()
    values["storage"] = storage.format(**values)
    for name in ("zope.conf", "zope.ini"):
        template = (HERE / f"{name}.in").read_text()
        (home / "etc" / name).write_text(template.format(**values))
    (home / "etc" / "site.zcml").write_text((HERE / "site.zcml").read_text())
    if settings.extra_zcml:
        extra = Path(settings.extra_zcml).read_text()
        (home / "etc" / "package-includes" / "999-extra-configure.zcml").write_text(
            extra
        )
    return home


def pid_file(settings, name):
    return settings.var / f"{name}.pid"


def running_pid(settings, name):
    """Return the pid recorded for NAME if that process is still ours and alive."""
    path = pid_file(settings, name)
    if not path.exists():
        return None
    pid = int(path.read_text())
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    except FileNotFoundError:
        return None
    if name == "balancer":
        marker = f"--listen\x00127.0.0.1:{settings.port}"
    elif name == "smtp-sink":
        marker = str(settings.var / "outbox")
    else:
        marker = str(settings.home(int(name.removeprefix("instance"))))
    return pid if marker in cmdline else None


def spawn(settings, name, args):
    """Start ARGS in its own session, logging to var, and record its pid."""
    log = open(settings.var / f"{name}.out", "ab")
    process = subprocess.Popen(
        args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=REPO
    )
    pid_file(settings, name).write_text(str(process.pid))
    return process.pid


def port_in_use(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for_port(port, name, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{name} did not open port {port} within {timeout} s")


def start_instance(settings, number):
    """Start instance N unless it runs already and wait until it listens."""
    name = f"instance{number}"
    if running_pid(settings, name):
        return
    if port_in_use(settings.port + number):
        raise SystemExit(f"port {settings.port + number} is taken by another process")
    home = render_instance(settings, number)
    spawn(settings, name, [str(BIN / "runwsgi"), str(home / "etc" / "zope.ini")])
    wait_for_port(settings.port + number, name)
    print(f"{name} listening on 127.0.0.1:{settings.port + number}")


def start_service(settings, name, port, args):
    """Start a helper process (balancer, SMTP sink) unless it runs already."""
    if running_pid(settings, name):
        return
    if port_in_use(port):
        raise SystemExit(f"port {port} is taken by another process")
    spawn(settings, name, args)
    wait_for_port(port, name)


def ensure_site(settings):
    """Create the database, the site and the admin user where missing."""
    if settings.storage == "relstorage":
        ensure_database(settings)
    home = render_instance(settings, 1)
    script = [str(HERE / "ensure_site.py"), settings.site, settings.admin]
    script.append(str(settings.smtp_port))
    subprocess.run(
        [str(BIN / "zconsole"), "run", str(home / "etc" / "zope.conf"), *script],
        check=True,
        cwd=REPO,
    )


def start(settings):
    settings.var.mkdir(parents=True, exist_ok=True)
    ensure_site(settings)
    if settings.smtp_port:
        sink = [str(BIN / "podnety-smtp-sink"), "--port", str(settings.smtp_port)]
        sink += ["--outbox", str(settings.var / "outbox")]
        start_service(settings, "smtp-sink", settings.smtp_port, sink)
    for number in range(1, settings.count + 1):
        start_instance(settings, number)
    if settings.count > 1:
        balancer = [sys.executable, str(HERE / "balancer.py")]
        balancer += ["--listen", f"127.0.0.1:{settings.port}"]
        for number in range(1, settings.count + 1):
            balancer += ["--backend", f"127.0.0.1:{settings.port + number}"]
        start_service(settings, "balancer", settings.port, balancer)
    port = settings.port if settings.count > 1 else settings.port + 1
    print(f"cluster ready: http://127.0.0.1:{port}/{settings.site}")


def stop_process(settings, name, signum=signal.SIGTERM, timeout=20):
    """Stop the recorded process NAME, with SIGKILL if it outlives `timeout`."""
    pid = running_pid(settings, name)
    if pid is None:
        pid_file(settings, name).unlink(missing_ok=True)
        return
    os.kill(pid, signum)
    deadline = time.monotonic() + timeout
    while running_pid(settings, name) and time.monotonic() < deadline:
        time.sleep(0.2)
    if running_pid(settings, name):
        os.kill(pid, signal.SIGKILL)
    pid_file(settings, name).unlink(missing_ok=True)
    print(f"stopped {name} (pid {pid})")


def stop(settings):
    stop_process(settings, "balancer")
    stop_process(settings, "smtp-sink")
    for number in range(1, settings.count + 1):
        stop_process(settings, f"instance{number}")


def status(settings):
    names = ["balancer", "smtp-sink"]
    names += [f"instance{number}" for number in range(1, settings.count + 1)]
    for name in names:
        pid = running_pid(settings, name)
        print(f"{name}: {f'running, pid {pid}' if pid else 'stopped'}")


def main(argv):
    settings = Settings()
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        start(settings)
    elif command == "stop":
        stop(settings)
    elif command == "status":
        status(settings)
    elif command == "start-instance":
        start_instance(settings, int(argv[2]))
    elif command == "kill":
        stop_process(settings, f"instance{argv[2]}", signal.SIGKILL, timeout=5)
    else:
        raise SystemExit(f"unknown command {command!r}; use start, stop, status")


if __name__ == "__main__":
    main(sys.argv)
