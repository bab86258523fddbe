"""The SMDR reader logs in to a Telnet-like port and reads call lines."""

from urad.podnety.phone.smdr.client import SmdrReader
from urad.podnety.phone.smdr.parser import parse_line


def test_reader_logs_in_and_reads_lines(smdr_server, smdr_lines):
    reader = SmdrReader("127.0.0.1", smdr_server.port, "SMDR", "pbx-secret")
    lines = reader.read_lines(window=5, idle=0.5)
    assert smdr_server.logins == [("SMDR", True)]
    assert [line.strip() for line in lines[-len(smdr_lines) :]] == [
        line.strip() for line in smdr_lines
    ]
    assert len([line for line in lines if parse_line(line)]) == 7


def test_reader_with_wrong_password_reads_no_calls(smdr_server):
    reader = SmdrReader("127.0.0.1", smdr_server.port, "SMDR", "wrong")
    lines = reader.read_lines(window=3, idle=0.5)
    assert smdr_server.logins == [("SMDR", False)]
    assert [line for line in lines if parse_line(line)] == []
