"""A local SMTP server that keeps every message it receives.

`make start` runs it so that the demo needs no outside mail server: each
message lands as an .eml file in the outbox folder (``var/outbox`` by default).
Tests use `SmtpSink` directly and read the messages from memory.
"""

from aiosmtpd.controller import Controller
from datetime import datetime
from email import message_from_bytes
from email import policy
from pathlib import Path

import argparse
import logging
import signal
import socket
import threading


logger = logging.getLogger(__name__)


class CollectingHandler:
    """aiosmtpd handler storing each message in memory and optionally on disk."""

    def __init__(self, outbox=None):
        self.outbox = Path(outbox) if outbox else None
        self.messages = []
        self.envelopes = []
        self.received = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = message_from_bytes(raw, policy=policy.default)
        with self.received:
            self.messages.append(message)
            self.envelopes.append(
                {"from": envelope.mail_from, "to": list(envelope.rcpt_tos), "raw": raw}
            )
            self.received.notify_all()
        if self.outbox is not None:
            self._store(raw)
        return "250 Message accepted for delivery"

    def _store(self, raw):
        self.outbox.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.outbox / f"{stamp}.eml"
        path.write_bytes(raw)
        logger.info("Stored %s", path.name)


def _free_port(host):
    """Return a port that is free now; aiosmtpd cannot start on port 0."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class SmtpSink:
    """An aiosmtpd server on a loopback port; `messages` lists what arrived."""

    def __init__(self, host="127.0.0.1", port=0, outbox=None):
        self.handler = CollectingHandler(outbox)
        self.controller = Controller(
            self.handler, hostname=host, port=port or _free_port(host)
        )

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    @property
    def host(self):
        return self.controller.hostname

    @property
    def port(self):
        return self.controller.server.sockets[0].getsockname()[1]

    @property
    def messages(self):
        return self.handler.messages

    @property
    def envelopes(self):
        return self.handler.envelopes

    def wait_for(self, count, timeout=10.0):
        """Block until at least `count` messages arrived; return all of them."""
        with self.handler.received:
            self.handler.received.wait_for(
                lambda: len(self.handler.messages) >= count, timeout=timeout
            )
        return list(self.handler.messages)

    def clear(self):
        with self.handler.received:
            self.handler.messages.clear()
            self.handler.envelopes.clear()


def main(argv=None):
    """Run the sink until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--outbox", default="var/outbox")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    sink = SmtpSink(options.host, options.port, options.outbox).start()
    logger.info(
        "SMTP sink on %s:%s storing mail in %s", sink.host, sink.port, options.outbox
    )
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *args: stopped.set())
    try:
        stopped.wait()
    except KeyboardInterrupt:
        pass
    sink.stop()


if __name__ == "__main__":
    main()
