"""The inbox is reached from the badge in the navigation bar; the menu holds the settings."""

from django.utils.translation import gettext_lazy as _

from rixin.navigation import NavEntry

from .access import has_inbox, keeps_county_channels

GROUP = _("消息")

ENTRIES = [
    NavEntry(_("消息中心"), "notices:inbox", has_inbox, GROUP),
    NavEntry(_("通知渠道设置"), "notices:channels", keeps_county_channels, GROUP),
]
