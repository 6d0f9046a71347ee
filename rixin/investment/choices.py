from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadSource(models.TextChoices):
    ASSIGNED = "assigned", _("领导交办")
    FIELD_TRIP = "field_trip", _("外出考察")
    BY_INVESTORS = "by_investors", _("以商招商")
    CONFERENCE = "conference", _("会议推介")
    WALK_IN = "walk_in", _("主动上门")
    INTERMEDIARY = "intermediary", _("中介推荐")
    OTHER = "other", _("其他")


class Stage(models.TextChoices):
    """The pipeline, in order; TERMINATED sits outside it."""

    CLUE = "clue", _("线索")
    REVIEW = "review", _("研判")
    NEGOTIATION = "negotiation", _("洽谈")
    SIGNED = "signed", _("签约")
    STARTED = "started", _("落地开工")
    PRODUCING = "producing", _("投产")
    TERMINATED = "terminated", _("终止")


PIPELINE = [
    Stage.CLUE,
    Stage.REVIEW,
    Stage.NEGOTIATION,
    Stage.SIGNED,
    Stage.STARTED,
    Stage.PRODUCING,
]
OPEN_STAGES = [Stage.CLUE, Stage.REVIEW, Stage.NEGOTIATION]

# The share of a lead's intended investment that the weighted pipeline counts, by stage,
# unless the county sets its own (PipelineSettings.probabilities).
DEFAULT_PROBABILITIES = {
    Stage.CLUE: 10,
    Stage.REVIEW: 20,
    Stage.NEGOTIATION: 50,
    Stage.SIGNED: 80,
    Stage.STARTED: 95,
    Stage.PRODUCING: 100,
    Stage.TERMINATED: 0,
}


class ReviewOpinion(models.TextChoices):
    PURSUE = "pursue", _("跟进")
    DROP = "drop", _("放弃")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("外出招商")
    FOLLOW_UP = "follow_up", _("跟进洽谈")
    RECEPTION = "reception", _("来访接待")


class AgreementKind(models.TextChoices):
    FRAMEWORK = "framework", _("框架协议")
    INVESTMENT = "investment", _("投资协议")
    CONTRACT = "contract", _("合同")


class TargetPeriod(models.TextChoices):
    YEAR = "year", _("全年")
    H1 = "h1", _("上半年")
    H2 = "h2", _("下半年")
