"""What the running agent needs from the settings, handed to it as JSON by the prepare part.

Reading the layered settings (policy, environment, file) means pydantic and its validators: about 20 MiB that a
process running all day should not hold for a dozen values. The prepare part (runtime.page) reads them, opens
the store and reports this record; the agent builds it back from JSON with the standard library alone.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledgerwatch.capture.settings import CaptureSettings

if TYPE_CHECKING:
    from ledgerwatch import config


@dataclass(frozen=True)
class AgentConfig:
    data_dir: Path
    database: Path
    database_url: str
    """empty: the local SQLite file; else firm mode's database (capture then writes through SQLAlchemy)"""
    capture: CaptureSettings | None
    """None when capture is off"""
    review_port: int
    reminder_time: str
    retention_days: int
    start_at_login: bool
    timezone: str
    policy_problems: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        data["data_dir"], data["database"] = str(self.data_dir), str(self.database)
        data["capture"] = dataclasses.asdict(self.capture) if self.capture is not None else None
        data["policy_problems"] = list(self.policy_problems)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AgentConfig:
        capture = data.get("capture")
        return cls(
            data_dir=Path(data["data_dir"]),
            database=Path(data["database"]),
            database_url=str(data["database_url"]),
            capture=CaptureSettings.from_mapping(capture) if capture is not None else None,
            review_port=int(data["review_port"]),
            reminder_time=str(data["reminder_time"]),
            retention_days=int(data["retention_days"]),
            start_at_login=bool(data["start_at_login"]),
            timezone=str(data["timezone"]),
            policy_problems=tuple(str(p) for p in data.get("policy_problems", ())),
        )

    @classmethod
    def from_effective(cls, effective: config.Effective, browser_token: str) -> AgentConfig:
        from ledgerwatch.runtime.capture import capture_settings

        settings = effective.settings
        zone = settings.zone()
        return cls(
            data_dir=effective.paths.data_dir,
            database=effective.paths.database,
            database_url=settings.database_url,
            capture=capture_settings(settings, browser_token) if settings.capture.enabled else None,
            review_port=settings.review.port,
            reminder_time=settings.review.reminder_time,
            retention_days=settings.capture.retention_days,
            start_at_login=settings.start_at_login,
            timezone=str(getattr(zone, "key", None) or "UTC"),
            policy_problems=tuple(effective.policy_problems),
        )
