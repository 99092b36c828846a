"""What a delete takes with it, said before it happens (nothing cascades silently)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.admin.utils import NestedObjects
from django.db import models
from django.db.models.deletion import ProtectedError, RestrictedError


@dataclass
class DeletionEffects:
    """``refused``: Swedish reasons the delete may not happen (reported or issued data
    depends on it). ``takes_along``: what else would be deleted with it, to confirm."""

    refused: list[str] = field(default_factory=list)
    takes_along: list[str] = field(default_factory=list)

    @property
    def needs_confirmation(self) -> bool:
        return not self.refused and bool(self.takes_along)


def _counted(counts: dict[type[models.Model], int]) -> list[str]:
    parts = []
    for model, count in sorted(counts.items(), key=lambda item: item[0]._meta.verbose_name):
        name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        parts.append(f"{count} {name}")
    return parts


def _links(obj: models.Model, collector: NestedObjects) -> dict[type[models.Model], list]:
    """The objects ``obj`` is linked to through a many-to-many relation (a meeting's
    attendees, ...): the delete removes those links, so they are said too. An auto-created
    through row has two foreign keys; the other side is the one not pointing at ``obj``."""
    linked: dict[type[models.Model], list] = {}
    for model, rows in collector.model_objs.items():
        if not model._meta.auto_created or not rows:
            continue
        for row in rows:
            for key in model._meta.concrete_fields:
                if key.is_relation and not isinstance(obj, key.related_model):
                    other = getattr(row, key.name)
                    linked.setdefault(type(other), []).append(other)
    return linked


def _link_effects(label: str, linked: dict[type[models.Model], list], effects) -> bool:
    """Refuse when a linked object is a record that must keep the link (a model says so
    with ``keeps_links`` true, e.g. a held meeting keeps who attended); else say it."""
    kept = {
        model: [o for o in objs if getattr(o, "keeps_links", False)]
        for model, objs in linked.items()
    }
    kept = {model: objs for model, objs in kept.items() if objs}
    if kept:
        counts = {model: len(objs) for model, objs in kept.items()}
        effects.refused.append(
            f"{label} kan inte tas bort: {', '.join(_counted(counts))} hänvisar till det "
            "(det som redan har hänt ska gå att läsa som det var)."
        )
        return False
    if linked:
        counts = {model: len(objs) for model, objs in linked.items()}
        effects.takes_along.append(f"{label} tas bort ur {', '.join(_counted(counts))}.")
    return True


def deletion_effects(objects: Iterable[models.Model]) -> DeletionEffects:
    """Collect, as the delete itself would, what deleting ``objects`` touches."""
    effects = DeletionEffects()
    for obj in objects:
        collector = NestedObjects(using="default")
        collector.collect([obj])
        label = f"{obj._meta.verbose_name.capitalize()} ”{obj}”"
        if not _link_effects(label, _links(obj, collector), effects):
            continue
        if collector.protected:
            counts: dict[type[models.Model], int] = {}
            for protected in collector.protected:
                counts[type(protected)] = counts.get(type(protected), 0) + 1
            effects.refused.append(
                f"{label} kan inte tas bort: {', '.join(_counted(counts))} hänvisar till "
                "det. Det som rapporterats, betalats eller utfärdats tas aldrig bort."
            )
            continue
        counts = {
            model: len(instances)
            for model, instances in collector.model_objs.items()
            if model is not type(obj) and instances and not model._meta.auto_created
        }
        if counts:
            effects.takes_along.append(
                f"{label} tas bort tillsammans med {', '.join(_counted(counts))}."
            )
    return effects


def protected_message(error: ProtectedError | RestrictedError) -> str:
    """The Swedish reason for a delete the database refused (a last line of defence)."""
    objs = list(getattr(error, "protected_objects", None) or error.restricted_objects)
    counts: dict[type[models.Model], int] = {}
    for obj in objs:
        counts[type(obj)] = counts.get(type(obj), 0) + 1
    return (
        f"Kan inte tas bort: {', '.join(_counted(counts))} hänvisar till det. "
        "Det som rapporterats, betalats eller utfärdats tas aldrig bort."
    )


def formset_deletions(*formsets) -> list[models.Model]:
    """The saved rows that valid formsets would delete (rows marked "Ta bort")."""
    return [
        form.instance
        for formset in formsets
        for form in formset.deleted_forms
        if form.instance.pk is not None
    ]


CONFIRM_FIELD = "confirm_delete"


def deletion_stop(data, *formsets) -> DeletionEffects | None:
    """None when the formsets may be saved; otherwise what to show first: the deletes that
    are refused, or those that take more with them and are not yet confirmed (the form
    is shown again, all input kept, with a button that posts ``confirm_delete``)."""
    effects = deletion_effects(formset_deletions(*formsets))
    if effects.refused or (effects.needs_confirmation and CONFIRM_FIELD not in data):
        return effects
    return None


def related_counts(obj: models.Model) -> list[str]:
    """ "3 mål, 2 parter, 1 ersättning": the rows that point straight at ``obj``, counted
    (one query per kind of relation; for a confirmation page, not for lists)."""
    counts: dict[type[models.Model], int] = {}
    for relation in obj._meta.related_objects:
        if relation.many_to_many or relation.related_model._meta.auto_created:
            continue
        if relation.field.remote_field.on_delete is models.DO_NOTHING:
            continue  # the change history: kept whatever happens
        count = relation.related_model._default_manager.filter(**{relation.field.name: obj}).count()
        if count:
            counts[relation.related_model] = counts.get(relation.related_model, 0) + count
    return _counted(counts)
