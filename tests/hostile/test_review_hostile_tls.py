"""Bound beyond loopback, the review server speaks TLS or refuses to start (issue 13).

Real ``redact review`` processes on a free port: without a certificate a non-loopback bind is
refused (exit 2) unless ``--insecure-no-tls`` says otherwise; with a self-signed certificate made
here, the server answers HTTPS only and its access cookie is marked Secure.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import REPO
from tests.test_review_api import build_review_workspace


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, valid for a day, made now."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "redact review test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return build_review_workspace(tmp_path / "ws", tmp_path / "inbox").root


def _start(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "redact", "review", *map(str, args)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_port(port: int, proc: subprocess.Popen[str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the review server did not start")


def _stop(proc: subprocess.Popen[str]) -> tuple[str, str]:
    proc.terminate()
    try:
        return proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()


def _refused(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """A review command that must end at once (a server that starts instead fails the test)."""
    return subprocess.run([sys.executable, "-m", "redact", "review", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_a_non_loopback_bind_without_tls_is_refused(ws: Path, tmp_path: Path) -> None:
    run = _refused(ws, "--host", "0.0.0.0", "--port", str(free_port()))
    assert run.returncode == 2 and "without TLS" in run.stderr and "--tls-cert" in run.stderr
    assert run.stderr.count("\n") == 1
    cert, _ = self_signed(tmp_path)
    run = _refused(ws, "--host", "0.0.0.0", "--tls-cert", cert)
    assert run.returncode == 2 and "both --tls-cert and --tls-key" in run.stderr
    run = _refused(ws, "--host", "0.0.0.0", "--tls-cert", cert, "--tls-key", cert)
    assert run.returncode == 2 and "do not load" in run.stderr


def _token(proc: subprocess.Popen[str]) -> str:
    """The access token from the address the server prints at start."""
    assert proc.stdout is not None
    for _ in range(5):
        match = re.search(r"(https?)://\S+\?token=(\S+)", proc.stdout.readline())
        if match:
            assert match.group(1) == "https"
            return match.group(2)
    raise AssertionError("no address with a token was printed")


def test_with_a_certificate_it_serves_https_only(ws: Path, tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    port = free_port()
    proc = _start(ws, "--host", "0.0.0.0", "--port", str(port), "--tls-cert", cert,
                  "--tls-key", key)
    try:
        token = _token(proc)
        _wait_for_port(port, proc)
        with pytest.raises(httpx.HTTPError):  # plain HTTP gets no answer
            httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        context = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(verify=context, timeout=10) as client:
            assert client.get(f"https://127.0.0.1:{port}/").status_code == 401
            r = client.get(f"https://127.0.0.1:{port}/?token={token}", follow_redirects=False)
            assert r.status_code == 303
            cookie = r.headers["set-cookie"].lower()
            assert "secure" in cookie and "httponly" in cookie
            assert client.get(f"https://127.0.0.1:{port}/").status_code == 200
    finally:
        _stop(proc)


def test_insecure_no_tls_is_an_explicit_choice_with_a_warning(ws: Path) -> None:
    port = free_port()
    proc = _start(ws, "--host", "0.0.0.0", "--port", str(port), "--insecure-no-tls")
    try:
        _wait_for_port(port, proc)
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 401
    finally:
        out, err = _stop(proc)
    assert "WARNING" in err and "in clear" in err
    assert "http://" in out
