"""A real OpenID Connect provider (npm ``oidc-provider``, tests/idp/server.mjs) started
on 127.0.0.1 for the sign-in tests; ``npm ci`` runs first when node_modules is missing.
Skipped, with the reason, only when node is not installed."""

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

IDP_DIR = Path(__file__).resolve().parent / "idp"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
# Fictional personal identity numbers with valid check digits (never real people's).
INGRID_PNR = "19900101-0017"
STRANGER_PNR = "19851224-0014"

ACCOUNTS = {
    "anna": {
        "sub": "staff-anna",
        "email": "Anna.Andersson@linkoping.example",
        "tid": "tenant-lkpg",
    },
    "okand": {"sub": "staff-okand", "email": "okand@linkoping.example", "tid": "tenant-lkpg"},
    "fel-tenant": {
        "sub": "staff-other",
        "email": "anna.andersson@linkoping.example",
        "tid": "tenant-annan",
    },
    "ingrid": {"sub": "pairwise-ingrid", PNR_CLAIM: INGRID_PNR, "name": "Ingrid IOGT"},
    "framling": {"sub": "pairwise-stranger", PNR_CLAIM: STRANGER_PNR},
}
CALLBACK = "http://testserver/sso/{}/callback/"
CLIENTS = [
    {
        "client_id": "iop-staff",
        "client_secret": "staff-secret",
        "redirect_uris": [CALLBACK.format("staff")],
    },
    {
        "client_id": "iop-eid",
        "client_secret": "eid-secret",
        "redirect_uris": [CALLBACK.format("eid")],
    },
    {
        "client_id": "iop-other",
        "client_secret": "other-secret",
        "redirect_uris": [CALLBACK.format("other")],
    },
]


@dataclass
class IdentityProvider:
    url: str

    def apps(self) -> list[dict]:
        def app(provider_id: str, client: dict, name: str, **extra) -> dict:
            return {
                "provider_id": provider_id,
                "name": name,
                "client_id": client["client_id"],
                "secret": client["client_secret"],
                "settings": {
                    "server_url": self.url,
                    "token_auth_method": "client_secret_post",
                    "oauth_pkce_enabled": True,
                    **extra,
                },
            }

        return [
            app("staff", CLIENTS[0], "Organisationskonto"),
            app("eid", CLIENTS[1], "E-legitimation", fetch_userinfo=True),
            app("other", CLIENTS[2], "Annan"),
        ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def identity_provider():
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node/npm is not installed: the OpenID Connect provider (tests/idp) needs it")
    if not (IDP_DIR / "node_modules" / "oidc-provider").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=IDP_DIR, check=True)
    port = _free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "IDP_ACCOUNTS": json.dumps(ACCOUNTS),
        "IDP_CLIENTS": json.dumps(CLIENTS),
    }
    process = subprocess.Popen(
        [node, "server.mjs"],
        cwd=IDP_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{url}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the OpenID Connect provider in tests/idp did not start")
        yield IdentityProvider(url)
    finally:
        process.terminate()
        process.wait(timeout=10)
