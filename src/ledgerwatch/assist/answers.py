"""The structured answers the model must give; anything else is refused and the rules' answer stands."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=False)


class SuggestMatter(_Answer):
    """A matter for a block of time, or null when none of the candidates fits."""

    matter: str | None
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = Field(max_length=500)


class RewriteNarrative(_Answer):
    """A billing narrative for the same work."""

    description: str = Field(min_length=1, max_length=1000)


class SuggestCodes(_Answer):
    """UTBMS task and activity codes for a block of work (null where none fits)."""

    task_code: str | None = None
    activity_code: str | None = None
    reason: str = Field(default="", max_length=500)
