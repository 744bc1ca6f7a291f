"""A test-only keyring backend keeping secrets in one JSON file named by LW_TEST_KEYRING_FILE.

Used where no SecretService can run (the chaos subprocess); production never loads it. Select it with
PYTHON_KEYRING_BACKEND=tests.fakes.keyring_file.FileKeyring, or in-process with the `file_keyring` fixture.
keyring's own detection never picks it: once imported, a backend class that reported a priority would be
chosen (or chained) as the "real" keyring of every later test in the process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

SELECTED = f"{__name__}.FileKeyring"


class FileKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        """Viable only when PYTHON_KEYRING_BACKEND names it; keyring's detection skips a backend that raises."""
        if os.environ.get("PYTHON_KEYRING_BACKEND") != SELECTED:
            raise RuntimeError("the test file keyring is used only when chosen explicitly")
        return 1

    @property
    def path(self) -> Path:
        return Path(os.environ["LW_TEST_KEYRING_FILE"])

    def _all(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._all().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._all()
        data[f"{service}/{username}"] = password
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, self.path)

    def delete_password(self, service: str, username: str) -> None:
        data = self._all()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(data))
