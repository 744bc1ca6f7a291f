"""Sessionize: a pure pipeline from activity events and matters to time-entry drafts.

events -> timeline (pieces) -> attribution (matter or class per piece) -> blocks (runs with
interruptions absorbed) -> drafts (one per matter per task, rounded once, with narrative and codes).
"""

from ledgerwatch.sessionize.export import drafts_document
from ledgerwatch.sessionize.learning import Learner, Model, Prediction
from ledgerwatch.sessionize.memory import Memory, learn, memory_key, memory_keys
from ledgerwatch.sessionize.pipeline import build_drafts, build_range
from ledgerwatch.sessionize.policy import SessionizePolicy

__all__ = [
    "Learner",
    "Memory",
    "Model",
    "Prediction",
    "SessionizePolicy",
    "build_drafts",
    "build_range",
    "drafts_document",
    "learn",
    "memory_key",
    "memory_keys",
]
