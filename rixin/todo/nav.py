from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import has_todo

ENTRIES = [NavEntry(_("我的待办"), "todo:index", has_todo)]
