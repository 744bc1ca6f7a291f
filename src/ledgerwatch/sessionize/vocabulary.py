"""Words that say little on their own: the legal-entity words of client names, everyday words, and the
stop words of matter descriptions. Matching gives them little or no weight."""

from __future__ import annotations

from ledgerwatch.domain.words import ENTITY_WORDS, STOP_WORDS

__all__ = ["COMMON_WORDS", "DOCUMENT_WORDS", "ENTITY_WORDS", "PROCEDURE_WORDS", "STOP_WORDS"]

COMMON_WORDS = frozenset(
    [
        "blue",
        "red",
        "green",
        "white",
        "black",
        "gold",
        "silver",
        "new",
        "first",
        "general",
        "american",
        "national",
        "united",
        "global",
        "city",
        "state",
        "county",
        "services",
        "service",
        "solutions",
        "systems",
        "international",
        "capital",
        "home",
        "house",
        "park",
        "street",
        "north",
        "south",
        "east",
        "west",
        "central",
        "pacific",
        "atlantic",
        "best",
        "great",
        "royal",
        "star",
        "sun",
        "bay",
        "river",
        "lake",
        "hill",
        "cafe",
        "restaurant",
        "bank",
        "office",
        "law",
        "legal",
        "health",
        "care",
        "medical",
        "data",
        "tech",
        "digital",
        "media",
        "energy",
        "traders",
        "trading",
        "industries",
        "products",
        "foods",
        "supply",
        "builders",
        "construction",
        "development",
        "properties",
        "personal",
        "injury",
        "review",
        "agreement",
        "matter",
        "draft",
        "file",
        "case",
        "plan",
        "letter",
        "memo",
        "motion",
        "contract",
        "issues",
        "advice",
        "negotiation",
        "general",
        "employment",
        "commercial",
        "software",
        "license",
        "lease",
        "estate",
        "will",
        "review",
    ]
)
"""everyday words: as a lone client-name token they prove little"""

DOCUMENT_WORDS = frozenset(
    (
        "agenda", "agreement", "amended", "amendment", "analysis", "answer", "appeal", "application", "affidavit",
        "brief", "budget", "call", "certificate", "chart", "checklist", "chronology", "claim", "claims", "closing",
        "comments", "complaint", "consent", "contract", "custody", "declaration", "deed", "demand", "deposition",
        "depo", "disclosure", "discovery", "divorce", "draft", "email", "engagement", "estate", "exhibit", "expert",
        "filing", "final", "first", "form", "hearing", "index", "injunction", "intake", "interrogatories",
        "invoice", "joint", "lease", "letter", "log", "markup", "mediation", "meeting", "memo", "memorandum",
        "minutes", "motion", "notes", "notice", "objections", "opinion", "opposition", "order", "outline",
        "petition", "plan", "policy", "privilege", "production", "proposal", "proposed", "records", "redline",
        "release", "reply", "report", "request", "requests", "resolution", "response", "responses", "review",
        "schedule", "second", "settlement", "sheet", "statement", "status", "stipulation", "subpoena", "summary",
        "supplemental", "support", "term", "third", "timeline", "transcript", "trial", "trust", "update", "will",
        "witness",
    )
)  # fmt: skip
"""words a document's title puts after a party's short name ("Acme Motion to Compel", "Kestrel Opposition"): no
one's surname"""

EVENT_WORDS = frozenset(
    (
        "prep", "calls", "mtg", "meet", "lunch", "dinner", "breakfast", "coffee", "zoom", "teams", "webex", "sync",
        "touch", "catch", "check", "client", "judge", "attorney", "counsel", "officer", "detective", "trooper",
        "adjuster", "agent", "interview", "conference", "conf", "consult", "consultation", "follow", "debrief",
        "signing", "session", "kickoff", "strategy", "walkthrough", "site", "visit", "tour", "training",
    )
)  # fmt: skip
"""words a calendar event puts before a person's surname ("Prep Cardenas", "Call Whitfield"): no given name"""

PROCEDURE_WORDS = frozenset(
    (
        "judgment", "motion", "order", "memorandum", "brief", "complaint", "answer", "reply", "notice", "summary",
        "hearing", "trial", "appeal",
    )
)  # fmt: skip
"""steps of any lawsuit: alone, a word of one matter's description ("declaratory judgment") says nothing of a
document of another's ("Motion for Summary Judgment"), so none is a description word on its own"""
