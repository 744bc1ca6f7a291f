"""Matter numbers and case identifiers: their canonical form (as the matter list has it) and the other
spellings that window titles and file names really show (punctuation dropped, leading zeros lost ...)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

# ------------------------------------------------------------------ client-matter numbers

NUMBER_STYLES = ("cm-4-2", "year-seq", "alpha-dot", "num-name", "c5-m4", "letter")


@dataclass(frozen=True)
class NumberStyle:
    """A firm's client-matter numbering: how numbers are made and how people retype them."""

    name: str
    base: int  # the first client number (or the year)
    letter: str = "A"

    def make(self, client_idx: int, matter_idx: int, client_word: str) -> str:
        c = self.base + client_idx * 7 + (client_idx * client_idx) % 5
        if self.name == "cm-4-2":
            return f"{c:04d}-{matter_idx + 1:02d}"
        if self.name == "year-seq":
            return f"{self.base}-{(client_idx * 37 + matter_idx * 11 + 101) % 900 + 40:04d}"
        if self.name == "alpha-dot":
            return f"{client_word[:5].upper()}.{matter_idx + 1 + client_idx % 3 * 2:04d}"
        if self.name == "num-name":
            return f"{c % 1000:05d}-{client_word}"
        if self.name == "c5-m4":
            return f"{c * 3 % 90000 + 10000:05d}.{matter_idx + 1:04d}"
        return f"{self.letter}{c % 9000 + 1000:04d}-{matter_idx + 1:03d}"

    def variants(self, number: str) -> list[str]:
        """Other spellings of the number as typed into file names, subjects and folder names."""
        if self.name == "cm-4-2":
            c, m = number.split("-")
            return [f"{c}.{m}", f"{c}{m}", f"{c}-{int(m)}", f"{c}/{m}", f"{c} {m}"]
        if self.name == "year-seq":
            y, s = number.split("-")
            return [f"{y[2:]}-{s}", f"{y}.{s}", f"{y}{s}", f"{y}-{int(s)}", f"{y[2:]}{s}"]
        if self.name == "alpha-dot":
            a, s = number.split(".")
            return [f"{a}-{s}", f"{a}.{int(s)}", f"{a} {s}", f"{a.lower()}.{s}", f"{a}{s}"]
        if self.name == "num-name":
            n, name = number.split("-", 1)
            return [f"{int(n)}-{name}", n, f"{int(n)} {name}", f"{n} - {name}", f"{n}{name[:3].upper()}"]
        if self.name == "c5-m4":
            c, m = number.split(".")
            return [f"{c}-{m}", f"{c}.{int(m)}", f"{c}{m}", f"{c}/{m}", f"{c}-{int(m)}"]
        c, m = number.split("-")
        return [f"{c}.{m}", f"{c}{m}", f"{c}-{int(m)}", f"{c.lower()}-{m}", f"{c} {m}"]


def number_style(rng: random.Random, allowed: tuple[str, ...] = NUMBER_STYLES) -> NumberStyle:
    name = rng.choice(allowed)
    base = {"year-seq": rng.choice([2023, 2024, 2025])}.get(name, rng.randint(1000, 8800))
    return NumberStyle(name, base, rng.choice("ABCDEFGHKLMPRST"))


# ------------------------------------------------------------------ case identifiers


@dataclass(frozen=True)
class Ident:
    """A case identifier: kind, the canonical form (matter list keywords) and title spellings."""

    kind: str
    canonical: str
    spellings: tuple[str, ...]


def federal_docket(rng: random.Random, year: int) -> Ident:
    div = rng.choice([1, 1, 2, 3, 3, 4])
    n = rng.randint(120, 9800)
    judge = "".join(rng.choice("ABCDEFGHJKLMNPRSTVW") for _ in range(rng.choice([2, 3])))
    yy = year % 100
    canon = f"{div}:{yy}-cv-{n:05d}"
    sp = (
        f"{div}-{yy}-cv-{n}",
        f"{div}{yy}cv{n:05d}",
        f"{div}:{yy}cv{n}",
        f"{div}_{yy}-cv-{n:05d}",
        f"{yy}-cv-{n}",
        f"{canon}-{judge}",
    )
    return Ident("federal", canon, sp)


STATE_DOCKETS: dict[str, Callable[[random.Random, int], Ident]] = {}


def _state(
    code: str,
) -> Callable[[Callable[[random.Random, int], Ident]], Callable[[random.Random, int], Ident]]:
    def deco(fn: Callable[[random.Random, int], Ident]) -> Callable[[random.Random, int], Ident]:
        STATE_DOCKETS[code] = fn
        return fn

    return deco


@_state("CT")
def _ct(rng: random.Random, year: int) -> Ident:
    court = rng.choice(["HHD", "NNH", "FST", "DBD", "NWH", "KNL", "UWY"])
    n = rng.randint(6000100, 6099999)
    yy = year % 100
    canon = f"{court}-CV{yy}-{n}-S"
    return Ident("state", canon, (f"{court}CV{yy}{n}S", f"{court} CV{yy} {n} S", f"{court}-CV-{yy}-{n}-S"))


@_state("NY")
def _ny(rng: random.Random, year: int) -> Ident:
    n = rng.randint(150000, 169999)
    canon = f"{n}/{year}"
    return Ident("state", canon, (f"{n}-{year}", f"{n}{year}", f"Index {n}-{year % 100}", f"{n}_{year}"))


@_state("NJ")
def _nj(rng: random.Random, year: int) -> Ident:
    county = rng.choice(["MID", "BER", "ESX", "MON", "HUD", "CAM", "MRS"])
    n = rng.randint(100, 9999)
    yy = year % 100
    canon = f"{county}-L-{n:06d}-{yy}"
    return Ident("state", canon, (f"{county}L{n:06d}{yy}", f"{county} L {n}-{yy}", f"{county}-L-{n}-{yy}"))


@_state("FL")
def _fl(rng: random.Random, year: int) -> Ident:
    n = rng.randint(100, 29999)
    canon = f"{year}-CA-{n:06d}"
    return Ident("state", canon, (f"{year}CA{n:06d}", f"{year % 100}-CA-{n}", f"{year}-CA-{n}"))


@_state("TX")
def _tx(rng: random.Random, year: int) -> Ident:
    court = rng.choice(["DC", "CC", "CV"])
    n = rng.randint(100, 19999)
    yy = year % 100
    canon = f"{court}-{yy}-{n:05d}"
    return Ident("state", canon, (f"{court}{yy}{n:05d}", f"{court}-{yy}-{n}", f"{court}{yy}-{n}"))


@_state("IL")
def _il(rng: random.Random, year: int) -> Ident:
    n = rng.randint(100, 12999)
    canon = f"{year}L{n:06d}"
    return Ident("state", canon, (f"{year} L {n:06d}", f"{year}-L-{n}", f"{year % 100}L{n}"))


def claim_number(rng: random.Random, fmt: str) -> Ident:
    """An insurer's claim number in the insurer's own format (fmt chosen once per insurer)."""
    year = rng.choice([2023, 2024, 2025])
    if fmt == "dash":
        canon = f"{rng.randint(1, 9):02d}-{rng.randint(100000, 999999)}"
        a, b = canon.split("-")
        sp = (f"{a}{b}", f"{int(a)}-{b}", f"Clm {a}{b}")
    elif fmt == "clm":
        canon = f"CLM-{year}-{rng.randint(1, 99999):07d}"
        _, y, n = canon.split("-")
        sp = (f"CLM{y}{n}", f"{y}-{n}", f"{y}{int(n)}")
    elif fmt == "letters":
        pre = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        canon = f"{pre}{year % 100}-{rng.randint(100000, 999999)}"
        a, b = canon.split("-")
        sp = (f"{a}{b}", f"{a} {b}", f"{pre}-{year % 100}-{b}")
    else:  # long
        canon = f"{rng.randint(1000000, 9999999)}-{rng.randint(1, 9):02d}"
        a, b = canon.split("-")
        sp = (a, f"{a}{b}", f"{a}.{b}")
    return Ident("claim", canon, sp)


CLAIM_FORMATS = ("dash", "clm", "letters", "long")


def patent_application(rng: random.Random) -> Ident:
    series = rng.choice([17, 18, 18, 19])
    n = rng.randint(100000, 999999)
    canon = f"{series}/{n // 1000:03d},{n % 1000:03d}"
    return Ident("patent_app", canon, (f"{series}{n}", f"{series}/{n}", f"{series}-{n}", f"US {series}/{n}"))


def eeoc_charge(rng: random.Random, year: int) -> Ident:
    office = rng.choice([520, 523, 530, 440, 846, 570])
    n = rng.randint(100, 9999)
    canon = f"{office}-{year}-{n:05d}"
    return Ident(
        "eeoc", canon, (f"{office}{year}{n:05d}", f"{office}-{year}-{n}", f"{office} {year} {n:05d}")
    )


def a_number(rng: random.Random) -> Ident:
    n = rng.randint(100000000, 249999999)
    s = f"{n:09d}"
    canon = f"A{s[:3]}-{s[3:6]}-{s[6:]}"
    return Ident("a_number", canon, (f"A{s}", f"A {s[:3]} {s[3:6]} {s[6:]}", s, f"A-{s}"))


def receipt_number(rng: random.Random) -> Ident:
    center = rng.choice(["IOE", "IOE", "WAC", "EAC", "LIN", "SRC", "MSC"])
    n = (
        rng.randint(90000000, 99999999)
        if center == "IOE"
        else rng.randint(2400000000 // 10, 2599999999 // 10)
    )
    digits = f"{n:010d}"
    canon = f"{center}{digits}"
    return Ident(
        "receipt", canon, (f"{center}-{digits[:3]}-{digits[3:6]}-{digits[6:]}", f"{center} {digits}", digits)
    )


def prior_art(rng: random.Random) -> tuple[str, str, str]:
    """A prior-art reference: (citation form, file-name form, Google Patents id)."""
    if rng.random() < 0.55:
        y, n = rng.choice([2018, 2019, 2020, 2021, 2022, 2023]), rng.randint(100000, 399999)
        cite = f"US {y}/{n:07d} A1"
        pid = f"US{y}{n:07d}A1"
    else:
        n = rng.randint(9500000, 11999999)
        cite = f"US {n:,} B2"
        pid = f"US{n}B2"
    return cite, pid + ".pdf", pid


def bates_prefix(party: str) -> str:
    core = "".join(ch for ch in party.split()[0].upper() if ch.isalpha())
    return core[:10]


def dms_number(rng: random.Random, style: str) -> str:
    """A document number in the firm's DMS: iManage (7 digits) or NetDocuments (4-4-4)."""
    if style == "netdocs":
        return f"{rng.randint(4800, 4899)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return str(rng.randint(1000000, 9999999))
