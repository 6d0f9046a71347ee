"""产学研 and 科技创新 API: patents, pushes (and the enterprise's answer), figures."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Router, Schema

from . import actions, figures
from .access import answers_pushes, reads_innovation
from .models import Patent, Push

router = Router(tags=["innovation 科技创新"])


class PatentOut(ModelSchema):
    university: int = Field(..., alias="university_id")

    class Meta:
        model = Patent
        fields = [
            "id",
            "title",
            "number",
            "ipc",
            "abstract",
            "holder",
            "licence_terms",
            "is_illustrative",
        ]


class PushOut(ModelSchema):
    patent: int = Field(..., alias="patent_id")
    enterprise: int = Field(..., alias="enterprise_id")

    class Meta:
        model = Push
        fields = ["id", "score", "explanation", "pushed_at", "answer", "answer_note", "answered_at"]


class AnswerIn(Schema):
    answer: str
    note: str = ""


class TransferOut(Schema):
    listed: int
    pushed: int
    answered: int
    in_talks: int
    transferred: int
    answer_rate: Decimal | None


def _reader(request) -> None:
    if not reads_innovation(request.auth):
        raise PermissionDenied


@router.get("/patents", response=list[PatentOut])
def innovation_list_patents(request):
    _reader(request)
    return Patent.objects.visible_to(request.auth)


@router.get("/pushes", response=list[PushOut])
def innovation_list_pushes(request):
    _reader(request)
    return Push.objects.visible_to(request.auth)


@router.post("/pushes/{int:pk}/answer", response=PushOut)
def innovation_answer_push(request, pk: int, payload: AnswerIn):
    if not answers_pushes(request.auth):
        raise PermissionDenied
    push = get_object_or_404(Push.objects.visible_to(request.auth), pk=pk)
    return actions.answer_push(
        push, acting_user=request.auth, answer=payload.answer, note=payload.note
    )


@router.get("/transfer", response=TransferOut)
def innovation_transfer_figures(request):
    _reader(request)
    if not request.auth.reads_county_data or not request.auth.county_code:
        raise PermissionDenied
    f = figures.county_transfer(request.auth.county_code)
    return {**vars(f), "answer_rate": f.answer_rate}
