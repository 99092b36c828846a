"""Errors that services raise and the shared view helpers turn into responses."""

CONCURRENT_EDIT_MESSAGE = (
    "Någon annan har sparat en ändring här medan du redigerade. Din ändring har inte sparats "
    "men finns kvar nedan. Ladda om sidan i en ny flik för att se vad som gäller nu, och spara "
    "sedan igen om din ändring fortfarande behövs."
)


class ConcurrentEditError(Exception):
    """The row was saved by somebody else after this user read it (answered with 409)."""
