"""A small registry of tabs on the agreement page.

Apps above the register (finance, followups) register their tab in ``AppConfig.ready``, so
the register links to them without importing them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AgreementTab:
    key: str
    label: str
    url_name: str
    order: int = 100


_tabs: dict[str, AgreementTab] = {}


def register_agreement_tab(tab: AgreementTab) -> None:
    _tabs[tab.key] = tab


def agreement_tabs() -> list[AgreementTab]:
    return sorted(_tabs.values(), key=lambda tab: (tab.order, tab.key))
