"""normalize.roles: the kinds of error of audit26, fresh real UK titles from a third set of
public job-scraper repositories (issue 14, session 18; tests/fixtures/roles/AUDIT26.md).

Each kind has CASES (main's answer was wrong: at 1a66e6e for audit26's kinds 1-3, at 82ddf6c
for audit28's, 4-6; the audits' titles and titles of the same shape) and GUARDS (main's answer,
which must be kept).
"""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title, undecided_kind

CASES = [
    # 1. a modeller of risk or forecasts alone is a financial or engineering modelling post
    ("Finance Forecasting Modeller", Role("other", None, False)),
    ("Risk Modeller", Role("other", None, False)),
    ("Asset Risk Senior Risk Modeller", Role("other", "senior", False)),
    ("Cash Flow Forecasting Modeler", Role("other", None, False)),
    # 2. executive search is recruiting (README: recruiting roles are no ML posts)
    ("Graduate Executive Search Researcher", Role("other", "entry", False)),
    ("Executive Search Researcher, Data & AI", Role("other", None, False)),
    # 3. two titles offered as a span, "... to Manager": the range's lowest level
    (
        "Data & AI Consultant – Senior Consultant to Manager - Belfast",
        Role("ml_manager", "senior", True),
    ),
    ("Senior Analyst to Manager", Role("other", "senior", False)),
]

# audit28 (LinkedIn internship lists and job-board dumps, labelled after audit27; seen): its kinds
CASES += [
    # 4. a research post in a field outside ML, written as a stem's compound
    (
        "research scientist internship (electromagnetic simulation)",
        Role("other", "intern", False),
    ),
    ("electrochemical biosensor research intern", Role("other", "intern", False)),
    ("Research Intern - Biochemistry", Role("other", "intern", False)),
    # 5. DevOps of ML or AI is MLOps
    ("Lead AI DevOps Engineer", Role("mlops_engineer", "lead", True)),
    ("ML DevOps Engineer", Role("mlops_engineer", None, True)),
    # 6. a leadership track in brackets is lead; a possessive "principal's" is an office
    ("software engineer (leadership) - product", Role("other", "lead", False)),
    ("Executive assistant, principal’s office", Role("other", None, False)),
]

# session 19, kinds of audit26-27's seniority misses (seen)
CASES += [
    # 7. a Roman II-IV after any word, not only a role noun (README: Level I/II/III)
    ("Technical Writer II", Role("other", "mid", False)),
    ("Software Development Engineer in Test II", Role("other", "mid", False)),
    ("Pre-Award: Engineer, General III", Role("other", "senior", False)),
    # 8. the same post offered at two levels with an ampersand: a range, its lowest has none
    ("Data Engineer & Senior Data Engineer", Role("data_engineer", None, False)),
    # 9. a title with no level offered beside one below it: entry is the lowest
    ("Data Analyst / Junior Data Scientist", Role("other", "entry", False)),
]

GUARDS = [
    # a modeller in a field of predictive models, or named with an ML word, and the models
    # built, stay ML; a data modeller is not one
    ("Risk Modeller (Machine Learning)", Role("data_scientist", None, True)),
    ("Machine Learning Forecasting Modeller", Role("data_scientist", None, True)),
    ("AI Data Modeller", Role("other", None, False)),
    ("Pricing Modeller", Role("data_scientist", None, True)),
    ("Credit Risk Modeller", Role("data_scientist", None, True)),
    ("Demand Forecasting Modeller", Role("data_scientist", None, True)),
    ("Risk Modelling Analyst", Role("data_scientist", None, True)),
    ("Fraud Model Developer", Role("data_scientist", None, True)),
    ("Quant Modeller  Credit", Role("data_scientist", None, True)),
    ("Predictive Modeller", Role("data_scientist", None, True)),
    ("Credit Risk Modelling Analyst", Role("data_scientist", None, True)),
    # a researcher of ML, and a plain "Executive" level word, are untouched
    ("Researcher, Alignment", Role("research_scientist", None, True)),
    ("Bioinformatics ML Engineer", Role("ml_engineer", None, True)),
    ("Research Scientist, Biomedical AI", Role("research_scientist", None, True)),
    ("Research Scientist, Biometrics", Role("research_scientist", None, True)),
    ("Senior Devops Engineer- London", Role("other", "senior", False)),
    ("Principal, Data Science", Role("data_scientist", "principal", True)),
    ("Leadership Development Programme", Role("other", None, False)),
    # "(Leadership)" only on an engineer's title; "principal" before "S&T" or "S/W" is a level;
    # DevOps of training is no MLOps
    ("Senior Lecturer (Leadership)", Role("other", "senior", False)),
    ("Principal S&T Advisor", Role("other", "principal", False)),
    ("Principal S/W Engineer", Role("other", "principal", False)),
    ("Training DevOps Engineer", Role("other", None, False)),
    ("Executive Director, Data Science", Role("ml_manager", "executive", True)),
    # a bare "I" is no grade; "Phase II" leads no title; two duties of one post joined by an
    # ampersand keep the level written; an unlevelled title beside a senior one has none
    ("Phase II Trial Coordinator", Role("other", None, False)),
    ("Data Analyst & Field Team Leader", Role("other", "lead", False)),
    ("Research & Development Engineer", Role("other", None, False)),
    ("Data Scientist / Senior Data Scientist", Role("data_scientist", None, True)),
    ("Machine Learning Engineer II", Role("ml_engineer", "mid", True)),
    # "to" before whom a post serves, or after a verb it completes, is no span of titles; a
    # span whose lowest has no level leaves the manager's (audit20, as "Software
    # Engineer/Deputy Manager")
    ("Assistant to the Finance Manager", Role("other", None, False)),
    ("Senior Consultant to the Manager", Role("other", "lead", False)),
    ("Senior Analyst reporting to Manager", Role("other", "lead", False)),
    ("Senior Analyst seconded to Manager", Role("other", "lead", False)),
    ("Intermediate to Senior Staff Engineer", Role("other", "mid", False)),
    (
        "AI & Data Science - Multi Level Consultant to Senior Manager",
        Role("ml_manager", "lead", True),
    ),
]


@pytest.mark.parametrize(("title", "role"), CASES + GUARDS)
def test_audit26_kinds(title: str, role: Role) -> None:
    assert classify_title(title) == role


@pytest.mark.parametrize(
    "title", ["Software Engineer - Electric Twin", "Research Scientist, Biomedical Imaging"]
)
def test_field_compound_leaves_the_title_open(title: str) -> None:
    # a field's compound makes the title alone no ML post, but the ad's description decides
    # (normalize.roles.undecided_kind), as for any engineer's or scientist's title
    assert classify_title(title).is_ml is False
    assert undecided_kind(title) == "technical"
