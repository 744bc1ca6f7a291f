"""The whole pipeline: events + matters + policy (+ memory) -> draft time entries per local day."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, timedelta, tzinfo
from functools import lru_cache
from operator import attrgetter

from ledgerwatch.domain import (
    BrowserTabPayload,
    CalendarPayload,
    EmailPayload,
    Event,
    EventColumns,
    Interval,
    Matter,
    Source,
    TimeEntry,
    day_bounds,
    merge_intervals,
    subtract_intervals,
)
from ledgerwatch.sessionize.away import away_at_meetings, held_away, passive_holes, reads_passively
from ledgerwatch.sessionize.confidential import Confidences
from ledgerwatch.sessionize.drafting import flag_long_days, group_runs, make_entry
from ledgerwatch.sessionize.identities import (
    apply_model,
    apply_topics,
    bind_opened,
    carry_identities,
    first_sightings,
    known_people,
    learn_recalled,
    learn_topics,
    named_in_notes,
    named_references,
    named_today,
    one_numbered_document,
    opened_only,
    prior_seconds,
    recall_research,
    recalled_for,
    recalls_amid_other_work,
    saved_in_folder,
)
from ledgerwatch.sessionize.learning import Model
from ledgerwatch.sessionize.matching import MatterIndex
from ledgerwatch.sessionize.memory import Memory
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.propagation import (
    RECALLED_PAGES,
    apply_context,
    kinds_against_context,
    mailbox_views,
    research_around_work,
    research_by_subject,
    research_sessions,
    review_soft,
)
from ledgerwatch.sessionize.reading import Klass, Reading, Role, message_id, read_window
from ledgerwatch.sessionize.rules import People, attribute_own
from ledgerwatch.sessionize.runs import absorb_interruptions
from ledgerwatch.sessionize.teams import learn_teams
from ledgerwatch.sessionize.timeline import (
    Piece,
    SourceEvents,
    away_periods,
    by_source,
    foreground,
    meetings,
    overlays,
    unrecorded,
)

_CACHE_LIMIT = 100_000
_BY_START = attrgetter("start", "end")


class Reader:
    """Matchers for one matter list and policy, with a cache of window readings."""

    def __init__(self, matters: tuple[Matter, ...], policy: SessionizePolicy) -> None:
        self.policy = policy
        self.index = MatterIndex(matters, policy.attribution_threshold, policy.attribution_margin)
        self.cache: dict[tuple[str, str, str | None, bool], Reading] = {}
        self.confidences = Confidences(self.index)

    def read(self, app: str, title: str, url: str | None, incognito: bool) -> Reading:
        key = (app, title, url, incognito)
        found = self.cache.get(key)
        if found is None:
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            found = read_window(app, title, url, incognito, self.index, self.policy)
            self.cache[key] = found
        return found


@lru_cache(maxsize=8)
def reader_for(matters: tuple[Matter, ...], policy: SessionizePolicy) -> Reader:
    """The (cached) reader for a matter list and policy: matchers are compiled once."""
    return Reader(matters, policy)


def day_pieces(
    groups: dict[Source, SourceEvents],
    lo: float,
    hi: float,
    reader: Reader,
    memory: Memory | None,
    people: People,
    messages: Mapping[str, tuple[str, str]] | None = None,
) -> list[Piece]:
    """The day's pieces, each labelled from its own evidence (memory, calendar and overlays included).

    messages maps a web mail message's id to the (title, URL) it was seen under with its subject: a reading
    pane that names only the mailbox is read as the message its URL names.
    """
    policy = reader.policy
    passive_limit = policy.passive_reading_seconds
    away = away_periods(groups, lo, hi)
    windows = foreground(groups, lo, hi, policy.calls_override_away)
    calendar = meetings(groups, lo, hi)
    booked = merge_intervals((m.start, m.end) for m in calendar) if policy.calls_override_away else []
    held: list[Interval] | None = None if calendar else []  # scored the first time passive reading needs it
    pieces: list[Piece] = []
    add = pieces.append
    cache = reader.cache
    read = reader.read
    override = policy.calls_override_away
    call_holes: list[Interval] | None = None
    next_away = 0
    away_count = len(away)
    for start, end, app, title, url, incognito, call, audible in windows:
        reading = cache.get((app, title, url, incognito))
        if reading is None:
            reading = read(app, title, url, incognito)
        if messages and url and reading.mailbox:
            reading = _message_shown(reader, app, url, incognito, messages) or reading
        while next_away < away_count and away[next_away][1] <= start:
            next_away += 1
        if next_away == away_count or away[next_away][0] >= end:
            if end > start:
                add(Piece(start, end, reading))
            continue
        if call and override:
            parts = [(start, end)]
        elif reading.role is Role.CALL and booked:
            # away inside a calendar event is the meeting going on; away outside one is listening only
            # when the same call window is in front before and after it (as for passive reading)
            if call_holes is None:
                call_holes = [hole for a, b in away for hole in subtract_intervals(a, b, booked)]
            if passive_limit > 0:
                away_holes, listened = passive_holes(start, end, away, next_away, passive_limit)
            else:
                away_holes, listened = away[next_away:], 0.0
            holes = [hole for a, b in away_holes for hole in subtract_intervals(a, b, booked)]
            parts = subtract_intervals(start, end, holes)
            if listened:
                for part_start, part_end in parts:
                    piece = Piece(part_start, part_end, reading)
                    seconds = part_end - part_start
                    piece.passive = seconds - sum(b - a for a, b in subtract_intervals(part_start, part_end, call_holes))
                    present = sum(b - a for a, b in subtract_intervals(part_start, part_end, away, next_away))
                    piece.idle = seconds - present - piece.passive
                    add(piece)
                continue
        elif passive_limit > 0 and (reads_passively(reading) or (audible and reading.klass is Klass.WORK)):
            holes, read_seconds = passive_holes(start, end, away, next_away, passive_limit, audible)
            if read_seconds and held is None:
                held = held_away(calendar, reader.index, policy)
            if read_seconds and held:
                # no input inside an event drafted from the calendar is the event, not the page left in front
                inside = _inside(away, next_away, end, held, policy.calendar_away_min_seconds)
                holes = merge_intervals([*holes, *inside])
            parts = subtract_intervals(start, end, holes)
            if read_seconds:
                for part_start, part_end in parts:
                    piece = Piece(part_start, part_end, reading)
                    piece.passive = (part_end - part_start) - sum(
                        b - a for a, b in subtract_intervals(part_start, part_end, away, next_away)
                    )
                    piece.playing = audible
                    add(piece)
                continue
        else:
            parts = subtract_intervals(start, end, away, next_away)
        for part_start, part_end in parts:
            if part_end - part_start > 0:
                piece = Piece(part_start, part_end, reading)
                if reading.role is Role.CALL or call:
                    kept = sum(b - a for a, b in subtract_intervals(part_start, part_end, away, next_away))
                    piece.idle = (part_end - part_start) - kept
                add(piece)
    # at an attended event the computer may be locked, or asleep or shut in a bag: no record is no desk work
    gone = away
    before: list[Interval] = []
    if policy.calendar_away and calendar:
        before, between = unrecorded(groups, lo, hi, windows)
        gone = merge_intervals([*away, *between])
    attended = away_at_meetings(calendar, gone, pieces, reader.index, policy, before)
    if attended:
        pieces = sorted(pieces + attended, key=_BY_START)
    attribute_own(pieces, reader.index, policy, memory, calendar, overlays(groups, lo, hi), people)
    return pieces


def _inside(
    away: Sequence[Interval], first: int, end: float, slots: Sequence[Interval], least: float
) -> list[Interval]:
    """The parts of the away periods (from index first, begun before end) that fall inside slots, each at least
    least seconds long (shorter, the attorney is at the desk between glances, not at the event)."""
    found: list[Interval] = []
    for a, b in away[first:]:
        if a >= end:
            break
        found += [(max(a, s), min(b, e)) for s, e in slots if min(b, e) - max(a, s) >= least]
    return found


def _message_shown(
    reader: Reader, app: str, url: str, incognito: bool, messages: Mapping[str, tuple[str, str]]
) -> Reading | None:
    """The reading of the message a mailbox view's URL names, if it was seen elsewhere with its subject."""
    seen = messages.get(message_id(url))
    if seen is None:
        return None
    shown = reader.read(app, seen[0], seen[1], incognito)
    return shown if shown.role in (Role.EMAIL, Role.GENERIC) else None


def _messages(
    groups: dict[Source, SourceEvents], reader: Reader, lo: float, hi: float
) -> dict[str, tuple[str, str]]:
    """Web mail messages in the range, by id, with the title and URL they were seen under with a subject."""
    tabs = groups.get(Source.BROWSER)
    found: dict[str, tuple[str, str]] = {}
    if tabs is None:
        return found
    for i in tabs.between(lo, hi):
        payload = tabs.payloads[i]
        if not isinstance(payload, BrowserTabPayload) or not payload.url:
            continue
        key = message_id(payload.url)
        if key and key not in found:
            reading = reader.read("browser", payload.title, payload.url, payload.incognito)
            if reading.role in (Role.EMAIL, Role.GENERIC):
                found[key] = (payload.title, payload.url)
    return found


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the duration (and restored as it was).

    The pipeline creates no reference cycles, yet a year's hundreds of thousands of live pieces make
    the collector traverse every event again and again: about a fifth of the run time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_range(
    events: Sequence[Event] | EventColumns,
    matters: Sequence[Matter],
    first: date,
    last: date,
    tz: tzinfo,
    policy: SessionizePolicy | None = None,
    memory: Memory | None = None,
    model: Model | None = None,
    since: date | None = None,
) -> list[TimeEntry]:
    """Drafts for every local day from first to last (inclusive), in day and time order.

    events are records or a store's columns (EventLog.columns: the same events, read faster). memory
    and model come from the attorney's approvals; both only decide what the rules leave open. since (before
    first) adds earlier days as context only: what they tell of documents, threads and topics carries into
    the drafts, but none of their own drafts are made.
    """
    with collector_paused():
        return _build_range(events, matters, first, last, tz, policy, memory, model, since)


def _build_range(
    events: Sequence[Event] | EventColumns,
    matters: Sequence[Matter],
    first: date,
    last: date,
    tz: tzinfo,
    policy: SessionizePolicy | None,
    memory: Memory | None,
    model: Model | None,
    since: date | None = None,
) -> list[TimeEntry]:
    policy = policy if policy is not None else SessionizePolicy()
    reader = reader_for(tuple(matters), policy)
    groups = by_source(events)
    days: list[tuple[date, list[Piece]]] = []
    context: list[Piece] = []
    day = min(first, since) if since is not None else first
    # who is who in the whole range, for calls and chats that name a person
    span = day_bounds(day, tz)[0].timestamp(), day_bounds(last, tz)[1].timestamp()
    people = _people(groups, reader.index, *span)
    messages = _messages(groups, reader, *span)
    while day <= last:
        lo, hi = (bound.timestamp() for bound in day_bounds(day, tz))
        pieces = day_pieces(groups, lo, hi, reader, memory, people, messages)
        if day < first:
            context.extend(pieces)  # earlier days: evidence only, no drafts
        else:
            days.append((day, pieces))
        day += timedelta(days=1)
    every = [piece for _, pieces in days for piece in pieces]
    numbers = [m.number for m in reader.index.matters]
    firsts = first_sightings([*context, *every])
    for pieces in (context, *(pieces for _, pieces in days)):
        bind_opened(pieces, policy, numbers, firsts)
    # documents and threads are one identity all week; a research question is one task only for the day
    # (the same question is asked again for other matters), so its topic is learned day by day
    learned = learn_topics([*context, *every], research=False)
    bound = opened_only([*context, *every])  # opened from a workspace only: known for the day it was opened
    if bound:
        learned = {key: matter for key, matter in learned.items() if key not in bound}
    recalled = learn_recalled([*context, *every]) if memory is not None else {}
    # the matters each day names outright, for what approvals recall (nothing without approvals)
    strong = policy.strong_score
    named = [named_today(pieces, numbers, strong) if memory is not None else frozenset() for _, pieces in days]
    calendar = meetings(groups, *span)
    numbered, why = named_references(calendar, reader.index, strong)
    for (_, pieces), today_named in zip(days, named, strict=True):
        today = recalled_for(recalled, today_named, memory) if recalled else {}
        opened = {k: m for k, m in learn_topics(pieces, research=False).items() if k in bound} if bound else {}
        apply_topics(pieces, {**today, **learned, **opened, **learn_topics(pieces, research=True)})
        apply_topics(pieces, numbered, why)
    prior = prior_seconds(every)
    by_number = {m.number: m for m in reader.index.matters}
    litigation = {
        m.number: flag for m, flag in zip(reader.index.matters, reader.index.litigation, strict=True)
    }
    entries: list[TimeEntry] = []
    known = set(numbers)
    for (_, pieces), today_named in zip(days, named, strict=True):
        apply_context(pieces, policy, numbers, prior)
        if memory is not None and recall_research(pieces, memory, today_named, known):
            # questions and cases recalled from approvals make a session again: the new cases opened from them
            research_sessions(pieces, policy, recalled=RECALLED_PAGES)
    # a document saved in its matter's folder is that matter's there before identities are carried (so the
    # folder votes against carrying another client's use of the same form), and again after the passes below
    for _, pieces in days:
        saved_in_folder(pieces, policy, numbers)
    carry_identities(every, [pieces for _, pieces in days], policy.context_seconds)
    for _, pieces in days:
        mailbox_views(pieces, policy)
    if reader.index.areas is not None:  # else no question's area is one matter's alone
        for _, pieces in days:
            research_by_subject(pieces, policy, reader.index.research_subject, numbers)
    for _, pieces in days:
        research_around_work(pieces, policy)
    named_in_notes(every, calendar)
    clients = {
        m.number: frozenset((m.number, *(numbers[i] for i in siblings)))
        for m, siblings in zip(reader.index.matters, reader.index.same_client, strict=True)
    }
    known_people(every, calendar, clients)
    one_numbered_document(every)
    if model is not None and model.counts:
        for _, pieces in days:  # last: only what words, memory, calendar and context all left open
            apply_model(pieces, model, policy, tz)
    positions = {number: position for position, number in enumerate(numbers)}

    def kind_against(number: str, text: str) -> tuple[str, ...] | None:
        position = positions.get(number)
        found = None if position is None else reader.index.kind_against(position, text)
        return None if found is None else tuple(numbers[i] for i in found)

    for day, pieces in days:
        saved_in_folder(pieces, policy, numbers)
        kinds_against_context(pieces, kind_against, clients)
        if memory is not None:
            recalls_amid_other_work(pieces, memory, policy.context_seconds)
        review_soft(pieces, policy)
        runs = absorb_interruptions(pieces, policy)
        made = [
            make_entry(day, group, by_number, litigation, policy, numbers, prepared, reader.confidences)
            for group, prepared in group_runs(runs, policy, numbers)
        ]
        day_entries = sorted((e for e in made if e is not None), key=lambda e: (e.spans[0].start, e.id))
        entries.extend(flag_long_days(day_entries, policy))
    return entries


def _people(groups: dict[Source, SourceEvents], index: MatterIndex, lo: float, hi: float) -> People:
    """Who is who in the range: calendar attendees, e-mail senders and recipients, the matters' contacts. An
    invitation the attorney declined or an all-day event bills no time, but still says who its people are."""
    others = [contact for matter in index.matters for contact in matter.contacts if "@" in contact]
    invitations: list[tuple[str, Sequence[str]]] = []
    calendar = groups.get(Source.CALENDAR)
    if calendar is not None:
        for i in calendar.between(lo, hi):
            payload = calendar.payloads[i]
            if isinstance(payload, CalendarPayload):
                others += payload.attendees
                if payload.attendees:
                    words = " ".join((payload.summary, payload.description, payload.location))
                    invitations.append((words, payload.attendees))
    email = groups.get(Source.EMAIL)
    if email is not None:
        for i in email.between(lo, hi):
            payload = email.payloads[i]
            if isinstance(payload, EmailPayload):
                others += [payload.sender, *payload.recipients]
    return People.of(others, learn_teams(invitations, index))


def build_drafts(
    events: Sequence[Event],
    matters: Sequence[Matter],
    day: date,
    tz: tzinfo,
    policy: SessionizePolicy | None = None,
    memory: Memory | None = None,
    model: Model | None = None,
) -> list[TimeEntry]:
    """Drafts for one local day from all events overlapping it."""
    return build_range(events, matters, day, day, tz, policy, memory, model)
