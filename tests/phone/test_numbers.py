"""Caller number normalisation, checked against recorded PBX spellings."""

from pathlib import Path
from urad.podnety.phone.numbers import extension_of
from urad.podnety.phone.numbers import lookup_spellings
from urad.podnety.phone.numbers import normalize_number
from urad.podnety.phone.numbers import numbers_match

import json
import pytest


CASES = json.loads(
    (Path(__file__).parent.parent / "_resources/phone/caller_numbers.json").read_text(
        encoding="utf-8"
    )
)
CALLERS = CASES["caller_normalization"]
EXTENSIONS = CASES["extension_normalization"]
MATCHING = CASES["matching"]


@pytest.mark.parametrize("case", CALLERS, ids=[repr(c["raw"]) for c in CALLERS])
def test_caller_number(case):
    number = normalize_number(case["raw"])
    expected = case.get("result", {})
    if "e164" in case:
        assert number.e164 == case["e164"]
        assert not number.hidden
    if expected.get("anonymous"):
        assert number.hidden
        assert number.e164 == ""
        assert not number.matchable
    if expected.get("invalid"):
        assert number.invalid
        assert number.raw == expected["keep_raw"]
        assert not number.matchable


@pytest.mark.parametrize("case", EXTENSIONS, ids=[c["raw"] for c in EXTENSIONS])
def test_extension_never_citizen_number(case):
    number = normalize_number(case["raw"])
    assert number.extension == case["extension"]
    assert number.e164 == ""
    assert extension_of(case["raw"]) == case["extension"]


def test_outside_number_is_no_extension():
    assert extension_of("601555010") == ""
    assert extension_of("+420601555010") == ""


@pytest.mark.parametrize(
    "case", MATCHING["expect"], ids=[c["caller"] for c in MATCHING["expect"]]
)
def test_caller_matches_directory(case):
    directory = MATCHING["citizen_directory"]
    matched = [
        entry["name"]
        for entry in directory
        if numbers_match(case["caller"], entry["phone"])
    ]
    expected = [case["matched"]] if case["matched"] else []
    assert matched == expected


def test_two_hidden_callers_never_match():
    assert not numbers_match("anonymous", "anonymous")
    assert not numbers_match("", "")


def test_more_hidden_spellings():
    for raw in (
        "  ",
        None,
        "sips:Restricted@pbx.invalid;user=phone",
        "+0000",
        "Withheld",
    ):
        assert normalize_number(raw).hidden, raw


def test_outside_line_before_international_prefix():
    assert normalize_number("000421905555020").e164 == "+421905555020"


def test_lookup_spellings_cover_web_form_entries():
    spellings = lookup_spellings("+420601555010")
    assert "+420601555010" in spellings
    assert "601 555 010" in spellings
    assert "601555010" in spellings
    assert "+420 601 555 010" in spellings
    assert lookup_spellings("") == []
