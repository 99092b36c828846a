import factory

from initiatives.models import Initiative


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title = "Läxhjälp i Skäggetorp"
    need = "Många barn saknar stöd med skolarbetet."
    target_group = "Barn i årskurs 4–9 i Skäggetorp."
    goals = "Fler elever klarar godkänt i matematik\nFler föräldrar deltar i skolan"
    own_money = 40_000
    own_in_kind = "600 ideella timmar per år och lokaler."
    organisation_description = "En ideell förening med 120 medlemmar sedan 1985."
    signatories = "Anna Andersson, ordförande\nBo Berg, kassör"
    kammarkollegiet_registered = True
    kammarkollegiet_checked_on = factory.Faker("date_object")
