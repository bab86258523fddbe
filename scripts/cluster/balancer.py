"""Round-robin HTTP load balancer for the local Zope cluster.

The balancer reads one HTTP/1.1 request from the client, sends it to the next
backend with ``Connection: close`` and copies the response back. A backend that
refuses the connection is skipped and marked down for a few seconds, so the
request goes to another instance. A request that a backend accepted and then
dropped is answered with 502 and never resent, because a POST may already have
been committed there.

Usage: balancer.py --listen 127.0.0.1:18080 --backend 127.0.0.1:18081 ...
"""

import argparse
import asyncio
import itertools
import logging
import signal
import time


logger = logging.getLogger("urad.podnety.cluster.balancer")

DOWN_SECONDS = 3.0
MAX_HEADER_BYTES = 64 * 1024
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "upgrade"}


class Backends:
    """Backend addresses picked in turn, skipping those recently refused."""

    def __init__(self, addresses):
        self.addresses = addresses
        self.down_until = {address: 0.0 for address in addresses}
        self.counter = itertools.count()

    def order(self):
        """Return all backends, starting at the next one in turn, healthy first."""
        start = next(self.counter) % len(self.addresses)
        rotated = self.addresses[start:] + self.addresses[:start]
        now = time.monotonic()
        healthy = [a for a in rotated if self.down_until[a] <= now]
        return healthy + [a for a in rotated if a not in healthy]

    def mark_down(self, address):
        self.down_until[address] = time.monotonic() + DOWN_SECONDS


async def read_request(reader):
    """Read one request; return (head lines, body) or None at end of stream."""
    head = await reader.readuntil(b"\r\n\r\n")
    if len(head) > MAX_HEADER_BYTES:
        raise ValueError("request header too large")
    lines = head.decode("latin-1").split("\r\n")[:-2]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
        if name.strip().lower() == "transfer-encoding":
            raise ValueError("chunked request bodies are not supported")
    body = await reader.readexactly(length) if length else b""
    return lines, body


def rewrite_head(lines, client_host):
    """Drop hop-by-hop headers and ask the backend to close after responding."""
    kept = [lines[0]]
    for line in lines[1:]:
        name = line.partition(":")[0].strip().lower()
        if name not in HOP_BY_HOP:
            kept.append(line)
    kept.append(f"X-Forwarded-For: {client_host}")
    kept.append("Connection: close")
    return ("\r\n".join(kept) + "\r\n\r\n").encode("latin-1")


async def send_error(writer, status, reason):
    body = f"{status} {reason}\n".encode()
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain\r\n"
        f"Content-Length: {len(body)}\r\nX-Balancer-Error: {reason}\r\n"
        "Connection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()


async def forward(backends, head, body, writer):
    """Send the request to the first backend that accepts it; relay the answer."""
    for address in backends.order():
        host, port = address.rsplit(":", 1)
        try:
            up_reader, up_writer = await asyncio.open_connection(host, int(port))
        except OSError:
            backends.mark_down(address)
            logger.warning("backend %s refused the connection", address)
            continue
        try:
            up_writer.write(head + body)
            await up_writer.drain()
            first = await up_reader.read(65536)
            if not first:
                raise ConnectionResetError("empty response")
            writer.write(first)
            while chunk := await up_reader.read(65536):
                writer.write(chunk)
                await writer.drain()
            await writer.drain()
            return
        except OSError as error:
            backends.mark_down(address)
            logger.warning("backend %s dropped a request: %s", address, error)
            await send_error(writer, 502, "Bad Gateway")
            return
        finally:
            up_writer.close()
    await send_error(writer, 503, "Service Unavailable")


async def handle(backends, reader, writer):
    client_host = writer.get_extra_info("peername")[0]
    try:
        request = await read_request(reader)
        head = rewrite_head(request[0], client_host)
        await forward(backends, head, request[1], writer)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    except (ValueError, asyncio.LimitOverrunError):
        await send_error(writer, 400, "Bad Request")
    finally:
        writer.close()


async def serve(listen, addresses):
    backends = Backends(addresses)
    host, port = listen.rsplit(":", 1)
    server = await asyncio.start_server(
        lambda r, w: handle(backends, r, w), host, int(port), limit=MAX_HEADER_BYTES
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    logger.info("balancing %s over %s", listen, ", ".join(addresses))
    async with server:
        await stop.wait()
    logger.info("balancer stopped")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="host:port to listen on")
    parser.add_argument(
        "--backend", action="append", required=True, help="host:port of an instance"
    )
    args = parser.parse_args()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    asyncio.run(serve(args.listen, args.backend))


if __name__ == "__main__":
    main()
