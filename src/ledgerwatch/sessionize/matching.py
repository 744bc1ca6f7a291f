"""Matter matchers compiled once per matter list: text in, evidence scores per matter out.

Every feature comes from the matters' own fields (number, client name and aliases, keywords,
description, captions, docket numbers, e-mail domains), so no firm's names are built in. Texts are
cut into word n-grams and looked up in one dictionary: no regex per matter, no regex storms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ledgerwatch.domain import Client, Matter
from ledgerwatch.domain.identifiers import ID_PARTS, date_parts, id_forms, is_identifier, number_forms
from ledgerwatch.domain.text import ADDRESS, fold
from ledgerwatch.sessionize.areas import (
    areas_of,
    is_kind_term,
    kinds_of,
    matter_kinds,
    one_kind,
    own_text,
    sole_matter,
)
from ledgerwatch.sessionize.terms import is_term, other_names, units
from ledgerwatch.sessionize.vocabulary import (
    COMMON_WORDS,
    DOCUMENT_WORDS,
    ENTITY_WORDS,
    EVENT_WORDS,
    PROCEDURE_WORDS,
    STOP_WORDS,
)

_WORDS = re.compile(r"[0-9a-z]+")
_CASED = re.compile(r"[0-9A-Za-z]+")
_CAPTION = re.compile(r"^(.*?)\s+(?:v\.?|vs\.?|versus|adv\.?)\s+(.+)$", re.IGNORECASE)
_IN_RE = re.compile(
    r"\b(?:in re|in the matter of|matter of|estate of)\s+(?:the\s+)?(?:estate of\s+)?(\S+)", re.I
)
_CLIENT_ID = re.compile(
    r"\bclient(?:\s*/\s*matter|\s*-\s*matter|\s+matter)?(?:\s*id)?\s*(?:no\.?|number)?\s*[:#=]\s*"
    r"([0-9a-z][0-9a-z._/-]*)"
)
_SPLIT_PHRASES = re.compile(r"\s+-\s+|[;:()]|(?<!\d)[,/]|[,/](?!\d)|\s+re\s+|\s+&\s+|\s+and\s+", re.IGNORECASE)
"""where a description's phrases part: not inside a number ("U.S. Patent No. 11,092,714", "Appl. No. 18/555,123"),
whose first digits would be a phrase every patent starting with 11 matches"""

YEARS = re.compile(r"^(?:19|20)\d\d$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,4}(?:-[A-Z0-9]{1,3})?\b")
_BATES = re.compile(r"\b([a-z]{3,12})[-_ ]?(\d{5,10})\b")
"""a Bates number: a producing party's prefix and a zero-padded page number (KESTREL0001234, ACME-0000468)"""
_MIXED = re.compile(r"[a-z]+|[0-9]+")
_SOVEREIGNS = frozenset({"state", "people", "commonwealth", "states", "us", "usa", "government", "crown"})
"""the prosecuting party of a criminal caption ("State v. Eriksen", "United States v. Ortiz"): it names the
defendant alone, so the caption is any of the defendant's criminal cases"""
_CRIMINAL = re.compile(
    r"\b(?:dui|dwi|owi|ovi|driving under the influence|driving while|criminal|misdemeanou?r|felony|possession|"
    r"assault|battery|theft|larceny|burglary|robbery|homicide|murder|manslaughter|probation (?:violation|revocation)|"
    r"(?:violation|revocation) of probation|"
    r"arraignment|indictment|sentencing|shoplifting|trafficking|reckless driving|vehicular)\b",
    re.IGNORECASE,
)
"""offences and criminal procedure: a matter whose own text uses them is a criminal case"""
_DIGIT = re.compile(r"\d")
SHORT_NAME_WEIGHT = 3.0
"""the weight of a party's short name read from its keyword's first word ("Acme" of "Acme Freight"): the only
keyword feature of that weight, which is how a score tells one apart (_short_name)"""
_SHORT_NUMBER_DIGITS = 4
"""the fewest digits a matter number's main group keeps without its leading zeros to name the matter alone:
"0152" of 2023-0152 does, "152" does not (a reporter volume, "152 A.3d 201", a docket entry, a page)"""
DECISIVE = frozenset({"number", "docket", "identifier", "caption", "alias", "client-id"})
"""feature kinds that name one matter: a lead built on them is never overturned by context"""
_ITEMS = re.compile(r"[\n;•]|(?:^|\s)\(?\d{1,2}[.)]\s")
"""what separates the items of an event's notes: lines, semicolons, bullets, numbers ("1. ", "(2) ")"""
_NOTES_LIMIT = 2000
_ITEMS_LIMIT = 12
"""an event's notes are read for items this far (a pasted thread costs its length only once)"""


def words(text: str) -> list[str]:
    """Lowercase alphanumeric tokens of text, without accents ("Ibáñez" is ibanez)."""
    return _WORDS.findall(fold(text).lower())


@dataclass(frozen=True, slots=True)
class Feature:
    matter: int
    weight: float
    kind: str
    """number, docket, caption, keyword, client, description, domain, client-id"""
    text: str


@dataclass(frozen=True, slots=True)
class Scores:
    """Evidence for each matter found in one text; best is the chosen matter index or None."""

    by_matter: tuple[tuple[int, float], ...]
    reasons: tuple[tuple[int, str, str], ...]
    """(matter index, feature kind, matched text)"""
    best: int | None
    score: float
    candidates: tuple[int, ...] = ()
    """when no matter was chosen: the matters tied at the top (e.g. two matters of one client)"""
    lean: int | None = None
    """a matter ahead of all others on evidence too thin to choose it alone"""
    siblings: tuple[int, ...] = ()
    """when chosen only by a small lead over other matters of the same client: those matters"""

    def reasons_for(self, matter: int) -> list[tuple[str, str]]:
        return [(kind, text) for index, kind, text in self.reasons if index == matter]


EMPTY = Scores((), (), None, 0.0)


class MatterIndex:
    """Precompiled matchers for one list of matters."""

    def __init__(self, matters: Sequence[Matter], threshold: float = 3.0, margin: float = 1.5) -> None:
        self.matters = tuple(matters)
        self.threshold = threshold
        self.margin = margin
        self.soft_lead = 4.5
        """a lead this small over a matter of the same client (one keyword) can be overturned by context"""
        self.grams: dict[str, list[Feature]] = {}
        self.domains: dict[str, list[Feature]] = {}
        self.client_tokens: dict[str, list[int]] = {}
        self.ids: dict[str, list[Feature]] = {}
        """identifier forms (see id_forms) -> features"""
        self.bates: dict[str, list[Feature]] = {}
        """a party's or client's first word (lower case) -> features: Bates prefixes in file names"""
        self.contacts: dict[str, list[Feature]] = {}
        """contact e-mail addresses (lower case) -> features"""
        self.given_heads: dict[str, set[str]] = {}
        """short names that may be a person's given name, with the surnames they stand for"""
        self.litigation = tuple(_is_litigation(m) for m in self.matters)
        self.coverage = tuple(_is_coverage(m) for m in self.matters)
        self.conveyance = tuple(_is_conveyance(m) for m in self.matters)
        """each matter is a purchase, sale or refinance of a property it names by its street address"""
        self.court = tuple(
            lit or _before_court(m) for m, lit in zip(self.matters, self.litigation, strict=True)
        )
        """each matter is before a court: a suit, a charge, a probate estate, one with a court's case number"""
        self.criminal = tuple(_is_criminal(m) for m in self.matters)
        """each matter is a criminal charge the client defends (the prosecutor is on the other side)"""
        self.signed = tuple(
            conveyance or bool(kinds & _SIGNED_KINDS)
            for conveyance, kinds in zip(self.conveyance, map(kinds_of, map(own_text, self.matters)), strict=True)
        )
        """each matter ends in papers signed before a notary or witnesses: an estate plan, a deal, a conveyance"""
        self.acts = (
            (self.signed, _SIGNING_ACT),
            (self.criminal, _PROSECUTION_ACT),
            (self.coverage, _COVERAGE_ACT),
            (self.litigation, _LITIGATION_ACT),
            (self.court, _COURT_ACT),
            (self.conveyance, _CLOSING_ACT),
        )
        """each sort of matter (a flag per matter) with the acts only a matter of that sort does"""
        self.own_areas = tuple(areas_of(own_text(m)) for m in self.matters)
        """each matter's practice areas from its own text (empty when it names none)"""
        self.areas = self.own_areas if all(self.own_areas) else None
        """own_areas, or None when a matter names none: then no subject belongs to one matter alone (areas.py)"""
        self.held_kinds = tuple(matter_kinds(own_text(m)) for m in self.matters)
        """the kinds whose papers each matter holds: its own and those they include (a divorce's parenting plan)"""
        by_client: dict[Client, list[int]] = {}
        for index, m in enumerate(self.matters):
            by_client.setdefault(m.client, []).append(index)
        self.same_client = tuple(
            tuple(other for other in by_client[m.client] if other != index) for index, m in enumerate(self.matters)
        )
        """each matter's client's other matters"""
        self.client_words = tuple(
            frozenset(w for name in (m.client.name, *m.client.aliases) for w in words(name)) for m in self.matters
        )
        """each matter's client's name words: a keyword among them names the client, not the matter"""
        self.own_number = tuple(
            bool(
                set(words(m.number))
                - self.client_words[index]
                - {w for sibling in self.same_client[index] for w in words(self.matters[sibling].number)}
            )
            for index, m in enumerate(self.matters)
        )
        """whether each matter's number has words of its own: not its client's name, not in the client's other
        matters' numbers ("00180-Skyline" of Skyline Health is the client's number and name)"""
        self.people = _people(self.matters)
        """client name -> (given name, surname) in lower case, for a client who is a person (see _people)"""
        self.given_names = tuple(_given_names(m, self.people.get(m.client.name)) for m in self.matters)
        """each matter's people by surname (lower case) -> their given names: "Forbes, Teresa" -> forbes: teresa"""
        self.client_people = tuple(
            (person[0], person[1], Feature(index, 4.0, "domain", m.client.name))
            for index, m in enumerate(self.matters)
            if (person := self.people.get(m.client.name)) is not None and len(person[1]) >= 3
        )
        """a client who is a person ("Smith, Jordan"): given name, surname and the feature their own address
        at any mail provider earns ("jordan.smith12@outlook.com" writes as the client)"""
        self._named_by: dict[str, set[int]] = {}
        """each word of the matters' own text (description, practice area, keywords) and their clients' names ->
        the matters using it"""
        for index, matter in enumerate(self.matters):
            for word in words(f"{own_text(matter)} {matter.client.name} {' '.join(matter.client.aliases)}"):
                self._named_by.setdefault(word, set()).add(index)
        for index, matter in enumerate(self.matters):
            self._add_matter(index, matter)
        self._share_party_keywords()
        self._share_kind_keywords()
        self._share_numbers()
        self._share_client_keywords()
        self._share_sovereign_captions()
        self._dedupe()
        self._add_bates_prefixes()
        self.prefixes = frozenset(
            " ".join(parts[:n]) for parts in (gram.split() for gram in self.grams) for n in range(1, len(parts))
        )
        """the leading words of every gram of two words or more: a walk along a title's words goes on only
        while what it has read may still grow into a gram"""
        self.id_prefixes = frozenset(form[:n] for form in self.ids for n in range(1, len(form)))
        """the leading characters of every identifier form, likewise for a walk along a title's letter and
        digit groups"""

    def score_event(self, text: str, *fields: str) -> Scores:
        """Evidence in a calendar event's text, the people its fields (summary, notes) name read as people
        (without_namesakes). Each field is read alone: the end of one and the start of the next are no one's
        name."""
        scores = self.without_namesakes(self.score(text), fields, text)
        if scores.best is None or len(fields) < 2:
            return scores
        subject = self.without_namesakes(self.score(fields[0]), fields[:1], fields[0])
        if subject.best is not None:
            # the subject names the event's matter: notes that mention another client's file in passing ("also
            # discuss Lumen's OA") do not move a client's status call to that client
            same = subject.best == scores.best or subject.best in self.same_client[scores.best]
            return scores if same else subject
        # a subject that names no matter, with notes whose items name two clients' files each on its own (an
        # agenda: "1. Lumen OA response 2. Delgado discovery"): the attorney says which, not the weights
        named: dict[str, int] = {}
        for item in _ITEMS.split(fields[1][:_NOTES_LIMIT])[:_ITEMS_LIMIT]:
            found = self.score(item).best if len(item) > 3 else None
            if found is not None:
                named.setdefault(self.matters[found].client.name, found)
        if len(named) < 2:
            return scores
        first, second = list(named.values())[:2]
        return Scores(scores.by_matter, scores.reasons, None, 0.0, tuple(sorted((first, second))))

    def without_namesakes(
        self, scores: Scores, fields: Sequence[str], *texts: str, names_only: bool = False
    ) -> Scores:
        """scores of texts, unless fields name a namesake of the leading matter's people ("Caroline Cardenas"
        where the matter names Tomás Cardenas: the same surname, another given name): then the evidence of
        texts without them. "Caroline Cardenas depo" is no evidence for the suit against Tomás Cardenas; the
        rest of the text decides (as for calls and chats: reading._as_person)."""
        if not scores.by_matter:
            return scores
        given = self.given_names[scores.by_matter[0][0]]
        if not given:
            return scores
        namesakes = {
            (first, surname)
            for field in fields
            for first, surname in _GIVEN_SURNAME.findall(fold(field))
            if (names := given.get(surname_key(surname))) is not None
            and first.lower() not in names
            and first.lower() not in given
            and not {first.lower()} & _NO_GIVEN_NAMES
        }
        if not namesakes:
            return scores
        cleaned = []
        for text in texts:
            folded = fold(text)
            for first, surname in namesakes:
                folded = re.sub(rf"\b{re.escape(first)}\s+(?:[A-Z]\.\s+)?{re.escape(surname)}\b", " ", folded)
            cleaned.append(folded)
        return self.score(*cleaned, names_only=names_only)

    def client_site(self, host: str) -> bool:
        """Whether a web host is a client's own (a domain its people write from, or a subdomain of one): a site a
        default list calls personal (a bank, a retailer) is work when the firm's client is that company."""
        suffix = host.lower()
        while suffix:  # the host, then each domain it is a subdomain of ("~" keys are names, never hosts)
            if suffix in self.domains:
                return True
            suffix = suffix.partition(".")[2]
        return False

    def names_person(self, matter: int, person: str) -> bool:
        """Whether a person a call or chat names may be one the matter's own text names: not when the text
        names someone of the same surname with another given name (Kenji Forbes is not the client "Forbes,
        Teresa", nor Nathan Emerson the beneficiary Alicia Emerson); any Patel of the client "Patel Family"."""
        named = person.split()
        if len(named) < 2:
            return True
        given = self.given_names[matter].get(surname_key(named[-1]))
        return given is None or fold(named[0]).lower().strip(".,") in given

    def _add_bates_prefixes(self) -> None:
        """Each party of a matter (its keywords, captions, aliases) and each client may prefix the Bates
        numbers of what it produces: a prefix that is a client's name names the client only."""
        for index, matter in enumerate(self.matters):
            names = [*matter.keywords, *matter.aliases, matter.description.split(" - ")[0]]
            # a Bates prefix listed with the matter's identifiers, alone ("KESTREL") or in a number or range
            # ("KESTREL0000001-KESTREL0004999"): any page of the production names the matter. Zero-padded, as
            # Bates pages are: a claim number's letters ("CLM2025004417") name no production
            names += [ident for ident in matter.identifiers if ident.isalpha()]
            names += [
                found.group(1)
                for ident in matter.identifiers
                for found in _BATES.finditer(ident.lower())
                if found.group(2).startswith("00")
            ]
            for name in names:
                if any(ch.isdigit() for ch in name):
                    continue  # an identifier's letters ("CLM" of CLM-2024-0095080) name no party
                for word in words(name):
                    if len(word) >= 3 and word not in ENTITY_WORDS and word not in COMMON_WORDS and word.isalpha():
                        if word in self.client_words[index]:
                            targets = (index, *self.same_client[index])
                            kind = "client"
                        else:
                            targets, kind = (index,), "keyword"
                        for target in targets:
                            bucket = self.bates.setdefault(word, [])
                            if all(f.matter != target for f in bucket):
                                bucket.append(Feature(target, 4.0, kind, f"Bates prefix {word.upper()}"))

    def _share_sovereign_captions(self) -> None:
        """'State v. Eriksen' names the client, not one of his cases: a sovereign's caption of one of the
        client's criminal matters counts for each of the client's criminal matters (a case number still
        decides), so a hearing on it asks between his DUI and his other charge instead of guessing."""
        criminal = tuple(
            bool(_CRIMINAL.search(own_text(m))) or self._sovereign_caption(m.description) for m in self.matters
        )
        for gram, features in self.grams.items():
            gram_words = gram.split()
            if len(gram_words) != 3 or gram_words[0] not in _SOVEREIGNS:
                continue
            shared = list(features)
            for feature in features:
                if feature.kind != "caption" or gram_words[2] not in self.client_words[feature.matter]:
                    continue
                for sibling in self.same_client[feature.matter]:
                    if criminal[sibling] and all(f.matter != sibling for f in shared):
                        shared.append(Feature(sibling, feature.weight, "caption", feature.text))
            if len(shared) != len(features):
                self.grams[gram] = shared

    @staticmethod
    def _sovereign_caption(text: str) -> bool:
        found = _CAPTION.match(text.split(" - ")[0].strip())
        return found is not None and bool(set(words(found.group(1))) & _SOVEREIGNS)

    def _share_party_keywords(self) -> None:
        """A keyword one matter lists that is a party in another matter's caption names both: "Pinebrook" of
        the coverage dispute over the Pinebrook policy is the respondent of "Tallgrass v. Pinebrook". Which one
        a title means is for its other words, the work around it or the attorney, not for which matter happened
        to list the name."""
        parties: dict[str, list[int]] = {}
        for index, matter in enumerate(self.matters):
            for part in _caption_parts(matter.description):
                left, right = _caption_sides(part)
                for name in {*left[-1:], *right[:1]}:  # the parties' names as _add_caption reads them
                    parties.setdefault(name, []).append(index)
        for gram, features in self.grams.items():
            named = parties.get(gram)
            if named is None:
                continue
            listed = [f for f in features if f.kind == "keyword"]
            if not listed:
                continue
            weight = max(f.weight for f in listed)
            texts = {other: self.matters[other].description for other in named}
            self._also(gram, features, listed, texts, Feature(-1, weight, "caption", ""))

    def _share_numbers(self) -> None:
        """A matter number's digits alone ("750" of 750-Ploverbridge) that another matter's own words also hold
        ("Purchase of 750 Hill Street") name both: "750 Hill Street - purchase and sale agreement" is the
        purchase's, by its other words."""
        holders: dict[str, list[int]] = {}
        for index, m in enumerate(self.matters):
            for digits in {w for text in (m.description, *m.keywords) for w in words(text) if w.isdigit()}:
                holders.setdefault(digits, []).append(index)
        for gram, features in self.grams.items():
            if not gram.isdigit():
                continue
            numbered = [f for f in features if f.kind == "number"]
            if not numbered:
                continue
            weight = max(f.weight for f in numbered)
            texts = dict.fromkeys(holders.get(gram, ()), gram)
            self._also(gram, features, features, texts, Feature(-1, weight, "description", ""))

    def _share_kind_keywords(self) -> None:
        """A subject keyword or description phrase that names a kind of matter ("custody", "revocable trust")
        names every matter of that kind: the client whose matter lists it and another whose "modification of
        parenting time" is the same kind both have a "Petition for Modification of Custody", and "Lefebvre
        Revocable Trust Agreement" is Lefebvre's estate plan, not the one whose description says "revocable
        trust". Which one is for the title's other words (the client's name), the work around it or the attorney.
        A keyword of one word naming a practice area ("coverage") names every matter of that area likewise,
        even one whose description only mentions the word: the coverage dispute that lists it and another
        client's D&O coverage suit both answer a "Coverage position letter". A kind's term names them by its
        words too: "planning" counted only for the estate plan whose description spells "Estate planning", so
        every client's "Estate planning questionnaire" went to it. A matter's own kinds and areas come from its
        own text without its keywords. A kind's acronym listed in capitals ("TPO") is such a subject too, and a
        matter of the kind that names it more weakly (a description's "Protective order") is raised to the same
        weight (blind family firm, development weeks: +0.4 capture, wrong -0.13, -0.28 after review)."""
        of_kind: dict[str, list[int]] = {}
        for index, m in enumerate(self.matters):
            text = f"{m.description} {m.practice_area}".lower()
            for sort in (*kinds_of(text), *areas_of(text)):  # (a kind is "area/kind": never an area's name)
                of_kind.setdefault(sort, []).append(index)
        for gram, features in self.grams.items():
            listed = [f for f in features if f.kind == "description" or _subject_keyword(f)]
            if not listed:
                continue
            subject = kinds_of(gram)
            have = features
            if not subject and any(f.kind == "keyword" for f in listed) and len(gram.split()) == 1:
                subject = areas_of(gram)
                have = [f for f in features if f.kind == "keyword"]
            if not subject:
                continue
            top = max(listed, key=lambda f: f.weight)
            texts = dict.fromkeys(sorted({other for kind in subject for other in of_kind.get(kind, ())}), gram)
            if any(f.matter in texts and f.weight < top.weight for f in features):
                # a matter of the kind that names it more weakly (its description's "Protective order" beside
                # another's keyword "TPO") is named as strongly: the kind does not tell them apart
                features = self.grams[gram] = [
                    Feature(f.matter, top.weight, f.kind, f.text) if f.matter in texts and f.weight < top.weight else f
                    for f in features
                ]
            self._also(gram, features, have, texts, top)
            for word in gram.split() if " " in gram and is_kind_term(gram) else ():
                # and so do the words of a kind's term: "planning" of "Estate planning" is no more one plan's
                described = [f for f in self.grams.get(word, ()) if f.kind == "description"]
                if described:
                    like = max(described, key=lambda f: f.weight)
                    self._also(word, self.grams[word], self.grams[word], dict.fromkeys(texts, word), like)

    def _also(
        self, gram: str, features: list[Feature], have: Sequence[Feature], texts: dict[int, str], like: Feature
    ) -> None:
        """Adds to gram's features, for each matter in texts that none of have is for, a feature of like's weight
        and kind with that matter's text: the sharing steps above count one gram for several matters."""
        extra = [
            Feature(other, like.weight, like.kind, text)
            for other, text in texts.items()
            if all(f.matter != other for f in have)
        ]
        if extra:
            self.grams[gram] = [*features, *extra]

    def _set_apart(self, matter: int) -> bool:
        """Whether the client's name, listed as matter's keyword, leans to it: when matter's practice areas are its
        own among its client's matters, or another of them lists the name too (their leans weigh against each
        other, as before). The firm that lists "Northwind" on Northwind's licence review beside its employment
        matter means the licence; one that lists "Summit Ridge" on one of three Summit Ridge leases says nothing
        of which lease a guaranty is, and the name alone decided it. Blind generator, development seeds 11-25:
        wrong -0.85 points (-0.61 after a reviewed week), capture -0.4 (-0.5); the other firms unchanged, where
        keeping no lean at all cost the sample firm 1.5 points of capture."""
        own = self.own_areas[matter]
        if own and all(not own & self.own_areas[sibling] for sibling in self.same_client[matter]):
            return True
        name = self.client_words[matter]
        return any(
            set(words(keyword)) <= name
            for sibling in self.same_client[matter]
            for keyword in self.matters[sibling].keywords
        )

    def _share_client_keywords(self) -> None:
        """A keyword that is the client's own name ("Kestrel" on one of Kestrel's matters) names the client:
        it counts for all of the client's matters, and the one that lists it keeps only a lean (it breaks a
        tie, any word of a sibling matter's own beats it)."""
        for gram, features in self.grams.items():
            if not any(feature.kind == "keyword" for feature in features):
                continue  # (most grams: nothing to share)
            gram_words = set(gram.split())
            shared: list[Feature] = []
            for feature in features:
                if feature.kind == "keyword" and gram_words <= self.client_words[feature.matter]:
                    # the matter that lists it keeps a lean (it breaks a tie), never a decisive lead; a word of a
                    # longer keyword ("Castillo" of "Castillo Trust") is the client's name and no more
                    whole = set(words(feature.text)) <= self.client_words[feature.matter]
                    lean = self.margin if whole and self._set_apart(feature.matter) else 0.0
                    client = Feature(feature.matter, feature.weight + lean, "client", feature.text)
                    shared.append(client)
                    shared += [
                        Feature(sibling, feature.weight, "client", feature.text)
                        for sibling in self.same_client[feature.matter]
                    ]
                else:
                    shared.append(feature)
            if len(shared) != len(features) or any(a is not b for a, b in zip(shared, features, strict=False)):
                self.grams[gram] = shared

    # -- building -------------------------------------------------------------------------------
    def _add(self, gram_words: Sequence[str], feature: Feature) -> None:
        if not gram_words:
            return
        gram = " ".join(gram_words)
        self.grams.setdefault(gram, []).append(feature)
        if feature.kind in ("description", "keyword"):
            # a subject in its other names too (terms.py), as a subject: "FTO" is a name, "freedom to operate"
            # in a research question is what it is about (topical)
            for variant in other_names(gram_words):
                named = " ".join(variant)
                self.grams.setdefault(named, []).append(Feature(feature.matter, feature.weight, feature.kind, named))

    def _add_id(self, text: str, feature: Feature) -> None:
        if is_identifier(text):
            self._add_forms(id_forms(text), feature)

    def _add_forms(self, forms: tuple[str, ...], feature: Feature) -> None:
        for form in forms:
            bucket = self.ids.setdefault(form, [])
            if all(f.matter != feature.matter for f in bucket):
                bucket.append(feature)

    def _add_matter(self, index: int, matter: Matter) -> None:
        number_words = words(matter.number)
        self._add(number_words, Feature(index, 10.0, "number", matter.number))
        self._add_forms(number_forms(matter.number), Feature(index, 10.0, "number", matter.number))
        for identifier in matter.identifiers:
            feature = Feature(index, 10.0, "identifier", identifier)
            self._add(words(identifier), feature)
            self._add_id(identifier, feature)
        for alias in matter.aliases:
            alias_words = [w for w in words(alias) if w not in ENTITY_WORDS]
            if alias_words and (len(alias_words) >= 2 or len(alias_words[0]) >= 4):
                self._add(alias_words, Feature(index, 8.0, "alias", alias))
        for contact in matter.contacts:  # a hint, not proof: an adjuster or client contact works on many matters
            if "@" in contact:
                self.contacts.setdefault(contact.strip().lower(), []).append(
                    Feature(index, 2.5, "contact", contact.strip())
                )
            else:
                person = [w for w in words(contact) if w not in ENTITY_WORDS]
                if len(person) >= 2:
                    self._add(person, Feature(index, 2.5, "contact", contact.strip()))
        digit_runs = [w for w in number_words if w.isdigit() and len(w) >= 3]
        if digit_runs:
            main = max(reversed(digit_runs), key=len)
            weight = 2.0 if YEARS.match(main) else 6.0
            self._add([main], Feature(index, weight, "number", main))
            if main.lstrip("0") != main and len(main.lstrip("0")) >= _SHORT_NUMBER_DIGITS:
                self._add([main.lstrip("0")], Feature(index, weight, "number", main))
        client = matter.client
        surname = self.people.get(client.name, ("", ""))[1]
        for name in (client.name, *client.aliases):
            significant = [w for w in words(name) if w not in ENTITY_WORDS]
            if len(significant) >= 2:
                self._add(significant, Feature(index, 4.0, "client", name))
                self._add(significant[:2], Feature(index, 3.5, "client", name))
            if significant:
                # the word that names the client alone: a company's first, a person's surname ("Kristin Novak"
                # is named "Novak" as "Novak, Kristin" is)
                first = surname if surname and len(significant) >= 2 and significant[-1] == surname else significant[0]
                weight = 1.0 if first in COMMON_WORDS or len(first) < 3 else 3.0
                self._add([first], Feature(index, weight, "client", name))
                self.client_tokens.setdefault(first, []).append(index)
                # a firm that writes a client first name first titles her papers so too ("Health Care POA - Noor")
                given = 3.0 if name == client.name and first == surname != significant[0] else 1.5
                for other in significant:
                    if other != first and len(other) >= 3:
                        self._add([other], Feature(index, given if other == significant[0] else 1.5, "client", name))
            for domain in client.email_domains:
                self.domains.setdefault(domain.lower().lstrip("@"), []).append(
                    Feature(index, 5.0, "domain", domain)
                )
            if significant:
                self.domains.setdefault("~" + "".join(significant), []).append(
                    Feature(index, 4.0, "domain", name)
                )
                if len(significant[0]) >= 4 and significant[0] not in COMMON_WORDS:
                    self.domains.setdefault("~~" + significant[0], []).append(
                        Feature(index, 3.0, "domain", name)
                    )
        for keyword in matter.keywords:
            kw = words(keyword)
            if not kw:
                continue
            if any(ch.isdigit() for ch in keyword) and (len(kw) >= 2 or is_identifier(keyword)):
                self._add(kw, Feature(index, 10.0, "docket", keyword))
                self._add_id(keyword, Feature(index, 10.0, "docket", keyword))
            elif len(kw) >= 2 and keyword != keyword.lower() and all(w in COMMON_WORDS or w in STOP_WORDS for w in kw):
                # "Estate of" written like a name: words every matter of its kind uses, no party's (a subject in
                # lower case, "lease" or "revocable trust", is the firm's own word for the matter and stays one)
                self._add(kw, Feature(index, 1.5, "description", keyword))
            else:
                feature = Feature(index, 4.0, "keyword", keyword)
                self._add(kw, feature)
                if len(kw) >= 2 and keyword == keyword.lower():  # a subject: "maintenance fees" is "maintenance fee"
                    other = _number_of(kw[-1])
                    if other:
                        self._add([*kw[:-1], other], feature)
                elif keyword == keyword.lower() and (other := _number_of(kw[0])):
                    # a one-word subject in its other number ("policy rollout" for "policies") is a word of the
                    # matter's description, no more: it tells the client's matters apart, it decides nothing alone
                    self._add([other], Feature(index, 1.5, "description", other))
                head = kw[0]
                if (
                    len(kw) >= 2
                    and keyword.strip()[:1].isupper()
                    and len(head) >= 4
                    and head.isalpha()
                    and head not in ENTITY_WORDS
                    and head not in COMMON_WORDS
                    and head not in STOP_WORDS
                ):  # a party's short name: "Acme" for "Acme Freight"
                    self._add([head], Feature(index, SHORT_NAME_WEIGHT, "keyword", keyword))
                    parts = keyword.split()
                    if len(parts) == 2 and all(_is_name_word(part) for part in parts):
                        # maybe a person's given name: "Olivia" of "Olivia Valdés" is not Olivia Montgomery
                        self.given_heads.setdefault(head, set()).add(words(parts[1])[0])
            self._add_caption(index, keyword)
        self._add_description(index, matter.description)

    def _add_caption(self, index: int, text: str) -> None:
        left, right = _caption_sides(text)
        if left and right:
            a = left[-1]
            # a party named in full is cited by surname too: "State v. Jamal Abernathy" is "State v. Abernathy"
            last = right[-1] if len(right) > 1 and right[-1].isalpha() and len(right[-1]) >= 3 else right[0]
            for b in dict.fromkeys((right[0], last)):
                for joiner in ("v", "vs", "versus", "adv"):
                    self._add([a, joiner, b], Feature(index, 8.0, "caption", text.strip()))
                self._add([b, "adv", a], Feature(index, 8.0, "caption", text.strip()))
        for found_re in _IN_RE.finditer(text):
            name = words(found_re.group(1))
            if name and name[0] not in ENTITY_WORDS:
                self._add(["re", name[0]], Feature(index, 6.0, "caption", found_re.group(0)))
                self._add(["of", name[0]], Feature(index, 6.0, "caption", found_re.group(0)))

    def _add_parties(self, index: int, text: str) -> None:
        """The parties of a caption that are not the client ("Meridian" of the client's "Everly v. Meridian"), as
        a listed party keyword is: a paper named after the other side ("Responses to Meridian First RFPs") is that
        suit's, as a matter list that writes only captions has no keywords to say so. Each party of a side ("Hannah
        Zhang and Meridian") on its own; a company by its first word, a person by the whole name ("Hannah" alone
        only leans: it is every Hannah's). A party named by words any title uses ("State", "United", "People") names
        nothing, nor one another matter's own text or client names (the insurer in "Granite Peak v. Vantage" is the
        client's coverage matter's "(Vantage)" too)."""
        found = _CAPTION.match(text.strip())
        if found is None or not all(self._apart(index, other) for other in self.same_client[index]):
            return  # (the client's other matter may be against the same party: a spouse's divorce and TPO)
        client = self.matters[index].client
        own = {w for name in (client.name, *client.aliases) for w in words(name)}
        listed = {w for keyword in self.matters[index].keywords for w in words(keyword)}
        for side in (found.group(1), found.group(2)):
            side = re.sub(r"\([^)]*\)", "", side).split(" - ")[0].strip()
            for party in _PARTIES.split(side):
                said = words(party)
                named = [w for w in said if w not in ENTITY_WORDS]
                if not named or own & set(named) or set(named) <= listed:
                    continue  # the client's own side, or a party its keywords already list
                if any(self._named_by.get(w, set()) - {index} for w in named):
                    continue  # a party another matter names too: no one's
                company = len(named) < len(said) or len(named) == 1
                head = named[0]
                if len(head) >= 4 and head.isalpha() and not _said(head) and head not in PROCEDURE_WORDS:
                    # a word that may be a person's given name ("Hannah" of "Hannah Zhang") only leans
                    weight = SHORT_NAME_WEIGHT if company else 1.5
                    self._add([head], Feature(index, weight, "keyword" if company else "description", party.strip()))
                if len(named) >= 2:
                    self._add(named, Feature(index, 4.0, "keyword", party.strip()))

    def _apart(self, index: int, other: int) -> bool:
        """Whether the client's other matter is against someone else than a party of index's caption: it names
        its own adversary in a caption, or it is of a practice area of its own (the client's coverage matter
        beside its suit; a spouse's divorce beside her protective order is not)."""
        if any(_CAPTION.match(part.strip()) for part in _caption_parts(self.matters[other].description)):
            return True
        theirs = self.own_areas[other]
        return bool(theirs) and not theirs & self.own_areas[index]

    def _add_description(self, index: int, description: str) -> None:
        if not description.strip():
            return
        for part in _caption_parts(description):
            self._add_caption(index, part)
            self._add_parties(index, part)
        whole = words(description)
        if len(whole) >= 2:
            self._add(whole, Feature(index, 5.0, "description", description))
        for part in _SPLIT_PHRASES.split(description):
            part_words = words(part)
            if len(part_words) >= 2 and not is_term(part_words):  # a term alone is a word (below)
                self._add(part_words, Feature(index, 3.0, "description", part.strip()))
        for unit in set(units(whole)):
            word = " ".join(unit)
            if len(word) >= 4 and word not in STOP_WORDS and word not in PROCEDURE_WORDS and not word.isdigit():
                self._add(unit, Feature(index, 1.5, "description", word))
        for acronym in set(_ACRONYM.findall(description)):
            short = words(acronym)
            if short and len(short[0]) < 4 and short[0] not in ENTITY_WORDS and short[0] not in STOP_WORDS:
                self._add(short, Feature(index, 1.5, "description", acronym))  # IP, FTO, LOI, H-1B

    def _dedupe(self) -> None:
        """One feature per (gram, matter): the heaviest; description words shared by matters go."""
        for gram, features in list(self.grams.items()):
            if len(features) == 1:
                continue  # its own heaviest, its weight its total
            best: dict[int, Feature] = {}
            total: dict[int, float] = {}
            for feature in features:
                current = best.get(feature.matter)
                if current is None or feature.weight > current.weight:
                    best[feature.matter] = feature
                if feature.kind in ("keyword", "client") and len(gram.split()) == 1:
                    total[feature.matter] = total.get(feature.matter, 0.0) + feature.weight
            kept = list(best.values())
            if len(kept) > 1 and all(f.kind == "description" and f.weight < 3 for f in kept):
                del self.grams[gram]
                continue
            merged = [
                Feature(f.matter, max(f.weight, total.get(f.matter, 0.0)), f.kind, f.text) for f in kept
            ]
            self.grams[gram] = sorted(merged, key=lambda f: f.matter)

    # -- scoring --------------------------------------------------------------------------------
    def score(self, *texts: str, names_only: bool = False) -> Scores:
        """Evidence for each matter in texts (a window title, a URL, a calendar summary...). names_only
        leaves out what a matter shares with a subject (its description's words, a lowercase keyword such
        as "coverage"): a research question names a subject, and only names, numbers and client IDs tie it
        to one matter."""
        if not self.matters:
            return EMPTY
        totals: dict[int, float] = {}
        seen: set[tuple[int, str]] = set()
        reasons: list[tuple[int, str, str]] = []

        def credit(feature: Feature, gram: str, weight: float | None = None, kind: str | None = None) -> None:
            if names_only and kind is None and _topical(feature):
                return
            key = (feature.matter, "id " + feature.text if kind is None and feature.kind in _ID_KINDS else gram)
            if key in seen:
                return
            seen.add(key)
            totals[feature.matter] = totals.get(feature.matter, 0.0) + (weight or feature.weight)
            reasons.append((feature.matter, kind or feature.kind, feature.text))

        grams = self.grams
        prefixes = self.prefixes
        for text in texts:
            if not text:
                continue
            text = fold(text)
            lowered = text.lower()
            # an address names a person, not a matter: its domain and listed contacts count (below), the
            # words of its local part do not ("j.collins@..." is no party named Collins)
            tokens = _WORDS.findall(ADDRESS.sub(" ", lowered) if "@" in lowered else lowered)
            count = len(tokens)
            cased: list[str] | None = None
            for i in range(count):
                gram = tokens[i]
                n = 1
                while True:
                    features = grams.get(gram)
                    if features:
                        if n == 1 and gram in self.given_heads and i + 1 < count:
                            if cased is None:
                                cased = _CASED.findall(text) if "@" not in lowered else []
                            named = len(cased) == count and _is_name_word(cased[i]) and _is_name_word(cased[i + 1])
                            after = tokens[i + 1]
                            if named and after not in self.given_heads[gram] and not _said(after):
                                # "Olivia Montgomery" is someone else than the "Olivia Valdés" a matter lists
                                features = [f for f in features if not _short_name(f, gram)]
                        for feature in features:
                            credit(feature, gram)
                    if i + n >= count or gram not in prefixes:
                        break
                    gram = f"{gram} {tokens[i + n]}"
                    n += 1
            if self.ids:
                for feature, form in self._id_hits(lowered):
                    credit(feature, "id " + form)
            for token in tokens:
                if len(token) > 4 and not token.isdigit() and not token.isalpha():
                    for part in _MIXED.findall(token):
                        if part != token and len(part) >= 4 and part.isalpha():
                            for feature in grams.get(part, ()):
                                credit(feature, part)
            if self.bates:
                for found in _BATES.finditer(lowered):
                    for feature in self.bates.get(found.group(1), ()):
                        credit(feature, "bates " + found.group(1))
            if "client" in lowered:
                for found in _CLIENT_ID.finditer(lowered):
                    value = words(found.group(1))
                    for n in range(len(value), 0, -1):
                        features = grams.get(" ".join(value[:n]))
                        useful = [
                            f for f in features or () if f.kind in ("number", "docket", "client", "keyword")
                        ]
                        if useful:
                            for feature in useful:
                                credit(feature, "client-id " + " ".join(value[:n]), 10.0, "client-id")
                            break
            if "@" in lowered:
                for found in ADDRESS.finditer(lowered):
                    for feature in self.contacts.get(found.group(0), ()):
                        credit(feature, "contact " + found.group(0))
                    for feature in self._domain_features(found.group(1)):
                        credit(feature, "domain " + found.group(1))
                    if self.client_people:
                        letters = re.sub(r"[^a-z]", "", found.group(0).partition("@")[0])
                        for given, surname, feature in self.client_people:
                            if surname in letters and given in letters:
                                credit(feature, "address " + found.group(0))
        return self._decide(totals, reasons, texts)

    def by_subject(self, scores: Scores, text: str) -> Scores:
        """scores, or a lean to the one matter of the practice area text's subject is in when text names no
        matter at all (see areas.py): thin evidence, never a decision on its own."""
        if scores.by_matter or scores.candidates:
            return scores
        sole = sole_matter(text, self.areas)
        return scores if sole is None else Scores((), (), None, 0.0, lean=sole)

    def research_subject(self, text: str) -> int | None:
        """The one matter a research question is about by its subject alone: the one matter of the question's
        practice area, when every matter names its own (areas.py)."""
        return sole_matter(text, self.areas)

    def kind_against(self, matter: int, text: str) -> tuple[int, ...] | None:
        """The matters of the kind text names (areas._KINDS), when matter names a kind of its own and not that
        one, and some matter is of it: "Petition for Record Restriction" is no custody modification's paper,
        whatever the work around it; else, the same for practice areas ("Officer certificate", corporate, is
        no H-1B petition's paper: main-street development weeks). None when nothing says otherwise (text names
        no kind or area, matter names none or the same, or no matter is of it)."""
        own = self.held_kinds[matter]
        subject = kinds_of(text) if own else frozenset()
        if subject and not own & subject:
            fits = tuple(index for index, kinds in enumerate(self.held_kinds) if kinds & subject)
            return fits or None
        # of another practice area altogether: an officer's certificate is no immigration petition's paper
        areas = self.own_areas[matter]
        subject = areas_of(text) if areas else frozenset()
        if not subject or areas & subject:
            return None
        fits = tuple(index for index, kinds in enumerate(self.own_areas) if kinds & subject)
        return fits or None

    def _id_hits(self, lowered: str) -> list[tuple[Feature, str]]:
        """Identifiers in text in any spelling: runs of its letter and digit groups joined, with and
        without leading zeros, compared with the matters' identifiers."""
        if lowered.isascii() and _DIGIT.search(lowered) is None:
            return []  # no group of digits (most titles), told without splitting them
        parts = ID_PARTS.findall(lowered)
        count = len(parts)
        digits = [part[0].isdigit() for part in parts]
        if not any(digits):
            return []
        stripped = [part.lstrip("0") or "0" if digit else part for part, digit in zip(parts, digits, strict=True)]
        ids = self.ids
        growing = self.id_prefixes
        spans: list[tuple[int, int, Feature, str]] = []
        for i in range(count):
            if not (digits[i] or (i + 1 < count and digits[i + 1]) or (i + 2 < count and digits[i + 2])):
                continue
            raw = zero = ""
            for j in range(i, count):
                raw += parts[j]
                zero += stripped[j]
                found = ids.get(raw)
                if found:
                    spans.extend((i, j, feature, raw) for feature in found)
                if zero != raw:
                    found = ids.get(zero)
                    if found:
                        spans.extend((i, j, feature, zero) for feature in found)
                if raw not in growing and zero not in growing:
                    break
        if not spans:
            return []
        dates = date_parts(lowered)
        return [
            (feature, form)
            for i, j, feature, form in spans
            if not _inside_another(i, j, feature, spans)
            and not (dates and _spelled_by_a_date(parts, i, j, feature, dates))
        ]

    def score_domain(self, domain: str) -> Scores:
        """Evidence from one e-mail domain alone."""
        totals: dict[int, float] = {}
        reasons: list[tuple[int, str, str]] = []
        for feature in self._domain_features(domain.lower()):
            totals[feature.matter] = totals.get(feature.matter, 0.0) + feature.weight
            reasons.append((feature.matter, feature.kind, feature.text))
        return self._decide(totals, reasons)

    def _domain_features(self, domain: str) -> list[Feature]:
        direct = self.domains.get(domain)
        if direct:
            return direct
        labels = [label for label in domain.split(".") if label not in ("www", "mail", "email")]
        if len(labels) < 2:
            return []
        registered = labels[-2] if labels[-2] not in ("co", "com", "org", "net", "gov", "ac") else labels[0]
        found = self.domains.get("~" + registered)
        if found:
            return found
        for token, features in self.domains.items():
            if token.startswith("~~") and token[2:] in registered:
                return features
        return []

    def _decisive(self, reasons: Sequence[tuple[int, str, str]], matter: int) -> set[str]:
        """The texts of a matter's evidence that name it and not merely its client: numbers, identifiers,
        captions, aliases, contacts, keywords and description phrases. A keyword that is the client's own
        name, alone or with the word of an entity the client forms ("Patel Trust" listed on the family trust's
        administration: the revocable trust the estate plan funds is as much the Patel trust), or one word of
        a description, is not, unless the word names the matter's area ("coverage" of "Quarry Hill - insurance
        coverage" against the client's code-named project: the call about coverage asked between the two)."""
        named = self.client_words[matter] | ENTITY_WORDS  # the client's name and its entities' words
        found: set[str] = set()
        for index, kind, text in reasons:
            if index != matter:
                continue
            phrase = kind == "description" and (" " in text.strip() or bool(areas_of(text)))
            own_keyword = kind == "keyword" and not set(words(text)) <= named
            if kind in DECISIVE or phrase or own_keyword:
                found.add(text.lower())
        return found

    def _decide(
        self, totals: dict[int, float], reasons: list[tuple[int, str, str]], texts: Sequence[str] = ()
    ) -> Scores:
        if not totals:
            return EMPTY
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        best, top = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        numbered = self._numbered_sibling(best, reasons)
        if numbered is not None:
            return Scores(tuple(ranked), tuple(reasons), numbered, totals[numbered])
        if top >= self.threshold and top - runner >= self.margin:
            covering = self._coverage_of(best, texts)  # a coverage act on the suit: the coverage file
            if covering is not None:
                return Scores(tuple(ranked), tuple(reasons), covering, top)
            close = tuple(
                index
                for index in self.same_client[best]
                if top - totals.get(index, 0.0) < self.soft_lead
            )
            if close:
                own = self._decisive(reasons, best)
                close = tuple(index for index in close if not own - self._decisive(reasons, index))
            if close:
                kind = self._kind_among((best, *close), reasons, texts)
                if kind == best:
                    close = ()  # its act is this matter's kind (a policy analysis of the coverage matter): firm
                elif kind is not None and self._act_of(kind, texts):
                    others = tuple(index for index in (best, *close) if index != kind)
                    return Scores(tuple(ranked), tuple(reasons), kind, totals.get(kind, 0.0), siblings=others)
                elif not own and self._kind_against(best, texts):  # only the client's name leans to it
                    asked = tuple(sorted((best, *close)))
                    return Scores(tuple(ranked), tuple(reasons), None, 0.0, asked)
            return Scores(tuple(ranked), tuple(reasons), best, top, siblings=close)
        tied: tuple[int, ...] = ()
        if top >= self.threshold:
            tied = tuple(sorted(index for index, value in ranked if top - value < self.margin))
            party = self._party_among(tied, reasons)
            if party is None:
                party = self._kind_among(tied, reasons, texts, ranked)
            if party is not None:
                return Scores(tuple(ranked), tuple(reasons), party, totals[party])
        lean = best if top - runner >= self.margin else None
        return Scores(tuple(ranked), tuple(reasons), None, 0.0, tied, lean)

    def _numbered_sibling(self, best: int, reasons: Sequence[tuple[int, str, str]]) -> int | None:
        """The one matter whose whole number a text holds, when another of the client's matters outscores it on
        words the two share: "CL465/23 Harborview v. Alder & Finch (DTSA)" is the folder of the TRO matter
        CL465/23, though its words are the exact caption of the client's earlier suit CL465/03. The firm's
        number for a matter is its own; a caption or a description, a related suit's too."""
        if not self.same_client[best]:
            return None
        numbered = {index for index, kind, text in reasons if kind == "number" and text == self.matters[index].number}
        if len(numbered) != 1:
            return None
        (found,) = numbered
        if found == best or found not in self.same_client[best]:
            return None
        # "00180 Skyline Health - RFI response" names the client Skyline Health, not its matter "00180-Skyline"
        return found if self.own_number[found] else None

    def _party_among(self, tied: Sequence[int], reasons: Sequence[tuple[int, str, str]]) -> int | None:
        """Of a client's matters tied on a text, the one a party's name decides: a person or company only it
        names ("Falk" of "Mariner adv. Matthew Falk") is more than a subject another shares ("handbook" of
        its handbook matter: Falk's handbook acknowledgment is evidence in his charge)."""
        if not self._one_clients(tied):
            return None
        parties = {
            index
            for index, kind, text in reasons
            if index in tied
            and kind in ("keyword", "caption", "alias")
            and text != text.lower()
            and not set(words(text)) <= self.client_words[index]
        }
        if len(parties) != 1:
            return None
        (party,) = parties
        others_own = any(self._decisive(reasons, index) for index in tied if index != party)
        return party if others_own else None

    def _coverage_of(self, suit: int, texts: Sequence[str]) -> int | None:
        """The insurer's one coverage matter on a suit's insured, when a text naming the suit is a coverage act
        ("Santos Complaint (tendered)", "Santos - reservation of rights"): the complaint as tendered to the
        carrier is the coverage file's, not the defence's. The insured is the party both matters name."""
        if self.coverage[suit] or not any(self.coverage[other] for other in self.same_client[suit]):
            return None
        lowered = [text.lower() for text in texts if text]
        if not any(_COVERAGE_ACT.search(text) for text in lowered):
            return None
        client = self.client_words[suit]
        parties = {k.lower() for k in self.matters[suit].keywords if not set(words(k)) <= client}
        found = [
            other
            for other in self.same_client[suit]
            if self.coverage[other] and parties & {k.lower() for k in self.matters[other].keywords}
        ]
        return found[0] if len(found) == 1 else None

    def _kind_against(self, lean: int, texts: Sequence[str]) -> bool:
        """Whether texts name a kind of matter that lean, the matter only the client's name leans them to, is not
        ("Whitaker Child Support Worksheet" and the protective order that lists the surname): the lean is no
        evidence."""
        own = self.held_kinds[lean]
        subject = kinds_of(" ".join(text.lower() for text in texts if text))
        return bool(own) and bool(subject) and not own & subject

    def _act_of(self, matter: int, texts: Sequence[str]) -> bool:
        """Whether texts name an act only a matter of matter's sort does: a tender or reservation of rights of a
        coverage matter, a deposition or discovery of a suit, the closing of a purchase or sale."""
        lowered = [text.lower() for text in texts if text]
        return any(sort[matter] and any(act.search(text) for text in lowered) for sort, act in self.acts)

    def _one_clients(self, tied: Sequence[int]) -> bool:
        """Whether tied is two or more matters of one client."""
        return len(tied) >= 2 and all(index in self.same_client[tied[0]] for index in tied[1:])

    def _kind_among(
        self,
        tied: Sequence[int],
        reasons: Sequence[tuple[int, str, str]],
        texts: Sequence[str],
        ranked: Sequence[tuple[int, float]] = (),
    ) -> int | None:
        """Of a client's matters tied on a text that names only the client, the one kind of matter the text's
        act belongs to, when exactly one of them is of that kind: "Palisade Staffing - witness interviews" is
        its charge, not its handbook project (litigation); "Redwater tender letter" is the insurer's coverage
        opinion on Redwater, not its defence of Redwater (coverage); "Court - Brennan estate" at the probate
        court is the estate in administration, not his estate plan (before a court); "Call w/ ADA McAllister"
        with the client is the charge the prosecutor brings, not the client's expunction petition (prosecution:
        blind family firm, development weeks +0.3 capture, one week +7.1); "Schultz signing (bring notary)" is
        the estate plan executed, not the probate estate (signing: blind estates firm +0.5); else the one matter
        whose practice area the subject is in, when each of them names its own (areas.py: "Northwind - OWBPA
        release" is its employee's separation, not its software licence), and of two in one area the one of
        the subject's kind ("Ravenwell certificate of good standing" is its annual compliance, not its board
        minutes: main-street development weeks +1.2 capture, wrong +0.01). The act is evidence, not a prior: a
        client's bare name still asks. An act chooses only the one of the client's matters of its sort among
        tied and those near them (ranked: every matter's score; the client's others within soft_lead of the top):
        a plea between a felony and a record restriction tied on the surname is no one's when the client's DUI
        case, a point behind, is before a court too."""
        if not self._one_clients(tied):
            return None
        own = [self._decisive(reasons, index) for index in tied]
        if any(words != own[0] for words in own[1:]):
            return None  # one of them is named by words of its own: the act does not overrule them
        top = ranked[0][1] if ranked else 0.0
        client = self.same_client[tied[0]]
        near = [
            index for index, value in ranked if index not in tied and index in client and top - value < self.soft_lead
        ]
        lowered = [text.lower() for text in texts if text]
        chosen: set[int] = set()
        for kinds, act in self.acts:
            of_kind = [index for index in (*tied, *near) if kinds[index]]
            if len(of_kind) == 1 and of_kind[0] in tied and any(act.search(text) for text in lowered):
                chosen.add(of_kind[0])
        if not chosen and all(self.own_areas[index] for index in tied):
            joined = " ".join(lowered)
            named = kinds_of(joined)
            # a kind's term is its area's too: a financial affidavit is family law
            subject = areas_of(joined) | {kind.partition("/")[0] for kind in named}
            fits = [index for index in tied if self.own_areas[index] & subject]
            if len(fits) > 1:
                # of two matters of the area, the one of the subject's kind: a certificate of good standing is the
                # annual compliance matter's, not the board minutes'
                kind = one_kind(named, [(index, self.held_kinds[index]) for index in fits])
                fits = [kind] if kind is not None else fits
            if len(fits) == 1:
                chosen.add(fits[0])  # the subject is in one of the client's matters' practice area alone
        return chosen.pop() if len(chosen) == 1 else None


_LITIGATION_ACT = re.compile(
    r"\b(?:depositions?|depo|discovery|interrogator(?:y|ies)|requests? for (?:production|admissions?)|subpoenas?"
    r"|witness interviews?|mediation|mediator|position statement|summary judgment|motions? to (?:compel|dismiss)"
    r"|trial prep(?:aration)?|pre-?trial|case evaluation|settlement (?:authority|conference)|expert disclosures?"
    r"|pleadings?)\b"
)
"""acts only a litigation (or agency charge) matter has: a call or document of a client that names one is that
client's litigation matter when it has exactly one. "Settlement" alone is not one (a closing's settlement
statement), nor "claim" (an insurer's claims are not all suits)."""


_COURT_ACT = re.compile(
    r"\b(?:courthouse|courtroom|(?:probate|superior|district|circuit|county|family|municipal) court|hearing|"
    r"arraignment|trial|calendar call|status conference|sentencing|pleas?)\b"
)
"""acts in court: a client's matter that is before a court has them, one that is not (an estate plan) does not
(blind estates firm, development seeds: a probate hearing asked between the estate and the heir's own estate
plan; +1.0 point of capture, unchanged elsewhere). A "Court Opinion" read in research is no act in court."""
_BEFORE_COURT = re.compile(
    r"\b(?:probate|estate of|administration|guardianship|conservatorship|court|state v|people v|commonwealth v)\b"
)


def _before_court(matter: Matter) -> bool:
    """A matter before a court: a probate estate or guardianship, a criminal case, or one whose keywords or
    identifiers hold a court's case number (digits and letters: 49D08-2504-EU-001997)."""
    text = own_text(matter)
    if _BEFORE_COURT.search(text) or _CRIMINAL.search(text):
        return True
    return any(
        is_identifier(text) and any(ch.isalpha() for ch in text) for text in (*matter.keywords, *matter.identifiers)
    )


_PARTIES = re.compile(r"\s+(?:and|&)\s+|,\s+(?!(?:inc|llc|l\.?p|corp|co|ltd)\b)", re.IGNORECASE)
"""where one party of a caption's side ends and the next begins ("Hannah Zhang and Meridian"; "Acme, Inc." is one)"""
_SIGNING_ACT = re.compile(r"\b(?:signing(?: ceremony)?|execution (?:meeting|ceremony)|notary|notari[sz]ed)\b")
_SIGNED_KINDS = frozenset({"estate/planning", "corporate/transaction"})
"""a signing with a notary or witnesses ("Schultz signing (bring notary)") executes an estate plan, a deal or a
conveyance: not the same client's trust administration or probate estate"""
_PROSECUTION_ACT = re.compile(
    r"\b(?:(?:call|w/|with|to|from|meeting|conference)\s+(?:the\s+)?a\.?d\.?a|prosecutors?|"
    r"(?:assistant )?district attorney|state'?s attorney|assistant solicitor|solicitor[- ]general|"
    r"plea (?:offer|deal|agreement|negotiations?)|bond (?:hearing|motion|reduction)|arraignment|"
    r"(?:state|people|commonwealth|united states) v)\b"
)
"""dealings with the prosecution (a call with the ADA, a plea offer, a bond motion, an arraignment, a hearing in
"State v. Vasquez"): a criminal charge's, not the same client's expunction petition or divorce. "ADA" only as a
person called or written to: an "ADA accommodation" is the Americans with Disabilities Act's."""
_CAPTIONED_CHARGE = re.compile(r"^(?:state|people|commonwealth|united states)(?: of [a-z ]+)? v\.? ")


def _is_criminal(matter: Matter) -> bool:
    """A criminal charge: its own text names an offence or criminal procedure, or its caption is the
    state's against the client ("State v. Eriksen")."""
    return bool(_CRIMINAL.search(own_text(matter)) or _CAPTIONED_CHARGE.match(matter.description.lower()))


_COVERAGE_ACT = re.compile(
    r"\b(?:tender(?:ed)?|tender letter|reservation of rights|coverage (?:position|analysis|letter|determination)"
    r"|policy analysis|disclaimer of coverage|declination|declaratory (?:judgment|relief))\b"
)
"""acts of an insurer's coverage matter (whether a policy covers a claim), as against its defence of the insured
in the suit itself: the claim tendered to the carrier, a reservation of rights, a coverage position"""


_CONVEYANCE = re.compile(r"\b(?:purchase|sale|refinanc\w*)\b")
_STREET_NUMBER = re.compile(r"\b\d{1,5}\s+(?:[nsew]\.?\s+)?[a-z]{3,}")
_CLOSING_ACT = re.compile(r"\bclosing\b(?!\s+arguments?)")
"""the closing of a conveyance (its prep, checklist, the closing itself at the title company), not a trial's
closing argument"""


def _is_conveyance(matter: Matter) -> bool:
    """A purchase, sale or refinance of a property the description names by its street address ("Purchase of
    547 High Avenue", "Underwood - purchase of 1032 Cedar Ln, Unit 3A"): its closing is that matter's act."""
    text = matter.description.lower()
    return _CONVEYANCE.search(text) is not None and _STREET_NUMBER.search(text) is not None


def _is_coverage(matter: Matter) -> bool:
    """An insurance coverage matter: its description or keywords say coverage (a coverage opinion, a
    declaratory judgment action on a policy)."""
    text = own_text(matter)
    return "coverage" in text or "declaratory" in text


def _caption_parts(description: str) -> list[str]:
    """The parts of a description that may hold a caption: its head ("Tallgrass v. Pinebrook - coverage"), and
    a case named further on, after a dash or in brackets: the subpoena matter "Third-party subpoena - Granite
    Peak v. Tallgrass", the response "Driftwood - response to subpoena (Granite Peak v. Quarry Hill)"."""
    head, *rest = description.split(" - ")
    return [head, *rest, *_BRACKETED.findall(description)]


_BRACKETED = re.compile(r"\(([^()]+)\)")


def _subject_keyword(feature: Feature) -> bool:
    """Whether a feature is a keyword naming a subject, not a party: written in lower case ("custody"), or a
    kind's term in capitals ("TPO", "DUI": every protective order is one, whichever client's lists it)."""
    if feature.kind != "keyword":
        return False
    text = feature.text
    return text == text.lower() or (text.isupper() and is_kind_term(text.lower()))


def _caption_sides(text: str) -> tuple[list[str], list[str]]:
    """The words of a caption's two sides ("Tallgrass v. Pinebrook"), entity words left out; none when text is
    no caption."""
    found = _CAPTION.match(text.strip())
    if found is None:
        return [], []
    return (
        [w for w in words(found.group(1)) if w not in ENTITY_WORDS],
        [w for w in words(found.group(2)) if w not in ENTITY_WORDS],
    )


_NO_GIVEN_NAMES = ENTITY_WORDS | COMMON_WORDS | STOP_WORDS | DOCUMENT_WORDS | EVENT_WORDS
"""words that start a "First Last" of a title or an event but are no one's given name ("Prep Cardenas")"""
_SURNAME = r"[A-Z](?:[a-z]*['’]?[A-Z])?[a-z]+(?:-[A-Z][a-z]+)?"
"""a surname as a title writes it: Cardenas, O'Connor, McDonald, MacLeod, D’Angelo, Núñez-Reyes (folded)"""
_COUPLE = re.compile(rf"\b([A-Z][a-z]+)\s+(?:and|&)\s+([A-Z][a-z]+)\s+({_SURNAME})\b")
"""two people of one surname ("Yuki and Meredith Eriksen"): both given names are the surname's"""
_GIVEN_SURNAME = re.compile(rf"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?({_SURNAME})\b")
_SURNAME_GIVEN = re.compile(r"^\s*([^\W\d_][^\W\d_'’-]*),\s+([^\W\d_]+)\b")


def _said(word: str) -> bool:
    """Whether word is one of the words titles use (no one's surname): a document's, an entity's, any text's."""
    return word in DOCUMENT_WORDS or word in COMMON_WORDS or word in STOP_WORDS or word in ENTITY_WORDS


def _short_name(feature: Feature, gram: str) -> bool:
    """Whether feature is a party's short name read from gram ("Acme" for "Acme Freight")."""
    return feature.kind == "keyword" and feature.weight == SHORT_NAME_WEIGHT and feature.text.lower() != gram


def _is_name_word(word: str) -> bool:
    """A capitalised word of letters alone, in any script ("Valdés", "Nguyễn", "O'Connor" is not one)."""
    return word.isalpha() and word[:1].isupper() and word[1:].islower()


def _people(matters: Sequence[Matter]) -> dict[str, tuple[str, str]]:
    """Clients who are people, by client name: (given name, surname) in lower case. Written "Last, First"
    ("Ibáñez, Michael", "Osei, Aisha and Fatima"), or "First Last" when the client's matters name the last word
    and never the first ("Kristin Novak" of "00539-Novak", "Custody modification - Novak"): a company is named by
    its first word ("Northwind Traders" of "1002-Northwind"), a person by the surname."""
    own: dict[str, set[str]] = {}
    for matter in matters:
        said = own.setdefault(matter.client.name, set())
        for text in (matter.number, matter.description, *matter.keywords):
            said.update(words(text))
    found: dict[str, tuple[str, str]] = {}
    for name, said in own.items():
        pair = _SURNAME_GIVEN.match(name)
        if pair is not None:
            surname, given = surname_key(pair.group(1)), fold(pair.group(2)).lower()
            if pair.group(1)[:1].isupper() and given not in ENTITY_WORDS and surname not in ENTITY_WORDS:
                found[name] = (given, surname)
            continue
        parts = name.split()
        if not 2 <= len(parts) <= 3 or not all(_name_like(part) for part in (parts[0], parts[-1])):
            continue
        given, surname = fold(parts[0]).lower(), surname_key(parts[-1])
        if any(word in ENTITY_WORDS or word in COMMON_WORDS for word in words(name)):
            continue
        if set(words(parts[-1])) <= said and given not in said:  # "O'Connor" is said as o, connor
            found[name] = (given, surname)
    return found


def surname_key(word: str) -> str:
    """How a surname is looked up: without accents, in lower case, one apostrophe ("O’Connor" is o'connor)."""
    return fold(word).lower().replace("’", "'").strip(".,;:")


def _name_like(word: str) -> bool:
    """A capitalised name of letters, an apostrophe or a hyphen allowed ("O'Connor", "Núñez-Reyes")."""
    return word[:1].isupper() and word.replace("'", "").replace("’", "").replace("-", "").isalpha()


def _given_names(matter: Matter, person: tuple[str, str] | None = None) -> dict[str, frozenset[str]]:
    """The people a matter's own text names, by surname: its client who is a person (see _people), and any
    "First Last" of its description, keywords, aliases and contacts (entity and common words are no given
    names)."""
    found: dict[str, set[str]] = {}
    if person is not None:
        found.setdefault(person[1], set()).add(person[0])
    for name in matter.client.aliases:
        pair = _SURNAME_GIVEN.match(fold(name))
        if pair is not None:
            found.setdefault(surname_key(pair.group(1)), set()).add(pair.group(2).lower())
    couple = _COUPLE.search(fold(matter.client.name))  # "Yuki and Meredith Eriksen": both are Eriksens
    if couple is not None:
        for given in couple.group(1, 2):
            found.setdefault(surname_key(couple.group(3)), set()).add(given.lower())
    for text in (matter.description, *matter.keywords, *matter.aliases, *matter.contacts):
        for given, surname in _GIVEN_SURNAME.findall(_COUPLE.sub(r"\1 \3 and \2 \3", fold(text))):
            first = given.lower()
            if first in ENTITY_WORDS or first in COMMON_WORDS or first in STOP_WORDS:
                continue
            found.setdefault(surname_key(surname), set()).add(first)
    return {surname: frozenset(given) for surname, given in found.items()}


def _spelled_by_a_date(parts: Sequence[str], i: int, j: int, feature: Feature, dates: frozenset[int]) -> bool:
    """Whether the groups i..j read as an identifier are (in part) a calendar date and the identifier is not
    written that way: "2026-01-12" is no matter 2026-0112, "Scan_20251203" no matter 2025-1203."""
    return any(k in dates for k in range(i, j + 1)) and ID_PARTS.findall(feature.text.casefold()) != list(
        parts[i : j + 1]
    )


def _inside_another(i: int, j: int, feature: Feature, spans: Sequence[tuple[int, int, Feature, str]]) -> bool:
    """Whether another matter's identifier was read from more of the same letters and digits: in
    "LAU-00103USC1 Request" the continuation's number is there, not its parent's LAU-00103US (known also
    without its letter suffix), so the longest reading wins."""
    return any(
        a <= i and j <= b and (a, b) != (i, j) and other.matter != feature.matter for a, b, other, _ in spans
    )


def _number_of(word: str) -> str:
    """The other grammatical number of an English noun (fees/fee, minute/minutes), "" when unsure."""
    if len(word) < 4 or not word.isalpha():
        return ""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ss", "us", "is")):
        return ""
    if word.endswith("s"):
        return word[:-1]
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _topical(feature: Feature) -> bool:
    """A feature that names a subject, not a party or a matter: description words, a lowercase keyword."""
    return feature.kind == "description" or (feature.kind == "keyword" and feature.text == feature.text.lower())


_ID_KINDS = frozenset({"number", "docket", "identifier"})
"""kinds credited once per identifier, however many spellings of it a text holds"""


def _is_litigation(matter: Matter) -> bool:
    """A litigation matter: a caption, a docket number or litigation words in its fields."""
    text = own_text(matter)
    if _CAPTION.match(matter.description.split(" - ")[0].strip()):
        return True
    if re.search(r"\d+:\d{2}-[a-z]{2,4}-\d+|\bcv\b|\bcase no", text):
        return True
    return any(
        word in text
        for word in (
            "litigation",
            "lawsuit",
            "dispute",
            "personal injury",
            "complaint",
            "arbitration",
            "appeal",
            "defense",
            "plaintiff",
            "defendant",
            "wrongful",
            "claim",
            "tort",
            "breach",
        )
    )
