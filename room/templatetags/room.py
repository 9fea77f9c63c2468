from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def when(moment: datetime) -> str:
    """A time as people say it: "14:02" today, "yesterday, 14:02", "Monday,
    14:02" this week, "3 November, 14:02" this year, else with the year."""
    moment = timezone.localtime(moment)
    today = timezone.localdate()
    days = (today - moment.date()).days
    clock = date_format(moment, "H:i")
    if days == 0:
        return clock
    if days == 1:
        return f"yesterday, {clock}"
    if 1 < days < 7:
        return f"{date_format(moment, 'l')}, {clock}"
    if moment.year == today.year:
        return f"{date_format(moment, 'j F')}, {clock}"
    return f"{date_format(moment, 'j F Y')}, {clock}"
