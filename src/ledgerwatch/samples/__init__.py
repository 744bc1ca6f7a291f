"""The sample attorney week shipped in the package (README.md here says what each file holds).

`ledgerwatch demo` loads it; the tests and benches read it from here, so a checkout needs nothing beside it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["FILES", "week"]

FILES = ("aw-export.json", "calendar.ics", "matters.csv", "truth.json")
"""what every sample week folder holds"""


def week(name: str = "week1") -> Path:
    """The folder of a shipped sample week.

    The package is always installed as plain files (wheel, editable install, frozen bundle), so the folder is a
    real path that importers and subprocesses can open.
    """
    folder = Path(str(resources.files(__name__).joinpath(name)))
    if not (folder / FILES[0]).is_file():
        raise FileNotFoundError(f"no sample week {name!r} in {folder.parent}")
    return folder
