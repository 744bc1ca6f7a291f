"""Runs: consecutive pieces with one label, short interruptions folded into the block they interrupt."""

from __future__ import annotations

from collections.abc import Sequence

from ledgerwatch.sessionize.labels import ADMIN, PERSONAL
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.timeline import Piece


class Run:
    """Consecutive pieces with one label, with their total and strong-evidence seconds kept up to date."""

    __slots__ = ("asked", "end", "label", "pieces", "seconds", "start", "strong")

    def __init__(self, label: str | None, pieces: list[Piece]) -> None:
        self.label = label
        self.pieces = pieces
        self.start = pieces[0].start
        self.end = pieces[-1].end
        seconds = strong = 0.0
        for piece in pieces:
            length = piece.end - piece.start
            seconds += length
            if piece.strong:
                strong += length
        self.seconds = seconds
        self.strong = strong
        self.asked: tuple[str, ...] = ()
        """for an undecided run: the matters its question offers (none: no question)"""
        if label is None:
            self.asked = next((piece.candidates for piece in pieces if piece.candidates), ())

    def extend(self, other: Run) -> None:
        self.asked = self.asked or other.asked
        self.pieces.extend(other.pieces)
        self.end = other.end
        self.seconds += other.seconds
        self.strong += other.strong


def runs_of(pieces: Sequence[Piece], gap: float) -> list[Run]:
    """Consecutive pieces with the same label, broken where the gap between them exceeds gap. Undecided
    pieces that ask between matters make a run of their own: a question ("Acme: 1201-01 or 1201-02?") covers
    only what it asks about and glances (up to gap) at nothing else; a webinar after the call is not one
    of the call's matters, and confirming the question must not bill it."""
    groups: list[list[Piece]] = []
    label: str | None = None
    asked: tuple[str, ...] = ()
    unknown = 0.0
    end = 0.0
    for piece in pieces:
        own = piece.label
        if own is not None:
            if groups and own == label and piece.start - end <= gap:
                groups[-1].append(piece)
            else:
                groups.append([piece])
                label = own
        else:
            if groups and label is None and piece.start - end <= gap and _asks_alike(piece, asked, unknown, gap):
                groups[-1].append(piece)
            else:
                groups.append([piece])
                label = None
                asked, unknown = (), 0.0
            if piece.candidates:
                asked = asked or piece.candidates
            else:
                unknown += piece.end - piece.start
        end = piece.end
    return [Run(group[0].label, group) for group in groups]


def _asks_alike(piece: Piece, asked: tuple[str, ...], unknown: float, gap: float) -> bool:
    """Whether an undecided piece joins the undecided run before it: a question joins only the same question,
    or unknown time short enough to be a glance; unknown time joins a question only if it is a glance."""
    if piece.candidates:
        return piece.candidates == asked or (not asked and unknown <= gap)
    return not asked or piece.end - piece.start <= gap


def absorb_interruptions(pieces: Sequence[Piece], policy: SessionizePolicy) -> list[Run]:
    """Short interruptions join the block around them; unknown short stretches join the next task. A short
    stretch whose own words ask between matters the block is not one of (a minute in another client's
    production volume amid a letter) stays its own question: it is not the block's client's work
    (development weeks: wrong -1.9 points summed over 1,248 bench weeks and -0.5 over 24 blind-generator
    weeks, capture +2.5 and -0.9)."""
    limit = policy.interruption_seconds
    runs = runs_of(pieces, limit)
    for _ in range(6):
        changed = False
        merged: list[Run] = []
        count = len(runs)
        i = 0
        while i < count:
            run = runs[i]
            seconds = run.seconds
            if seconds <= limit and run.strong < policy.keep_interruption_seconds:
                before = merged[-1] if merged and run.start - merged[-1].end <= limit else None
                after = runs[i + 1] if i + 1 < count and runs[i + 1].start - run.end <= limit else None
                target: Run | None = None
                if before is not None and after is not None and before.label == after.label:
                    # known work between two unknowns keeps its matter: the unknown gives it nothing
                    known = before.label is not None or run.label is None
                    if known and before.label != run.label and (before.seconds > seconds or after.seconds > seconds):
                        target = before
                elif run.label is None:
                    candidates = [r for r in (after, before) if r is not None and r.label is not None]
                    candidates.sort(key=lambda r: 0 if r.label in (PERSONAL, ADMIN) else 1)
                    longer = [r for r in candidates if r.seconds > seconds]
                    if longer:
                        target = longer[0]
                if target is not None and run.asked and target.label not in run.asked:
                    target = None  # its own words name another client's matters: not this block's work
                if target is not None:
                    for piece in run.pieces:
                        piece.label = target.label
                        piece.how = "interruption"
                        piece.confidence = max(piece.confidence, 0.6)
                        piece.note = f"short interruption '{piece.reading.label}' inside the surrounding work"
                    run.label = target.label
                    changed = True
            if (
                merged
                and merged[-1].label == run.label
                and run.start - merged[-1].end <= limit
                and (run.label is not None or merged[-1].asked == run.asked)
            ):
                merged[-1].extend(run)
            else:
                merged.append(run)
            i += 1
        runs = merged
        if not changed:
            break
    return runs
