"""The browser extension's native messaging host: tells the extension where this session's agent listens.

On a terminal server (RDS, Citrix, AVD) every session shares 127.0.0.1, so only the first agent gets the
configured port; the others take any free port. The browser starts this host in the user's own session
(chrome.runtime.sendNativeMessage("com.ledgerwatch.agent", {"type": "endpoint"})); it answers with the port
and pairing token the agent published in the user's data folder, so the extension pairs itself. Messages are
JSON preceded by their length (4 bytes, native byte order), as every browser's native messaging requires.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from collections.abc import Mapping
from typing import IO, Any

from ledgerwatch import config

HOST_NAME = "com.ledgerwatch.agent"
MAX_MESSAGE = 1024 * 1024


def read_message(stream: IO[bytes]) -> Any:
    """One message, or None at end of input."""
    header = stream.read(4)
    if len(header) < 4:
        return None
    (length,) = struct.unpack("=I", header)
    if length > MAX_MESSAGE:
        raise ValueError(f"message of {length} bytes is too large")
    return json.loads(stream.read(length).decode("utf-8"))


def write_message(stream: IO[bytes], message: Mapping[str, Any]) -> None:
    body = json.dumps(message).encode("utf-8")
    stream.write(struct.pack("=I", len(body)) + body)
    stream.flush()


def answer(request: Any, env: Mapping[str, str]) -> dict[str, Any]:
    """The reply to one request: this session's endpoint, or why there is none."""
    if not isinstance(request, dict) or request.get("type") != "endpoint":
        return {"error": "unknown request; send {\"type\": \"endpoint\"}"}
    path = config.resolve_paths(env).data_dir / "browser-endpoint.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"error": "ledgerwatch is not running in this session"}
    except (OSError, ValueError) as exc:
        return {"error": f"cannot read {path.name}: {exc}"}
    return {"port": int(data["port"]), "token": str(data["token"])}


def main(
    stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None, env: Mapping[str, str] | None = None
) -> int:
    """Answer requests until the browser closes the pipe."""
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout.buffer
    environ = os.environ if env is None else env
    while True:
        try:
            request = read_message(source)
        except ValueError as exc:
            write_message(sink, {"error": str(exc)})
            return 1
        if request is None:
            return 0
        write_message(sink, answer(request, environ))
