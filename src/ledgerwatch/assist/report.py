"""What the assist did in one build, draft by draft, and the status line `drafts build`, `status` and the
review page show: how many requests were sent and answered, what was applied, refused, failed or not sent,
and why."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

APPLIED = frozenset({"suggested", "rewritten", "coded"})
KEPT = frozenset({"kept"})
NOT_SENT = frozenset({"no_consent", "no_candidates", "withheld_fact", "off"})
FAILED = frozenset(
    {
        "disabled",
        "not_allowed",
        "no_key",
        "budget",
        "cooling_down",
        "circuit_open",
        "time_budget",
        "timeout",
        "transport",
        "rate_limited",
        "server_error",
        "http_error",
        "malformed",
        "schema",
    }
)
REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Decision:
    """What the assist did with one draft for one purpose."""

    entry_id: str
    purpose: str
    outcome: str
    """suggested | rewritten | coded | kept | refused | a reason nothing was sent | a client failure"""
    detail: str = ""
    """why, in words (a refusal's reason, the fact that stopped a request)"""
    sent: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """One build's decisions, the model and whether the endpoint is on this machine."""

    model: str
    local: bool
    decisions: tuple[Decision, ...] = ()
    breaker: str = ""
    """"open until ..." when the circuit breaker stopped requests"""

    def counts(self) -> Counter[str]:
        return Counter(d.outcome for d in self.decisions)

    @property
    def sent(self) -> int:
        return sum(d.sent for d in self.decisions)

    def summary(self) -> str:
        """One line: sent, answered, applied, refused (why), failed (why), not sent (why)."""
        if not self.decisions:
            return f"AI assist ({self.model}): nothing to ask" + (f"; {self.breaker}" if self.breaker else "")
        counts = self.counts()
        where = "on this machine" if self.local else "remote"
        applied = ", ".join(f"{counts[o]} {o}" for o in sorted(APPLIED) if counts[o]) or "none"
        answered = sum(counts[o] for o in APPLIED | KEPT) + counts[REFUSED]
        parts = [
            f"AI assist ({self.model}, {where}): {self.sent} sent, {answered} answered; applied {applied}"
        ]
        if counts["kept"]:
            parts.append(f"{counts['kept']} kept the rules' answer")
        refusals = Counter(d.detail.split(" (")[0] for d in self.decisions if d.outcome == REFUSED)
        if refusals:
            parts.append(f"{counts[REFUSED]} refused ({_listed(refusals)})")
        failures = Counter(d.outcome for d in self.decisions if d.outcome in FAILED)
        if failures:
            parts.append(f"{sum(failures.values())} failed ({_listed(failures)})")
        skipped = Counter(d.outcome for d in self.decisions if d.outcome in NOT_SENT)
        if skipped:
            parts.append(f"{sum(skipped.values())} not sent ({_listed(skipped)})")
        if self.breaker:
            parts.append(self.breaker)
        return "; ".join(parts)

    def for_entry(self, entry_id: str) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.entry_id == entry_id)

    def to_json(self) -> str:
        return json.dumps(
            {
                "model": self.model,
                "local": self.local,
                "breaker": self.breaker,
                "decisions": [[d.entry_id, d.purpose, d.outcome, d.detail, d.sent] for d in self.decisions],
            }
        )

    @classmethod
    def from_json(cls, text: str | None) -> Report | None:
        """The stored report, or None when there is none (or it cannot be read)."""
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(
                str(data["model"]),
                bool(data["local"]),
                tuple(
                    Decision(str(a), str(b), str(c), str(d), bool(e)) for a, b, c, d, e in data["decisions"]
                ),
                str(data.get("breaker", "")),
            )
        except (ValueError, KeyError, TypeError):
            return None


def _listed(counts: Counter[str]) -> str:
    return ", ".join(f"{reason} x{n}" if n > 1 else reason for reason, n in counts.most_common())


def merged(reports: Iterable[Report]) -> Report | None:
    found = list(reports)
    if not found:
        return None
    return Report(
        found[-1].model, found[-1].local, tuple(d for r in found for d in r.decisions), found[-1].breaker
    )
