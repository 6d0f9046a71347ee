from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.forms import ActionErrorsMixin, VersionedModelForm

from .models import Department, Enterprise, University, normalize_credit_code


class EnterpriseForm(VersionedModelForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "industry",
            "is_high_tech",
            "high_tech_certified_on",
            "address",
            "contact_title",
            "contact_phone",
        ]
        widgets = {
            "high_tech_certified_on": forms.DateInput(attrs={"type": "date"}),
            "industry": forms.TextInput(attrs={"list": "industry-codes", "autocomplete": "off"}),
        }
        help_texts = {
            "industry": _("GB/T 4754-2017 门类字母加代码,如 C22(造纸和纸制品业)或 C2221。")
        }

    def clean_credit_code(self):
        return normalize_credit_code(self.cleaned_data.get("credit_code"))

    def validate_unique(self):
        # Uniqueness of the credit code is the action's rule, with its own message.
        pass


class DepartmentForm(VersionedModelForm):
    class Meta:
        model = Department
        fields = ["name", "short_name", "kind", "phone"]

    def validate_unique(self):
        pass


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或信用代码"), required=False)
    high_tech = forms.BooleanField(label=_("仅高新技术企业"), required=False)


class UniversityForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = University
        fields = ["name", "short_name", "city_name"]

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data}
