"""Labels a piece can carry besides a matter number, and how a piece is labelled.

A label is a matter number, one of the class labels below (personal, firm administration, a generative-AI
tool) or None when nothing is known yet. ``how`` says what decided it; the decided ways in HARD may serve as
context for their neighbours.
"""

from __future__ import annotations

from ledgerwatch.sessionize.reading import Reading, Role
from ledgerwatch.sessionize.timeline import Piece

PERSONAL = "\x00personal"
ADMIN = "\x00admin"
AI = "\x00ai"
CLASS_LABELS = (PERSONAL, ADMIN, AI)


def is_matter(label: str | None) -> bool:
    return label is not None and not label.startswith("\x00")


def ai_label(matter: str | None) -> str:
    return AI if matter is None else f"{AI}:{matter}"


def admits(piece: Piece, label: str | None) -> bool:
    """Whether the piece's own words leave label possible (a document naming Northwind is never Smith's)."""
    allowed = piece.reading.admits
    return not allowed or label is None or label.startswith("\x00") or label in allowed


def label_piece(piece: Piece, label: str | None, how: str, confidence: float, note: str) -> None:
    piece.label = label
    piece.how = how
    piece.confidence = confidence
    piece.note = note


def propose(piece: Piece, label: str | None, how: str, confidence: float, note: str) -> bool:
    """Label a piece from other work only if its own words leave that matter possible; whether it did."""
    if not admits(piece, label):
        return False
    label_piece(piece, label, how, confidence, note)
    return True


def evidence_of(reading: Reading, call_summary: str, label: str | None) -> tuple[str, str]:
    """The (kind, label) a draft's evidence shows for a piece: what approvals teach memory and the model."""
    if label == PERSONAL:
        return "personal", "personal activity"
    if reading.role is Role.CALL:
        return ("calendar", call_summary) if call_summary else ("call", reading.tool or "call")
    return reading.shown


HARD = frozenset({"evidence", "memory", "calendar", "topic", "learned", "workspace"})
"""ways of deciding a piece that may serve as context for others"""
