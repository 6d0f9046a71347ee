from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Department, Enterprise
from rixin.forms import ActionErrorsMixin
from rixin.projects.models import Project

from .models import Allocation, Disbursement, Programme


class ProgrammeForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "source", "year", "amount", "department", "itemised", "note"]

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(county_id=county_code)


class AllocationForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = Allocation
        fields = [
            "enterprise",
            "project",
            "amount",
            "document_number",
            "conditions",
            "allocated_on",
        ]
        widgets = {"allocated_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the county's own; the action refuses another county's whatever is posted.
        self.fields["enterprise"].queryset = Enterprise.objects.filter(county_id=county_code)
        self.fields["project"].queryset = Project.objects.filter(county_id=county_code)

    def _post_clean(self):
        # The action validates the whole row (county, ceiling) and reports on the fields.
        pass


class DisbursementForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = Disbursement
        fields = ["paid_on", "amount", "voucher"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"})}
        labels = {"voucher": _("凭证号")}

    def _post_clean(self):
        pass
