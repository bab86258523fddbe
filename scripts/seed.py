"""Seed a site with realistic, catalogued podněty in batch commits.

Example: .venv/bin/python scripts/seed.py --conf var/cluster/instance1/etc/zope.conf
--site urad --count 100000. The instance must not be running when its storage
is a FileStorage (the file is locked); RelStorage allows seeding while it runs.
"""

from pathlib import Path

import argparse
import json
import logging
import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit.zopeapp import open_site  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conf", required=True, help="path to the zope.conf")
    parser.add_argument("--site", default="urad", help="id of the Plone site")
    parser.add_argument("--count", type=int, default=100000, help="podněty to add")
    parser.add_argument("--batch", type=int, default=1000, help="podněty per commit")
    parser.add_argument("--random-seed", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from benchkit.seeding import seed

    with open_site(args.conf, args.site) as portal:
        result = seed(portal, args.count, batch=args.batch, rng_seed=args.random_seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
