"""Benchmark urad.podnety against plain Plone on this machine and print ratios.

Builds a fresh single instance with the embedded ZODB (FileStorage) in
var/bench, then measures e-mail intake against plain Document creation, the
podnět web form against a plain EasyForm, the PBX answer hook under 10
concurrent calls, and at each register size the register page and @search
with the same query, the monthly reports and the instance's resident memory.

Settings (environment): BENCH_SIZES (default 1000,10000,100000),
BENCH_INTAKE (messages and Documents, default 100), BENCH_REQUESTS (requests
per latency sample, default 30), BENCH_PORT (first of four loopback ports,
default 18093), BENCH_VAR (working folder, default var/bench),
BENCH_GC_FREEZE (on or off, the instance's gc-freeze setting, default on).
Results are also written to results.json in that folder.
"""

from pathlib import Path

import json
import os
import shutil
import subprocess
import sys
import time


SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(SCRIPTS / "cluster"))

from benchkit import webtimings  # noqa: E402
from benchkit.mailgen import write_maildir  # noqa: E402
from benchkit.measure import resident_mb  # noqa: E402
from benchkit.report import print_results  # noqa: E402

import cluster  # noqa: E402


VAR = Path(os.environ.get("BENCH_VAR") or REPO / "var" / "bench")
SITE = "urad"


def settings_for_bench():
    """Return cluster settings for one FileStorage instance under var/bench."""
    port = int(os.environ.get("BENCH_PORT", "18093"))
    environ = {
        "URAD_CLUSTER_STORAGE": "filestorage",
        "URAD_CLUSTER_INSTANCES": "1",
        "URAD_CLUSTER_PORT": str(port),
        "URAD_CLUSTER_SMTP_PORT": str(port + 2),
        "URAD_CLUSTER_VAR": str(VAR),
        "URAD_CLUSTER_CLOCK": "0",
        "URAD_CLUSTER_SITE": SITE,
        "URAD_CLUSTER_ADMIN": webtimings.ADMIN[1],
        "URAD_CLUSTER_GC_FREEZE": os.environ.get("BENCH_GC_FREEZE", "on"),
    }
    return cluster.Settings(environ)


def in_zope(settings, step, *args):
    """Run one step of benchkit/inprocess.py in its own process; return its JSON."""
    conf = settings.home(1) / "etc" / "zope.conf"
    command = [sys.executable, str(SCRIPTS / "benchkit" / "inprocess.py"), str(conf)]
    command += [SITE, step, *map(str, args)]
    process = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    if process.returncode:
        sys.stderr.write(process.stderr[-5000:])
        raise SystemExit(f"benchmark step {step} failed, see the error above")
    output = process.stdout
    line = [line for line in output.splitlines() if line.startswith("RESULT ")][-1]
    return json.loads(line.removeprefix("RESULT "))


class SmtpSink:
    """The SMTP sink the bench site mails to, running for the whole run."""

    def __init__(self, settings):
        self.settings = settings

    def __enter__(self):
        settings = self.settings
        sink = [str(cluster.BIN / "podnety-smtp-sink")]
        sink += ["--port", str(settings.smtp_port)]
        sink += ["--outbox", str(settings.var / "outbox")]
        cluster.start_service(settings, "smtp-sink", settings.smtp_port, sink)
        return self

    def __exit__(self, *exc_info):
        cluster.stop_process(self.settings, "smtp-sink")


class Instance:
    """The bench instance, started for the HTTP measurements."""

    def __init__(self, settings):
        self.settings = settings

    def __enter__(self):
        cluster.start_instance(self.settings, 1)
        self.url = f"http://127.0.0.1:{self.settings.port + 1}/{SITE}"
        return self

    def pid(self):
        return cluster.running_pid(self.settings, "instance1")

    def __exit__(self, *exc_info):
        cluster.stop_process(self.settings, "instance1")


def main():
    settings = settings_for_bench()
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    started = time.monotonic()
    results = {"machine": machine(), "sizes": {}}

    cluster.ensure_site(settings)
    with SmtpSink(settings):
        run(settings, results, started)
    results["total_seconds"] = round(time.monotonic() - started)
    (VAR / "results.json").write_text(json.dumps(results, indent=2, default=str))
    print_results(results)


def run(settings, results, started):
    """Measure intake, then the web channels and pages at each register size."""
    sizes = os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")
    sizes = [int(size) for size in sizes]
    intake_count = int(os.environ.get("BENCH_INTAKE", "100"))
    requests_count = int(os.environ.get("BENCH_REQUESTS", "30"))
    maildir = write_maildir(VAR / "maildir", intake_count)
    in_zope(settings, "prepare", maildir)
    results["intake"] = in_zope(settings, "intake", intake_count, maildir)
    print(f"after {time.monotonic() - started:.0f} s: {results['intake']}", flush=True)
    for number, size in enumerate(sizes):
        results["sizes"][size] = {"seed": in_zope(settings, "seed", size)}
        results["sizes"][size]["reports"] = in_zope(settings, "report")
        with Instance(settings) as instance:
            if number == 0:
                results["web_form"] = attempt(
                    webtimings.web_forms, instance.url, requests_count
                )
                results["pbx_answer"] = attempt(
                    webtimings.pbx_answers,
                    instance.url,
                    "bench-pbx-token",
                    max(requests_count, 50),
                )
            results["sizes"][size]["pages"] = attempt(
                webtimings.register_pages, instance.url, requests_count
            )
            results["sizes"][size]["resident_mb"] = resident_mb(instance.pid())
        elapsed = time.monotonic() - started
        print(f"{size} podněty measured after {elapsed:.0f} s", flush=True)


def attempt(measure, *args):
    """Return what `measure` returns, or {"error": ...} so the run goes on."""
    try:
        return measure(*args)
    except Exception as error:  # one broken channel must not void the others
        print(f"{measure.__name__} failed: {error}", file=sys.stderr, flush=True)
        return {"error": f"{type(error).__name__}: {error}"}


def machine():
    """Describe the CPU, memory and Python this run used."""
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
    }


if __name__ == "__main__":
    main()
