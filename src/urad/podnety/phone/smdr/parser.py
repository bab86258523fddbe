"""Parse call records (SMDR) printed by Panasonic KX-TDA/TDE/NS/NSX PBXs.

The PBX prints one fixed-width line per call on its SMDR port (RS-232C or a
Telnet-compatible TCP port). Supported layouts, as printed with the factory
settings of the KX-NS series ("Pattern A" with 80 columns, "Pattern B" with
an added cost column, "Pattern C" with 120 columns, a 4-digit CO and a
50-character dial number)::

    Date     Time    Ext   CO Dial Number               Ring Duration  Acc code  CD
    04/12/26 09:05AM 201   01 <I>601555010              0'12 00:03'25"           AN
    04/12/26 09:07AM 201   01 <I>ANONYMOUS              0'40 00:00'00"           NA
    04/12/26 09:10AM 202   01 0601555010                     00:01'05"           TR

Field by field:

- Date ``NN/NN/YY``: day and month in the order programmed in the PBX
  (``date_order`` "DMY" for Czech systems, "MDY" for the factory default).
- Time ``hh:mmAM``/``hh:mmPM`` or 24-hour ``HH:MM``, local PBX time; the
  KX-NS prints the time the call ended.
- Ext: extension, floating extension or ICD group number (up to 5 chars).
- CO: trunk number (2 or 4 digits).
- Dial Number: digits dialled for outgoing calls; ``<I>`` and the caller's
  number and/or name for incoming calls, optionally preceded by
  ``<D>`` and the dialled DDI number; ``EXTnnn`` for intercom calls; words
  such as ``LOG IN`` for status records (those are skipped).
- Ring ``m'ss``: ringing time of an incoming call before answer or abandon.
- Duration ``hh:mm'ss`` (a closing ``"`` may follow): conversation time.
- Cost (patterns B and C only), account code, and condition code ``CD``:
  ``AN`` answered, ``NA`` not answered, ``RC`` received, ``TR`` transfer,
  ``FW`` forwarded to a trunk, ``D0`` DISA, ``RM`` remote.

Headers, separator rows and status records yield no record.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import hashlib
import re


PBX_TIMEZONE = ZoneInfo("Europe/Prague")

_LINE = re.compile(
    r"""^\s*
    (?P<date>\d{2}/\d{2}/\d{2})\s+
    (?P<time>\d{1,2}:\d{2}(?:\s?[AP]M)?)\s+
    (?P<ext>\S{1,5})\s+
    (?P<co>\d{2,4})\s+
    (?P<dial>.*?)\s*
    (?:(?P<ring>\d{1,2}'\d{2})\s+)?
    (?P<duration>\d{2}:\d{2}'\d{2})"?
    (?:\s+(?P<cost>\d+\.\d{2}[A-Z]{0,3}))?
    (?:\s+(?P<account>\d{1,10}))?
    (?:\s+(?P<cd>[A-Z][A-Z0-9]))?
    \s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_INCOMING = re.compile(r"^(?:<D>(?P<ddi>.*?))?<I>(?P<caller>.*)$", re.IGNORECASE)
_CALLER_DIGITS = re.compile(r"\+?[\d ]{3,}")


@dataclass(frozen=True)
class CallRecord:
    """One call as printed on the SMDR port."""

    line: str
    time: datetime
    extension: str
    trunk: str
    direction: str
    number: str
    caller_name: str
    ddi: str
    ring_seconds: int
    duration_seconds: int
    condition: str

    @property
    def key(self):
        """Identity of the printed line, so a replayed line is stored once."""
        return hashlib.sha256(" ".join(self.line.split()).encode()).hexdigest()[:32]

    @property
    def answered(self):
        """Tell whether an incoming call was answered by the extension."""
        if self.direction != "in" or self.condition == "NA":
            return False
        return self.condition == "AN" or self.duration_seconds > 0

    @property
    def abandoned(self):
        """Tell whether an incoming caller hung up before anyone answered."""
        return self.direction == "in" and not self.answered and self.condition != "RC"


def _seconds_of_ring(value):
    if not value:
        return 0
    minutes, seconds = value.split("'")
    return int(minutes) * 60 + int(seconds)


def _seconds_of_duration(value):
    hours, rest = value.split(":")
    minutes, seconds = rest.split("'")
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds)


def _parse_time(date_text, time_text, date_order):
    first, second, year = (int(part) for part in date_text.split("/"))
    day, month = (first, second) if date_order == "DMY" else (second, first)
    clock = time_text.replace(" ", "").upper()
    if clock.endswith(("AM", "PM")):
        parsed = datetime.strptime(clock, "%I:%M%p")
    else:
        parsed = datetime.strptime(clock, "%H:%M")
    return datetime(
        2000 + year, month, day, parsed.hour, parsed.minute, tzinfo=PBX_TIMEZONE
    )


def _split_caller(text):
    """Split a caller id into number and name (either may be empty)."""
    match = _CALLER_DIGITS.search(text)
    if not match:
        return "", text.strip()
    number = match.group(0).strip()
    name = (text[: match.start()] + " " + text[match.end() :]).strip()
    return number, " ".join(name.split())


def parse_line(line, date_order="DMY"):
    """Return the CallRecord printed on `line`, or None for other lines."""
    line = line.rstrip("\r\n")
    match = _LINE.match(line)
    if not match:
        return None
    dial = match.group("dial").strip()
    if dial.upper().startswith(("LOG ", "IN THE", "CHECK ", "TIMED ")):
        return None
    try:
        time = _parse_time(match.group("date"), match.group("time"), date_order)
    except ValueError:
        return None

    incoming = _INCOMING.match(dial)
    if incoming:
        direction = "in"
        number, name = _split_caller(incoming.group("caller"))
        ddi = (incoming.group("ddi") or "").strip()
    elif dial.upper().startswith("EXT"):
        direction, number, name, ddi = "internal", dial[3:].strip(), "", ""
    else:
        direction, number, name, ddi = "out", dial.replace(" ", ""), "", ""

    return CallRecord(
        line=line,
        time=time,
        extension=match.group("ext"),
        trunk=match.group("co"),
        direction=direction,
        number=number,
        caller_name=name,
        ddi=ddi,
        ring_seconds=_seconds_of_ring(match.group("ring")),
        duration_seconds=_seconds_of_duration(match.group("duration")),
        condition=(match.group("cd") or "").upper(),
    )
