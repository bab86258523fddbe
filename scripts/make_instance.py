"""Write the Zope instance configuration for `make start` under var/.

HOST and PORT come from the environment (default 127.0.0.1:8080). Existing
data under var/ is never touched, only the configuration files are rewritten.
"""

from pathlib import Path
from string import Template

import os
import sys


ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "instance"


def write_instance(var=None, host=None, port=None, clock_interval=60):
    var = Path(var or ROOT / "var").resolve()
    instance = var / "instance"
    values = {
        "var": str(var),
        "instance": str(instance),
        "host": host or os.environ.get("HOST", "127.0.0.1"),
        "port": str(port or os.environ.get("PORT", "8080")),
        "clock_interval": str(clock_interval),
    }
    for folder in (
        "etc",
        "../filestorage",
        "../blobstorage",
        "../log",
        "../cache/chameleon",
    ):
        (instance / folder).mkdir(parents=True, exist_ok=True)
    for name in ("zope.conf", "zope.ini"):
        text = Template((TEMPLATES / f"{name}.in").read_text()).substitute(values)
        (instance / "etc" / name).write_text(text)
    (instance / "etc" / "site.zcml").write_text((TEMPLATES / "site.zcml").read_text())
    return instance


if __name__ == "__main__":
    print(write_instance(*sys.argv[1:2]))
