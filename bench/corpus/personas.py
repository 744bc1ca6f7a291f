"""The two hand-written personas (bench/corpus/firms/mac_litigator.py and linux_transactional.py): fixed
firms whose weeks generate.py plans itself; the seed-built firms are in bench/corpus/firms too."""

from __future__ import annotations

from firms.linux_transactional import LINUX_TRANSACTIONAL
from firms.mac_litigator import MAC_LITIGATOR
from model import Persona

PERSONAS: dict[str, Persona] = {p.name: p for p in (MAC_LITIGATOR, LINUX_TRANSACTIONAL)}
