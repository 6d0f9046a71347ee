from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.forms import VersionedModelForm

from .actions import lost_reason_choices
from .choices import ReviewOpinion, Stage
from .models import Activity, Agreement, Lead, SigningEvent, Target, Team, clean_credit_code

DATE = forms.DateInput(attrs={"type": "date"})


class CountyChoicesMixin:
    """Limit foreign-key choices to the user's county."""

    county_fields = {"team": Team, "event": SigningEvent, "lead": Lead}

    def limit_to_county(self, user) -> None:
        if self.instance.pk is None:  # the model's own checks compare counties
            self.instance.county_id = user.county_code
        for name, model in self.county_fields.items():
            if name in self.fields:
                self.fields[name].queryset = model.objects.filter(county_id=user.county_code)


class LeadForm(CountyChoicesMixin, VersionedModelForm):
    class Meta:
        model = Lead
        fields = [
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

    def clean_credit_code(self) -> str:
        return clean_credit_code(self.cleaned_data.get("credit_code"))


class ReviewForm(forms.Form):
    opinion = forms.ChoiceField(label=_("研判意见"), choices=ReviewOpinion.choices)
    note = forms.CharField(
        label=_("研判说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("新阶段"), choices=Stage.choices)
    lost_reason = forms.ChoiceField(label=_("终止原因"), required=False, choices=())
    reason = forms.CharField(label=_("说明"), required=False, max_length=500)

    def __init__(self, *args, county_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lost_reason"].choices = [("", "—")] + lost_reason_choices(county_code)


class LostReasonForm(forms.Form):
    name = forms.CharField(label=_("原因"), max_length=40)
    needs_text = forms.BooleanField(label=_("须填写说明"), required=False)


class ActivityForm(CountyChoicesMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "lead",
            "team",
            "start_date",
            "end_date",
            "cities",
            "participants",
            "companies_met",
            "outcome",
            "next_contact_on",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "next_contact_on": DATE,
            "companies_met": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
        }


class EventForm(forms.ModelForm):
    class Meta:
        model = SigningEvent
        fields = ["name", "date", "place"]
        widgets = {"date": DATE}


class AgreementForm(CountyChoicesMixin, forms.ModelForm):
    companies = forms.CharField(
        label=_("签约企业"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("每行一家企业。"),
        required=False,
    )

    class Meta:
        model = Agreement
        fields = [
            "event",
            "lead",
            "team",
            "project_name",
            "kind",
            "amount",
            "signed_on",
            "industry",
            "origin_city",
        ]
        widgets = {"signed_on": DATE}

    def company_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["companies"].splitlines()]

    def agreement_fields(self) -> dict:
        # An empty team, industry or city is taken from the lead by the action.
        return {k: v for k, v in self.cleaned_data.items() if k != "companies"}

    def validate_unique(self):
        pass


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "industry_focus", "leader_title"]


class TargetForm(CountyChoicesMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["team", "year", "period", "signing_amount", "signed_projects", "start_rate"]

    def validate_unique(self):
        pass
