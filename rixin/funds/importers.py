"""Import of allocations and disbursements (the shared import pattern). Keys: an allocation
by its 文号, a disbursement by its voucher number; a row already there and the same is
unchanged, so importing a file twice changes nothing the second time."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.directory.models import Enterprise
from rixin.money import plain
from rixin.projects.models import Project
from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    parse_date,
    parse_decimal,
    parse_text,
    register,
)

from . import actions
from .access import enters_funds
from .models import ZERO, Allocation, Disbursement, Programme


def _line(number: str, amount: Decimal) -> str:
    """A row of the preview: its document number or voucher and its amount in 万元."""
    return _("%(number)s · %(amount)s万元") % {"number": number, "amount": plain(amount)}


def _cells(importer: Importer, values: dict, parsers: dict) -> dict:
    out, errors = {}, []
    for column in importer.columns:
        try:
            out[column.key] = parsers.get(column.key, lambda v: parse_text(v, max_length=120))(
                values[column.key]
            )
        except ValueError as exc:
            errors.append((column.header, str(exc)))
            continue
        if column.required and out[column.key] in (None, ""):
            errors.append((column.header, _("必填")))
    if errors:
        raise RowInvalid(errors)
    return out


def _amount(value) -> Decimal | None:
    number = parse_decimal(value, unit="万元")
    if number is not None and number <= 0:
        raise ValueError(_("金额必须大于0"))
    return number


def _year(value) -> int | None:
    # Read with places to spare: rounded to a whole number, 2024.5 would become 2025.
    number = parse_decimal(value, places=4)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(_("“%(v)s”不是整数") % {"v": value})
    return int(number)


@register
class AllocationImporter(Importer):
    kind = "funds-allocations"
    title = gettext_lazy("资金安排")
    columns = [
        Column("资金名称", "programme"),
        Column("年度", "year"),
        Column("企业统一社会信用代码", "credit_code", required=False),
        Column("项目名称", "project", required=False),
        Column("安排金额(万元)", "amount"),
        Column("文号", "document_number"),
        Column("使用条件", "conditions", required=False),
        Column("安排日期", "allocated_on", required=False),
    ]

    def allowed(self) -> bool:
        return enters_funds(self.user)

    def parse_row(self, number, values):
        out = _cells(
            self,
            values,
            {
                "year": _year,
                "credit_code": lambda v: parse_text(v, max_length=18).upper(),
                "amount": _amount,
                "conditions": lambda v: parse_text(v, max_length=1000),
                "allocated_on": parse_date,
            },
        )
        if not out["credit_code"] and not out["project"]:
            raise RowInvalid([("企业统一社会信用代码", _("企业和项目至少填写一项"))])
        return out

    def plan(self, rows):
        county = self.county_code()
        programmes = {(p.year, p.name): p for p in Programme.objects.filter(county_id=county)}
        codes = {row["credit_code"] for _n, row in rows if row["credit_code"]}
        enterprises = {
            e.credit_code: e
            for e in Enterprise.objects.filter(credit_code__in=codes).select_related("county")
        }
        projects = {p.name: p for p in Project.objects.filter(county_id=county)}
        existing = {a.document_number: a for a in Allocation.objects.filter(county_id=county)}
        allocated = dict(
            Allocation.objects.filter(county_id=county)
            .values_list("programme_id")
            .annotate(s=Sum("amount"))
        )
        errors, changes, seen = [], [], {}
        for number, row in rows:
            programme = programmes.get((row["year"], row["programme"]))
            enterprise = enterprises.get(row["credit_code"]) if row["credit_code"] else None
            project = projects.get(row["project"]) if row["project"] else None
            doc = row["document_number"]
            if doc in seen:
                errors.append((number, "文号", _("与第%(b)d行文号重复") % {"b": seen[doc]}))
            seen[doc] = number
            if programme is None:
                errors.append(
                    (
                        number,
                        "资金名称",
                        _("本县%(y)s年没有名为“%(p)s”的资金项目")
                        % {"y": row["year"], "p": row["programme"]},
                    )
                )
            if row["credit_code"] and enterprise is None:
                errors.append(
                    (number, "企业统一社会信用代码", _("没有登记该统一社会信用代码的企业"))
                )
            elif enterprise is not None and enterprise.county_id != county:
                errors.append(
                    (
                        number,
                        "企业统一社会信用代码",
                        _("企业“%(e)s”属于%(c)s,不能安排本县资金")
                        % {"e": enterprise.name, "c": enterprise.county.name},
                    )
                )
            if row["project"] and project is None:
                errors.append((number, "项目名称", _("本县项目库中没有该项目")))
            if doc in existing:
                current = existing[doc]
                if current.amount == row["amount"] and current.programme_id == getattr(
                    programme, "pk", None
                ):
                    changes.append(Change(number, "unchanged", doc))
                else:
                    errors.append((number, "文号", _("文号已登记且内容不同,请在页面上核对")))
                continue
            if programme is not None:
                total = allocated.get(programme.pk, ZERO) + row["amount"]
                if total > programme.amount:
                    errors.append(
                        (
                            number,
                            "安排金额(万元)",
                            _("超出资金总额:%(p)s共%(t)s万元,连同本行累计安排%(s)s万元")
                            % {"p": programme, "t": plain(programme.amount), "s": plain(total)},
                        )
                    )
                allocated[programme.pk] = total
            payload = {
                "programme": programme,
                "enterprise": enterprise,
                "project": project,
                "amount": row["amount"],
                "document_number": doc,
                "conditions": row["conditions"],
                "allocated_on": row["allocated_on"],
            }
            changes.append(Change(number, "create", _line(doc, row["amount"]), payload))
        if errors:
            raise RowInvalid(errors)
        return changes

    def apply(self, changes):
        for change in changes:
            if change.kind == "create":
                actions.create_allocation(acting_user=self.user, **change.payload)


@register
class DisbursementImporter(Importer):
    kind = "funds-disbursements"
    title = gettext_lazy("资金拨付")
    columns = [
        Column("文号", "document_number"),
        Column("拨付日期", "paid_on"),
        Column("拨付金额(万元)", "amount"),
        Column("凭证号", "voucher"),
    ]

    def allowed(self) -> bool:
        return enters_funds(self.user)

    def parse_row(self, number, values):
        return _cells(self, values, {"paid_on": parse_date, "amount": _amount})

    def plan(self, rows):
        county = self.county_code()
        allocations = {a.document_number: a for a in Allocation.objects.filter(county_id=county)}
        existing = {d.voucher: d for d in Disbursement.objects.filter(county_id=county)}
        paid: dict[int, Decimal] = defaultdict(
            lambda: ZERO,
            Disbursement.objects.filter(county_id=county)
            .values_list("allocation_id")
            .annotate(s=Sum("amount")),
        )
        errors, changes, seen = [], [], {}
        for number, row in rows:
            voucher = row["voucher"]
            if voucher in seen:
                errors.append((number, "凭证号", _("与第%(b)d行凭证号重复") % {"b": seen[voucher]}))
            seen[voucher] = number
            allocation = allocations.get(row["document_number"])
            if allocation is None:
                errors.append((number, "文号", _("本县没有该文号的资金安排")))
                continue
            if voucher in existing:
                if existing[voucher].amount == row["amount"]:
                    changes.append(Change(number, "unchanged", voucher))
                else:
                    errors.append((number, "凭证号", _("凭证号已登记且金额不同")))
                continue
            total = paid[allocation.pk] + row["amount"]
            if total > allocation.amount:
                errors.append(
                    (
                        number,
                        "拨付金额(万元)",
                        _("拨付金额超过资金安排:安排%(t)s万元,连同本行累计拨付%(s)s万元")
                        % {"t": plain(allocation.amount), "s": plain(total)},
                    )
                )
            paid[allocation.pk] = total
            payload = {
                "allocation": allocation,
                "paid_on": row["paid_on"],
                "amount": row["amount"],
                "voucher": voucher,
            }
            changes.append(Change(number, "create", _line(voucher, row["amount"]), payload))
        if errors:
            raise RowInvalid(errors)
        return changes

    def apply(self, changes):
        for change in changes:
            if change.kind == "create":
                actions.record_disbursement(acting_user=self.user, **change.payload)
