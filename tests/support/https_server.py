"""A local https server standing in for the Argos index and its download hosts.

Downloads accept https only, so the tests serve over TLS with a self-signed certificate
for 127.0.0.1 made by ``openssl`` (skipped where it is missing) and trusted through
``SSL_CERT_FILE``, which OpenSSL reads when Python builds its default context. The
client code under test is the real one: certificate checks, redirects, size limits.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; ``/redirect-http/NAME`` redirects to plain http,
    ``/slow/NAME`` sends a file slowly, and ``/endless.argosmodel`` sends 4 MB without
    announcing a length."""

    @property
    def directory_root(self) -> Path:
        return Path(self.directory)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.startswith("/redirect-http/"):
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:9/{self.path.rsplit('/', 1)[1]}")
            self.end_headers()
            return
        if self.path.startswith("/slow/"):  # a slow network: 64 kB every 20 ms
            data = (self.directory_root / self.path.rsplit("/", 1)[1]).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                for start in range(0, len(data), 1 << 16):
                    self.wfile.write(data[start : start + (1 << 16)])
                    self.wfile.flush()
                    time.sleep(0.02)
            except OSError:
                pass  # the client cancelled
            return
        if self.path == "/endless.argosmodel":  # no Content-Length, body without end
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"\0" * (1 << 16))
            except OSError:
                pass
            return
        super().do_GET()


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key for 127.0.0.1 (skips the test without openssl)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    if not cert.exists():
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
            + ["-keyout", str(key), "-out", str(cert)],
            check=True,
            capture_output=True,
        )
    return cert, key


@contextmanager
def https_server(
    root: Path, monkeypatch: pytest.MonkeyPatch, log: list[str] | None = None
) -> Iterator[str]:
    """Serve ``root`` over https on 127.0.0.1; yields the base address (ending in /).

    The path of every request is appended to ``log`` when one is given."""
    cert, key = certificate(root.parent)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Logged(_Handler):
        def do_GET(self) -> None:  # noqa: N802
            if log is not None:
                log.append(self.path)
            super().do_GET()

    handler = functools.partial(Logged, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
