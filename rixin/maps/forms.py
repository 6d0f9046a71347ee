from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.forms import VersionedModelForm

from .actions import FIELDS
from .models import MapSettings


class MapSettingsForm(VersionedModelForm):
    """The key is never sent back to the page: it is shown masked, a blank field keeps it,
    and "清除密钥" removes it."""

    tile_key = forms.CharField(
        label=_("密钥"),
        required=False,
        max_length=100,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
    )
    clear_tile_key = forms.BooleanField(label=_("清除已保存的密钥"), required=False)

    field_order = [*FIELDS[: FIELDS.index("tile_key") + 1], "clear_tile_key"]

    class Meta:
        model = MapSettings
        fields = list(FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_key = self.instance.tile_key if self.instance else ""
        if self.saved_key:
            self.fields["tile_key"].help_text = _(
                "已保存的密钥:%(masked)s。留空则保留原密钥,填写则替换。"
            ) % {"masked": self.instance.masked_key}
        else:
            self.fields["tile_key"].help_text = _("天地图的“浏览器端”密钥(tk)。")
            del self.fields["clear_tile_key"]

    def clean_tile_key(self) -> str:
        key = (self.cleaned_data.get("tile_key") or "").strip()
        if self.data.get(self.add_prefix("clear_tile_key")):
            return ""
        return key or self.saved_key

    def validate_unique(self):
        # One row per county: the action finds it; the constraint guards a race.
        pass
