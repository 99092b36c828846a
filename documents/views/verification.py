"""The public verification page: upload a PDF, learn whether it is an unchanged issued
document, which one and which version, and whether its seal is valid. No login: the
recipients of a document are outside the register."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .. import verification


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="PDF-fil",
        help_text="Dokumentet som du har fått, till exempel en överenskommelse eller en "
        "tjänsteskrivelse.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IOP_VERIFY_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"Filen är för stor ({upload.size // 1_000_000} MB). Högst {limit // 1_000_000} MB."
            )
        return upload


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            result = verification.verify_pdf(form.cleaned_data["file"].read())
        else:
            status = 400
    return render(request, "documents/verify.html", {"form": form, "result": result}, status=status)
