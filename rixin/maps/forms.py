from django import forms

from rixin.forms import VersionedModelForm

from .actions import FIELDS
from .models import MapSettings


class MapSettingsForm(VersionedModelForm):
    class Meta:
        model = MapSettings
        fields = list(FIELDS)
        widgets = {"tile_key": forms.TextInput(attrs={"autocomplete": "off"})}

    def validate_unique(self):
        # One row per county: the action finds it; the constraint guards a race.
        pass
