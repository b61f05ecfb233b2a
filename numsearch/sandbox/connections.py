"""`sandbox serve`'s connections: each request read whole by one event loop before a
bounded pool of worker threads carries it out.

A connection costs no thread while its request arrives: the event loop reads it to its
end (the headers' blank line, then Content-Length bytes of body) within a request
timeout, and only then does a worker answer it. A request cut short (the connection
closed midway) does nothing and gets no answer; one that stalls gets a 400 and does
nothing. So hundreds of half-sent requests hold neither threads nor the answers of whole
ones. Between requests a connection is kept alive (HTTP/1.1) for IDLE_TIMEOUT seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import NamedTuple

from numsearch.sandbox.api import MAX_BODY_BYTES, Answer, error

WORKERS = 8  # threads carrying out whole requests (the sandbox's work is short)
LISTEN_BACKLOG = 1024  # a backlog of 100 resets bursts of connections
REQUEST_TIMEOUT = 10.0  # seconds from a request's first byte to its last
IDLE_TIMEOUT = 30.0  # seconds a kept-alive connection may wait for its next request
LINGER_TIMEOUT = 2.0  # seconds spent dropping what a refused request still sends
DRAIN_LIMIT = 1024 * 1024  # bytes of it read and dropped before closing
# A line longer than http.server's 65,536 bytes still reaches it whole, for its own 414
# or 431; one longer than this, or a head larger than HEAD_LIMIT, is refused here.
LINE_LIMIT = 65_536 + 1024
HEAD_LIMIT = 256 * 1024
MAX_HEADERS = 100  # http.client's: a head with more is handed over for its refusal


class Reply(NamedTuple):
    """What a worker made of one request: the bytes to send, and whether to close."""

    data: bytes
    close: bool


Respond = Callable[[bytes, tuple[str, int]], Reply]


class CutShort(Exception):
    """The client closed the connection (or went silent between requests): nothing to do,
    no one to answer."""


class Refusal(Exception):
    """A request this layer refuses itself, before any worker sees it."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer[1]["message"])
        self.answer = answer


def error_reply(answer: Answer) -> bytes:
    """An HTTP/1.1 answer that closes the connection, with Twilio's error body."""
    status, payload = answer
    body = json.dumps(payload).encode()

    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "Server: numsearch-sandbox\r\nContent-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


def body_length(head: list[bytes]) -> int:
    """The bytes of body to read after `head`: its Content-Length when http.server's
    handler will take it (one value, digits, within MAX_BODY_BYTES, not chunked), else
    0 (the handler refuses the request without reading a body)."""
    lengths: set[bytes] = set()
    for line in head[1:]:
        name, colon, value = line.partition(b":")
        name = name.strip().lower()
        if colon and name == b"transfer-encoding":
            return 0
        if colon and name == b"content-length":
            lengths.add(value.strip())
    if len(lengths) != 1:
        return 0
    (value,) = lengths
    if not value.isdigit() or len(value) > 15 or int(value) > MAX_BODY_BYTES:
        return 0
    return int(value)


async def read_line(reader: asyncio.StreamReader, head: list[bytes], start: bytes = b"") -> bytes:
    """One line of the request's head (after `start`, its first byte if read already),
    appended to `head`; CutShort at the end of the stream, Refusal past the limits."""
    try:
        line = start if start == b"\n" else start + await reader.readline()
    except ValueError:  # longer than LINE_LIMIT
        status = 414 if not head else 431
        raise Refusal(error(status, "A line of the request is too long")) from None
    if not line.endswith(b"\n"):
        raise CutShort
    head.append(line)
    if sum(map(len, head)) > HEAD_LIMIT:
        raise Refusal(error(431, f"The request's headers are longer than {HEAD_LIMIT} bytes"))
    return line


async def read_request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float
) -> bytes:
    """The next request on the connection, whole: its head and its body. CutShort when
    the client closes first (or sends nothing for IDLE_TIMEOUT); TimeoutError when the
    request is not whole `timeout` seconds after its first byte."""
    try:
        first = await asyncio.wait_for(reader.readexactly(1), IDLE_TIMEOUT)
    except (asyncio.IncompleteReadError, TimeoutError):
        raise CutShort from None
    head: list[bytes] = []
    async with asyncio.timeout(timeout):
        request_line = await read_line(reader, head, first)
        if len(request_line.split()) >= 3:  # HTTP/1.x: headers follow, to a blank line
            for _ in range(MAX_HEADERS + 1):
                if await read_line(reader, head) in (b"\r\n", b"\n"):
                    break
        length = body_length(head)
        if length and any(b"100-continue" in line.lower() for line in head[1:]):
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")  # the client awaits it to send
        try:
            body = await reader.readexactly(length) if length else b""
        except asyncio.IncompleteReadError:
            raise CutShort from None
    return b"".join(head) + body


async def linger(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Close after an answer: first say so (end of our stream), then read and drop what
    the client still sends, for a while (a close with unread bytes resets the connection,
    and the client may lose the answer)."""
    try:
        if writer.can_write_eof():
            writer.write_eof()
        async with asyncio.timeout(LINGER_TIMEOUT):
            left = DRAIN_LIMIT
            while left > 0 and (chunk := await reader.read(min(left, 65536))):
                left -= len(chunk)
    except (TimeoutError, OSError):
        pass
    finally:
        writer.close()


class ConnectionServer:
    """An HTTP server on `address`: one event loop reads the requests whole, `respond`
    answers each in a pool of `workers` threads, every answer at least `delay` seconds
    after its request arrived. serve_forever(), shutdown() from another thread and
    server_close(), as socketserver's servers."""

    def __init__(
        self,
        address: tuple[str, int],
        respond: Respond,
        *,
        workers: int = WORKERS,
        request_timeout: float = REQUEST_TIMEOUT,
        delay: float = 0.0,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.socket = socket.create_server(address, backlog=LISTEN_BACKLOG)  # OSError: taken
        self.server_address: tuple[str, int] = self.socket.getsockname()[:2]
        self.respond = respond
        self.request_timeout = request_timeout
        self.delay = delay
        self.log = log
        self.workers = workers
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="sandbox-serve")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._stopping = threading.Event()
        self._serving = threading.Lock()

    def serve_forever(self) -> None:
        """Serve until shutdown() (or Ctrl-C, which raises KeyboardInterrupt here)."""
        with self._serving, asyncio.Runner() as runner:
            runner.run(self._serve())

    def shutdown(self) -> None:
        """Stop serve_forever (from another thread) and wait until it has returned."""
        self._stopping.set()
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has ended already
                loop.call_soon_threadsafe(wake.set)
        with self._serving:
            pass

    def server_close(self) -> None:
        """Close the listening socket and let the workers go."""
        self.socket.close()
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def _serve(self) -> None:
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        if self._stopping.is_set():
            return
        server = await asyncio.start_server(
            self._connection, sock=self.socket, limit=LINE_LIMIT, backlog=LISTEN_BACKLOG
        )
        try:
            await self._wake.wait()
        finally:  # the connections still open are cancelled as the loop ends
            server.close()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One connection: its requests in turn, each read whole then answered."""
        peer = writer.get_extra_info("peername") or ("", 0)
        try:
            while True:
                reply = await self._next_reply(reader, writer, (str(peer[0]), int(peer[1])))
                if reply is None:
                    return
                writer.write(reply.data)
                await asyncio.wait_for(writer.drain(), self.request_timeout)
                if reply.close:
                    await linger(reader, writer)
                    return
        except (OSError, TimeoutError):  # a reset, or a client that does not read
            pass
        except asyncio.CancelledError:
            pass  # the server stops: end quietly (Python 3.11 prints a cancelled one's trace)
        finally:
            writer.close()

    async def _next_reply(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, peer: tuple[str, int]
    ) -> Reply | None:
        """The answer to the connection's next request; None when there is none to give
        (the connection closed, idle or cut short midway: nothing was done)."""
        try:
            raw = await read_request(reader, writer, self.request_timeout)
        except CutShort:
            return None
        except TimeoutError:
            message = f"The request did not arrive whole within {self.request_timeout:g} s"
            return Reply(error_reply(error(400, message)), close=True)
        except Refusal as refusal:
            return Reply(error_reply(refusal.answer), close=True)
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            reply = await loop.run_in_executor(self._pool, self.respond, raw, peer)
        except Exception:
            if self.log:
                self.log(traceback.format_exc())
            answer = error(500, "The sandbox failed to answer this request", 20500)
            return Reply(error_reply(answer), close=True)
        left = self.delay - (loop.time() - started)
        if left > 0:
            await asyncio.sleep(left)  # each answer takes `delay` in all, as a distant API's
        return reply
