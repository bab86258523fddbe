"""Helpers shared by scripts/seed.py and scripts/bench.py."""
