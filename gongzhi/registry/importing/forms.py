from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Register workbook (.xlsx)"),
        help_text=_("Fill in the template; a dry run checks every row before anything is saved."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
