import ast
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.urls import reverse


@pytest.mark.django_db
def test_health_endpoint_answers_200_with_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "up"


@pytest.mark.django_db
def test_health_endpoint_answers_503_without_the_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(world, client_for):
    response = client_for(world.admin).get(reverse("start"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_not_found_page_is_swedish_and_shows_no_internals(world, client_for):
    response = client_for(world.admin).get("/overenskommelser/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored_by_any_cache(world, client_for):
    response = client_for(world.admin).get(reverse("start"))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_wrong_passwords(world, client, password):
    url = reverse("login")
    for _ in range(5):
        response = client.post(url, {"username": "handlaggare", "password": "fel"})
    response = client.post(url, {"username": "handlaggare", "password": password})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()
    # Another user from the same address is not locked out by this.
    response = client.post(url, {"username": "iogt", "password": password})
    assert response.status_code == 302


@pytest.mark.django_db
def test_health_endpoint_is_not_redirected_to_https(client, settings):
    # The exemption comes from iop/settings.py (tests import its production branch).
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/logga-in/").status_code == 301


# --- the floors of the project: one-way doors, no import cycles ------------------------------

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A module may import its own app and the apps on lower floors only.
FLOORS = {
    "common": 0,
    "partnerships": 1,
    # Files of agreements and initiatives: on partnerships (imports only it and common), so
    # finance, followups and initiatives attach files without importing each other.
    "attachments": 1.5,
    "finance": 2,
    "followups": 2,
    "initiatives": 2,
    "drafts": 2,
    "documents": 3,
    "accounts": 3,
    "publication": 3,
    "archive": 4,
    "iop": 4,
    "tools": 5,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _project_modules() -> dict[str, Path]:
    modules = {}
    for app in FLOORS:
        for path in (PROJECT_ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[_module_name(path)] = path
    return modules


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_nested(node: ast.AST) -> bool:
    """An import here runs later or never at import time: in a function, or for types."""
    if isinstance(node, ast.If):
        return _is_type_checking(node)
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)


def _imports(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, bool]]:
    """(imported project module, at module level outside TYPE_CHECKING) for every import."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, bool]] = []

    def resolve(base: str, names: list[str]) -> list[str]:
        targets = [f"{base}.{n}" for n in names if f"{base}.{n}" in modules]
        return targets or [base]

    def visit(node: ast.AST, top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, top) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base_parts = package.split(".")
                    base_parts = base_parts[: len(base_parts) - child.level + 1]
                    base = ".".join(base_parts + ([child.module] if child.module else []))
                else:
                    base = child.module or ""
                found.extend((t, top) for t in resolve(base, [a.name for a in child.names]))
            elif _is_nested(child):
                visit(child, False)
            else:
                visit(child, top)

    visit(ast.parse(path.read_text()), True)
    return [(target, top) for target, top in found if target.split(".")[0] in FLOORS]


def test_apps_import_only_their_own_floor_and_the_floors_below():
    """common < partnerships < finance, followups, drafts (not each other) < documents,
    accounts, publication < archive, iop; the tools sit on top (only management commands,
    the entry points, call them). Apps on one floor do not import each other."""
    modules = _project_modules()
    wrong = []
    for name, path in modules.items():
        app = name.split(".")[0]
        for target, _top in _imports(name, path, modules):
            other = target.split(".")[0]
            if other == app:
                continue
            entry_point = ".management.commands." in name and other == "tools"
            if FLOORS[other] >= FLOORS[app] and not entry_point:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles_between_modules():
    modules = _project_modules()
    graph = {
        name: {t for t, top in _imports(name, path, modules) if top and t in modules and t != name}
        for name, path in modules.items()
    }
    # A package importing its own submodules (re-exports in __init__) is not a cycle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    cycles, state = [], {}

    def walk(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                walk(target, [*trail, target])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert not cycles, "\n".join(cycles)
