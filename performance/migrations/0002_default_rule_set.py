"""Seed the 2026 rule set with the source's figures (performance.rule_defaults) and the
readings of unclear sentences in Chinese, for HR to check."""

from django.db import migrations

from performance import rule_defaults as d

NOTES = {
    "senior": "须同时具备两项（必须在以下条件中同时具备两项）。",
    "L3": "(a)项原文为“本外币日均贷款余额…(不含协议存款)”：“不含协议存款”只适用于存款，且(b)项已是贷款，"
    "故(a)项按存款理解。本等级无单户最低额。",
    "L4": "(a)项按存款理解（同三级）。(c)项原文为“年国际结算额1000万元以上”（万元，其他等级均为万美元，"
    "且为三级500万美元的两倍）：暂按1000万美元执行，待确认。",
    "trainee": "唯一条件为本外币新增日均存款额不低于1000万元；最低及格线（第九条）另行检查（R-ELG-4）。",
}
RULE_SET_NOTES = (
    "客户门槛：原文为“不包括日均存款余额在…以下的客户”；日均存款恰好等于门槛的客户计入，"
    "与最低及格线“50万元(含)以上”的写法一致。\n"
    "单户最低额（“其中必须有单户…在…以上的客户”）按认定给客户经理的金额计算，五五分成的客户按一半计。\n"
    "白银客户下限50万元为本系统设定，原文未给出。"
)


def seed(apps, schema_editor):
    rule_set = apps.get_model("performance", "RuleSet").objects.create(
        year=2026,
        name="2026年度客户经理等级业务指标",
        is_active=True,
        minimum_line_customer_min=d.DEFAULT_MINIMUM_LINE.customer_min,
        minimum_line_deposit_min=d.DEFAULT_MINIMUM_LINE.deposit_min,
        minimum_line_trainee_deposit_min=d.DEFAULT_MINIMUM_LINE.trainee_deposit_min,
        tier_diamond_min=d.DEFAULT_CUSTOMER_TIERS.diamond_min,
        tier_platinum_min=d.DEFAULT_CUSTOMER_TIERS.platinum_min,
        tier_gold_min=d.DEFAULT_CUSTOMER_TIERS.gold_min,
        tier_silver_min=d.DEFAULT_CUSTOMER_TIERS.silver_min,
        tier_min_relationship_months=d.DEFAULT_CUSTOMER_TIERS.min_relationship_months,
        small_enterprise_b_max=d.DEFAULT_SMALL_ENTERPRISE_TIERS.b_max,
        small_enterprise_c_max=d.DEFAULT_SMALL_ENTERPRISE_TIERS.c_max,
        small_enterprise_d_max=d.DEFAULT_SMALL_ENTERPRISE_TIERS.d_max,
        small_enterprise_e_max=d.DEFAULT_SMALL_ENTERPRISE_TIERS.e_max,
        notes=RULE_SET_NOTES,
    )
    grade_rule = apps.get_model("performance", "GradeRule")
    for criteria in d.DEFAULT_CRITERIA:
        grade_rule.objects.create(
            rule_set=rule_set,
            grade_code=criteria.code,
            criteria_needed=criteria.criteria_needed,
            customer_floor=criteria.customer_floor,
            deposit_min=criteria.deposit_min,
            deposit_single_customer_min=criteria.deposit_single_customer_min,
            loan_min=criteria.loan_min,
            loan_single_customer_min=criteria.loan_single_customer_min,
            settlement_min_usd=criteria.settlement_min_usd,
            new_deposit_min=criteria.new_deposit_min,
            notes=NOTES.get(criteria.code, ""),
        )


def unseed(apps, schema_editor):
    apps.get_model("performance", "RuleSet").objects.filter(year=2026).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
