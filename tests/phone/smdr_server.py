"""A TCP server that behaves like the SMDR port of a Panasonic KX-NS."""

import socket
import threading


class SmdrServer:
    """Serve recorded SMDR lines to each terminal that logs in."""

    def __init__(self, lines, user="SMDR", password="pbx-secret"):
        self.lines = lines
        self.user = user
        self.password = password
        self.logins = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _read_line(self, connection):
        data = b""
        while not data.endswith(b"\n"):
            chunk = connection.recv(1)
            if not chunk:
                break
            if chunk == b"\xff":
                # Skip the terminal's Telnet option reply (IAC, verb, option).
                connection.recv(2)
                continue
            data += chunk
        return data.strip()

    def _serve(self):
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            with connection:
                # Offer the echo option as the PBX does, then prompt.
                connection.sendall(bytes([255, 251, 1]) + b"\r\n-=- SMDR -=-\r\nLogin:")
                user = self._read_line(connection)
                connection.sendall(b"\r\nPassword:")
                password = self._read_line(connection)
                ok = user == self.user.encode() and password == self.password.encode()
                self.logins.append((user.decode(), ok))
                if not ok:
                    connection.sendall(b"\r\nLogin incorrect\r\n")
                    continue
                connection.sendall(b"\r\n")
                for line in self.lines:
                    connection.sendall(line.encode("cp1250") + b"\r\n")

    def close(self):
        self._socket.close()
