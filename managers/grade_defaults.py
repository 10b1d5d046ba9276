"""The default grade scheme (R-GRD-1, R-GRD-2, R-GRD-4, R-GRD-6), installed by migration
0003 and available to tests that flush the database."""

from decimal import Decimal

DEFAULT_SCHEME_NAME = "客户经理六级等级体系"
DEFAULT_SCHEME_NOTES = (
    "默认值取自《客户经理管理办法》：行员等级对应、通讯费标准（R-GRD-2）；"
    "交通费按分行规定标准执行，请在此填写。"
)
DEFAULT_LEVELS = [
    # code, name, rank, staff grade, communication allowance, authority, years, trainee
    ("senior", "高级客户经理", 6, 5, "300", "branch_committee", 3, False),
    ("L1", "一级客户经理", 5, 6, "260", "branch_committee", 3, False),
    ("L2", "二级客户经理", 4, 7, "200", "hr_review", 1, False),
    ("L3", "三级客户经理", 3, 8, "160", "sub_branch", 0, False),
    ("L4", "四级客户经理", 2, 9, "160", "sub_branch", 0, False),
    ("trainee", "见习客户经理", 1, 9, "160", "sub_branch", 0, True),
]


def install_default_scheme(scheme_model, level_model):
    """Create the default scheme as the active one. Takes the model classes so that the
    data migration can pass its historical models."""
    scheme = scheme_model.objects.create(
        name=DEFAULT_SCHEME_NAME, is_active=True, notes=DEFAULT_SCHEME_NOTES
    )
    for code, name, rank, staff_grade, allowance, authority, years, trainee in DEFAULT_LEVELS:
        level_model.objects.create(
            scheme=scheme,
            code=code,
            name=name,
            rank=rank,
            staff_grade=staff_grade,
            communication_allowance=Decimal(allowance),
            approval_authority=authority,
            min_marketing_years=years,
            is_trainee=trainee,
        )
    return scheme
