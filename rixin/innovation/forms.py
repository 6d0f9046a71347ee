from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Enterprise
from rixin.forms import ActionErrorsMixin

from .choices import Answer, TransferStage
from .models import HighTechCertificate


class CertificateForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = HighTechCertificate
        fields = [
            "enterprise",
            "number",
            "certified_on",
            "invention_patents",
            "utility_patents",
            "revenue_three_years",
        ]
        widgets = {"certified_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(county_id=county_code)

    def _post_clean(self):
        # The action checks the date and the number and reports on the fields.
        pass


class AnswerForm(ActionErrorsMixin, forms.Form):
    answer = forms.ChoiceField(label=_("答复"), choices=Answer.choices)
    note = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MoveForm(ActionErrorsMixin, forms.Form):
    stage = forms.ChoiceField(label=_("新阶段"), choices=TransferStage.choices)
    reason = forms.CharField(label=_("说明"), required=False, max_length=200)
