"""Import of a university's list of patents for transfer (the shared import pattern). Key:
the patent number; a number already listed is unchanged; the same number twice in one file,
or a malformed number, refuses the whole file."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.directory.models import University
from rixin.regions.models import Division
from rixin.spreadsheets.imports import Change, Column, Importer, RowInvalid, parse_text, register

from . import actions
from .access import enters_innovation
from .models import Patent
from .validators import validate_patent_number


@register
class PatentImporter(Importer):
    kind = "innovation-patents"
    title = gettext_lazy("高校待转化专利清单")
    columns = [
        Column("高校", "university"),
        Column("专利名称", "title"),
        Column("专利号", "number"),
        Column("IPC分类号", "ipc"),
        Column("摘要", "abstract", required=False),
        Column("专利权人", "holder"),
        Column("许可/转让条件", "licence_terms", required=False),
    ]

    def allowed(self) -> bool:
        return enters_innovation(self.user)

    def parse_row(self, number, values):
        out, errors = {}, []
        limits = {"title": 200, "abstract": 4000, "licence_terms": 200, "ipc": 40}
        for column in self.columns:
            try:
                out[column.key] = parse_text(
                    values[column.key], max_length=limits.get(column.key, 120)
                )
            except ValueError as exc:
                errors.append((column.header, str(exc)))
                continue
            if column.required and not out[column.key]:
                errors.append((column.header, _("必填")))
        if out.get("number"):
            try:
                out["number"] = validate_patent_number(out["number"])
            except ValidationError as exc:
                errors.append(("专利号", exc.messages[0]))
        if errors:
            raise RowInvalid(errors)
        return out

    def plan(self, rows):
        universities = {u.name: u for u in University.objects.all()}
        universities.update({u.short_name: u for u in universities.values() if u.short_name})
        listed = set(
            Patent.objects.filter(county_id=self.county_code()).values_list("number", flat=True)
        )
        errors, changes, seen = [], [], {}
        for number, row in rows:
            if row["number"] in seen:
                errors.append(
                    (
                        number,
                        "专利号",
                        _("专利号 %(n)s 与第%(b)d行重复,同一文件中每项专利只能出现一次")
                        % {"n": row["number"], "b": seen[row["number"]]},
                    )
                )
                continue
            seen[row["number"]] = number
            university = universities.get(row["university"])
            if university is None:
                errors.append(
                    (number, "高校", _("高校名录中没有“%(u)s”") % {"u": row["university"]})
                )
                continue
            if row["number"] in listed:
                changes.append(Change(number, "unchanged", row["number"]))
                continue
            row["university"] = university
            changes.append(Change(number, "create", f"{row['number']} {row['title']}", row))
        if errors:
            raise RowInvalid(errors)
        return changes

    def apply(self, changes):
        county = Division.objects.get(code=self.county_code())
        for change in changes:
            if change.kind == "create":
                actions.list_patent(acting_user=self.user, county=county, **change.payload)
