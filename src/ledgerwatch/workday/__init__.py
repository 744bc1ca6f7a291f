"""The attorney's day: the review actions (service), the day and week views, and what each action changes.

The sample week's drafts for the demo live in workday.sample; launching the page is runtime's job.
"""

from ledgerwatch.workday.activity import Stretch
from ledgerwatch.workday.amounts import HourlyRate, RateFor
from ledgerwatch.workday.changes import DURATION_HELP, parse_duration, taught_keys
from ledgerwatch.workday.service import Workday, WorkdayServices
from ledgerwatch.workday.settings import EDITABLE_SETTINGS, SettingControl, SettingGroup
from ledgerwatch.workday.views import (
    CONFIRM_FLAGS,
    DayView,
    MatterTotal,
    Outcome,
    Segment,
    WeekRow,
    WeekView,
    approvable,
    confirm_flags,
    rounding_text,
)

__all__ = [
    "CONFIRM_FLAGS",
    "DURATION_HELP",
    "EDITABLE_SETTINGS",
    "DayView",
    "HourlyRate",
    "MatterTotal",
    "Outcome",
    "RateFor",
    "Segment",
    "SettingControl",
    "SettingGroup",
    "Stretch",
    "WeekRow",
    "WeekView",
    "Workday",
    "WorkdayServices",
    "approvable",
    "confirm_flags",
    "parse_duration",
    "rounding_text",
    "taught_keys",
]
