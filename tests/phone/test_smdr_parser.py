"""SMDR lines printed by a Panasonic KX-NS become call records."""

from datetime import datetime
from pathlib import Path
from urad.podnety.phone.smdr.parser import parse_line
from zoneinfo import ZoneInfo


PRAGUE = ZoneInfo("Europe/Prague")
LINES = (
    (Path(__file__).parent.parent / "_resources/phone/smdr_kx_ns.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)


def records():
    return [record for record in map(parse_line, LINES) if record]


def test_headers_and_status_lines_skipped():
    assert parse_line(LINES[0]) is None
    assert parse_line(LINES[1]) is None
    assert parse_line(LINES[7]) is None
    assert len(records()) == 7


def test_answered_incoming_call():
    record = parse_line(LINES[2])
    assert record.time == datetime(2026, 12, 4, 9, 5, tzinfo=PRAGUE)
    assert record.extension == "201"
    assert record.trunk == "01"
    assert record.direction == "in"
    assert record.number == "601555010"
    assert record.ring_seconds == 12
    assert record.duration_seconds == 205
    assert record.condition == "AN"
    assert record.answered
    assert not record.abandoned


def test_abandoned_withheld_call():
    record = parse_line(LINES[3])
    assert record.number == ""
    assert record.caller_name == "ANONYMOUS"
    assert record.ring_seconds == 40
    assert not record.answered
    assert record.abandoned


def test_outgoing_call():
    record = parse_line(LINES[4])
    assert record.direction == "out"
    assert record.number == "0601555010"
    assert record.duration_seconds == 65
    assert not record.answered
    assert not record.abandoned


def test_answer_without_condition_code():
    record = parse_line(LINES[5])
    assert record.number == "+421905555020"
    assert record.condition == ""
    assert record.answered


def test_ddi_and_caller_name():
    record = parse_line(LINES[6])
    assert record.ddi == "800123456"
    assert record.caller_name == "JANA MALA"
    assert record.number == "601555010"
    assert record.abandoned


def test_pattern_c_with_cost_and_pm_time():
    record = parse_line(LINES[9])
    assert record.time == datetime(2026, 12, 4, 13, 7, tzinfo=PRAGUE)
    assert record.trunk == "0001"
    assert record.number == "602555040"
    assert record.caller_name == "ABC COMPANY"
    assert record.duration_seconds == 725
    assert record.condition == "TR"


def test_month_first_date_order():
    record = parse_line(LINES[2], date_order="MDY")
    assert record.time.month == 4
    assert record.time.day == 12


def test_replayed_line_has_same_key():
    assert parse_line(LINES[2]).key == parse_line("  " + LINES[2] + "\r\n").key
    assert parse_line(LINES[2]).key != parse_line(LINES[8]).key
