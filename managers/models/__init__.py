from .calendar import CalendarException, CalendarYear
from .grades import GradeAppointment, GradeChange, GradeLevel, GradeScheme
from .org import AccountManager, OrgUnit, StaffUserManager, User

__all__ = [
    "AccountManager",
    "CalendarException",
    "CalendarYear",
    "GradeAppointment",
    "GradeChange",
    "GradeLevel",
    "GradeScheme",
    "OrgUnit",
    "StaffUserManager",
    "User",
]

from .journals import JournalPolicy, JournalReview, JournalSpotCheck, WorkJournal

__all__ += ["JournalPolicy", "JournalReview", "JournalSpotCheck", "WorkJournal"]
