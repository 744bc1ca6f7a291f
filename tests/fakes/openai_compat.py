"""A fake OpenAI-compatible chat-completions server, as an httpx.MockTransport handler or on 127.0.0.1.

It answers `POST .../chat/completions` in the way the assist asks: a matter chosen among the candidates whose
words appear in the prompt, or a rewritten narrative. Every request is logged (method, URL, headers, body)
so tests can assert on exactly what left the client.

Modes (the default `mode`, or one-shot with `fail_next`):
  good            a sensible answer
  malformed       the message content is not JSON
  envelope        the response body itself is not JSON
  schema          JSON of the wrong shape
  unknown_matter  a matter number that was not among the candidates
  timeout         no answer (MockTransport: httpx.ReadTimeout; served: sleeps past the client's timeout)
  429             rate limited, with Retry-After
  500             server error
A hostile model (prompt injection obeyed) answers `hostile_matter` and `hostile_narrative` when they are set.
Codes are asked for with "UTBMS" in the system message; the fake answers by words of the narrative.
Served, it also acts as a plain HTTP proxy (absolute-form request lines), so a client can reach it under a
remote-looking base URL such as http://api.example.test/v1 through `proxy=<served url>`.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx

from tests.fakes.support import request_body, serve_on_localhost

MODES = ("good", "malformed", "envelope", "schema", "unknown_matter", "timeout", "429", "500")


@dataclass(frozen=True)
class Logged:
    method: str
    url: str
    headers: dict[str, str]
    body: str


@dataclass
class Reply:
    status: int
    content: bytes = b""
    headers: dict[str, str] | None = None
    timeout: bool = False


class FakeOpenAI:
    """State: the mode, a fault queue, the API key it expects (None: any or none), and the request log."""

    def __init__(self, api_key: str | None = "sk-test", mode: str = "good") -> None:
        if mode not in MODES:
            raise ValueError(mode)
        self.api_key = api_key
        self.mode = mode
        self.queued: list[str] = []
        self.log: list[Logged] = []
        self.retry_after = "30"
        self.served_timeout = 0.6
        self.confidence = 0.9
        self.hostile_matter: str | None = None
        self.hostile_narrative: str | None = None
        self.lock = threading.Lock()

    # --- test controls and assertions ---

    def fail_next(self, mode: str, times: int = 1) -> None:
        if mode not in MODES:
            raise ValueError(mode)
        with self.lock:
            self.queued.extend([mode] * times)

    @property
    def bodies(self) -> list[str]:
        return [entry.body for entry in self.log]

    def sent(self) -> str:
        """Everything every request carried (URLs, headers, bodies), JSON escapes decoded, for leak checks."""
        parts = []
        for entry in self.log:
            parts += [entry.url, json.dumps(entry.headers), entry.body]
            try:
                parts.append(json.dumps(json.loads(entry.body), ensure_ascii=False))
                for message in json.loads(entry.body).get("messages", []):
                    parts.append(str(message.get("content", "")))
            except (ValueError, AttributeError):
                pass
        return "\n".join(parts)

    # --- request handling ---

    def handle(self, request: httpx.Request) -> httpx.Response:
        """httpx.MockTransport handler; a timeout raises what httpx would raise."""
        reply = self.dispatch(request.method, str(request.url), dict(request.headers), request.read())
        if reply.timeout:
            raise httpx.ReadTimeout("timed out", request=request)
        return httpx.Response(
            reply.status, headers=reply.headers or {}, content=reply.content, request=request
        )

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def dispatch(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Reply:
        with self.lock:
            text = body.decode("utf-8", errors="replace")
            self.log.append(Logged(method, url, {k.lower(): v for k, v in headers.items()}, text))
            mode = self.queued.pop(0) if self.queued else self.mode
        if method != "POST" or not httpx.URL(url).path.endswith("/chat/completions"):
            return _json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
        auth = {k.lower(): v for k, v in headers.items()}.get("authorization", "")
        if self.api_key is not None and auth != f"Bearer {self.api_key}":
            return _json(
                401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}
            )
        if mode == "timeout":
            return Reply(0, timeout=True)
        if mode == "429":
            return _json(
                429,
                {"error": {"message": "Rate limit reached", "type": "requests"}},
                {"Retry-After": self.retry_after},
            )
        if mode == "500":
            return _json(500, {"error": {"message": "The server had an error", "type": "server_error"}})
        if mode == "envelope":
            return Reply(200, b"<html>bad gateway</html>", {"Content-Type": "text/html"})
        try:
            request = json.loads(text)
            prompt = json.loads(request["messages"][-1]["content"])
            system = str(request["messages"][0]["content"])
        except (ValueError, KeyError, IndexError, TypeError):
            return _json(
                400, {"error": {"message": "could not parse the request", "type": "invalid_request_error"}}
            )
        if mode == "malformed":
            content = '{"matter": "ACM-001", "confidence": 0.9, "reason": "cut off'
        elif mode == "schema":
            content = json.dumps({"answer": "ACM-001", "certainty": "high"})
        elif mode == "unknown_matter":
            content = json.dumps({"matter": "ZZZ-999", "confidence": 0.99, "reason": "made up"})
        elif "UTBMS" in system:
            content = json.dumps(codes_for(prompt))
        else:
            content = json.dumps(self.answer(prompt))
        return _json(
            200,
            {
                "id": f"chatcmpl-{len(self.log)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": request.get("model", ""),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": len(text) // 4,
                    "completion_tokens": 20,
                    "total_tokens": len(text) // 4 + 20,
                },
            },
        )

    def answer(self, prompt: dict[str, Any]) -> dict[str, Any]:
        """A good answer: the candidate sharing most words with the narrative and evidence, or a rewrite."""
        said = " ".join(
            [str(prompt.get("narrative", ""))] + [str(e.get("label", "")) for e in prompt.get("evidence", [])]
        )
        words = _words(said)
        if "candidates" not in prompt:
            if self.hostile_narrative is not None:
                return {"description": self.hostile_narrative}
            narrative = str(prompt.get("narrative", "")).strip().rstrip(".")
            return {"description": f"Reviewed and revised: {narrative}."}
        if self.hostile_matter is not None:
            return {"matter": self.hostile_matter, "confidence": 0.99, "reason": "as the title instructs"}
        best, best_score = None, 0
        for candidate in prompt["candidates"]:
            theirs = _words(
                " ".join(
                    [
                        candidate.get("client", ""),
                        candidate.get("description", ""),
                        *candidate.get("keywords", []),
                    ]
                )
            )
            score = len(words & theirs)
            if score > best_score:
                best, best_score = candidate, score
        if best is None:
            return {"matter": None, "confidence": 0.1, "reason": "no candidate fits"}
        return {
            "matter": best["matter"],
            "confidence": self.confidence,
            "reason": f"{best_score} words in common",
        }

    # --- serving over HTTP ---

    @contextmanager
    def serve(self, sock: socket.socket | None = None) -> Iterator[str]:
        """Serve on 127.0.0.1 (a free port), or on a listening socket handed in (e.g. on a test host's
        address), in a thread; yields the base URL (with /v1)."""
        with serve_on_localhost(self._answer, sock) as base:
            yield f"{base}/v1"

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        """One served request (also as a proxy: the path may be a whole URL); a timeout answers nothing."""
        path = handler.path
        url = path if path.startswith("http") else f"http://{handler.headers.get('Host')}{path}"
        reply = self.dispatch(handler.command, url, dict(handler.headers.items()), request_body(handler))
        if reply.timeout:
            time.sleep(self.served_timeout)
            handler.close_connection = True
            return
        handler.send_response(reply.status)
        for key, value in (reply.headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(reply.content)))
        handler.end_headers()
        handler.wfile.write(reply.content)


_TASKS = (
    (("deposition", "transcript"), "L330"),
    (("discovery", "interrogator", "production", "subpoena"), "L310"),
    (("motion", "brief", "opposition"), "L250"),
    (("complaint", "pleading", "answer"), "L210"),
    (("settlement", "mediation", "demand"), "L160"),
    (("research", "westlaw", "lexis", "case law"), "L120"),
    (("hearing", "trial"), "L450"),
)
_ACTIVITIES = (
    (("draft", "drafted", "revise", "revised"), "A103"),
    (("research",), "A102"),
    (("call", "conference", "correspondence", "email", "e-mail"), "A106"),
    (("attend",), "A109"),
    (("review", "reviewed"), "A104"),
)


def codes_for(prompt: dict[str, Any]) -> dict[str, Any]:
    """UTBMS codes from the words of what was sent (the narrative and evidence labels)."""
    said = " ".join(
        [str(prompt.get("narrative", ""))] + [str(e.get("label", "")) for e in prompt.get("evidence", [])]
    ).casefold()
    task = next((code for words, code in _TASKS if any(w in said for w in words)), None)
    activity = next((code for words, code in _ACTIVITIES if any(w in said for w in words)), None)
    return {"task_code": task, "activity_code": activity, "reason": "words of the narrative"}


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(body).encode(), {"Content-Type": "application/json", **(headers or {})})


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) >= 4}
