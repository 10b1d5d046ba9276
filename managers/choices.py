"""Enumerations of the managers app (R-ORG-1, R-ORG-2, R-ORG-3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgUnitKind(models.TextChoices):
    """R-ORG-1: head office → branch → sub-branch → outlet, plus departments."""

    HEAD_OFFICE = "head_office", _("Head office")
    BRANCH = "branch", _("Branch")
    SUB_BRANCH = "sub_branch", _("Sub-branch")
    OUTLET = "outlet", _("Outlet")
    DEPARTMENT = "department", _("Department")


class Role(models.TextChoices):
    """R-ORG-2: what a staff user does, and so what they may see and change."""

    ACCOUNT_MANAGER = "account_manager", _("Account manager")
    UNIT_HEAD = "unit_head", _("Unit head")
    CREDIT_OFFICER = "credit_officer", _("Credit officer")
    HR = "hr", _("Human resources")
    COMPLIANCE = "compliance", _("Compliance officer")
    ADMIN = "admin", _("System administrator")
    INTEGRATION = "integration", _("Integration (API client)")


class ManagerLine(models.TextChoices):
    """R-ORG-3: the business line (条线) an account manager works in."""

    CORPORATE = "corporate", _("Corporate")
    PERSONAL = "personal", _("Personal")
    SMALL_ENTERPRISE = "small_enterprise", _("Small enterprise")


class ManagerStatus(models.TextChoices):
    TRAINEE = "trainee", _("Trainee")
    ACTIVE = "active", _("Active")
    STOOD_DOWN = "stood_down", _("Stood down")
    EXITED = "exited", _("Exited")


class Education(models.TextChoices):
    """R-GRD-6 asks for college (大专) or above."""

    SECONDARY = "secondary", _("Secondary or below")
    COLLEGE = "college", _("College")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")


class EntryRoute(models.TextChoices):
    """R-GRD-5: the trainee period depends on how the person came to the AM sequence."""

    GRADUATE = "graduate", _("New graduate")
    TRANSFER = "transfer", _("Transferred in")


class ProfessionalTitle(models.TextChoices):
    """R-GRD-6 accepts a junior professional title in place of a college education."""

    NONE = "none", _("None")
    JUNIOR = "junior", _("Junior")
    INTERMEDIATE = "intermediate", _("Intermediate")
    SENIOR = "senior", _("Senior")


class ApprovalAuthority(models.TextChoices):
    """R-GRD-4: who decides an appointment to a grade."""

    BRANCH_COMMITTEE = "branch_committee", _("Branch committee (recorded by branch HR)")
    HR_REVIEW = "hr_review", _("HR with the business departments")
    SUB_BRANCH = "sub_branch", _("Sub-branch, filed with HR")


class GradeChangeKind(models.TextChoices):
    """R-GRD-3: outcomes of a review (能上能下)."""

    APPOINT = "appoint", _("Appoint")
    PROMOTE = "promote", _("Promote")
    EXCEPTIONAL_PROMOTION = "exceptional_promotion", _("Exceptional promotion")
    RENEW = "renew", _("Renew")
    DEMOTE = "demote", _("Demote")
    EXIT = "exit", _("Exit the AM sequence")


class GradeChangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class JournalStatus(models.TextChoices):
    """R-JNL-1: a day's work journal is drafted, submitted, then reviewed by the head."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting review")
    REVIEWED = "reviewed", _("Reviewed by the head")
