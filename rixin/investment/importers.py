"""Lead import (the foundation's import pattern) and the agreement export's columns."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.regions.models import Division
from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    parse_choice,
    parse_decimal,
    parse_text,
    register,
)

from . import actions
from .access import writes_investment
from .choices import LeadSource
from .models import Agreement, Lead, Team, clean_credit_code

EDITABLE = [
    "source",
    "company_name",
    "credit_code",
    "origin_city",
    "origin_province",
    "project_name",
    "industry",
    "intended_investment",
    "land_mu",
    "building_sqm",
    "expected_annual_tax",
    "intended_site",
    "team",
]


@dataclass
class LeadRow:
    key: tuple[str, str]
    values: dict


@register
class LeadImporter(Importer):
    kind = "investment-leads"
    title = gettext_lazy("招商线索")
    columns = [
        Column(
            "线索来源", "source", help="领导交办/外出考察/以商招商/会议推介/主动上门/中介推荐/其他"
        ),
        Column("企业名称", "company_name"),
        Column("统一社会信用代码", "credit_code", required=False),
        Column("来源城市", "origin_city"),
        Column("来源省份", "origin_province", required=False),
        Column("意向项目", "project_name", required=False),
        Column("产业", "industry"),
        Column("意向投资额(万元)", "intended_investment"),
        Column("用地需求(亩)", "land_mu", required=False),
        Column("厂房需求(平方米)", "building_sqm", required=False),
        Column("预计年税收(万元)", "expected_annual_tax", required=False),
        Column("意向园区或选址", "intended_site", required=False),
        Column("负责团队", "team", required=False),
    ]

    def allowed(self) -> bool:
        return writes_investment(self.user)

    def parse_row(self, number, values):
        errors: list[tuple[str, str]] = []
        out: dict = {}
        for column, parse in self.parsers:
            try:
                out[column.key] = value = parse(values[column.key])
            except (ValueError, ValidationError) as exc:
                errors.append((column.header, "; ".join(getattr(exc, "messages", [str(exc)]))))
            else:
                if column.required and value in (None, ""):
                    errors.append((column.header, _("必填")))
        if errors:
            raise RowInvalid(errors)
        return LeadRow((out["company_name"], out["project_name"]), out)

    @functools.cached_property
    def parsers(self) -> list[tuple[Column, Any]]:
        """(column, parser) of each column, made once per file (the labels in the language
        of the request): each text is held to its model field's max_length, at preview as
        at confirm."""
        sources = LeadSource.choices
        by_text = {str(label): key for key, label in reversed(sources)} | {
            k: k for k, _l in sources
        }

        def source(value):
            key = by_text.get(str(value or "").strip())
            return key if key is not None else parse_choice(value, sources)  # its message

        special = {
            "source": source,
            "credit_code": lambda v: clean_credit_code(parse_text(v, field=_field("credit_code"))),
            "intended_investment": _positive,
            "land_mu": lambda v: parse_decimal(v, unit="亩", minimum=0, field=_field("land_mu")),
            "building_sqm": lambda v: parse_decimal(
                v, unit="平方米", minimum=0, field=_field("building_sqm")
            ),
            "expected_annual_tax": lambda v: parse_decimal(
                v, unit="万元", minimum=0, field=_field("expected_annual_tax")
            ),
        }

        def text(key):
            field = _text_field(key)
            return lambda v: parse_text(v, field=field)

        return [(c, special.get(c.key) or text(c.key)) for c in self.columns]

    def plan(self, rows):
        teams = {t.name: t for t in Team.objects.filter(county_id=self.county_code())}
        existing = {
            (lead.company_name, lead.project_name): lead
            for lead in Lead.objects.filter(county_id=self.county_code()).select_related("team")
        }
        errors, seen, changes = [], {}, []
        for number, row in rows:
            if row.key in seen:
                errors.append(
                    (
                        number,
                        "企业名称",
                        _("与第%(b)d行重复(企业名称和意向项目相同)") % {"b": seen[row.key]},
                    )
                )
            seen[row.key] = number
            name = row.values["team"]
            if name and name not in teams:
                errors.append((number, "负责团队", _("本县没有名为“%(t)s”的团队") % {"t": name}))
            row.values["team"] = teams.get(name)
            changes.append(self._change(number, row, existing.get(row.key)))
        if errors:
            raise RowInvalid(errors)
        return changes

    @staticmethod
    def _change(number: int, row: LeadRow, current: Lead | None) -> Change:
        label = " · ".join(part for part in row.key if part)
        if current is None:
            return Change(number, "create", label, row)
        diff = {k: v for k, v in row.values.items() if getattr(current, k) != v}
        if not diff:
            return Change(number, "unchanged", label, target=current)
        return Change(
            number, "update", f"{label}: {', '.join(diff)}", (current, diff), target=current
        )

    def apply(self, changes):
        county = Division.objects.get(code=self.county_code())
        actions.import_leads(
            county,
            acting_user=self.user,
            creates=[c.payload.values for c in changes if c.kind == "create"],
            updates=[c.payload for c in changes if c.kind == "update"],
        )

    @classmethod
    def header(cls) -> list[str]:
        return [c.header for c in cls.columns]

    @staticmethod
    def widths() -> list[int]:
        return [12, 34, 22, 10, 10, 30, 12, 14, 12, 14, 14, 24, 16, 10, 10]

    @staticmethod
    def dropdowns() -> dict[int, list[str]]:
        return {0: [str(label) for _v, label in LeadSource.choices]}

    @staticmethod
    def row_of(lead: Lead) -> list:
        return [
            lead.get_source_display(),
            lead.company_name,
            lead.credit_code,
            lead.origin_city,
            lead.origin_province,
            lead.project_name,
            lead.industry,
            lead.intended_investment,
            lead.land_mu,
            lead.building_sqm,
            lead.expected_annual_tax,
            lead.intended_site,
            lead.team.name if lead.team_id else "",
            lead.get_stage_display(),
            lead.get_review_opinion_display(),
        ]


def _field(name: str):
    return Lead._meta.get_field(name)


def _text_field(name: str):
    field = _field(name)
    return field if getattr(field, "max_length", None) else None


def _positive(value):
    number = parse_decimal(value, unit="万元", field=_field("intended_investment"))
    if number is not None and number <= 0:
        raise ValueError(_("金额必须大于0"))
    return number


class AgreementRows:
    """The columns of the agreement export."""

    widths = [40, 34, 12, 12, 12, 12, 12, 30, 16, 30, 8]

    @staticmethod
    def header() -> list[str]:
        return [
            _("签约企业"),
            _("项目名称"),
            _("协议类型"),
            _("签约金额(万元)"),
            _("签约日期"),
            _("产业"),
            _("来源城市"),
            _("签约活动"),
            _("负责团队"),
            _("项目库项目"),
            _("示例数据"),
        ]

    @staticmethod
    def row_of(agreement: Agreement) -> list:
        return [
            "、".join(agreement.company_names),
            agreement.project_name,
            agreement.get_kind_display(),
            agreement.amount,
            agreement.signed_on,
            agreement.industry,
            agreement.origin_city,
            agreement.event.name if agreement.event_id else "",
            agreement.team.name if agreement.team_id else "",
            agreement.project.name if agreement.project_id else "",
            "是" if agreement.is_illustrative else "",
        ]
