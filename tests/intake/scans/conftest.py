"""Fixtures for the scan folder: real sample scans rendered once per session."""

from pathlib import Path

import importlib.util
import pytest
import shutil


RESOURCES = Path(__file__).parents[2] / "_resources" / "scans"


def _load_sample_maker():
    spec = importlib.util.spec_from_file_location(
        "scan_samples", RESOURCES / "make_samples.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scan_samples(tmp_path_factory) -> dict[str, Path]:
    """Return paths of freshly rendered sample scans by file name."""
    output = tmp_path_factory.mktemp("scan-samples")
    paths = _load_sample_maker().make_samples(output)
    return {name: Path(path) for name, path in paths.items()}


@pytest.fixture
def scan_dir(tmp_path) -> Path:
    """Return an empty scan folder."""
    folder = tmp_path / "skeny"
    folder.mkdir()
    return folder


@pytest.fixture
def drop(scan_dir):
    """Copy a sample into the scan folder under a given name."""

    def drop_file(source: Path, name: str | None = None) -> Path:
        target = scan_dir / (name or source.name)
        shutil.copyfile(source, target)
        return target

    return drop_file
