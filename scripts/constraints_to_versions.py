"""Write versions.cfg, buildout's [versions] section, from constraints.txt.

constraints.txt (pip's `name==version` lines) is the one list of pins. Pip
reads it directly, and buildout reads the generated versions.cfg. Run this
after every change of constraints.txt and commit both files:

    .venv/bin/python scripts/constraints_to_versions.py

`--check` only compares and exits with status 1 when versions.cfg is stale.
"""

from packaging.utils import canonicalize_name
from pathlib import Path

import argparse
import re
import sys


ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = ROOT / "constraints.txt"
VERSIONS = ROOT / "versions.cfg"

# An exact pin as pip writes it. Buildout pins one version per project, so
# ranges, extras, markers and URLs have no [versions] equivalent.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(?P<version>[^\s;#]+)$")

HEADER = """\
# Generated from constraints.txt by scripts/constraints_to_versions.py.
# Do not edit: change constraints.txt and run that script again.
[versions]
"""


class ConstraintError(ValueError):
    """A constraints.txt line that cannot become a buildout version pin."""


def parse_constraints(text):
    """Parse the (name, version) pins of a constraints file, in file order.

    Raise ConstraintError for a line that is not an exact pin and for a
    project pinned twice (compared by its PEP 503 normalised name, as pip and
    buildout compare names).
    """
    pins = []
    seen = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        if match is None:
            raise ConstraintError(
                f"line {number}: {raw.strip()!r} is not an exact pin "
                "(expected name==version)"
            )
        name = match["name"]
        key = canonicalize_name(name)
        if key in seen:
            raise ConstraintError(
                f"line {number}: {name} is pinned again (first on line {seen[key]})"
            )
        seen[key] = number
        pins.append((name, match["version"]))
    return pins


def render_versions(pins):
    """Return the text of versions.cfg for the pins, sorted by normalised name."""
    ordered = sorted(pins, key=lambda pin: canonicalize_name(pin[0]))
    return HEADER + "".join(f"{name} = {version}\n" for name, version in ordered)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when versions.cfg is out of date",
    )
    args = parser.parse_args(argv)
    try:
        expected = render_versions(parse_constraints(CONSTRAINTS.read_text()))
    except ConstraintError as error:
        print(f"{CONSTRAINTS.name}: {error}", file=sys.stderr)
        return 2
    current = VERSIONS.read_text() if VERSIONS.exists() else ""
    if args.check:
        if current != expected:
            print(
                f"{VERSIONS.name} is out of date with {CONSTRAINTS.name}: "
                "run scripts/constraints_to_versions.py",
                file=sys.stderr,
            )
            return 1
        return 0
    if current != expected:
        VERSIONS.write_text(expected)
        print(f"Wrote {VERSIONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
