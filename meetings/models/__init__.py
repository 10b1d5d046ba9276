from .leave import LeaveRequest
from .meeting import Attendance, Meeting
from .members import Member, PersonFields
from .minutes import MinutesScore
from .types import MeetingType

__all__ = [
    "Attendance",
    "LeaveRequest",
    "Meeting",
    "MeetingType",
    "Member",
    "MinutesScore",
    "PersonFields",
]
