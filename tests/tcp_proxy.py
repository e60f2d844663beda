"""A TCP proxy in front of the test database that can stop answering or go away.

`freeze()` does what a hung server (SIGSTOP) does to its clients: connections
stay open and bytes are accepted, but no answer comes. `go_down()` drops every
connection and refuses new ones, like a stopped server. `restore()` ends both.
"""

import contextlib
import socket
import threading


class DatabaseProxy:
    def __init__(self, host, port):
        self.target = (host, int(port))
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._answering = threading.Event()
        self._answering.set()
        self._down = False
        self._open = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def freeze(self):
        self._answering.clear()

    def go_down(self):
        with self._lock:
            self._down = True
            for sock in self._open:
                self._close(sock)
            self._open.clear()

    def restore(self):
        with self._lock:
            self._down = False
        self._answering.set()

    def close(self):
        self.go_down()
        self._answering.set()
        self._close(self._listener)

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                if self._down:
                    self._close(client)
                    continue
                server = socket.create_connection(self.target)
                self._open += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                self._answering.wait()
                sink.sendall(data)
        except OSError:
            pass
        self._close(source)
        self._close(sink)

    @staticmethod
    def _close(sock):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
