"""The inbox (/notices/), reading notices, and the channel settings pages."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import require
from rixin.views import form_page

from . import actions
from .access import has_inbox, keeps_county_channels
from .forms import ChannelSettingsForm, PreferenceForm
from .models import ChannelSettings, Notice, NoticePreference

PAGE = 50


@require(has_inbox)
def inbox(request):
    notices = Notice.objects.visible_to(request.user)
    only_unread = request.GET.get("unread") == "1"
    shown = notices.unread() if only_unread else notices
    context = {
        "notices": list(shown[:PAGE]),
        "unread": notices.unread().count(),
        "only_unread": only_unread,
    }
    return render(request, "notices/inbox.html", context)


@require(has_inbox)
@require_POST
def read(request):
    """Mark one notice (``id``) or all (``all``) read; with ``id``, go to its link."""
    notices = Notice.objects.visible_to(request.user)
    target = None
    if request.POST.get("id", "").isdigit():
        notices = notices.filter(pk=int(request.POST["id"]))
        target = notices.values_list("link", flat=True).first()
    elif not request.POST.get("all"):
        return redirect("notices:inbox")
    actions.mark_read(notices, owner=request.user, acting_user=request.user)
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notices:inbox")


@require(has_inbox)
def preferences(request):
    instance = NoticePreference.objects.filter(user=request.user).first()
    form = PreferenceForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        "notices/preferences.html",
        save=lambda f: actions.save_preference(
            request.user, f.cleaned_data, acting_user=request.user
        ),
        success_message=_("已保存个人通知设置。"),
        success_url="notices:inbox",
    )


@require(keeps_county_channels)
def channels(request):
    code = request.user.county_code
    instance = ChannelSettings.for_county(code)
    form = ChannelSettingsForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        "notices/channels.html",
        save=lambda f: actions.save_channel_settings(
            code, f.cleaned_data, acting_user=request.user
        ),
        success_message=_("已保存本县通知渠道设置。"),
        success_url="notices:channels",
    )
