"""What declining a renewal removes, said on the decision page before it is registered."""

from common.deletion import related_counts

from .models import Agreement


def renewal_decline_effects(agreement: Agreement) -> str | None:
    """None when there is no draft successor (declining then removes nothing)."""
    successor = Agreement.objects.filter(predecessor=agreement, approved=False).first()
    if successor is None:
        return None
    parts = related_counts(successor)
    with_parts = f" tillsammans med {', '.join(parts)}" if parts else ""
    return (
        f"Om nämnden beslutar att inte förnya tas utkastet ”{successor}” bort{with_parts}. "
        "Utkast med registrerade utbetalningar tas aldrig bort; då avböjs beslutet."
    )
