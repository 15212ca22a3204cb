#!/usr/bin/env python3
"""A register / create_room / send / history exchange against a running palaver-server.

Usage: ws-exchange.py ws://127.0.0.1:PORT/v1 [--again] [USERNAME]

--again: log in as the user an earlier run registered and find its room and message in the
history (the database survived whatever happened in between).

Used by installer/test-install.sh against the server installed from the DEB into a clean
Debian root, where nothing of the build tree exists: so this speaks WebSocket (RFC 6455) itself
with Python's standard library only (a plain socket, no pip package). It sends masked text
frames, reads unfragmented or fragmented text frames, answers pings, and matches answers to
requests by "re" as docs/PROTOCOL.md says. Exit status 0 when every answer was the expected
one; otherwise it prints what came instead and exits 1.
"""

import base64
import hashlib
import json
import os
import socket
import struct
import sys
import urllib.parse

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TIMEOUT_S = 10


class Failure(Exception):
    pass


class WebSocket:
    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "ws":
            raise Failure(f"only ws:// URLs are supported, not {url}")
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT_S)
        self.buf = b""
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {parts.path or '/'} HTTP/1.1\r\n"
            f"Host: {parts.hostname}:{parts.port}\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        if " 101 " not in lines[0] + " ":
            raise Failure(f"handshake refused: {lines[0]}")
        headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != accept:
            raise Failure("handshake: wrong Sec-WebSocket-Accept")

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise Failure("the server closed the connection")
        self.buf += chunk

    def _take(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def _send_frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send_json(self, obj):
        self._send_frame(0x1, json.dumps(obj).encode())

    def recv_json(self):
        message = b""
        while True:
            b0, b1 = self._take(2)
            opcode, n = b0 & 0x0F, b1 & 0x7F
            if n == 126:
                (n,) = struct.unpack("!H", self._take(2))
            elif n == 127:
                (n,) = struct.unpack("!Q", self._take(8))
            mask = self._take(4) if b1 & 0x80 else None
            payload = self._take(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                raise Failure(f"server closed: {code} {payload[2:].decode(errors='replace')}")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if b0 & 0x80:
                return json.loads(message)

    def request(self, obj):
        """Sends obj and returns the answer whose "re" is obj["id"]; pushes are skipped."""
        self.send_json(obj)
        while True:
            frame = self.recv_json()
            if frame.get("re") == obj["id"]:
                return frame

    def close(self):
        try:
            self._send_frame(0x8, struct.pack("!H", 1000))
        finally:
            self.sock.close()


def expect(answer, wanted_type, what):
    if answer.get("type") != wanted_type:
        raise Failure(f"{what}: expected '{wanted_type}', got {json.dumps(answer)}")
    print(f"ok {what}: {wanted_type}")
    return answer


PASSWORD = "correct horse 1"
ROOM = "Install check"
TEXT = "Hello from a clean Debian root"


def check_history(ws, room, request_id):
    history = expect(ws.request({"type": "history", "id": request_id, "room": room}), "history",
                     "history")
    messages = [e for e in history.get("events", []) if e.get("kind") == "message"]
    if [(m.get("seq"), m.get("text")) for m in messages] != [(1, TEXT)]:
        raise Failure(f"history: expected the one message, got {json.dumps(history)}")
    print("ok history holds the message")


def again(ws, username):
    expect(ws.request({"type": "login", "id": 1, "protocol": 1, "username": username,
                       "password": PASSWORD, "device": "test-install"}), "welcome", "login")
    rooms = expect(ws.request({"type": "rooms", "id": 2}), "rooms", "rooms")["rooms"]
    ids = [r["id"] for r in rooms if r.get("name") == ROOM]
    if len(ids) != 1:
        raise Failure(f"rooms: expected one room '{ROOM}', got {json.dumps(rooms)}")
    check_history(ws, ids[0], 3)


def main():
    args = sys.argv[1:]
    repeat = "--again" in args
    args = [a for a in args if a != "--again"]
    if len(args) not in (1, 2):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    url = args[0]
    username = args[1] if len(args) == 2 else "installcheck"
    ws = WebSocket(url)
    try:
        if repeat:
            again(ws, username)
            return 0
        welcome = expect(
            ws.request({"type": "register", "id": 1, "protocol": 1, "username": username,
                        "password": PASSWORD, "device": "test-install"}),
            "welcome", "register")
        if welcome.get("user", {}).get("username") != username.lower():
            raise Failure(f"register: welcome for another user: {json.dumps(welcome)}")
        room = expect(
            ws.request({"type": "create_room", "id": 2, "kind": "group", "name": ROOM}),
            "room", "create_room")["room"]["id"]
        ack = expect(
            ws.request({"type": "send", "id": 3, "room": room, "client_mid": "t-1", "text": TEXT}),
            "ack", "send")
        if ack.get("seq") != 1 or ack.get("duplicate") is not False:
            raise Failure(f"send: expected seq 1, not a duplicate: {json.dumps(ack)}")
        check_history(ws, room, 4)
    finally:
        ws.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (Failure, OSError, ValueError) as error:
        print(f"ws-exchange: {error}", file=sys.stderr)
        sys.exit(1)
