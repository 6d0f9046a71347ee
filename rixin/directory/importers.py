"""Enterprise import: the first user of the shared import pattern."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.regions.models import Division
from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    parse_bool,
    parse_date,
    parse_text,
    register,
)

from . import actions
from .industries import validate_industry_code
from .models import Enterprise, normalize_credit_code, validate_credit_code


@dataclass
class EnterpriseRow:
    credit_code: str
    values: dict


@register
class EnterpriseImporter(Importer):
    kind = "enterprises"
    title = gettext_lazy("企业名录")
    columns = [
        Column("所属县代码", "county"),
        Column("企业名称", "name"),
        Column("统一社会信用代码", "credit_code"),
        Column("行业代码", "industry", help="GB/T 4754-2017,如 C22"),
        Column("高新技术企业", "is_high_tech", required=False, help="是/否"),
        Column("高新证书日期", "high_tech_certified_on", required=False),
        Column("地址", "address", required=False),
        Column("联系人(职务)", "contact_title", required=False),
        Column("联系电话", "contact_phone", required=False),
    ]

    def allowed(self) -> bool:
        return self.user.writes_county_data and self.user.county_code is not None

    def parse_row(self, number, values):
        errors: list[tuple[str, str]] = []
        out = {}

        def field(header, func):
            try:
                return func()
            except (ValueError, ValidationError) as exc:
                errors.append((header, "; ".join(getattr(exc, "messages", [str(exc)]))))
                return None

        county = field("所属县代码", lambda: parse_text(values["county"], max_length=12))
        if county is not None and county != self.county_code():
            errors.append(
                (
                    "所属县代码",
                    _("“%(c)s”不是您所在的县(%(own)s),不能导入其他县的企业")
                    % {"c": county, "own": self.county_code()},
                )
            )
        out["name"] = field("企业名称", lambda: parse_text(values["name"], max_length=120))
        if not out["name"]:
            errors.append(("企业名称", _("必填")))
        # Over-long codes are refused here, with the column named, like every other cell.
        code = field(
            "统一社会信用代码",
            lambda: normalize_credit_code(parse_text(values["credit_code"], max_length=30)),
        )
        if code is not None:
            code = code.upper()
            field("统一社会信用代码", lambda: validate_credit_code(code))
        industry = field("行业代码", lambda: parse_text(values["industry"], max_length=5))
        if industry is not None:
            industry = industry.upper()
            field("行业代码", lambda: validate_industry_code(industry))
        out["industry"] = industry
        out["is_high_tech"] = field("高新技术企业", lambda: parse_bool(values["is_high_tech"]))
        out["high_tech_certified_on"] = field(
            "高新证书日期", lambda: parse_date(values["high_tech_certified_on"])
        )
        if out["high_tech_certified_on"] and not out["is_high_tech"]:
            errors.append(("高新证书日期", _("非高新技术企业不应填写证书日期")))
        out["address"] = field(
            "地址",
            lambda: parse_text(values["address"], field=Enterprise._meta.get_field("address")),
        )
        out["contact_title"] = field(
            "联系人(职务)", lambda: parse_text(values["contact_title"], max_length=60)
        )
        out["contact_phone"] = field(
            "联系电话", lambda: parse_text(values["contact_phone"], max_length=30)
        )
        if errors:
            raise RowInvalid(errors)
        return EnterpriseRow(code, out)

    def plan(self, rows):
        codes = [row.credit_code for _n, row in rows]
        seen: dict[str, int] = {}
        errors = []
        for number, row in rows:
            if row.credit_code in seen:
                errors.append(
                    (
                        number,
                        "统一社会信用代码",
                        _("与第%(b)d行的统一社会信用代码重复") % {"b": seen[row.credit_code]},
                    )
                )
            seen[row.credit_code] = number
        existing = {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=codes)}
        changes = []
        for number, row in rows:
            current = existing.get(row.credit_code)
            if current is None:
                changes.append(Change(number, "create", row.values["name"], row))
            elif current.county_id != self.county_code():
                errors.append(
                    (
                        number,
                        "统一社会信用代码",
                        _("%(code)s 已登记在其他县,不能导入") % {"code": row.credit_code},
                    )
                )
            else:
                diff = {k: v for k, v in row.values.items() if getattr(current, k) != v}
                if diff:
                    changes.append(
                        Change(
                            number,
                            "update",
                            f"{current.name}: {', '.join(diff)}",
                            (current, diff),
                            target=current,
                        )
                    )
                else:
                    changes.append(Change(number, "unchanged", current.name, target=current))
        if errors:
            raise RowInvalid(errors)
        return changes

    def apply(self, changes):
        county = Division.objects.get(code=self.county_code())
        for change in changes:
            if change.kind == "create":
                row = change.payload
                actions.create_enterprise(
                    acting_user=self.user, county=county, credit_code=row.credit_code, **row.values
                )
            elif change.kind == "update":
                enterprise, diff = change.payload
                actions.update_enterprise(enterprise, diff, acting_user=self.user)

    @classmethod
    def header(cls) -> list[str]:
        return [c.header for c in cls.columns]

    @staticmethod
    def row_of(e: Enterprise) -> list:
        return [
            e.county_id,
            e.name,
            e.credit_code,
            e.industry,
            "是" if e.is_high_tech else "否",
            e.high_tech_certified_on,
            e.address,
            e.contact_title,
            e.contact_phone,
        ]
