import datetime as dt

from followups.schedule import PlannedFollowUp, PlanStatus, followup_plan, plan_status

D = dt.date


def test_once_a_year_2024_2026_is_due_each_31_december():
    plan = followup_plan(period_start=D(2024, 1, 1), period_end=D(2026, 12, 31), per_year=1)
    assert [(p.start, p.due) for p in plan] == [
        (D(2024, 1, 1), D(2024, 12, 31)),
        (D(2025, 1, 1), D(2025, 12, 31)),
        (D(2026, 1, 1), D(2026, 12, 31)),
    ]


def test_twice_a_year_2018_2020_gives_six_half_years():
    plan = followup_plan(period_start=D(2018, 1, 1), period_end=D(2020, 12, 31), per_year=2)
    assert [p.due for p in plan] == [
        D(2018, 6, 30),
        D(2018, 12, 31),
        D(2019, 6, 30),
        D(2019, 12, 31),
        D(2020, 6, 30),
        D(2020, 12, 31),
    ]


def test_parts_cover_the_period_without_gaps_for_odd_counts():
    plan = followup_plan(period_start=D(2024, 3, 15), period_end=D(2025, 6, 30), per_year=5)
    assert plan[0].start == D(2024, 3, 15)
    assert plan[-1].end == D(2025, 6, 30)
    for before, after in zip(plan, plan[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)


def test_status_held_planned_overdue_due_upcoming():
    f = PlannedFollowUp(number=1, start=D(2026, 1, 1), end=D(2026, 12, 31))
    today = D(2026, 11, 20)
    assert plan_status(f, meetings=[(D(2026, 5, 1), "held")], today=today) == PlanStatus.HELD
    assert plan_status(f, meetings=[(D(2026, 12, 1), "planned")], today=today) == PlanStatus.PLANNED
    assert plan_status(f, meetings=[(D(2026, 12, 1), "cancelled")], today=today) == (
        PlanStatus.UPCOMING
    )
    assert plan_status(f, meetings=[], today=D(2026, 12, 5)) == PlanStatus.DUE
    assert plan_status(f, meetings=[], today=D(2027, 1, 1)) == PlanStatus.OVERDUE
    assert plan_status(f, meetings=[(D(2025, 12, 1), "held")], today=D(2027, 1, 1)) == (
        PlanStatus.OVERDUE
    )
