"""Build POST data for the agreement form with its formsets, as a browser would send it."""


def agreement_post_data(
    *,
    title="Ny IOP",
    period_start="2025-01-01",
    period_end="2027-12-31",
    parties=(),
    goals=(),
    version="",
    existing_parties=(),
    existing_goals=(),
    **extra,
) -> dict:
    data = {
        "title": title,
        "registry_number": "SOCN 2025-0001",
        "period_start": period_start,
        "period_end": period_end,
        "notice_period_months": "6",
        "min_followups_per_year": "1",
        "background": "Bakgrund",
        "target_group": "Målgrupp",
        "version": version,
    }
    rows = list(existing_parties) + [{"organisation": o.pk, "role": ""} for o in parties]
    data.update(
        {
            "parties-TOTAL_FORMS": str(len(rows)),
            "parties-INITIAL_FORMS": str(len(existing_parties)),
            "parties-MIN_NUM_FORMS": "0",
            "parties-MAX_NUM_FORMS": "1000",
        }
    )
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"parties-{i}-{key}"] = value
    goal_rows = list(existing_goals) + [{"text": text, "position": ""} for text in goals]
    data.update(
        {
            "goals-TOTAL_FORMS": str(len(goal_rows)),
            "goals-INITIAL_FORMS": str(len(existing_goals)),
            "goals-MIN_NUM_FORMS": "0",
            "goals-MAX_NUM_FORMS": "1000",
        }
    )
    for i, row in enumerate(goal_rows):
        for key, value in row.items():
            data[f"goals-{i}-{key}"] = value
    data.update(extra)
    return data


def existing_rows(agreement):
    parties = [
        {"id": p.pk, "organisation": p.organisation_id, "role": p.role}
        for p in agreement.parties.all()
    ]
    goals = [{"id": g.pk, "text": g.text, "position": g.position} for g in agreement.goals.all()]
    return parties, goals
