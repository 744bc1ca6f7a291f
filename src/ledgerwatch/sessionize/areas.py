"""Practice areas: what a document or a message is about, as a lean toward the one matter of that kind.

A solo attorney or a small general practice often has one open matter per area of law: one injury case, one
estate plan, one lease. A document named only by its subject ("Expert disclosure - accident reconstruction",
"Your medical bills", "Vendor security questionnaire") then leans to the one matter of that area. Only a lean:
thin evidence that needs the same matter's work nearby before it bills anything (propagation.apply_context),
and only where every open matter's own text names its area (a matter nobody can place, say "Project
Halyard - confidential", could be the one the subject is about).

The vocabulary is the law's own (areas of practice, their common terms and the doctrines a research question
names: "spousal maintenance", "hostile work environment", "res ipsa loquitur"), not any firm's names. Coverage
doctrines ("duty to defend", "late notice") are left out: an insurer's defence files raise them as often as its
coverage file does (insurance-defense development weeks: research went to the one coverage matter, wrong).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ledgerwatch.domain import Matter

_AREAS: dict[str, str] = {
    "injury": (
        "personal injury|bodily injury|accident|collision|negligence|negligent|medical bills|medical records|"
        "medical specials|treating physician|independent medical|pain and suffering|lost wages|premises liability|"
        "slip and fall|trip and fall|motor vehicle|motor carrier|trucking|wrongful death|accident reconstruction|"
        "police report|products? liability|dram shop|dog bite|construction defect|toxic tort|"
        "med(?:ical)? mal(?:practice)?|comparative (?:negligence|fault)|contributory negligence|res ipsa loquitur|"
        "proximate cause|loss of consortium|collateral source|mode of operation|storm in progress|ongoing storm|"
        "notice of (?:the )?defect|constructive notice|transitory condition|joint tortfeasors?|negligent entrustment|"
        "negligence per se|sudden emergency|recreational use|economic loss doctrine|statute of repose"
    ),
    "estate": (
        "estate plan|estate planning|trusts and estates|probate|revocable trust|living trust|certification of "
        "trust|trustee|pour-over will|last will|codicil|executor|power of attorney|advance directive|health care "
        "proxy|guardianship|intestate|family trust|trust\\W+administration|spendthrift|rule against perpetuities|"
        "trust code|elective share|testamentary capacity|generation[- ]skipping|estate tax|gift tax|"
        "beneficiary designation|trust formalities|trust funding|probate code"
    ),
    "lease": (
        "lease|landlord|tenant|percentage rent|base rent|cam reconciliation|common area maintenance|"
        "estoppel certificate|sublease|tenant improvements?|security deposit|leasing|rent|rental|eviction|holdover"
    ),
    "employment": (
        "employment|employee|separation agreement|severance|release of claims|owbpa|adea|eeoc|discrimination|"
        "retaliation|harassment|wrongful termination|handbook|flsa|overtime|wage and hour|non-?compete|"
        "personnel file|title vii|hostile work environment|reasonable accommodation|interactive process|"
        "americans with disabilities|fmla|family and medical leave|whistleblower|at[- ]will|constructive discharge|"
        "disparate (?:treatment|impact)|misclassification|restrictive covenants?|non[- ]?solicitation|non[- ]compete|"
        "wrongful discharge|labor code|waiting time penalt(?:y|ies)|nlrb|nlra|unfair labor practice|"
        "collective bargaining|equal pay|paid time off|leave polic(?:y|ies)"
    ),
    "contract": (
        "license agreement|software license|saas|master services agreement|statement of work|limitation of "
        "liability|service level|vendor|security questionnaire|data processing agreement|non-disclosure|"
        "subscription agreement|end user license|commercial contracts?|technology transactions|auto-?renewal|"
        "automatic renewal|force majeure|liquidated damages|consequential damages|parol evidence|breach of contract"
    ),
    "corporate": (
        "board minutes|board of directors|bylaws|written consent|shareholders?|stockholders?|annual report|"
        "officer certificate|incumbency|articles of incorporation|certificate of good standing|cap table|"
        "registered agent|annual compliance|corporate|m&a|mergers?|acquisitions?|operating agreement|llc agreement|"
        "venture|preferred (?:stock|financing)|annual minutes|entity formation|business judgment rule|veil piercing|"
        "piercing the corporate veil|consent without (?:a )?meeting|officers?(?:'s?)? certificate|"
        "secretary(?:'s)? certificate|stock ledger|d&o questionnaire|directors?(?:'s?)? questionnaire"
    ),
    "realty": (
        "purchase and sale|deed|title commitment|title insurance|survey|mortgage|escrow|settlement statement|"
        "quiet title|easement|zoning|real estate|real property|conveyancing|land use|adverse possession|lis pendens|"
        "1031 exchange|(?:mortgage|financing) contingency"
    ),
    "immigration": (
        "h-1b|i-129|i-140|i-485|i-797|uscis|visa|green card|labor condition application|perm labor|"
        "naturalization|removal defense|asylum|adjustment of status|immigration|perm|specialty occupation|"
        "prevailing wage|rfe|request for evidence|particular social group|cancellation of removal|"
        "exceptional hardship|itinerary requirement"
    ),
    "patent": (
        "patent|prior art|office action|uspto|information disclosure statement|continuation|provisional "
        "application|notice of allowance|issue fee|freedom[- ]to[- ]operate|infringement|invalidity|appl\\. no|"
        "u\\.?s\\.? appl|pct|national phase|foreign filing|anticipation|obviousness|written description|enablement|"
        "indefiniteness|claim construction|means[- ]plus[- ]function|prosecution history estoppel|"
        "doctrine of equivalents|inter partes review|ptab|terminal disclaimer|double patenting|restriction requirement|"
        "election of species|patent eligib\\w*|35 u\\.?s\\.?c|inventive concept|secondary considerations|"
        "motivation to combine|teaching away|genus claims?|functional claiming"
    ),
    "trademark": "trademark|service mark|specimen of use|tsdr|teas|ttab|likelihood of confusion",
    "family": (
        "divorce|dissolution of marriage|custody|child support|alimony|spousal support|parenting plan|"
        "prenuptial|marital|family law|tpo|protective order|restraining order|spousal maintenance|pendente lite|"
        "equitable distribution|visitation|parenting time|guardian ad litem|paternity|domestic violence|qdro|"
        "support guidelines"
    ),
    "criminal": (
        "criminal|dui|dwi|misdemeanor|felony|arraignment|indictment|expunction|expungement|record restriction|"
        "plea (?:agreement|offer|deal)|probation violation|motion to suppress|state v|fourth amendment|"
        "search and seizure|miranda|probable cause|speedy trial|sentencing|implied consent|field sobriety"
    ),
    "coverage": (
        "coverage opinion|coverage|reservation of rights|declaratory judgment|policy limits|declarations page|"
        "tender of defense|disclaimer of coverage"
    ),
}
_PATTERNS = {area: re.compile(r"\b(?:" + terms + r")\b") for area, terms in _AREAS.items()}
"""each area's terms, matched in lower-cased text (IGNORECASE made every search five times slower)"""
_ANY_AREA = re.compile(r"\b(?:" + "|".join(_AREAS.values()) + r")\b")
"""one search that finds whether text names any area at all (most texts name none)"""

_KINDS: dict[str, str] = {
    "corporate/compliance": (
        "annual report|annual compliance|good standing|registered agent|franchise tax|statement of information|"
        "beneficial ownership|annual (?:filing|registration)"
    ),
    "corporate/governance": (
        "board minutes|meeting minutes|minutes|bylaws|written consent|resolutions?|board meeting|"
        "(?:share|stock)holder meeting"
    ),
    "corporate/transaction": (
        "m&a|mergers?|acquisitions?|stock purchase|asset purchase|disclosure schedules?|due diligence|term sheet|"
        "preferred stock"
    ),
    "employment/separation": "separation agreement|severance|release of claims|general release|owbpa|adea",
    "employment/charge": "eeoc|charge of discrimination|position statement|right to sue",
    "employment/policy": "handbook|leave policy|pto policy|remote work policy|code of conduct",
    "employment/wage": "flsa|overtime|wage and hour|exempt classification|misclassification|wage audit",
    "patent/opinion": "freedom[- ]to[- ]operate|fto|design[- ]arounds?|infringement|invalidity|clearance opinion",
    "patent/prosecution": (
        "office action|restriction requirement|request for continued examination|rce|information disclosure "
        "statement|notice of allowance|issue fee|examiner interview|final rejection"
    ),
    "estate/planning": (
        "estate plan|estate planning|revocable trust|living trust|pour-over wills?|last will|codicil|powers? of "
        "attorney|advance directive|health care proxy|(?<!sub)(?<!sub[- ])trust funding"
    ),
    "estate/administration": (
        "probate|estate of|executor|letters (?:testamentary|of administration)|independent administration|"
        "estate administration|trust\\W+administration|sub[- ]?trusts?|inventory|creditors?'? claims?|heirship|final accounting|"
        "notice to heirs"
    ),
    "criminal/dui": "dui|dwi|implied consent|breath test|field sobriety|als hearing",
    "criminal/record": "record restriction|expunction|expungement|record sealing",
    "family/custody": "custody|parenting plan|parenting time|child support|visitation|gal report|guardian ad litem",
    "family/divorce": (
        "divorce|dissolution of marriage|alimony|spousal support|equitable distribution|pendente lite|"
        "financial affidavit"
    ),
    "family/protection": "tpo|protective order|restraining order|family violence",
}
"""kinds of matter within an area: what tells one client's two matters of one area apart by a document's
subject (a company's annual compliance and its board minutes are both corporate; its certificate of good
standing is the compliance matter's, its bylaws the board's). For documents and messages, not research: a
question of law ("board written consent without meeting") serves either."""
_KIND_PATTERNS = {kind: re.compile(r"\b(?:" + terms + r")\b") for kind, terms in _KINDS.items()}
_ANY_KIND = re.compile(r"\b(?:" + "|".join(_KINDS.values()) + r")\b")


def areas_of(text: str) -> frozenset[str]:
    """The practice areas whose terms text uses."""
    text = text.lower()
    if not _ANY_AREA.search(text):
        return frozenset()
    return frozenset(area for area, pattern in _PATTERNS.items() if pattern.search(text))


def kinds_of(text: str) -> frozenset[str]:
    """The kinds of matter (_KINDS) whose terms text uses."""
    text = text.lower()
    if not _ANY_KIND.search(text):
        return frozenset()
    return frozenset(kind for kind, pattern in _KIND_PATTERNS.items() if pattern.search(text))


_INCLUDES = {"family/divorce": frozenset({"family/custody"})}
"""kinds of matter whose papers another kind's matter holds too: a divorce with children settles a parenting plan
and child support as a custody modification does (a divorce's "Parenting Plan - Hernández" went to the same
client's custody petition on its kind). A held kind keeps a paper from being called another matter's
(MatterIndex.kind_against: blind family firm, development seeds 11-25, capture +1.0 point, wrong -0.4) and, in
choosing among a client's matters, a custody paper of a client with a divorce and a custody modification asks
between them ("Custody hearing - Novak"; a child support worksheet is still the divorce's, not the client's
protective order's): choosing the modification on the kind's name was wrong as often as right (the same weeks,
stop 55: capture +0.6, wrong -0.8, after review +1.0 and -0.8; other firms unchanged)."""


def matter_kinds(text: str) -> frozenset[str]:
    """The kinds a matter's own text names (kinds_of) and the kinds whose papers those kinds hold (_INCLUDES)."""
    kinds = kinds_of(text)
    for kind in kinds & _INCLUDES.keys():
        kinds |= _INCLUDES[kind]
    return kinds


def is_kind_term(text: str) -> bool:
    """Whether text (lower case) is one of the kinds' terms and nothing more ("estate planning")."""
    return _ANY_KIND.fullmatch(text) is not None


def one_kind(subject: frozenset[str], candidates: Sequence[tuple[int, frozenset[str]]]) -> int | None:
    """Of candidates (index, its kinds), each of one area, the one of subject's kind, if exactly one is and every
    candidate names its kind (one that names none could be of any)."""
    if not subject or not all(own for _, own in candidates):
        return None
    fits = [index for index, own in candidates if own & subject]
    return fits[0] if len(fits) == 1 else None


def own_text(matter: Matter) -> str:
    """A matter's own words about what it is, in lower case: its description, practice area and keywords."""
    return " ".join((matter.description, matter.practice_area, *matter.keywords)).lower()


def sole_matter(text: str, areas: tuple[frozenset[str], ...] | None) -> int | None:
    """The one matter whose areas text's subject is in, if exactly one is."""
    if areas is None:
        return None
    subject = areas_of(text)
    if not subject:
        return None
    fits = [index for index, own in enumerate(areas) if own & subject]
    return fits[0] if len(fits) == 1 else None
