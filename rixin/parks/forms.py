from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Enterprise
from rixin.forms import ActionErrorsMixin, VersionedModelForm

from .models import Park, ParkCapacity, ProjectCapacity

PARK_FIELDS = [
    "name",
    "kind",
    "chain",
    "area",
    "managing_body",
    "revenue_target",
    "chain_leaders",
    "description",
]


class ParkForm(VersionedModelForm):
    class Meta:
        model = Park
        fields = PARK_FIELDS

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer the county's own; the action refuses another county's whatever is posted.
        self.fields["chain_leaders"].queryset = Enterprise.objects.filter(county_id=county_code)

    def _post_clean(self):
        # The action validates the row (uniqueness, county) and reports on the fields.
        pass


class CapacityForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = ParkCapacity
        fields = ["product", "amount", "unit"]
        labels = {"amount": _("产能目标")}

    def _post_clean(self):
        pass


class ProjectCapacityForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = ProjectCapacity
        fields = ["product", "amount", "unit"]

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = ParkCapacity.objects.filter(park_id=project.park_id)

    def _post_clean(self):
        pass
