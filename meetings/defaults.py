"""DOMAIN's default meeting schedules (R-MTG-1…4), installed by a data migration and
editable in admin afterwards. Names are data in the bank's language."""

from datetime import time

DEFAULT_TYPES = (
    {
        "code": "morning",
        "name": "晨会",
        "cadence": "working_day",
        "starts_at": time(7, 50),
        "ends_by": time(8, 30),
        "flag_if_missing": True,
        "minutes_sample": 3,
        "order": 1,
        "notes": (
            "R-MTG-1/R-MTG-2: 7:50 到岗，10 分钟整理，20 分钟晨会，8:30 前结束；"
            "未召开罚主任不低于 500 元。"
        ),
    },
    {
        "code": "training",
        "name": "晨训",
        "cadence": "working_day",
        "starts_at": time(7, 50),
        "ends_by": time(8, 30),
        "order": 2,
        "notes": "R-MTG-4: 部分行周一至周五晨训（服务理念、点名、通告、业务指导）。",
    },
    {
        "code": "weekly",
        "name": "每周例会",
        "cadence": "weekly",
        "weekday": 2,
        "starts_at": time(7, 30),
        "ends_by": time(8, 0),
        "minutes_sample": 2,
        "order": 3,
        "notes": "R-MTG-3: 每周三 7:30–8:00。",
    },
    {
        "code": "communication",
        "name": "月度沟通会",
        "cadence": "monthly",
        "minutes_sample": 1,
        "order": 4,
        "notes": "R-MTG-3: 负责人每月召开一次。",
    },
    {
        "code": "analysis",
        "name": "月度分析会",
        "cadence": "monthly",
        "may_combine": True,
        "minutes_sample": 1,
        "order": 5,
        "notes": "R-MTG-3: 案例分析、经验交流、答疑；可与沟通会或周会合并召开。",
    },
)


def install_default_types(meeting_type_model) -> None:
    for values in DEFAULT_TYPES:
        values = dict(values)
        meeting_type_model.objects.update_or_create(code=values.pop("code"), defaults=values)
