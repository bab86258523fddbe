"""Buildout builds from the same pins and settings as the pip way."""

from packaging.utils import canonicalize_name
from pathlib import Path

import configparser
import importlib.util
import inspect
import pytest
import re


ROOT = Path(__file__).resolve().parent.parent
FIX = (
    "versions.cfg is out of date with constraints.txt: run "
    "`.venv/bin/python scripts/constraints_to_versions.py` and commit both"
)


def load_script(name):
    """Import scripts/<name>.py, which is not part of a package."""
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


converter = load_script("constraints_to_versions")


def read_cfg(path):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep the spelling of project names
    parser.read(path, encoding="utf-8")
    return parser


def pinned_versions():
    """Map normalised project names of versions.cfg to their versions."""
    section = read_cfg(ROOT / "versions.cfg")["versions"]
    return {canonicalize_name(name): version for name, version in section.items()}


def test_versions_cfg_is_generated_from_constraints():
    expected = converter.render_versions(
        converter.parse_constraints((ROOT / "constraints.txt").read_text())
    )
    assert (ROOT / "versions.cfg").read_text() == expected, FIX


def test_versions_cfg_pins_same_releases_as_constraints():
    constraints = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            constraints[canonicalize_name(name.strip())] = version.strip()
    pinned = pinned_versions()
    assert sorted(set(constraints) - set(pinned)) == [], FIX
    assert sorted(set(pinned) - set(constraints)) == [], FIX
    differing = {
        n: (constraints[n], pinned[n])
        for n in constraints
        if constraints[n] != pinned[n]
    }
    assert differing == {}, FIX


def test_buildout_cfg_names_only_pinned_projects():
    buildout = read_cfg(ROOT / "buildout.cfg")
    assert buildout["buildout"]["extends"].split() == ["versions.cfg"]
    assert buildout["buildout"]["allow-picked-versions"] == "false"
    named = set()
    for section in buildout.sections():
        options = buildout[section]
        if "recipe" in options:
            named.add(options["recipe"].split(":")[0])
        for egg in options.get("eggs", "").split():
            named.add(egg.split("[")[0])
    named.discard("urad.podnety")  # the develop egg of this checkout
    assert "plone.recipe.zope2instance" in named
    unpinned = sorted(n for n in named if canonicalize_name(n) not in pinned_versions())
    assert unpinned == []


def test_buildout_instance_keeps_clock_setting():
    instance = read_cfg(ROOT / "buildout.cfg")["instance"]
    additional = instance["zope-conf-additional"]
    assert "<product-config urad.podnety>" in additional
    assert "clock-interval ${site:clock-interval}" in additional
    assert "test" not in instance["eggs"]


def test_buildout_instance_matches_make_instance():
    """Settings of scripts/instance/ (the pip way) that buildout.cfg repeats."""
    buildout = read_cfg(ROOT / "buildout.cfg")
    instance = buildout["instance"]
    zope_conf = (ROOT / "scripts" / "instance" / "zope.conf.in").read_text()
    zope_ini = (ROOT / "scripts" / "instance" / "zope.ini.in").read_text()
    cache_size = re.search(r"^\s*cache-size (\d+)$", zope_conf, re.MULTILINE)
    threads = re.search(r"^threads = (\d+)$", zope_ini, re.MULTILINE)
    assert instance["zodb-cache-size"] == cache_size[1]
    assert instance["threads"] == threads[1]
    assert "zope_i18n_compile_mo_files true" in zope_conf
    assert "zope_i18n_compile_mo_files true" in instance["environment-vars"]
    assert "clock-interval $clock_interval" in zope_conf
    make_instance = load_script("make_instance")
    clock = inspect.signature(make_instance.write_instance).parameters
    assert buildout["site"]["clock-interval"] == str(clock["clock_interval"].default)
    makefile = (ROOT / "Makefile").read_text()
    assert f"HOST ?= {buildout['site']['host']}\n" in makefile
    assert f"PORT ?= {buildout['site']['port']}\n" in makefile


def test_converter_sorts_and_keeps_spelling():
    pins = converter.parse_constraints(
        "# comment\nZope==6.3\n\naiosmtpd==1.4.6  # mail\n"
    )
    assert pins == [("Zope", "6.3"), ("aiosmtpd", "1.4.6")]
    text = converter.render_versions(pins)
    assert text.endswith("[versions]\naiosmtpd = 1.4.6\nZope = 6.3\n")


@pytest.mark.parametrize(
    "line",
    [
        "plone.api>=2.0",
        "Products.CMFPlone",
        "psycopg2==2.9; sys_platform == 'linux'",
        "-e .",
        "foo[bar]==1.0",
    ],
)
def test_converter_rejects_inexact_pin(line):
    with pytest.raises(converter.ConstraintError, match="not an exact pin"):
        converter.parse_constraints(f"Zope==6.3\n{line}\n")


def test_converter_rejects_project_pinned_twice():
    with pytest.raises(converter.ConstraintError, match="line 3: zope_interface"):
        converter.parse_constraints(
            "zope.interface==8.7\nZope==6.3\nzope_interface==8.6\n"
        )


def test_check_mode_reports_stale_file(tmp_path, monkeypatch, capsys):
    constraints = tmp_path / "constraints.txt"
    versions = tmp_path / "versions.cfg"
    constraints.write_text("Zope==6.3\n")
    monkeypatch.setattr(converter, "CONSTRAINTS", constraints)
    monkeypatch.setattr(converter, "VERSIONS", versions)
    assert converter.main([]) == 0
    assert converter.main(["--check"]) == 0
    constraints.write_text("Zope==6.4\n")
    assert converter.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert "Zope = 6.3" in versions.read_text()
