from .grades import GradeAppointment, GradeChange, GradeLevel, GradeScheme
from .org import AccountManager, OrgUnit, StaffUserManager, User

__all__ = [
    "AccountManager",
    "GradeAppointment",
    "GradeChange",
    "GradeLevel",
    "GradeScheme",
    "OrgUnit",
    "StaffUserManager",
    "User",
]
