"""The law's other names for one thing: a matter described as an "Expunction petition" is the one a
"Petition for Record Restriction" or an "expungement" e-mail is about, as states name the same remedy
differently; "TPO" is a temporary protective order; a divorce is a dissolution of marriage; "Kestrel arb" is the
Kestrel arbitration and "MTD" the motion to dismiss, as litigators write subjects; a PCT application's national
phase is its national stage.

Matching adds each of a matter's description and keyword phrases in its other names too (matching.py), so a
subject names every matter that is about it, in whatever words each was described: two matters of one kind,
described in different words, then tie instead of the one whose wording happens to match taking the work.

The vocabulary is the law's own (remedies, proceedings, papers and their usual abbreviations), not any firm's
names. Blind generator, development weeks: "national phase" for "national stage" wrong -0.55 points at the IP
firm; "arb" +0.5 capture at the litigation firm (one week +10.8). "RLT" as a revocable or living trust was left
out: an estates firm's clients each have one, and the estates firm lost 1.2 points of capture to the ties.
Abbreviations of two letters ("PV", "OA") are left out: too many other things are spelled that way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

_CLASSES: tuple[tuple[str, ...], ...] = (
    ("expungement", "expunction", "expunge", "record restriction", "record sealing", "sealing of records"),
    ("dui", "dwi", "owi", "ovi", "driving under the influence", "driving while intoxicated"),
    ("tpo", "temporary protective order", "protective order", "restraining order", "order of protection"),
    ("tro", "temporary restraining order"),
    ("divorce", "dissolution of marriage"),
    ("custody modification", "modification of custody", "modify custody"),
    ("probation violation", "violation of probation", "vop"),
    ("gal", "guardian ad litem"),
    ("poa", "power of attorney"),
    ("nda", "non disclosure agreement", "nondisclosure agreement", "confidentiality agreement"),
    ("snda", "subordination non disturbance and attornment", "subordination nondisturbance and attornment"),
    ("fto", "freedom to operate"),
    ("national phase", "national stage"),
    ("arb", "arbitration"),
    ("depo", "deposition"),
    ("rogs", "interrogatories"),
    ("rfp", "request for production", "requests for production"),
    ("rfa", "request for admission", "requests for admission"),
    ("mtd", "motion to dismiss"),
    ("mtc", "motion to compel"),
    ("lit hold", "litigation hold"),
    ("prelim injunction", "preliminary injunction"),
    ("osc", "order to show cause"),
    ("cmc", "case management conference"),
    ("opp", "opposition"),
    ("isr", "international search report"),
    ("loi", "letter of intent"),
    ("ilit", "irrevocable life insurance trust"),
    ("snt", "special needs trust", "supplemental needs trust"),
    ("dpoa", "durable power of attorney"),
    ("rfe", "request for evidence"),
    ("noid", "notice of intent to deny"),
    ("ids", "information disclosure statement"),
    ("rce", "request for continued examination"),
    ("ipr", "inter partes review"),
    ("msj", "motion for summary judgment"),
    ("ror", "reservation of rights"),
    ("ime", "independent medical examination"),
    ("qdro", "qualified domestic relations order"),
)

_NAMES: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
for _names in _CLASSES:
    _split = tuple(tuple(name.split()) for name in _names)
    for _name in _split:
        _NAMES[_name] = tuple(other for other in _split if other != _name)
_LONGEST = max(len(name) for name in _NAMES)


def is_term(gram: Sequence[str]) -> bool:
    """Whether gram (lower-case words) is one term, whatever its number of words ("record restriction")."""
    return tuple(gram) in _NAMES


def units(text_words: Sequence[str]) -> list[tuple[str, ...]]:
    """text_words as its words and terms: a term of several words is one unit ("record restriction" is one
    subject, not the words "record" and "restriction")."""
    found: list[tuple[str, ...]] = []
    count = len(text_words)
    i = 0
    while i < count:
        for n in range(min(_LONGEST, count - i), 1, -1):
            if tuple(text_words[i : i + n]) in _NAMES:
                found.append(tuple(text_words[i : i + n]))
                i += n
                break
        else:
            found.append((text_words[i],))
            i += 1
    return found


def other_names(gram: Sequence[str]) -> Iterator[list[str]]:
    """gram (lower-case words) with one of its terms in each of the term's other names, left to right."""
    count = len(gram)
    for i in range(count):
        for n in range(min(_LONGEST, count - i), 0, -1):
            others = _NAMES.get(tuple(gram[i : i + n]))
            if others:
                for other in others:
                    yield [*gram[:i], *other, *gram[i + n :]]
                break
