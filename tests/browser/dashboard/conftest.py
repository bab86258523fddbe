"""The seeded register of the report tests, shared with the dashboard tests."""

from tests.reports.conftest import seeded  # noqa: F401
