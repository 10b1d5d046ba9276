"""The configurable numbers of the eligibility rules and their defaults (R-ELG-2, R-ELG-4,
R-GRD-6, R-CUS-5, R-ELG-6), as plain frozen dataclasses: no database.

The defaults are the source's figures ([004] 第九条, 第十一条; [002] 第六条, 第八条). The bank
sets them per year (“依据分行业务发展状况按年度进行调整”), so the rule-set model copies
these into rows an administrator edits; the evaluation in `performance.rules` takes them
as arguments. Every reading of an unclear source sentence is written in a `notes` string so
that HR sees it next to the number and can correct it.

Money is `Decimal` yuan; the source speaks in 万元 (10,000 yuan) and 万美元 (10,000 USD),
hence `wan()`.
"""

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0")
TEN_THOUSAND = Decimal("10000")

SENIOR, L1, L2, L3, L4, TRAINEE = "senior", "L1", "L2", "L3", "L4", "trainee"


def wan(amount: int | str | Decimal) -> Decimal:
    """万 → units: `wan(1500)` is 15,000,000 (yuan, or USD for settlement)."""
    return Decimal(str(amount)) * TEN_THOUSAND


@dataclass(frozen=True)
class GradeCriteria:
    """What one grade asks of the figures (R-ELG-1, R-ELG-2) and of tenure (R-GRD-6).

    A criterion whose minimum is None is not offered by the grade. `customer_floor`: only
    customers whose whole daily-average deposits reach it count towards any indicator of
    this grade. `deposit_single_customer_min`/`loan_single_customer_min`: the deposits
    (loans) criterion also needs one counted customer at or above this size.
    """

    code: str
    criteria_needed: int
    customer_floor: Decimal
    deposit_min: Decimal | None = None
    deposit_single_customer_min: Decimal | None = None
    loan_min: Decimal | None = None
    loan_single_customer_min: Decimal | None = None
    settlement_min_usd: Decimal | None = None
    new_deposit_min: Decimal | None = None
    min_marketing_years: Decimal = ZERO
    notes: str = ""

    def __post_init__(self):
        offered = sum(
            minimum is not None
            for minimum in (
                self.deposit_min,
                self.loan_min,
                self.settlement_min_usd,
                self.new_deposit_min,
            )
        )
        if not 1 <= self.criteria_needed <= offered:
            raise ValueError(
                f"{self.code}: criteria_needed={self.criteria_needed} but {offered} offered"
            )
        if self.deposit_min is None and self.deposit_single_customer_min is not None:
            raise ValueError(f"{self.code}: a single-customer deposit minimum needs a deposit one")
        if self.loan_min is None and self.loan_single_customer_min is not None:
            raise ValueError(f"{self.code}: a single-customer loan minimum needs a loan one")


@dataclass(frozen=True)
class MinimumLine:
    """R-ELG-4, the minimum on-post line (在岗最低及格线): the credited daily-average
    deposits of the customers whose own daily-average deposits reach `customer_min`
    (“50万元(含)以上”) must reach `trainee_deposit_min` for a trainee and `deposit_min`
    for every other grade."""

    customer_min: Decimal
    deposit_min: Decimal
    trainee_deposit_min: Decimal
    trainee_code: str = TRAINEE

    def deposit_min_for(self, grade_code: str) -> Decimal:
        return self.trainee_deposit_min if grade_code == self.trainee_code else self.deposit_min


@dataclass(frozen=True)
class CustomerTierThresholds:
    """R-CUS-5, by standard deposits (标准存款). The source ([002] 第六条) gives diamond,
    platinum and gold and names silver and bronze without a bound: `silver_min` is ours."""

    diamond_min: Decimal
    platinum_min: Decimal
    gold_min: Decimal
    silver_min: Decimal
    min_relationship_months: int


@dataclass(frozen=True)
class SmallEnterpriseTierBounds:
    """R-ELG-6 ([002] 第八条): the most credit customers of tiers B, C, D and E
    (A is anything above `b_max`)."""

    b_max: int
    c_max: int
    d_max: int
    e_max: int


FLOOR_NOTE = (
    "Customer floor: the source excludes customers 'below' the floor "
    "(不包括日均存款余额在…以下的客户); a customer exactly at the floor is counted, as "
    "the minimum line says explicitly for 50万 (50万元(含)以上)."
)
SINGLE_CUSTOMER_NOTE = (
    "Single-customer minimum (单户日均存款/贷款余额在…以上): read on the figures credited "
    "to the account manager, so a customer shared 50/50 counts for half its size."
)
L3_L4_ROW_A_NOTE = (
    "Row (a) reads 本外币日均贷款余额…(不含协议存款): 'agreement deposits excluded' only "
    "makes sense for deposits and row (b) is already loans, so (a) is read as deposits. "
    "The source sets no single-customer minimum for this grade."
)

DEFAULT_CRITERIA: tuple[GradeCriteria, ...] = (
    GradeCriteria(
        code=SENIOR,
        criteria_needed=2,
        customer_floor=wan(500),
        deposit_min=wan(25000),
        deposit_single_customer_min=wan(10000),
        loan_min=wan(35000),
        loan_single_customer_min=wan(15000),
        settlement_min_usd=wan(3000),
        new_deposit_min=wan(5000),
        min_marketing_years=Decimal(3),
        notes="Two of the four (必须在以下条件中同时具备两项).",
    ),
    GradeCriteria(
        code=L1,
        criteria_needed=2,
        customer_floor=wan(300),
        deposit_min=wan(15000),
        deposit_single_customer_min=wan(3000),
        loan_min=wan(20000),
        loan_single_customer_min=wan(7500),
        settlement_min_usd=wan(2000),
        new_deposit_min=wan(3000),
        min_marketing_years=Decimal(3),
    ),
    GradeCriteria(
        code=L2,
        criteria_needed=1,
        customer_floor=wan(100),
        deposit_min=wan(7500),
        deposit_single_customer_min=wan(2500),
        loan_min=wan(18000),
        loan_single_customer_min=wan(5000),
        settlement_min_usd=wan(1000),
        new_deposit_min=wan(2500),
        min_marketing_years=Decimal(1),
    ),
    GradeCriteria(
        code=L3,
        criteria_needed=1,
        customer_floor=wan(50),
        deposit_min=wan(3800),
        loan_min=wan(7200),
        settlement_min_usd=wan(500),
        new_deposit_min=wan(1500),
        notes=L3_L4_ROW_A_NOTE,
    ),
    GradeCriteria(
        code=L4,
        criteria_needed=1,
        customer_floor=wan(50),
        deposit_min=wan(1500),
        loan_min=wan(3600),
        settlement_min_usd=wan(1000),
        new_deposit_min=wan(1500),
        notes=L3_L4_ROW_A_NOTE
        + " Row (c) reads 年国际结算额1000万元以上 (万 yuan, where every other grade says "
        "万美元, and twice the 500万 USD of L3): kept as 1,000万 USD; to be confirmed.",
    ),
    GradeCriteria(
        code=TRAINEE,
        criteria_needed=1,
        customer_floor=wan(50),
        new_deposit_min=wan(1000),
        notes="The only criterion is new daily-average deposits ≥ 1,000万 "
        "(本外币新增日均存款额不低于1000万元), which the source calls the minimum line; "
        "the minimum line itself (第九条) asks for 1,000万 of daily-average deposits and is "
        "checked separately (R-ELG-4).",
    ),
)

DEFAULT_NOTES: tuple[str, ...] = (FLOOR_NOTE, SINGLE_CUSTOMER_NOTE)

DEFAULT_MINIMUM_LINE = MinimumLine(
    customer_min=wan(50), deposit_min=wan(1500), trainee_deposit_min=wan(1000)
)
DEFAULT_CUSTOMER_TIERS = CustomerTierThresholds(
    diamond_min=wan(20000),
    platinum_min=wan(5000),
    gold_min=wan(500),
    # Ours, not the source's: 50万, the size a corporate AM manages (R-ELG-6).
    silver_min=wan(50),
    min_relationship_months=6,  # “满半年以上”
)
DEFAULT_SMALL_ENTERPRISE_TIERS = SmallEnterpriseTierBounds(b_max=40, c_max=30, d_max=20, e_max=10)
