"""Writes of 招商引资. Each validates, runs in one transaction and leaves an audit record."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import (
    StaleEdit,
    audited_create,
    audited_update,
    changed_fields,
    insert_rows,
    record_event,
    record_events,
    record_rows,
    snapshot,
    snapshot_row,
    update_rows,
)
from rixin.audit.models import AuditAction
from rixin.directory.choices import DepartmentKind
from rixin.directory.models import Department, Enterprise
from rixin.regions.models import Division

from .access import check_reviewer as _check_reviewer
from .access import check_writer as _check_writer
from .access import enters_own_department_projects
from .choices import PIPELINE, ReviewOpinion, Stage
from .models import (
    DEFAULT_LOST_REASONS,
    OTHER_LOST_REASON,
    Activity,
    Agreement,
    AgreementParty,
    Lead,
    LeadStageChange,
    LostReason,
    PipelineSettings,
    SigningEvent,
    Target,
    Team,
    clean_credit_code,
)

# Settings, teams and targets


@transaction.atomic
def set_pipeline_settings(
    county: Division, *, acting_user, review_required: bool, probabilities: dict | None = None
) -> PipelineSettings:
    _check_writer(acting_user, county.code)
    probabilities = probabilities or {}
    for stage, value in probabilities.items():
        if stage not in Stage.values or not 0 <= Decimal(str(value)) <= 100:
            raise ValidationError({"probabilities": _("各阶段概率应为0到100之间的数字。")})
    current = PipelineSettings.objects.filter(county=county).first()
    changes = {"review_required": review_required, "probabilities": probabilities}
    if current is None:
        return audited_create(PipelineSettings, acting_user=acting_user, county=county, **changes)
    return audited_update(current, changes, acting_user=acting_user)


@transaction.atomic
def create_team(*, acting_user, county: Division, members: Sequence = (), **fields) -> Team:
    _check_writer(acting_user, county.code)
    if Team.objects.filter(county=county, name=fields.get("name", "")).exists():
        raise ValidationError({"name": _("本县已有同名团队。")})
    team = audited_create(Team, acting_user=acting_user, county=county, **fields)
    set_team_members(team, members, acting_user=acting_user)
    return team


@transaction.atomic
def set_team_members(team: Team, members: Sequence, *, acting_user) -> None:
    _check_writer(acting_user, team.county_id)
    outsiders = [str(m) for m in members if m.division_id != team.county_id]
    if outsiders:
        raise ValidationError({"members": _("成员不属于该县:%(n)s") % {"n": "、".join(outsiders)}})
    before = sorted(team.members.values_list("pk", flat=True))
    team.members.set(members)
    after = sorted(m.pk for m in members)
    if before != after:
        record_event(
            AuditAction.UPDATE,
            acting_user=acting_user,
            obj=team,
            before={"members": before},
            after={"members": after},
        )


@transaction.atomic
def set_target(
    *, acting_user, county: Division, year: int, period: str, team: Team | None = None, **fields
) -> Target:
    """Create the target of (county, team, year, period), or change the one there is."""
    _check_writer(acting_user, county.code)
    if team is not None and team.county_id != county.code:
        raise ValidationError({"team": _("团队不属于该县。")})
    current = Target.objects.filter(county=county, team=team, year=year, period=period).first()
    if current is None:
        return audited_create(
            Target,
            acting_user=acting_user,
            county=county,
            team=team,
            year=year,
            period=period,
            **fields,
        )
    return audited_update(current, fields, acting_user=acting_user)


# Leads


@transaction.atomic
def create_lead(*, acting_user, county: Division, at=None, **fields) -> Lead:
    """Register a lead in 线索; ``at`` dates a historical record (the demo loader)."""
    _check_writer(acting_user, county.code)
    _clean_code(fields)
    if at is not None:
        fields.update(created=at, stage_since=at)
    fields.setdefault("stage", Stage.CLUE)
    if fields["stage"] != Stage.CLUE:
        raise ValidationError({"stage": _("新线索从“线索”阶段开始。")})
    lead = audited_create(Lead, acting_user=acting_user, county=county, **fields)
    LeadStageChange.objects.create(
        lead=lead, old="", new=Stage.CLUE, actor=acting_user, at=lead.stage_since
    )
    return lead


# The foreign keys an import hands over as rows already in hand (the county of the file, a
# team of that county found by name): checked by the import, not looked up again per row.
_IMPORT_KEYS_IN_HAND = ["county", "team", "reviewer", "lost_reason"]


@transaction.atomic
def import_leads(
    county: Division,
    *,
    acting_user,
    creates: Sequence[dict] = (),
    updates: Sequence[tuple[Lead, dict]] = (),
) -> dict[str, int]:
    """The leads of an imported file: new ones as :func:`create_lead` makes them and changes
    as :func:`update_lead` makes them, with the same checks (the credit code normalised and
    validated, the team of the county, every field's own validators), written in a few
    queries however long the file: one INSERT of the leads, one of their first stage, one
    UPDATE per set of changed fields, one audit record per lead."""
    _check_writer(acting_user, county.code)
    now = timezone.now()
    rows = [_lead_row(county, fields, now) for fields in creates]
    insert_rows(Lead, rows)
    ids = _new_lead_ids(county, now, rows)
    record_rows(
        AuditAction.CREATE,
        [
            (
                Lead._meta.label_lower,
                pk,
                _lead_label(row),
                county.code,
                None,
                snapshot_row(Lead, row, pk),
            )
            for row, pk in zip(rows, ids, strict=True)
        ],
        acting_user=acting_user,
    )
    insert_rows(
        LeadStageChange,
        (
            {"lead_id": pk, "old": "", "new": Stage.CLUE, "actor_id": acting_user.pk, "at": now}
            for pk in ids
        ),
    )
    _update_imported_leads(updates, acting_user)
    return {"create": len(rows), "update": len(updates)}


_LEAD_FIELDS = [f.name for f in Lead._meta.concrete_fields]


def _lead_label(row: dict) -> str:
    return row["company_name"] + (f" · {row['project_name']}" if row["project_name"] else "")


def _lead_row(county: Division, fields: dict, now) -> dict:
    """A new lead's row, validated as create_lead validates it (full_clean but the look-up of
    the foreign keys in hand)."""
    fields = dict(fields)
    _clean_code(fields)
    lead = Lead(county=county, created=now, stage_since=now, stage=Stage.CLUE, **fields)
    # The fields the file gives, each by its own validators; the others hold the model's
    # defaults. Lead.clean checks the team's county.
    lead.full_clean(exclude=_IMPORT_KEYS_IN_HAND + [n for n in _LEAD_FIELDS if n not in fields])
    return {
        f.attname: getattr(lead, f.attname) for f in Lead._meta.concrete_fields if not f.primary_key
    }


def _new_lead_ids(county: Division, now, rows: list[dict]) -> list[int]:
    """The ids of the leads just inserted, in the order of ``rows``, in one query: the
    import's time stamp and the file's key (企业名称, 意向项目), unique in a file."""
    if not rows:
        return []
    found = {
        (name, project): pk
        for pk, name, project in Lead.objects.filter(county=county, created=now)
        .order_by()
        .values_list("pk", "company_name", "project_name")
    }
    return [found[(row["company_name"], row["project_name"])] for row in rows]


def _update_imported_leads(updates: Sequence[tuple[Lead, dict]], acting_user) -> None:
    """update_lead for many leads: each lead as the import read it, refused whole (StaleEdit)
    if one changed since (its version moved on)."""
    if not updates:
        return
    forbidden = {"stage", "stage_since", "review_opinion", "reviewer", "county"}
    leads = [lead for lead, _changes in updates]
    counties = {lead.county_id for lead in leads}
    for code in counties:
        _check_writer(acting_user, code)
    # By county, not by a list of ids: a file of 100,000 leads is more than a query holds.
    current = dict(
        Lead.objects.filter(county_id__in=counties)
        .select_for_update()
        .order_by()
        .values_list("pk", "version")
    )
    if any(current.get(lead.pk) != lead.version for lead in leads):
        raise StaleEdit()
    changed, events = [], []
    for lead, changes in updates:
        if forbidden & set(changes):
            raise ValidationError(_("阶段和研判意见请通过“推进阶段”和“研判”修改。"))
        changes = dict(changes)
        _clean_code(changes)
        before = snapshot(lead)
        for name, value in changes.items():
            setattr(lead, name, value)
        lead.full_clean(exclude=_IMPORT_KEYS_IN_HAND)  # Lead.clean checks the team's county
        lead.version += 1
        after = snapshot(lead)
        old, new = changed_fields(before, after)
        changed.append((lead.pk, {name: getattr(lead, name) for name in new}))
        events.append((lead, old, new))
    update_rows(Lead, changed)
    record_events(AuditAction.UPDATE, events, acting_user=acting_user)


def update_lead(lead: Lead, changes: dict, *, acting_user, expected_version=None) -> Lead:
    _check_writer(acting_user, lead.county_id)
    forbidden = {"stage", "stage_since", "review_opinion", "reviewer", "county"} & set(changes)
    if forbidden:
        raise ValidationError(_("阶段和研判意见请通过“推进阶段”和“研判”修改。"))
    _clean_code(changes)
    return audited_update(lead, changes, acting_user=acting_user, expected_version=expected_version)


def _clean_code(fields: dict) -> None:
    """The credit code normalised and validated the same way for the form, the import and
    the API (``clean_credit_code``)."""
    if "credit_code" in fields:
        try:
            fields["credit_code"] = clean_credit_code(fields["credit_code"])
        except ValidationError as exc:
            raise ValidationError({"credit_code": exc.messages}) from exc


@transaction.atomic
def record_review(lead: Lead, *, acting_user, opinion: str, note: str = "", at=None) -> Lead:
    """A named reviewer's opinion on a lead: pursue it or drop it."""
    _check_reviewer(acting_user, lead.county_id)
    lead = _locked(lead)
    if lead.stage not in (Stage.CLUE, Stage.REVIEW):
        raise ValidationError(_("只有处于“线索”或“研判”阶段的线索可以研判。"))
    if opinion not in ReviewOpinion.values:
        raise ValidationError({"review_opinion": _("请选择研判意见:跟进或放弃。")})
    if opinion == ReviewOpinion.DROP and not note.strip():
        raise ValidationError({"review_note": _("放弃的研判意见须写明理由。")})
    return audited_update(
        lead,
        {
            "review_opinion": opinion,
            "review_note": note.strip(),
            "reviewer": acting_user,
            "reviewed_at": at or timezone.now(),
        },
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
        message="review",
    )


def _stage_refusal(lead: Lead, new: str) -> str:
    """Why ``lead`` may not move to ``new``; empty when it may."""
    current = lead.stage
    if new == current:
        return _("线索已处于“%(s)s”阶段。") % {"s": Stage(new).label}
    if new == Stage.TERMINATED:
        return ""
    if new == Stage.CLUE:
        if current in (Stage.REVIEW, Stage.NEGOTIATION, Stage.TERMINATED):
            return ""
        return _("已签约的线索不能退回线索池。")
    if current == Stage.TERMINATED:
        return _("已终止的线索须先退回线索池。")
    if PIPELINE.index(new) != PIPELINE.index(current) + 1:
        return _("只能推进到下一阶段“%(s)s”。") % {"s": PIPELINE[PIPELINE.index(current) + 1].label}
    return _forward_refusal(lead, new)


def _forward_refusal(lead: Lead, new: str) -> str:
    if new == Stage.NEGOTIATION:
        if lead.review_opinion == ReviewOpinion.DROP:
            return _("研判意见为放弃,不能推进到洽谈;请终止或退回线索池。")
        required = PipelineSettings.for_county(lead.county_id).review_required
        if required and lead.review_opinion != ReviewOpinion.PURSUE:
            return _("推进到洽谈前须先记录研判意见(跟进)。")
    if new == Stage.SIGNED and not lead.agreements.exists():
        return _("推进到签约前须先登记该线索的签约协议。")
    if new == Stage.STARTED and not lead.agreements.started().exists():
        return _("该线索的协议项目在项目库中尚未开工(新开工及以后),不能推进到落地开工。")
    return ""


@transaction.atomic
def move_lead(
    lead: Lead, new: str, *, acting_user, reason: str = "", lost_reason=None, at=None
) -> Lead:
    """Move a lead to another stage under the stage rules; every move is a row.
    ``at`` dates a historical move (the demo loader); otherwise it is now. 终止 takes a coded
    ``lost_reason`` (a LostReason of the county, or its name); a reason in words alone is
    coded "其他"."""
    _check_writer(acting_user, lead.county_id)
    lead = _locked(lead)
    if new not in Stage.values:
        raise ValidationError({"stage": _("未知的阶段“%(s)s”。") % {"s": new}})
    refusal = _stage_refusal(lead, new)
    if refusal:
        raise ValidationError({"stage": refusal})
    reason = (reason or "").strip()
    changes: dict = {"stage": new, "stage_since": at or timezone.now()}
    if new == Stage.TERMINATED:
        code = _lost_reason(lead.county_id, lost_reason, reason, acting_user)
        changes.update(lost_reason=code, termination_reason=reason)
    if new == Stage.CLUE:  # back to the pool: it will be reviewed afresh
        changes.update(review_opinion="", review_note="", reviewer=None, reviewed_at=None)
    old = lead.stage
    lead = audited_update(
        lead, changes, acting_user=acting_user, action=AuditAction.TRANSITION, validate=False
    )
    LeadStageChange.objects.create(
        lead=lead, old=old, new=new, actor=acting_user, at=lead.stage_since, reason=reason
    )
    return lead


def _lost_reason(county_code: str, chosen, reason: str, acting_user) -> LostReason:
    """The coded reason of a termination; "其他" needs the reason in words."""
    if chosen in (None, "") and not reason:
        raise ValidationError({"reason": _("终止线索须选择或写明原因。")})
    reasons = {r.name: r for r in _ensure_lost_reasons(county_code, acting_user)}
    if chosen in (None, ""):
        code = reasons[OTHER_LOST_REASON]
    elif isinstance(chosen, LostReason):
        code = chosen
    else:
        code = reasons.get(str(chosen)) or next(
            (r for r in reasons.values() if str(r.pk) == str(chosen)), None
        )
    if code is None or code.county_id != county_code:
        raise ValidationError({"lost_reason": _("请从本县的终止原因清单中选择。")})
    if code.needs_text and not reason:
        raise ValidationError({"reason": _("选择“其他”须写明具体原因。")})
    return code


def _ensure_lost_reasons(county_code: str, acting_user) -> list[LostReason]:
    """The county's list of lost reasons; the default list the first time it is needed."""
    existing = list(LostReason.objects.filter(county_id=county_code))
    if existing:
        return existing
    names = (*DEFAULT_LOST_REASONS, OTHER_LOST_REASON)
    return [
        audited_create(
            LostReason,
            acting_user=acting_user,
            county_id=county_code,
            name=name,
            order=order * 10,
            needs_text=name == OTHER_LOST_REASON,
        )
        for order, name in enumerate(names, 1)
    ]


def lost_reason_choices(county_code: str) -> list[tuple[str, str]]:
    """(value, label) for a form: the county's list, or the default one it will get."""
    existing = LostReason.objects.filter(county_id=county_code)
    if existing.exists():
        return [(str(r.pk), r.name) for r in existing]
    return [(name, name) for name in (*DEFAULT_LOST_REASONS, OTHER_LOST_REASON)]


@transaction.atomic
def add_lost_reason(
    *, acting_user, county: Division, name: str, needs_text: bool = False
) -> LostReason:
    """Add a reason to the county's list (the 招商中心 or the county administrator)."""
    _check_writer(acting_user, county.code)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写原因。")})
    reasons = _ensure_lost_reasons(county.code, acting_user)
    if any(r.name == name for r in reasons):
        raise ValidationError({"name": _("本县的清单中已有该原因。")})
    order = max((r.order for r in reasons), default=0) + 10
    return audited_create(
        LostReason,
        acting_user=acting_user,
        county=county,
        name=name,
        order=order,
        needs_text=needs_text,
    )


def _locked(lead: Lead) -> Lead:
    """The lead as stored now (a stage change must not rest on a stale copy)."""
    return Lead.objects.select_for_update().get(pk=lead.pk)


# Activities


@transaction.atomic
def record_activity(*, acting_user, county: Division, **fields) -> Activity:
    """A visit or follow-up. A new activity on a lead settles the lead's earlier follow-ups."""
    _check_writer(acting_user, county.code)
    lead = fields.get("lead")
    if lead is not None and lead.county_id != county.code:
        raise ValidationError({"lead": _("线索不属于该县。")})
    activity = audited_create(
        Activity, acting_user=acting_user, county=county, recorded_by=acting_user, **fields
    )
    if lead is not None:
        _settle_follow_ups(lead, activity, acting_user)
    return activity


def _settle_follow_ups(lead: Lead, activity: Activity, acting_user) -> None:
    """The lead's earlier open follow-ups are done: one UPDATE, one audit record per row."""
    settled = list(
        Activity.objects.select_for_update()
        .filter(lead=lead, next_contact_done=False, next_contact_on__isnull=False)
        .exclude(pk=activity.pk)
    )
    if not settled:
        return
    Activity.objects.filter(pk__in=[a.pk for a in settled]).update(next_contact_done=True)
    record_events(
        AuditAction.UPDATE,
        [(a, {"next_contact_done": False}, {"next_contact_done": True}) for a in settled],
        acting_user=acting_user,
        message=_("新的活动记录已跟进:%(activity)s") % {"activity": activity},
    )


def complete_follow_up(activity: Activity, *, acting_user) -> Activity:
    _check_writer(acting_user, activity.county_id)
    return audited_update(activity, {"next_contact_done": True}, acting_user=acting_user)


# Signing events and agreements


def create_event(*, acting_user, county: Division, **fields) -> SigningEvent:
    _check_writer(acting_user, county.code)
    return audited_create(SigningEvent, acting_user=acting_user, county=county, **fields)


def _clean_companies(companies: Sequence[str]) -> list[str]:
    names = []
    for name in companies:
        name = (name or "").strip()
        if name and name not in names:
            names.append(name)
    if not names:
        raise ValidationError({"companies": _("协议至少要有一家签约企业。")})
    return names


def _check_duplicate(county: Division, names: list[str], project_name: str, signed_on) -> None:
    same = Agreement.objects.filter(
        county=county, project_name=project_name.strip(), signed_on=signed_on
    ).prefetch_related("parties")
    for agreement in same:
        if sorted(agreement.company_names) == sorted(names):
            raise ValidationError(
                _("重复的协议:%(companies)s 已于 %(date)s 签订“%(project)s”。")
                % {"companies": "、".join(names), "date": signed_on, "project": project_name}
            )


@transaction.atomic
def record_agreement(
    *, acting_user, county: Division, companies: Sequence[str], **fields
) -> Agreement:
    """Record a signed agreement; a lead in 洽谈 it came from moves to 签约."""
    _check_writer(acting_user, county.code)
    names = _clean_companies(companies)
    lead = fields.get("lead")
    if lead is not None:
        if lead.county_id != county.code:
            raise ValidationError({"lead": _("来源线索属于其他县,不能关联。")})
        # What the lead already says is not typed again.
        for name in ("team", "industry", "origin_city"):
            if not fields.get(name):
                fields[name] = getattr(lead, name)
    _check_duplicate(county, names, fields.get("project_name", ""), fields.get("signed_on"))
    agreement = audited_create(Agreement, acting_user=acting_user, county=county, **fields)
    enterprises = {e.name: e for e in Enterprise.objects.filter(county=county, name__in=names)}
    AgreementParty.objects.bulk_create(
        AgreementParty(
            agreement=agreement, company_name=n, enterprise=enterprises.get(n), position=i
        )
        for i, n in enumerate(names)
    )
    record_event(
        AuditAction.UPDATE, acting_user=acting_user, obj=agreement, after={"companies": names}
    )
    if lead is not None and lead.stage == Stage.NEGOTIATION:
        # Signed on the agreement's date, but never before the lead's previous stage.
        signed_at = timezone.make_aware(
            datetime.datetime.combine(agreement.signed_on, datetime.time(12))
        )
        move_lead(
            lead,
            Stage.SIGNED,
            acting_user=acting_user,
            reason=str(agreement),
            at=min(max(signed_at, lead.stage_since), timezone.now()),
        )
    return agreement


def handoff_fields(agreement: Agreement, acting_user) -> dict:
    """What the project library receives, prefilled from the agreement (nothing typed twice).

    The responsible department is the acting officer's own (the library lets an officer
    enter projects of their own department), else the county's investment-promotion centre.
    """
    from rixin.projects.choices import ProjectCategory
    from rixin.projects.models import Industry

    if enters_own_department_projects(acting_user):
        department = acting_user.department
    else:
        department = Department.objects.filter(
            county_id=agreement.county_id, kind=DepartmentKind.INVESTMENT_PROMOTION
        ).first()
    parties = list(agreement.parties.all())
    owner = next((p.enterprise for p in parties if p.enterprise_id), None)
    return {
        "name": agreement.project_name,
        "category": ProjectCategory.INDUSTRIAL,
        "industry": Industry.objects.filter(
            county_id=agreement.county_id, name=agreement.industry
        ).first(),
        "owner": owner,
        "department": department,
        "total_investment": agreement.amount,
        "construction_content": _("%(companies)s 于 %(date)s 签订%(kind)s。")
        % {
            "companies": "、".join(p.company_name for p in parties),
            "date": agreement.signed_on,
            "kind": agreement.get_kind_display(),
        },
        "is_illustrative": agreement.is_illustrative,
    }


@transaction.atomic
def hand_over(agreement: Agreement, *, acting_user, **overrides):
    """Turn the agreement into a project in the library and keep the link."""
    from rixin.projects.actions import create_project

    _check_writer(acting_user, agreement.county_id)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.project_id is not None:
        raise ValidationError(_("该协议已转入项目库。"))
    fields = {**handoff_fields(agreement, acting_user), **overrides}
    project = create_project(acting_user=acting_user, county=agreement.county, **fields)
    link_project(agreement, project, acting_user=acting_user)
    return project


def link_project(agreement: Agreement, project, *, acting_user) -> Agreement:
    """Keep the link between an agreement and its project in the library."""
    _check_writer(acting_user, agreement.county_id)
    if project.county_id != agreement.county_id:
        raise ValidationError({"project": _("项目不属于该县。")})
    if Agreement.objects.filter(project=project).exclude(pk=agreement.pk).exists():
        raise ValidationError({"project": _("该项目已关联另一份协议。")})
    before = snapshot(agreement)
    agreement.project = project
    agreement.save(update_fields=["project"])
    record_event(
        AuditAction.TRANSITION,
        acting_user=acting_user,
        obj=agreement,
        before={"project_id": before["project_id"]},
        after={"project_id": project.pk},
        message="handoff",
    )
    return agreement
