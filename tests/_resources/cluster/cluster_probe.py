"""A background job that records which process ran it and when.

Loaded into the cluster instances by probe.zcml. Each run appends ``start``
and ``end`` lines with the process id to ``$URAD_PROBE_DIR/runs.log`` and
sleeps for the seconds written in ``$URAD_PROBE_DIR/sleep`` in between, so a
test can tell overlapping runs apart and kill an instance mid-run.
"""

from pathlib import Path
from urad.podnety.jobs.interfaces import IJob
from zope.interface import implementer

import os
import time


@implementer(IJob)
class ProbeJob:
    title = "Cluster probe"
    interval = 3600

    def run(self, portal):
        folder = Path(os.environ["URAD_PROBE_DIR"])
        sleep_file = folder / "sleep"
        seconds = float(sleep_file.read_text()) if sleep_file.exists() else 0.0
        self._log(folder, "start")
        time.sleep(seconds)
        self._log(folder, "end")
        return {"pid": os.getpid()}

    def _log(self, folder, event):
        with open(folder / "runs.log", "a") as log:
            log.write(f"{event} {os.getpid()} {time.time():.3f}\n")


probe_job = ProbeJob()
