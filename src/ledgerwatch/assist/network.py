"""Where a request really goes: "local" is decided by the connection, not by the URL's text.

An endpoint whose URL names this machine (a loopback address, `localhost`) is reached through
`LoopbackTransport`: no proxy (environment variables are not read), and a connection only to an address the
host name resolves to when every one of them is a loopback address; the socket's peer is checked again once
connected. Anything else refuses to connect, so a local endpoint that is not really local sends nothing.
Only a client built that way is `local`, and only a local client may send without client consent.

Any other endpoint is remote: an ordinary client (the firm's proxy settings apply), and every request
consent-gated.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from ledgerwatch.assist.consent import is_local
from ledgerwatch.domain import LedgerwatchError

Resolver = Callable[[str, int], Iterable[str]]
"""host, port -> the addresses a connection could go to"""


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system's resolver gives for host (TCP)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def is_loopback(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped.is_loopback
    return ip.is_loopback


class NotOnThisMachine(httpcore.ConnectError, LedgerwatchError):
    """The host of a local endpoint resolves (or connected) to an address that is not loopback (httpx reports
    it as a ConnectError, so the request is a transport failure and nothing is sent)."""


class LoopbackBackend(httpcore.NetworkBackend):
    """Connects only to loopback addresses; any other resolution is refused before a byte is sent."""

    def __init__(
        self, resolve: Resolver = system_resolver, inner: httpcore.NetworkBackend | None = None
    ) -> None:
        self.resolve = resolve
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = list(dict.fromkeys(self.resolve(host, port)))
        except OSError as exc:
            raise httpcore.ConnectError(f"{host}: {exc}") from exc
        if not addresses or not all(is_loopback(a) for a in addresses):
            raise NotOnThisMachine(f"{host} is not on this machine ({', '.join(addresses) or 'no address'})")
        stream = self.inner.connect_tcp(addresses[0], port, timeout, local_address, socket_options)
        peer = stream.get_extra_info("server_addr")
        if peer is not None and not is_loopback(str(peer[0])):
            stream.close()
            raise NotOnThisMachine(f"{host} connected to {peer[0]}, not this machine")
        return stream

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise NotOnThisMachine("unix sockets are not used for the AI endpoint")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class LoopbackTransport(httpx.HTTPTransport):
    """httpx's transport over a LoopbackBackend, with no proxy whatever the environment says."""

    def __init__(self, resolve: Resolver = system_resolver) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            max_keepalive_connections=4,
            network_backend=LoopbackBackend(resolve),
        )


@dataclass(frozen=True, slots=True)
class Route:
    """The HTTP client a ChatClient sends with, and whether it can only ever reach this machine."""

    http: httpx.Client
    local: bool


def route(
    base_url: str, timeout: float, resolve: Resolver = system_resolver, remote: Mapping[str, Any] | None = None
) -> Route:
    """The client for base_url: loopback-pinned and proxy-free when its URL names this machine; otherwise
    built with remote (the firm's proxy and trust store options)."""
    if is_local(base_url):
        return Route(
            httpx.Client(transport=LoopbackTransport(resolve), trust_env=False, timeout=timeout), True
        )
    return Route(httpx.Client(timeout=timeout, **(remote or {})), False)
