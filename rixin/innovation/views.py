"""Pages of 产学研 and 科技创新: the overview, the patent list and a patent's matches, the
enterprises' pushes (their to-do list) and answers, transfer cases, certificates, mines."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import get_visible_or_404, require
from rixin.directory.models import Enterprise
from rixin.views import form_page

from . import actions, figures, matcher
from .access import answers_pushes, enters_innovation, reads_innovation
from .forms import AnswerForm, CertificateForm, MoveForm
from .models import (
    CooperationAgreement,
    HighTechCertificate,
    JointLab,
    Mine,
    Patent,
    Push,
    TransferCase,
)


def _county(user) -> str:
    return user.county_code or ""


@require(reads_innovation)
def overview(request):
    today = timezone.localdate()
    certificates = HighTechCertificate.objects.visible_to(request.user).select_related("enterprise")
    context = {
        "agreements": CooperationAgreement.objects.visible_to(request.user).select_related(
            "university", "enterprise"
        ),
        "labs": JointLab.objects.visible_to(request.user).select_related(
            "university", "enterprise"
        ),
        "certificates": certificates,
        "due": figures.recertification_due(certificates, today),
        "mines": Mine.objects.visible_to(request.user)
        .select_related("enterprise")
        .prefetch_related("faces"),
        "can_enter": enters_innovation(request.user),
    }
    code = _county(request.user)
    if code and request.user.reads_county_data:
        context["tech"] = figures.high_tech(code, today)
        context["smart"] = figures.smart_mines(code, today.year)
        context["transfer"] = figures.county_transfer(code)
    return render(request, "innovation/overview.html", context)


@require(reads_innovation)
def patent_list(request):
    patents = Patent.objects.visible_to(request.user).select_related("university")
    pushes = Push.objects.visible_to(request.user)
    return render(
        request,
        "innovation/patent_list.html",
        {
            "patents": patents,
            "by_enterprise": figures.answers_by_enterprise(pushes),
            "transfer": figures.transfer_figures(
                patents, pushes, TransferCase.objects.visible_to(request.user)
            ),
            "can_enter": enters_innovation(request.user),
        },
    )


@require(reads_innovation)
def patent_detail(request, pk):
    patent = get_visible_or_404(Patent, request.user, pk=pk)
    pushes = (
        Push.objects.visible_to(request.user).filter(patent=patent).select_related("enterprise")
    )
    context = {"patent": patent, "pushes": pushes, "can_enter": enters_innovation(request.user)}
    if context["can_enter"]:
        candidates = Enterprise.objects.filter(county_id=patent.county_id).select_related(
            "innovation_profile"
        )
        context["matches"] = matcher.rank(patent, list(candidates))[:10]
    return render(request, "innovation/patent_detail.html", context)


@require(enters_innovation)
@require_POST
def patent_push(request, pk):
    patent = get_visible_or_404(Patent, request.user, pk=pk)
    pushes = actions.push_patent(patent, acting_user=request.user)
    messages.success(request, _("已推送给 %(n)d 家企业。") % {"n": len(pushes)})
    return redirect("innovation:patent_detail", pk=patent.pk)


@require(reads_innovation)
def push_list(request):
    """An enterprise's to-do list of pushed patents; the county's pushes for staff."""
    pushes = (
        Push.objects.visible_to(request.user)
        .select_related("patent", "patent__university", "enterprise", "case")
        .order_by("answer", "-pushed_at")
    )
    return render(
        request,
        "innovation/push_list.html",
        {"pushes": pushes, "can_answer": answers_pushes(request.user)},
    )


@require(answers_pushes)
def push_answer(request, pk):
    push = get_visible_or_404(Push, request.user, pk=pk)
    form = AnswerForm(
        request.POST or None, initial={"answer": push.answer, "note": push.answer_note}
    )
    return form_page(
        request,
        form,
        "innovation/form.html",
        save=lambda f: actions.answer_push(
            push,
            acting_user=request.user,
            answer=f.cleaned_data["answer"],
            note=f.cleaned_data["note"],
        ),
        success_message=_("已提交答复。"),
        success_url=reverse("innovation:push_list"),
        context={"title": _("答复:%(p)s") % {"p": push.patent}, "object": push},
    )


@require(enters_innovation)
def case_move(request, pk):
    case = get_visible_or_404(TransferCase, request.user, pk=pk)
    form = MoveForm(request.POST or None)
    return form_page(
        request,
        form,
        "innovation/form.html",
        save=lambda f: actions.move_case(
            case, f.cleaned_data["stage"], acting_user=request.user, reason=f.cleaned_data["reason"]
        ),
        success_message=_("已更新案例阶段。"),
        success_url=reverse("innovation:push_list"),
        context={
            "title": _("推进转化案例:%(c)s") % {"c": case},
            "object": case,
            "changes": case.changes.all(),
        },
    )


@require(enters_innovation)
def certificate_create(request):
    form = CertificateForm(request.POST or None, county_code=request.user.county_code)
    return form_page(
        request,
        form,
        "innovation/form.html",
        save=lambda f: actions.record_certificate(acting_user=request.user, **f.cleaned_data),
        success_message=_("已登记高新技术企业证书。"),
        success_url=reverse("innovation:overview"),
        context={"title": _("登记高新技术企业证书")},
    )
