"""The calendars of 18.0.1.2.0: Chinese names, the official 2026 holidays.

The 7x24 and working-day calendars and their holidays are ``noupdate``
product data (the working-day calendar was demo data before): an update
keeps them as they are. What 18.0.1.0.0 shipped and nobody changed since
takes what this version ships: the names in Chinese, the 2026 Spring
Festival of the State Council's notice (15 to 23 February) and the 2027
holidays the law fixes. The weekend days worked in exchange (调休) are new
records, created by the update.
"""

from odoo import SUPERUSER_ID, api

# xmlid: {field: (shipped by 18.0.1.0.0, shipped now)}
RECORDS = {
    "resource_calendar_7x24": {"name": ("7x24 Service", "7×24 服务")},
    "resource_calendar_working_days": {"name": ("Working Days (China)", "中国工作日")},
}
HOLIDAYS = {
    # code: (former English name, Chinese name)
    "new_year": ("New Year", "元旦"),
    "spring_festival": ("Spring Festival", "春节"),
    "qingming": ("Qingming Festival", "清明节"),
    "labour_day": ("Labour Day", "劳动节"),
    "dragon_boat": ("Dragon Boat Festival", "端午节"),
    "mid_autumn": ("Mid-Autumn Festival", "中秋节"),
    "national_day": ("National Day", "国庆节"),
}
for _year in (2026, 2027):
    for _code, (_old, _new) in HOLIDAYS.items():
        RECORDS[f"holiday_{_year}_{_code}"] = {
            "name": (f"{_old} {_year}", f"{_year}年{_new}")
        }
# Ends of holidays that changed (UTC of Asia/Shanghai days)
RECORDS["holiday_2026_spring_festival"].update(
    date_from=("2026-02-15 16:00:00", "2026-02-14 16:00:00"),
    date_to=("2026-02-22 15:59:59", "2026-02-23 15:59:59"),
)
RECORDS["holiday_2027_spring_festival"].update(
    date_to=("2027-02-11 15:59:59", "2027-02-10 15:59:59"),
)
RECORDS["holiday_2027_labour_day"].update(
    date_to=("2027-05-05 15:59:59", "2027-05-04 15:59:59"),
)
RECORDS["holiday_2027_national_day"].update(
    date_to=("2027-10-07 15:59:59", "2027-10-05 15:59:59"),
)

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_ZH = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
HALVES = {"morning": ("Morning", "上午"), "afternoon": ("Afternoon", "下午")}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, fields in RECORDS.items():
        record = env.ref(f"sunshine_helpdesk.{xmlid}", raise_if_not_found=False)
        if not record:
            continue
        values = {
            name: new for name, (old, new) in fields.items() if str(record[name]) == old
        }
        if values:
            record.write(values)
    # Attendances have no xmlid: "Monday" (7x24), "Monday Morning" (working days)
    calendars = env.ref("sunshine_helpdesk.resource_calendar_7x24") | env.ref(
        "sunshine_helpdesk.resource_calendar_working_days", raise_if_not_found=False
    )
    for attendance in calendars.attendance_ids:
        day = int(attendance.dayofweek)
        english, chinese = HALVES.get(attendance.day_period, ("", ""))
        if attendance.name in (DAYS[day], f"{DAYS[day]} {english}"):
            attendance.name = DAYS_ZH[day] + chinese
