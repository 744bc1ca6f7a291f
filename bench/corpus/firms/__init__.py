"""Seed-built firms: each module's build(seed) returns a Firm whose names, numbering and habits are drawn
from the seed, so that every seed is a firm and a week no attribution rule was tuned on."""

from __future__ import annotations

from collections.abc import Callable

from world import Firm

from firms import colebrandt, employment, insurance, patent

FIRMS: dict[str, tuple[Callable[[int], Firm], str]] = {
    "win-insurance-defense": (insurance.build, insurance.DESCRIPTION),
    "mac-patent-prosecution": (patent.build, patent.DESCRIPTION),
    "win-employment-immigration": (employment.build, employment.DESCRIPTION),
    "colebrandt-win": (colebrandt.build_win, colebrandt.DESCRIPTION_WIN),
    "colebrandt-mac": (colebrandt.build_mac, colebrandt.DESCRIPTION_MAC),
}
