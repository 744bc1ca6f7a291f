"""A test host on this machine with an address that is not loopback: a network namespace joined by a veth pair.

    with namespace_host() as host:   # host.address, e.g. 198.18.7.2, reachable only from this machine
        sock = host.listen()         # a TCP socket listening inside the namespace

The namespace and its veth pair are made with `ip` (iproute2, root) and removed on exit; the addresses come
from the benchmarking range 198.18.0.0/15, one /30 per test process, routed to the veth only (checked before
use), so no packet for them leaves the machine. Where namespaces cannot be made (not root, no iproute2) the
test is skipped, except under CI, where it fails: the assist's network tests must run there.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CLONE_NEWNET = 0x40000000


@dataclass(frozen=True)
class Host:
    namespace: str
    address: str
    """the namespace's address (not loopback)"""
    gateway: str
    """this side's address on the veth"""

    def listen(self, port: int = 0) -> socket.socket:
        """A TCP socket bound to the host's address inside the namespace, listening."""
        made: list[socket.socket | BaseException] = []

        def enter() -> None:  # setns changes only this thread's namespace; the socket keeps it
            try:
                libc = ctypes.CDLL(None, use_errno=True)
                with open(f"/var/run/netns/{self.namespace}", "rb") as ns:
                    if libc.setns(ns.fileno(), CLONE_NEWNET) != 0:
                        raise OSError(ctypes.get_errno(), "setns failed")
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((self.address, port))
                sock.listen(16)
                made.append(sock)
            except BaseException as exc:  # handed back to the caller's thread
                made.append(exc)

        thread = threading.Thread(target=enter)
        thread.start()
        thread.join()
        result = made[0]
        if isinstance(result, BaseException):
            raise result
        return result


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"a test host is needed here and cannot be made: {reason}")
    pytest.skip(f"no test host: {reason}")


def _taken() -> str:
    return subprocess.run(["ip", "-br", "addr"], capture_output=True, text=True, check=False).stdout


@contextmanager
def namespace_host() -> Iterator[Host]:
    """A fresh namespace and veth pair, removed on exit."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("ip") is None:
        _unavailable("needs root and iproute2 (ip netns)")
    pid = os.getpid()
    name = f"lwai{pid}"
    outer, inner = f"lwa{pid}o"[:15], f"lwa{pid}i"[:15]
    taken = _taken()
    for attempt in range(64):
        slot = (pid + attempt * 7919) % 16384
        third, fourth = divmod(slot * 4, 256)
        gateway, address = f"198.18.{third}.{fourth + 1}", f"198.18.{third}.{fourth + 2}"
        if gateway not in taken and address not in taken:
            break
    else:
        _unavailable("no free address in 198.18.0.0/16")
    try:
        _ip("netns", "add", name)
    except (subprocess.CalledProcessError, OSError) as exc:
        _unavailable(f"ip netns add: {getattr(exc, 'stderr', exc)}")
    try:
        _ip("link", "add", outer, "type", "veth", "peer", "name", inner)
        _ip("link", "set", inner, "netns", name)
        _ip("addr", "add", f"{gateway}/30", "dev", outer)
        _ip("link", "set", outer, "up")
        _ip("-n", name, "addr", "add", f"{address}/30", "dev", inner)
        _ip("-n", name, "link", "set", inner, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        route = subprocess.run(["ip", "route", "get", address], capture_output=True, text=True, check=True)
        if f"dev {outer}" not in route.stdout:
            raise RuntimeError(f"{address} is not routed to {outer}: {route.stdout.strip()}")
        if not Path(f"/var/run/netns/{name}").exists():
            raise RuntimeError(f"/var/run/netns/{name} missing")
        yield Host(name, address, gateway)
    finally:
        subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)
        subprocess.run(["ip", "link", "del", outer], capture_output=True, check=False)
