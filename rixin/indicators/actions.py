"""Writes to 经济运行: observations (with corrections and status changes), targets and
counties' own indicators. Who may write what is ``access.py``'s to say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update
from rixin.money import published_places
from rixin.regions.models import Division
from rixin.spreadsheets.imports import parse_decimal

from .access import check_catalogue_writer, check_own_indicator_writer, check_writer
from .choices import ObservationStatus, RevisionKind
from .models import Indicator, Observation, ObservationRevision, Target
from .periods import Period

# Path segments of the pages under /indicators/, which an indicator's code must not shadow.
RESERVED_CODES = frozenset({"matrix", "entry", "targets", "catalogue", "county"})


@transaction.atomic
def save_observation(
    *,
    acting_user,
    county: Division,
    indicator: Indicator,
    period: Period,
    value: Decimal | None,
    rate: Decimal | None,
    source: str = "",
    status: str = ObservationStatus.PUBLISHED,
    is_illustrative: bool = False,
    reason: str = "",
) -> tuple[Observation, str]:
    """Record a county's figures for a period. A second record for the same county, indicator
    and period is a correction: the row is updated and the revision kept. Returns the
    observation and what happened: "create", "correction", "status" (only the status
    changed) or "unchanged"."""
    check_writer(acting_user, county.code)
    current = (
        Observation.objects.select_for_update()
        .filter(county=county, indicator=indicator, year=period.year, month=period.month)
        .first()
    )
    if current is None:
        observation = audited_create(
            Observation,
            acting_user=acting_user,
            county=county,
            indicator=indicator,
            year=period.year,
            month=period.month,
            value=value,
            rate=rate,
            rate_places=published_places(rate),
            source=source,
            status=status,
            is_illustrative=is_illustrative,
        )
        return observation, "create"
    return current, _correct(current, value, rate, source, status, acting_user, reason)


def _correct(current: Observation, value, rate, source, status, acting_user, reason) -> str:
    old_value, old_rate, old_status = current.value, current.rate, current.status
    entered = [("value", value), ("rate", rate), ("source", source), ("status", status)]
    if rate is not None:
        entered.append(("rate_places", published_places(rate)))
    changes = {
        name: new
        for name, new in entered
        if getattr(current, name) != new and not (name == "source" and not new)
    }
    if not changes:
        return "unchanged"
    figures_changed = bool({"value", "rate", "rate_places"} & changes.keys())
    audited_update(
        current,
        changes,
        acting_user=acting_user,
        message=reason or (_("更正") if figures_changed else _("状态变更")),
    )
    ObservationRevision.objects.create(
        observation=current,
        kind=RevisionKind.CORRECTION if figures_changed else RevisionKind.STATUS,
        old_value=old_value,
        new_value=current.value,
        old_rate=old_rate,
        new_rate=current.rate,
        old_status=old_status,
        new_status=current.status,
        actor=acting_user,
        reason=reason[:200],
    )
    return "correction" if figures_changed else "status"


@transaction.atomic
def set_target(
    *,
    acting_user,
    county: Division,
    indicator: Indicator,
    year: int,
    growth: Decimal,
    is_illustrative: bool = False,
) -> Target:
    """Set (or change) a county's annual growth target for an indicator."""
    check_writer(acting_user, county.code)
    current = Target.objects.filter(county=county, indicator=indicator, year=year).first()
    if current is None:
        return audited_create(
            Target,
            acting_user=acting_user,
            county=county,
            indicator=indicator,
            year=year,
            growth=growth,
            is_illustrative=is_illustrative,
        )
    if current.growth == growth:
        return current
    return audited_update(current, {"growth": growth}, acting_user=acting_user)


@transaction.atomic
def create_indicator(*, acting_user, county: Division, **fields) -> Indicator:
    """A county's own indicator. It is reported by that county alone, so it is not ranked."""
    check_own_indicator_writer(acting_user, county.code)
    code = fields.get("code", "")
    if code in RESERVED_CODES or Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": _("指标代码“%(code)s”已被使用。") % {"code": code}})
    fields["is_ranked"] = False
    return audited_create(Indicator, acting_user=acting_user, county=county, **fields)


def create_standard_indicator(*, acting_user, **fields) -> Indicator:
    """The standard catalogue, written by the system actor only (the demo loader, commands)."""
    check_catalogue_writer(acting_user)
    existing = Indicator.objects.filter(code=fields["code"]).first()
    return existing or audited_create(Indicator, acting_user=acting_user, **fields)


# The entry grid and the targets page: every cell is checked first; nothing is written unless
# all are valid, and then all are written in one transaction.

ENTRY_STATUSES = (ObservationStatus.DRAFT, ObservationStatus.PUBLISHED)


def cell_key(county_code: str, indicator: Indicator) -> str:
    """The key of a grid cell (and of its error): "140725-3"."""
    return f"{county_code}-{indicator.pk}"


@transaction.atomic
def save_grid(
    *,
    acting_user,
    counties: Sequence[Division],
    indicators: Sequence[Indicator],
    period: Period,
    entered: Mapping[str, tuple[str | None, str | None]],
    status: str = ObservationStatus.PUBLISHED,
    source: str = "",
) -> int:
    """Record the figures typed into the entry grid: ``entered`` maps a cell key to the
    (value, rate) texts. Raises ValidationError keyed by cell (every bad cell at once) and
    writes nothing then. Returns how many cells were recorded."""
    from .importers import parse_figures

    for county in counties:
        check_writer(acting_user, county.code)
    if status not in ENTRY_STATUSES:
        raise ValidationError({"status": _("未知的数据状态。")})
    errors, figures = {}, []
    for county in counties:
        for indicator in indicators:
            key = cell_key(county.code, indicator)
            value_text, rate_text = entered.get(key, (None, None))
            try:
                value, rate = parse_figures(indicator, value_text, rate_text)
            except ValidationError as exc:
                errors[key] = f"{county.name} " + ";".join(
                    f"{header}:{'; '.join(msgs)}" for header, msgs in exc.message_dict.items()
                )
                continue
            if value is not None or rate is not None:
                figures.append((county, indicator, value, rate))
    if errors:
        raise ValidationError(errors)
    for county, indicator, value, rate in figures:
        save_observation(
            acting_user=acting_user,
            county=county,
            indicator=indicator,
            period=period,
            value=value,
            rate=rate,
            status=status,
            source=source[:200],
        )
    return len(figures)


@transaction.atomic
def save_targets(
    *,
    acting_user,
    county: Division,
    year: int,
    entered: Mapping[Indicator, str | None],
) -> int:
    """Set the annual growth targets typed on the targets page (``entered``: indicator → text).
    Raises ValidationError keyed by indicator id (every bad one at once) and writes nothing
    then. Returns how many targets were set."""
    check_writer(acting_user, county.code)
    try:
        Period(year, 12)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    errors, wanted = {}, []
    for indicator, text in entered.items():
        try:
            growth = parse_decimal(text, unit="%")
        except ValueError as exc:
            errors[str(indicator.pk)] = str(exc)
            continue
        if growth is not None:
            wanted.append((indicator, growth))
    if errors:
        raise ValidationError(errors)
    for indicator, growth in wanted:
        set_target(
            acting_user=acting_user, county=county, indicator=indicator, year=year, growth=growth
        )
    return len(wanted)
