from django import forms
from django.contrib.auth import password_validation

from partnerships.models import Board, User

from .models import Invitation
from .services import new_user_for


class PersonForm(forms.Form):
    """A person's role among ``roles``; a partner's may also administer the organisation."""

    role = forms.ChoiceField(label="Roll")
    is_organisation_admin = forms.BooleanField(
        label="Administratör för organisationen (får bjuda in kollegor)", required=False
    )

    def __init__(self, *args, roles: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, User.Role(r).label) for r in roles]
        if User.Role.PARTNER not in roles:
            del self.fields["is_organisation_admin"]


class InvitationForm(PersonForm):
    """Who is invited, and their role as in ``PersonForm``."""

    first_name = forms.CharField(label="Förnamn", max_length=150)
    last_name = forms.CharField(label="Efternamn", max_length=150)
    email = forms.EmailField(label="E-post", help_text="Inbjudan skickas hit.")

    field_order = ("first_name", "last_name", "email", "role", "is_organisation_admin")


class AcceptInvitationForm(forms.Form):
    """The invited person chooses their password (Django's password validators)."""

    password1 = forms.CharField(
        label="Välj lösenord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Upprepa lösenordet",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Lösenorden är inte lika.")
        elif first:
            try:
                password_validation.validate_password(first, new_user_for(self.invitation))
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class BoardForm(forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "administration_name"]


class PublicBodyForm(forms.Form):
    name = forms.CharField(label="Namn", max_length=200, help_text="T.ex. Exempelby kommun.")
    organisation_number = forms.CharField(
        label="Organisationsnummer", max_length=20, help_text="Tio siffror, t.ex. 212000-0449."
    )
    boards = forms.CharField(
        label="Nämnder",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="En nämnd per rad, t.ex. Socialnämnden.",
    )
    admin_first_name = forms.CharField(label="Första handläggarens förnamn", max_length=150)
    admin_last_name = forms.CharField(label="Första handläggarens efternamn", max_length=150)
    admin_email = forms.EmailField(
        label="Första handläggarens e-post", help_text="En inbjudan skickas hit."
    )

    def clean_boards(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["boards"].splitlines()]
        names = [n for n in names if n]
        if not names:
            raise forms.ValidationError("Ange minst en nämnd.")
        if len({n.lower() for n in names}) != len(names):
            raise forms.ValidationError("Samma nämnd står på flera rader.")
        return names


class TokenForm(forms.Form):
    code = forms.CharField(
        label="Kod",
        max_length=20,
        help_text="Sex siffror från appen, eller en av dina reservkoder.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").strip()
