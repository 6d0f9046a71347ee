"""The catalogue and open cases from .xlsx, through the shared import pattern."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.directory.models import Department
from rixin.projects.models import Project
from rixin.projects.validators import validate_project_code
from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
    parse_text,
    register,
)

from . import access, actions
from .choices import CaseStatus, ItemKind, ProjectType
from .models import Case, CatalogueItem, Stage


def _collect(errors: list):
    def field(header, func):
        try:
            return func()
        except (ValueError, ValidationError) as exc:
            errors.append((header, "; ".join(getattr(exc, "messages", [str(exc)]))))
            return None

    return field


def _days(value) -> int:
    number = parse_decimal(value, places=0, minimum=1)
    if number is None:
        raise ValueError(_("必填"))
    return int(number)


@dataclass
class CatalogueRow:
    stage: dict
    item: dict


@register
class CatalogueImporter(Importer):
    kind = "approval_catalogue"
    title = gettext_lazy("审批事项目录")
    columns = [
        Column("阶段顺序", "order", help="1-4"),
        Column("阶段名称", "stage_name"),
        Column("牵头部门", "lead"),
        Column("阶段时限(工作日)", "stage_limit"),
        Column("事项编码", "code"),
        Column("事项名称", "name"),
        Column("办理部门", "department"),
        Column("事项时限(工作日)", "limit"),
        Column("办理方式", "item_kind", help="普通/容缺受理/告知承诺制"),
        Column("申请材料", "materials", required=False, help="用“、”分隔"),
        Column("参加联合验收", "joint", required=False, help="是/否"),
    ]

    def allowed(self) -> bool:
        return access.is_county_admin(self.user)

    def parse_row(self, number, values):
        errors: list[tuple[str, str]] = []
        field = _collect(errors)
        stage = {
            "order": field("阶段顺序", lambda: _days(values["order"])),
            "name": field("阶段名称", lambda: parse_text(values["stage_name"], max_length=40)),
            "lead": field("牵头部门", lambda: parse_text(values["lead"], max_length=80)),
            "time_limit_days": field("阶段时限(工作日)", lambda: _days(values["stage_limit"])),
        }
        item = {
            "code": field("事项编码", lambda: parse_text(values["code"], max_length=30)),
            "name": field("事项名称", lambda: parse_text(values["name"], max_length=60)),
            "department": field(
                "办理部门", lambda: parse_text(values["department"], max_length=80)
            ),
            "time_limit_days": field("事项时限(工作日)", lambda: _days(values["limit"])),
            "kind": field(
                "办理方式", lambda: parse_choice(values["item_kind"] or "普通", ItemKind.choices)
            ),
            "materials": "\n".join(
                part.strip()
                for part in parse_text(values["materials"], max_length=1000).split("、")
                if part.strip()
            ),
            "joint_acceptance": field("参加联合验收", lambda: parse_bool(values["joint"])),
        }
        for header, value in (("阶段名称", stage["name"]), ("事项编码", item["code"])):
            if value == "":
                errors.append((header, _("必填")))
        if errors:
            raise RowInvalid(errors)
        return CatalogueRow(stage, item)

    def plan(self, rows):
        county = self.county_code()
        departments = {d.name: d for d in Department.objects.filter(county_id=county)}
        stages = {s.order: s for s in Stage.objects.filter(county_id=county)}
        items = {i.code: i for i in CatalogueItem.objects.filter(county_id=county)}
        errors, changes = [], []
        for number, row in rows:
            for header, key in (
                ("牵头部门", row.stage["lead"]),
                ("办理部门", row.item["department"]),
            ):
                if key not in departments:
                    errors.append((number, header, _("“%(d)s”不在本县部门名录中") % {"d": key}))
            if row.item["time_limit_days"] > row.stage["time_limit_days"]:
                errors.append((number, "事项时限(工作日)", _("不能超过所属阶段的时限")))
            existing = items.get(row.item["code"])
            kind = "create" if existing is None else "update"
            if existing is not None and stages.get(row.stage["order"]):
                same = (
                    existing.name == row.item["name"]
                    and existing.time_limit_days == row.item["time_limit_days"]
                    and existing.kind == row.item["kind"]
                    and existing.department.name == row.item["department"]
                    and existing.stage.order == row.stage["order"]
                )
                kind = "unchanged" if same else "update"
            text = f"{row.stage['name']} · {row.item['name']}"
            changes.append(Change(number, kind, text, (row, departments)))
        if errors:
            raise RowInvalid(errors)
        return changes

    def apply(self, changes):
        county = self.user.division
        for change in changes:
            row, departments = change.payload
            stage = actions.save_stage(
                acting_user=self.user,
                county=county,
                order=row.stage["order"],
                name=row.stage["name"],
                lead_department=departments[row.stage["lead"]],
                time_limit_days=row.stage["time_limit_days"],
            )
            if change.kind == "unchanged":
                continue
            fields = {**row.item, "department": departments[row.item["department"]]}
            actions.save_catalogue_item(acting_user=self.user, county=county, stage=stage, **fields)


@dataclass
class CaseRow:
    code: str
    project_type: str
    opened_on: object


@register
class OpenCaseImporter(Importer):
    kind = "approval_cases"
    title = gettext_lazy("在办审批案件")
    columns = [
        Column("项目代码", "code", help="24位投资项目代码"),
        Column("项目类型", "project_type", help="政府投资项目/社会投资项目/社会投资简易低风险项目"),
        Column("立案日期", "opened_on"),
    ]

    def allowed(self) -> bool:
        return access.is_desk(self.user)

    def parse_row(self, number, values):
        errors: list[tuple[str, str]] = []
        field = _collect(errors)
        code = parse_text(values["code"], max_length=30)
        field("项目代码", lambda: validate_project_code(code))
        project_type = field(
            "项目类型", lambda: parse_choice(values["project_type"], ProjectType.choices)
        )
        opened_on = field("立案日期", lambda: parse_date(values["opened_on"]))
        if opened_on is None and not any(e[0] == "立案日期" for e in errors):
            errors.append(("立案日期", _("必填")))
        if errors:
            raise RowInvalid(errors)
        return CaseRow(code, project_type, opened_on)

    def plan(self, rows):
        county = self.county_code()
        codes = [row.code for _number, row in rows]
        projects = {p.code: p for p in Project.objects.filter(county_id=county, code__in=codes)}
        open_codes = set(
            Case.objects.filter(
                county_id=county, status=CaseStatus.OPEN, project__code__in=codes
            ).values_list("project__code", flat=True)
        )
        errors, changes, seen = [], [], set()
        for number, row in rows:
            if row.code not in projects:
                errors.append((number, "项目代码", _("“%(c)s”不在本县项目库中") % {"c": row.code}))
                continue
            if row.code in seen:
                errors.append((number, "项目代码", _("与前面的行重复")))
                continue
            seen.add(row.code)
            kind = "unchanged" if row.code in open_codes else "create"
            changes.append(Change(number, kind, projects[row.code].name, row))
        if errors:
            raise RowInvalid(errors)
        return changes

    def apply(self, changes):
        for change in changes:
            if change.kind != "create":
                continue
            row = change.payload
            actions.open_case(
                acting_user=self.user,
                county=self.user.division,
                project_code=row.code,
                project_type=row.project_type,
                opened_on=row.opened_on,
            )
