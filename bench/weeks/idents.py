"""Identifiers and the other ways people and programs spell them.

Every maker returns an `Ident`: `forms[0]` is the canonical spelling, the rest are spellings seen on
screens and in file names (court portals drop punctuation, file names swap colons for underscores, the
USPTO writes application numbers with and without the slash and comma, matter numbers lose their zeros).
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Ident:
    kind: str
    forms: tuple[str, ...]

    @property
    def canonical(self) -> str:
        return self.forms[0]

    def variant(self, rng: random.Random) -> str:
        """A non-canonical spelling when there is one."""
        return rng.choice(self.forms[1:] or self.forms)


def federal_docket(rng: random.Random, year: int, sdny: bool = False) -> Ident:
    office = rng.choice((1, 1, 2, 3, 4))
    n = rng.randint(120, 9800)
    yy = year % 100
    judge = "".join(rng.choice("ABCDEFGHJKLMNPRSTVW") for _ in range(rng.choice((2, 3))))
    forms = [
        f"{office}:{yy:02d}-cv-{n:05d}",
        f"{office}{yy:02d}cv{n}",
        f"{office}_{yy:02d}-cv-{n:05d}",
        f"{yy:02d}-cv-{n}",
        f"{office}:{yy:02d}cv{n}",
        f"{office}:{yy:02d}-cv-{n:05d}-{judge}",
    ]
    if sdny:
        forms.append(f"{yy:02d} Civ. {n}")
    return Ident("docket", tuple(forms))


CT_LOCATIONS = ("HHD", "NNH", "FST", "KNL", "UWY", "DBD", "MMX", "TTD", "LLI", "WWM")


def ct_docket(rng: random.Random, year: int) -> Ident:
    loc = rng.choice(CT_LOCATIONS)
    seq = rng.randint(6000100, 6099999)
    yy = year % 100
    forms = (
        f"{loc}-CV{yy:02d}-{seq}-S",
        f"{loc}CV{yy:02d}{seq}S",
        f"{loc} CV {yy:02d} {seq} S",
        f"{loc}-CV-{yy:02d}-{seq}-S",
    )
    return Ident("docket", forms)


def ny_index(rng: random.Random, year: int) -> Ident:
    n = rng.randint(150001, 159999)
    return Ident("docket", (f"{n}/{year}", f"{n}-{year}", f"{n}/{year % 100:02d}", f"Index No. {n}/{year}"))


def cook_county(rng: random.Random, year: int) -> Ident:
    n = rng.randint(1000, 14999)
    letter = rng.choice("LLM")
    return Ident("docket", (f"{year}{letter}{n:06d}", f"{year} {letter} {n:06d}", f"{year}-{letter}-{n:06d}"))


def claim_number(rng: random.Random, year: int, style: int) -> Ident:
    n = rng.randint(1000, 999999)
    if style == 0:
        return Ident("claim", (f"CLM-{year}-{n:06d}", f"{year}{n:06d}", f"CLM{year}{n:06d}"))
    if style == 1:
        pre = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        return Ident(
            "claim",
            (
                f"{pre}{year % 100:02d}-{n:07d}",
                f"{pre}{year % 100:02d}{n:07d}",
                f"{pre} {year % 100:02d} {n:07d}",
            ),
        )
    branch = rng.randint(100, 899)
    return Ident(
        "claim",
        (
            f"{branch}-{n:06d}-{year % 100:02d}",
            f"{branch}{n:06d}{year % 100:02d}",
            f"{branch} {n:06d} {year % 100:02d}",
        ),
    )


EEOC_OFFICES = ("520", "523", "440", "410", "846", "16A", "525", "451")


def eeoc_charge(rng: random.Random, year: int) -> Ident:
    office = rng.choice(EEOC_OFFICES)
    n = rng.randint(100, 9999)
    return Ident(
        "charge",
        (
            f"{office}-{year}-{n:05d}",
            f"{office}{year}{n:05d}",
            f"{office}-{year}-{n}",
            f"Charge No. {office}-{year}-{n:05d}",
        ),
    )


def patent_application(rng: random.Random) -> Ident:
    series = rng.choice((17, 18, 18, 19))
    n = rng.randint(100000, 999999)
    return Ident(
        "application",
        (
            f"{series}{n}",
            f"{series}/{n // 1000:03d},{n % 1000:03d}",
            f"{series}/{n}",
            f"US {series}/{n // 1000:03d},{n % 1000:03d}",
        ),
    )


def publication(rng: random.Random) -> Ident:
    year = rng.randint(2012, 2024)
    n = rng.randint(10000, 399999)
    kind = rng.choice(("A1", "A1", "A9"))
    return Ident(
        "publication",
        (f"US {year}/{n:07d} {kind}", f"US{year}{n:07d}{kind}", f"US {year}-{n:07d}", f"{year}/{n:07d}"),
    )


def patent_number(rng: random.Random) -> Ident:
    n = rng.randint(9_200_000, 12_400_000)
    kind = rng.choice(("B2", "B1", "B2"))
    grouped = f"{n:,}"
    return Ident("patent", (f"US {grouped} {kind}", f"US{n}{kind}", f"U.S. Pat. No. {grouped}", str(n)))


def pct_application(rng: random.Random, year: int) -> Ident:
    n = rng.randint(10000, 99999)
    return Ident("pct", (f"PCT/US{year}/0{n}", f"PCTUS{year}0{n}", f"PCT/US{year % 100:02d}/{n}"))


def tm_serial(rng: random.Random) -> Ident:
    n = rng.randint(97000000, 99999999)
    return Ident("serial", (str(n), f"{n // 1000000}/{n % 1000000:06d}", f"SN {n}"))


def bates_prefix(name: str, rng: random.Random) -> str:
    letters = "".join(c for c in name.upper() if c.isalpha())
    base = letters[: rng.choice((3, 4, 5))] or "DOC"
    return rng.choice((base, base + "_", base + "-", "DEF" + base[:3], base + "PROD"))


def bates_range(prefix: str, rng: random.Random) -> tuple[str, str]:
    width = 7 if not prefix.endswith(("_", "-")) else 6
    a = rng.randint(1, 9000)
    b = a + rng.randint(40, 1800)
    return f"{prefix}{a:0{width}d}", f"{prefix}{b:0{width}d}"


def uscis_receipt(rng: random.Random) -> Ident:
    center = rng.choice(("IOE", "EAC", "WAC", "LIN", "SRC"))
    n = rng.randint(2590000000, 2599999999) if center != "IOE" else rng.randint(9000000000, 9199999999)
    return Ident("receipt", (f"{center}{n}", f"{center}-{n}", f"{center} {n}"))


# --- matter numbers -------------------------------------------------------------------------------

NUMBERING_STYLES = ("dotted", "dash", "year", "code", "clio", "slash")


@dataclass(frozen=True)
class Numbering:
    style: str
    client_width: int
    matter_width: int

    def make(self, client_no: int, seq: int, client_code: str, year: int, label: str) -> Ident:
        cw, mw = self.client_width, self.matter_width
        if self.style == "dotted":
            return Ident(
                "matter",
                (
                    f"{client_no:0{cw}d}.{seq:0{mw}d}",
                    f"{client_no}.{seq}",
                    f"{client_no:0{cw}d}-{seq:0{mw}d}",
                    f"{client_no}-{seq:03d}",
                ),
            )
        if self.style == "dash":
            return Ident(
                "matter",
                (
                    f"{client_no:0{cw}d}-{seq:0{mw}d}",
                    f"{client_no}.{seq:0{mw}d}",
                    f"{client_no}-{seq}",
                    f"{client_no:0{cw}d}{seq:0{mw}d}",
                ),
            )
        if self.style == "year":
            n = client_no * 7 + seq
            return Ident(
                "matter", (f"{year}-{n:04d}", f"{year % 100:02d}-{n}", f"{year}.{n:04d}", f"{year}{n:04d}")
            )
        if self.style == "code":
            country = label or "US"
            return Ident(
                "matter",
                (
                    f"{client_code}-{seq:0{mw}d}{country}",
                    f"{client_code} {seq} {country}",
                    f"{client_code}{seq:0{mw}d}{country}",
                    f"{client_code}-{seq}-{country}",
                ),
            )
        if self.style == "clio":
            return Ident(
                "matter",
                (f"{seq:0{mw}d}-{label}", f"{seq}-{label}", f"{seq:0{mw}d} {label}", f"#{seq:0{mw}d}"),
            )
        return Ident(
            "matter",
            (f"{client_no}/{seq:03d}", f"{client_no}-{seq:03d}", f"{client_no}.{seq}", f"{client_no}/{seq}"),
        )


def numbering(rng: random.Random, styles: tuple[str, ...]) -> Numbering:
    return Numbering(rng.choice(styles), rng.choice((4, 5, 6)), rng.choice((3, 4, 5)))
