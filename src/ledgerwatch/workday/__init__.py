"""The attorney's day: the review actions (service), the day and week views, and what each action changes.

The sample week's drafts for the demo live in workday.sample; launching the page is runtime's job.
"""

from ledgerwatch.workday.changes import taught_keys
from ledgerwatch.workday.service import Workday, WorkdayServices
from ledgerwatch.workday.settings import EDITABLE_SETTINGS
from ledgerwatch.workday.views import (
    DayView,
    MatterTotal,
    Outcome,
    Segment,
    WeekRow,
    WeekView,
    rounding_text,
)

__all__ = [
    "EDITABLE_SETTINGS",
    "DayView",
    "MatterTotal",
    "Outcome",
    "Segment",
    "WeekRow",
    "WeekView",
    "Workday",
    "WorkdayServices",
    "rounding_text",
    "taught_keys",
]
