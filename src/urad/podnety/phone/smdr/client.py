"""Read SMDR lines from the PBX's Telnet-compatible SMDR port.

The KX-NS prompts for a user id (``SMDR`` by default) and a password when a
terminal connects, then prints one line per finished call. The reader
answers the two prompts, refuses every Telnet option the PBX offers and
returns the lines printed within a time window.
"""

import logging
import socket
import time


logger = logging.getLogger(__name__)

IAC = 255
DONT = 254
DO = 253
WONT = 252
WILL = 251
SB = 250
SE = 240


def _strip_telnet(data, sock):
    """Remove Telnet commands from `data`, refusing each offered option."""
    output = bytearray()
    index = 0
    while index < len(data):
        byte = data[index]
        if byte != IAC:
            output.append(byte)
            index += 1
            continue
        command = data[index + 1] if index + 1 < len(data) else None
        if command in (DO, DONT, WILL, WONT) and index + 2 < len(data):
            option = data[index + 2]
            if command == DO:
                sock.sendall(bytes([IAC, WONT, option]))
            elif command == WILL:
                sock.sendall(bytes([IAC, DONT, option]))
            index += 3
        elif command == SB:
            end = data.find(bytes([IAC, SE]), index)
            index = len(data) if end < 0 else end + 2
        elif command == IAC:
            output.append(IAC)
            index += 2
        else:
            index += 2
    return bytes(output)


class SmdrReader:
    """A connection to the SMDR port that yields printed lines."""

    def __init__(self, host, port, user="SMDR", password="", timeout=10.0):
        self.host = host
        self.port = int(port)
        self.user = user
        self.password = password
        self.timeout = timeout

    def read_lines(self, window=20.0, idle=5.0):
        """Return the lines printed within `window` seconds after login.

        Reading stops early once no data arrived for `idle` seconds, so a
        quiet PBX does not hold the job runner for the whole window.
        """
        lines = []
        buffer = b""
        logged_in = False
        deadline = time.monotonic() + window
        last_data = time.monotonic()
        with socket.create_connection((self.host, self.port), self.timeout) as sock:
            sock.settimeout(0.5)
            while time.monotonic() < deadline:
                try:
                    chunk = sock.recv(4096)
                except TimeoutError:
                    if time.monotonic() - last_data > idle:
                        break
                    continue
                if not chunk:
                    break
                last_data = time.monotonic()
                buffer += _strip_telnet(chunk, sock)
                buffer, logged_in = self._answer_prompts(sock, buffer, logged_in)
                *complete, buffer = buffer.split(b"\n")
                lines.extend(
                    raw.decode("cp1250", "replace").rstrip("\r")
                    for raw in complete
                    if raw.strip()
                )
        if buffer.strip():
            lines.append(buffer.decode("cp1250", "replace").rstrip("\r"))
        logger.info("SMDR %s:%s: read %d lines", self.host, self.port, len(lines))
        return lines

    def _answer_prompts(self, sock, buffer, logged_in):
        """Send the user id and password when the PBX prompts for them."""
        lowered = buffer.lower()
        if b"password" in lowered and lowered.rstrip().endswith(b":"):
            sock.sendall(self.password.encode() + b"\r\n")
            return b"", True
        if not logged_in and lowered.rstrip().endswith(
            (b"login:", b"user id:", b"user:")
        ):
            sock.sendall(self.user.encode() + b"\r\n")
            return b"", logged_in
        return buffer, logged_in
