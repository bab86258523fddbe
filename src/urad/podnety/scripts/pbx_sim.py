"""Play PBX calls against the site's phone hooks over HTTP.

Usable by an office to check what its PBX bridge must send, and by the
tests to drive a running instance::

    podnety-pbx-sim --url http://localhost:8080/urad --token demo-pbx-token \\
        --scenario normal --from "00420 601 555 010" --extension 201
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from datetime import datetime

import argparse
import io
import json
import math
import statistics
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import wave


SCENARIOS = ("normal", "missed", "recording", "bench")


def tone_wav(seconds=1.0, frequency=440.0, rate=8000):
    """Return a short 8 kHz mono 16-bit WAV tone, a stand-in for a recording."""
    frames = bytearray()
    for index in range(int(seconds * rate)):
        sample = int(8000 * math.sin(2 * math.pi * frequency * index / rate))
        frames += struct.pack("<h", sample)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(bytes(frames))
    return buffer.getvalue()


class PbxSimulator:
    """Send the hook requests a PBX bridge sends for one call."""

    def __init__(self, url, token, timeout=30.0, output=None):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._output = output

    @property
    def output(self):
        return self._output or sys.stdout

    def _send(self, request):
        request.add_header("X-PBX-Token", self.token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            body = error.read()
            status = error.code
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            data = {"body": body.decode("utf-8", "replace")[:200]}
        return status, data

    def event(self, **fields):
        """POST one hook event as a form; return (HTTP status, JSON body)."""
        fields.setdefault("timestamp", datetime.now(UTC).isoformat())
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(f"{self.url}/@@pbx-hook", data=body)
        status, data = self._send(request)
        print(f"{fields['event']:<8} {status} {json.dumps(data)}", file=self.output)
        return status, data

    def recording(self, call_id, filename, data, content_type="audio/wav"):
        """Upload a recording for `call_id`; return (HTTP status, JSON body)."""
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="callId"\r\n\r\n'
            f"{call_id}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + data
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        request = urllib.request.Request(
            f"{self.url}/@@pbx-recording",
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        status, body = self._send(request)
        print(f"{'record':<8} {status} {json.dumps(body)}", file=self.output)
        return status, body

    def play(self, scenario, caller, called, extension, user, talk=1.0, audio=None):
        """Play one call; return the JSON of the answer event (or {})."""
        call_id = uuid.uuid4().hex
        common = {"callId": call_id, "from": caller, "to": called, "direction": "in"}
        self.event(event="newCall", user=user, **common)
        if scenario == "missed":
            time.sleep(talk)
            self.event(event="hangup", cause="cancel", **common)
            return {"callId": call_id}
        status, answer = self.event(
            event="answer", user=user, answeringNumber=extension, **common
        )
        time.sleep(talk)
        self.event(event="hangup", cause="normalClearing", **common)
        if scenario == "recording":
            name = f"{call_id}.wav"
            self.recording(call_id, name, audio or tone_wav())
        answer.setdefault("callId", call_id)
        return answer


def measure_answers(url, token, calls=50, concurrency=10):
    """Send `calls` answer events, `concurrency` at a time; return timings.

    Returns the median, 95th percentile and maximum response time in
    milliseconds and the count of responses other than 200.
    """
    simulator = PbxSimulator(url, token, output=io.StringIO())

    def one(index):
        fields = {
            "event": "answer",
            "callId": uuid.uuid4().hex,
            "from": f"+420 604 {index:06d}",
            "direction": "in",
            "answeringNumber": "201",
        }
        started = time.perf_counter()
        status, _body = simulator.event(**fields)
        return status, (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, range(calls)))
    timings = sorted(elapsed for _status, elapsed in results)
    return {
        "calls": calls,
        "concurrency": concurrency,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, math.ceil(0.95 * len(timings)) - 1)], 1),
        "max_ms": round(timings[-1], 1),
        "errors": sum(1 for status, _elapsed in results if status != 200),
    }


def main(argv=None):
    """Run the simulator from the command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="site URL, e.g. .../urad")
    parser.add_argument("--token", required=True, help="shared PBX token")
    parser.add_argument("--scenario", choices=SCENARIOS, default="recording")
    parser.add_argument("--from", dest="caller", default="+420 601 555 010")
    parser.add_argument("--to", dest="called", default="+420 800 123 456")
    parser.add_argument("--extension", default="201", help="answering extension")
    parser.add_argument("--user", default="", help="answering clerk's name")
    parser.add_argument("--talk", type=float, default=1.0, help="talk time in s")
    parser.add_argument("--recording", help="audio file to upload after hangup")
    parser.add_argument("--calls", type=int, default=50, help="calls in bench mode")
    parser.add_argument("--concurrency", type=int, default=10)
    args = parser.parse_args(argv)

    if args.scenario == "bench":
        try:
            result = measure_answers(args.url, args.token, args.calls, args.concurrency)
        except urllib.error.URLError as error:
            print(f"Cannot reach {args.url}: {error.reason}", file=sys.stderr)
            return 2
        print(json.dumps(result))
        return 1 if result["errors"] else 0

    audio = None
    if args.recording:
        with open(args.recording, "rb") as source:
            audio = source.read()
    simulator = PbxSimulator(args.url, args.token)
    try:
        result = simulator.play(
            args.scenario,
            args.caller,
            args.called,
            args.extension,
            args.user,
            talk=args.talk,
            audio=audio,
        )
    except urllib.error.URLError as error:
        print(f"Cannot reach {args.url}: {error.reason}", file=sys.stderr)
        return 2
    if result.get("edit_url"):
        print(f"Screen pop: {result['edit_url']}")
    if args.scenario != "missed" and not result.get("url"):
        print("The answer event did not return a podnět URL", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
