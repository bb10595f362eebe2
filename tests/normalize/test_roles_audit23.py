"""normalize.roles: the kinds of error of audit23, fresh real UK titles from a new set of
public job-scraper repositories (issue 14, session 17; tests/fixtures/roles/AUDIT23.md).

Each kind has CASES (main's answer at 2087add was wrong: the audit's titles and titles of the
same shape) and GUARDS (main's answer, which must be kept).
"""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title

CASES = [
    # 1. a bank's grade after an ML field is that field's post, as "Data Science Associate";
    # AI joined to ML by a space or as one word reads as AI/ML
    ("Applied AI ML Associate - Agentic AI and Python", Role("ai_engineer", "entry", True)),
    ("Applied AIML Lead - Agentic AI & Python", Role("ai_engineer", "lead", True)),
    ("Applied AI ML Senior Associate", Role("ai_engineer", "senior", True)),
    ("Machine Learning Associate", Role("ml_engineer", "entry", True)),
    ("Senior Computer Vision Associate", Role("computer_vision_engineer", "senior", True)),
    # 2. "Mgr" is a manager
    ("Sr Product Mgr II", Role("other", "lead", False)),
    ("Data Science Mgr", Role("ml_manager", "lead", True)),
    # 3. "Graduate" before a role noun up to three words on
    ("PhD Graduate AI & Algorithms Engineer - 2026 start", Role("ai_engineer", "entry", True)),
    ("AGGP2027 - Graduate Strategy and Data Analyst", Role("other", "entry", False)),
    # 4. two duties joined by "and"/"&" are no predictive model
    ("Data Analyst (Forecasting & Modelling)", Role("other", None, False)),
    ("Lead Pricing & Modelling Analyst", Role("other", "lead", False)),
    # 5. quantum computing research is not ML
    ("Research Scientist, Quantum Computing ", Role("other", None, False)),
    ("Quantum Algorithms Researcher", Role("other", None, False)),
    # 6. an AI residency after another post and a dash is a programme that post joins
    (
        "Investment Banking Associate - AI Residency - Part-time - Aptura",
        Role("other", "entry", False),
    ),
]

# audit25 (graduate and intern lists, labelled after the round above; AUDIT23.md): its kinds
CASES += [
    # 7. "Machine Learning Science" is the ML scientist's science, as "Applied Science"
    (
        "Machine Learning Science Graduate - PhD - 2026 - London",
        Role("data_scientist", "entry", True),
    ),
    (
        "Machine Learning Science Intern - June 2026 - London - PhD",
        Role("data_scientist", "intern", True),
    ),
    # 8. a bare role noun after a slash shares the words before it: not a second title
    (
        "Machine Learning Engineer/Researcher - 2026 Graduate Programme",
        Role("ml_engineer", "entry", True),
    ),
]

GUARDS = [
    # a second title of its own after the slash: the lowest, none (audit19)
    ("Data Analyst/Senior Data Analyst", Role("other", None, False)),
    ("Senior Data Engineer/Scientist", Role("data_engineer", "senior", False)),
    ("Machine Learning Scientist", Role("data_scientist", None, True)),
    ("AI Associate", Role("other", "entry", False)),  # AI alone names no ML field here
    ("Data Science Associate", Role("data_scientist", "entry", True)),
    ("Machine Learning Lead", Role("ml_engineer", "lead", True)),
    ("AI ML Engineer", Role("ml_engineer", None, True)),
    ("Graduate Algorithms Engineer", Role("other", "entry", False)),
    ("Credit Risk Modelling Analyst", Role("data_scientist", None, True)),
    ("Pricing Analyst - Demand Models", Role("data_scientist", None, True)),
    ("Research Scientist, Machine Learning", Role("research_scientist", None, True)),
    ("AI Residency", Role("research_scientist", None, True)),
    ("Google AI Residency Program", Role("research_scientist", None, True)),
    ("AI Residency - 2026", Role("research_scientist", None, True)),
]


@pytest.mark.parametrize(("title", "role"), CASES + GUARDS)
def test_audit23_kinds(title: str, role: Role) -> None:
    assert classify_title(title) == role
