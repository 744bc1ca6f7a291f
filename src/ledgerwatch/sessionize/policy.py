"""Every threshold and word list sessionize uses, as one frozen record with documented defaults.

The lead maps user settings onto these fields; nothing else in sessionize hard-codes a threshold.
Word lists are lowercase substrings matched against window titles, app names and URL hosts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ledgerwatch.domain import RoundingPolicy
from ledgerwatch.sessionize.wordlists import (
    ADMIN_PATTERNS,
    ADMIN_SITES,
    AI_TOOL_DOMAINS,
    AI_TOOL_TITLES,
    ATTENDANCE_WORDS,
    CALL_APPS,
    CALL_TITLES,
    CONSUMER_MAIL_DOMAINS,
    GENERIC_DOCUMENTS,
    NEUTRAL_TITLES,
    PERSONAL_APPS,
    PERSONAL_DOMAINS,
    PERSONAL_TITLES,
    PM_ADMIN_PAGES,
    PRACTICE_MANAGEMENT,
    RESEARCH_DOMAINS,
    RESEARCH_TITLES,
    WORKSPACE_MARKERS,
)


@dataclass(frozen=True, slots=True)
class SessionizePolicy:
    """How sessionize turns activity into drafts; every field is a setting with a sensible default."""

    interruption_seconds: int = 120
    """short interruptions (an inbox glance, a chat ping) up to this long stay inside the surrounding block"""
    keep_interruption_seconds: int = 90
    """an interruption with strong evidence of its own (matter number, client ID) this long keeps its matter"""
    context_seconds: int = 900
    """how far (in seconds of wall-clock) a generic window looks for the work around it"""
    research_context_seconds: int = 900
    """how far a research page without a client ID looks for the matter it serves"""
    guess_busiest_sibling: bool = False
    """where nothing tells a client's matters apart, guess its most active one instead of asking"""
    sandwich_max_seconds: int = 900
    """a named document, thread or call longer than this is a task of its own, not a detour inside the work
    around it: the work on both sides does not decide it"""
    call_context_seconds: int = 600
    """an unscheduled call this soon after a message on a matter (past glances at its documents) is about it"""
    opened_seconds: int = 180
    """a document first seen this long after a matter's workspace, folder or page was opened from it"""
    episode_gap_seconds: int = 900
    """a document, thread or call seen again within this gap is the same episode of work"""
    rounding: RoundingPolicy = field(default_factory=RoundingPolicy)
    """rounding for matters that have none of their own"""
    min_confidence: Decimal = Decimal("0.6")
    """drafts below this confidence carry a low-confidence problem"""
    max_hours_per_day: Decimal = Decimal("24")
    """a day whose drafts add up to more than this carries a problem on every draft"""
    attribution_threshold: float = 3.0
    """evidence score a matter needs to be chosen"""
    attribution_margin: float = 1.5
    """how far ahead of the runner-up the chosen matter must be"""
    admits_score: float = 2.5
    """a window's own evidence this strong limits the matters context may give it to those it points to"""
    strong_score: float = 8.0
    """evidence score that counts as strong (matter number, docket, client ID, caption)"""
    learned_confidence: float = 0.8
    """the learned model speaks for a block the rules leave undecided only at or above this confidence"""
    learned_decides: bool = False
    """the learned model drafts such a block to its matter; by default it only suggests the matter (the draft
    asks, offering it): on development weeks deciding tripled week two's wrong time for a few tenths of capture"""
    merge_same_task: bool = True
    """blocks of the same matter and task on one day become one draft with several spans"""
    calendar_away: bool = True
    """away time inside an attended calendar event (a hearing, a deposition, a meeting at a place) becomes
    a draft from the calendar, flagged for the attorney to confirm"""
    calendar_away_min_seconds: int = 300
    """shorter away stretches inside an event are not worth a draft of their own"""
    overrun_seconds: int = 0
    """an attended event (a hearing, a deposition) still away from the desk when its calendar slot ends may be
    taken to run on, up to this long; off by default, since the same away time is as often the trip back"""
    bill_travel: bool = False
    """travel to and from an attended event (away time right before and after it) is drafted too"""
    travel_max_seconds: int = 5400
    """the longest away stretch before or after an event counted as travel"""
    passive_reading_seconds: int = 1800
    """a document, filing, research page or call in front with no input this long or less, the same window
    before and after, is kept as reading (flagged); 0 turns it off"""
    calls_override_away: bool = True
    """time on a call counts while the keyboard is idle, but only on positive call evidence: a call
    event, or a call window during a calendar event (the draft's reasons show the idle minutes)"""
    incognito_is_personal: bool = True
    """private-browsing windows are personal and their titles are never shown"""
    personal_domains: tuple[str, ...] = PERSONAL_DOMAINS
    personal_titles: tuple[str, ...] = PERSONAL_TITLES
    personal_apps: tuple[str, ...] = PERSONAL_APPS
    consumer_mail_domains: tuple[str, ...] = CONSUMER_MAIL_DOMAINS
    admin_patterns: tuple[str, ...] = ADMIN_PATTERNS
    admin_sites: tuple[str, ...] = ADMIN_SITES
    practice_management: tuple[str, ...] = PRACTICE_MANAGEMENT
    practice_management_pages: tuple[str, ...] = PM_ADMIN_PAGES
    ai_tool_domains: tuple[str, ...] = AI_TOOL_DOMAINS
    ai_tool_titles: tuple[str, ...] = AI_TOOL_TITLES
    research_domains: tuple[str, ...] = RESEARCH_DOMAINS
    research_titles: tuple[str, ...] = RESEARCH_TITLES
    call_apps: tuple[str, ...] = CALL_APPS
    call_titles: tuple[str, ...] = CALL_TITLES
    neutral_titles: tuple[str, ...] = NEUTRAL_TITLES
    generic_documents: tuple[str, ...] = GENERIC_DOCUMENTS
    workspace_markers: tuple[str, ...] = WORKSPACE_MARKERS
    attendance_words: tuple[str, ...] = ATTENDANCE_WORDS
