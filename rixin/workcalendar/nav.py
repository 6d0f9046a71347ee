from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import manages_calendar

ENTRIES = [NavEntry(_("节假日安排"), "workcalendar:index", manages_calendar, _("系统管理"))]
