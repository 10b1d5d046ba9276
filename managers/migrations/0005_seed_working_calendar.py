"""Seed the official holidays and adjusted working days from chinese-calendar
(R-DIS-4). Later years are entered by HR in admin from the State Council notice."""

from django.db import migrations

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def seed(apps, schema_editor):
    import chinese_calendar

    CalendarYear = apps.get_model("managers", "CalendarYear")
    CalendarException = apps.get_model("managers", "CalendarException")
    exceptions = [
        CalendarException(day=day, is_working_day=False, name=HOLIDAY_NAMES.get(name, name))
        for day, name in chinese_calendar.holidays.items()
        if day.weekday() < 5
    ] + [
        CalendarException(
            day=day, is_working_day=True, name=f"{HOLIDAY_NAMES.get(name, name)}调休上班"
        )
        for day, name in chinese_calendar.workdays.items()
        if day.weekday() >= 5
    ]
    CalendarException.objects.bulk_create(exceptions)
    years = sorted({day.year for day in chinese_calendar.holidays})
    source = f"chinese-calendar {chinese_calendar.__version__}"
    CalendarYear.objects.bulk_create([CalendarYear(year=y, source=source) for y in years])


def unseed(apps, schema_editor):
    apps.get_model("managers", "CalendarException").objects.all().delete()
    apps.get_model("managers", "CalendarYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("managers", "0004_working_calendar")]

    operations = [migrations.RunPython(seed, unseed)]
