"""normalize.roles: the kinds of error of a second fresh real audit of 263 UK titles (issue 14,
audit20: Adzuna's 2026 API, ML and data searches).

The titles are made up in the shapes UK boards and bank careers sites write, a few taken from
the audit's examples of each kind, labelled by the roles section of
../shared/corpus/gold/README.md and the earlier label sets before the classifier was changed.
Each kind has CASES (main's answer was wrong) and GUARDS (main's answer, which must be kept);
tests/fixtures/roles/ROUND16_AUDIT20.md records main's answers.
"""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title

# 1. The lead of the AI field with no post noun is that field's post, as "Machine Learning
# Lead" (ml_engineer) and "Data Science Lead" (data_scientist): ai_engineer, lead, ML. A
# business line's lead ("Enterprise AI Lead": earlier label other) and AI as the subject of a
# function (delivery, governance, assurance, strategy, product) stay other.
FIELD_LEAD_CASES = [
    ("Applied AI Lead", Role("ai_engineer", "lead", True)),
    ("GenAI Lead - Financial Services", Role("ai_engineer", "lead", True)),
    ("Generative AI Lead", Role("ai_engineer", "lead", True)),
    ("Lead, Applied AI", Role("ai_engineer", "lead", True)),
    ("Senior Applied AI Lead", Role("ai_engineer", "lead", True)),
    ("Gen AI Lead (Hybrid)", Role("ai_engineer", "lead", True)),
]
FIELD_LEAD_GUARDS = [
    ("AI Lead", Role("other", "lead", False)),
    ("ML Lead", Role("ml_engineer", "lead", True)),
    ("Data Science Lead", Role("data_scientist", "lead", True)),
    ("AI Delivery Lead", Role("other", "lead", False)),
    ("AI Governance Lead", Role("other", "lead", False)),
    ("AI Assurance Lead", Role("other", "lead", False)),
    ("Enterprise AI Lead", Role("other", "lead", False)),
    ("AI Engineering Lead", Role("ml_manager", "lead", True)),
    ("ML Engineering Lead", Role("ml_manager", "lead", True)),
    ("AI Quality Engineering Lead", Role("other", "lead", False)),
    ("AI Strategy Lead", Role("other", "lead", False)),
    ("AI Product Lead", Role("other", "lead", False)),
    ("Responsible AI Lead", Role("other", "lead", False)),
]


@pytest.mark.parametrize(("title", "expected"), FIELD_LEAD_CASES + FIELD_LEAD_GUARDS)
def test_field_lead(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 2. Bank ranks around an individual contributor's post (extends audit19's kind 6): a range of
# ranks before the post ("Associate/Vice President, ...": the range's lowest, entry) and a rank
# ending the title after the post and its team: the post's family, the rank its level. A rank
# over a field, or on a manager or lead, stays ml_manager; the dual title of the earlier label
# stays data_scientist.
RANK_CASES = [
    (
        "Associate/Vice President, AI Infrastructure Engineer",
        Role("mlops_engineer", "entry", True),
    ),
    (
        "Full-Stack Engineer – ML Platform, Applied AI – Vice President",
        Role("mlops_engineer", "executive", True),
    ),
    ("Associate / VP, Machine Learning Engineer", Role("ml_engineer", "entry", True)),
    ("Software Engineer, AI Platform - Vice President", Role("mlops_engineer", "executive", True)),
    (
        "Python Developer - Machine Learning Platform - Director",
        Role("mlops_engineer", "executive", True),
    ),
    (
        "Senior Data Scientist, Credit Risk Models – Vice President",
        Role("data_scientist", "executive", True),
    ),
]
RANK_GUARDS = [
    (
        "Risk Management – Data Scientist / Applied AI ML Lead - Vice President",
        Role("data_scientist", "executive", True),
    ),
    ("Vice President, Machine Learning", Role("ml_manager", "executive", True)),
    ("Director, ML Infrastructure", Role("ml_manager", "executive", True)),
    ("AVP, Machine Learning", Role("ml_manager", "executive", True)),
    (
        "Machine Learning Engineering Lead - Vice President",
        Role("ml_manager", "executive", True),
    ),
    ("Engineering Manager, Applied AI - Director", Role("ml_manager", "executive", True)),
    ("Head of ML, Platform - Vice President", Role("ml_manager", "executive", True)),
    ("Vice President, Machine Learning Engineer", Role("ml_engineer", "executive", True)),
]


@pytest.mark.parametrize(("title", "expected"), RANK_CASES + RANK_GUARDS)
def test_rank_on_post(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 3. "Manager" written as a grade before an individual contributor's post, a singular role
# noun: the post's family at lead (an exclusion word in the post's team does not undo the ML
# post). A manager over a field ("..., Machine Learning Engineering", "..., Data Science") and
# a manager written after the post (earlier label ml_manager) stay ml_manager.
MANAGER_GRADE_CASES = [
    ("Manager, ML Engineer, AI Scaling & Transformation", Role("ml_engineer", "lead", True)),
    ("Manager, Machine Learning Engineer", Role("ml_engineer", "lead", True)),
    ("Manager, AI Engineer", Role("ai_engineer", "lead", True)),
    ("Manager, Research Scientist - NLP", Role("research_scientist", "lead", True)),
    ("Manager - Machine Learning Engineer (Payments)", Role("ml_engineer", "lead", True)),
]
MANAGER_GRADE_GUARDS = [
    ("Manager, Machine Learning Engineering (Fraud)", Role("ml_manager", "lead", True)),
    ("Manager, Data Science - AI Product", Role("ml_manager", "lead", True)),
    ("Manager, AI Engineering - Analytics", Role("ml_manager", "lead", True)),
    ("Customer Analytics Data Scientist - Manager", Role("ml_manager", "lead", True)),
    ("Senior Manager, Data Scientist, Credit Risk", Role("data_scientist", "lead", True)),
    ("Manager, Forward Deployed Engineer - Tokyo", Role("other", "lead", False)),
    ("Manager, Machine Learning", Role("ml_manager", "lead", True)),
    ("Engineering Manager, Machine Learning Engineer", Role("ml_manager", "lead", True)),
]


@pytest.mark.parametrize(("title", "expected"), MANAGER_GRADE_CASES + MANAGER_GRADE_GUARDS)
def test_manager_grade(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 4. "Group Leader" (an academic or industry lab's manager) is a manager word, as "Team Leader"
# with no other role noun: ml_manager, lead, over an ML field; a group leader of another field,
# and a post named with "Group Leader" as its grade, keep main's answer.
GROUP_LEADER_CASES = [
    ("Group Leader - Data Science and Modelling", Role("ml_manager", "lead", True)),
    ("Group Leader, Machine Learning", Role("ml_manager", "lead", True)),
    ("Research Group Leader - AI for Science", Role("ml_manager", "lead", True)),
    ("Data Science Group Leader", Role("ml_manager", "lead", True)),
    ("Group Lead, Applied AI", Role("ml_manager", "lead", True)),
]
GROUP_LEADER_GUARDS = [
    ("Group Leader in Computational Biology", Role("other", "lead", False)),
    ("Group Lead - Data Engineering", Role("data_engineer", "lead", False)),
    ("Team Leader - Data Science", Role("ml_manager", "lead", True)),
    ("Data Scientist - Group Leader", Role("data_scientist", "lead", True)),
    ("Group Leader - Statistics", Role("other", "lead", False)),
]


@pytest.mark.parametrize(("title", "expected"), GROUP_LEADER_CASES + GROUP_LEADER_GUARDS)
def test_group_leader(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 5. MLOps or LLMOps in a slash list inside the parentheses after a platform, DevOps, cloud or
# infrastructure engineer is the post's qualifier, not a second title offered: mlops_engineer,
# ML. Another slash list in parentheses is still split as before (audit9's label reads
# "Senior Software Engineer (Typescript / FrontEnd) - AI/ML" a front-end engineer, not ML).
OPS_LIST_CASES = [
    ("Platform Engineer (DevOps / MLOps Focus)", Role("mlops_engineer", None, True)),
    ("Cloud Engineer (AWS / LLMOps)", Role("mlops_engineer", None, True)),
    ("Infrastructure Engineer (Kubernetes / MLOps / DevOps)", Role("mlops_engineer", None, True)),
    ("Senior Platform Engineer (DevOps / ML Ops)", Role("mlops_engineer", "senior", True)),
    ("DevOps Engineer (CI/CD / MLOps)", Role("mlops_engineer", None, True)),
]
OPS_LIST_GUARDS = [
    ("Platform Engineer - DevOps/MLOps", Role("mlops_engineer", None, True)),
    ("DevOps Engineer (MLOps)", Role("mlops_engineer", None, True)),
    ("Site Reliability Engineer (LLMOps / Kubernetes)", Role("mlops_engineer", None, True)),
    ("Platform Engineer (DevOps / SRE)", Role("other", None, False)),
    ("Platform Engineer (DevOps)", Role("other", None, False)),
    ("Data Engineer (Python / SQL)", Role("data_engineer", None, False)),
    ("Software Engineer (Backend / Frontend)", Role("other", None, False)),
    (
        "Senior Software Engineer (Typescript / FrontEnd) - AI/ML",
        Role("other", "senior", False),
    ),
]


@pytest.mark.parametrize(("title", "expected"), OPS_LIST_CASES + OPS_LIST_GUARDS)
def test_ops_list(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 6. AI as the way an engineer works, written on the post (AI-assisted, AI-augmented, AI-first,
# AI-enabled): a software engineer using AI tools, not ML, as the earlier labels read AI-native
# web platforms and AI-powered developer productivity. AI-powered products or search named as
# the team (the product is AI) and AI-assisted coding products keep main's ai_engineer.
WAY_OF_WORKING_CASES = [
    ("Senior AI-Assisted Software Engineer", Role("other", "senior", False)),
    ("AI-Assisted Software Engineer", Role("other", None, False)),
    ("AI-Augmented Software Developer", Role("other", None, False)),
    ("AI-First Software Engineer", Role("other", None, False)),
    ("Software Engineer (AI-Assisted Development)", Role("other", None, False)),
    ("AI-Enabled Software Engineer", Role("other", None, False)),
]
WAY_OF_WORKING_GUARDS = [
    ("AI-Powered Products Engineer", Role("ai_engineer", None, True)),
    ("Full Stack Engineer - AI-Powered Search", Role("ai_engineer", None, True)),
    ("Software Engineer, AI-Assisted Coding", Role("ai_engineer", None, True)),
    ("AI Engineer", Role("ai_engineer", None, True)),
    ("AI Native Full Stack Engineer", Role("other", None, False)),
    (
        "Senior Software Engineer, AI-Powered Developer Productivity",
        Role("other", "senior", False),
    ),
    ("Staff Software Engineer, AI Native Web Platform", Role("other", "principal", False)),
]


@pytest.mark.parametrize(("title", "expected"), WAY_OF_WORKING_CASES + WAY_OF_WORKING_GUARDS)
def test_way_of_working(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 7. Programme words in the plural read as their singulars: Placements and Internships are
# internships (intern), and the family rules see the internship ("Machine Learning Internships").
PLURAL_PROGRAMME_CASES = [
    ("UK Emerging Technology Industrial Placements", Role("other", "intern", False)),
    ("Industrial Placements 2026 - Software Engineering", Role("other", "intern", False)),
    ("Summer Internships - Technology", Role("other", "intern", False)),
    ("Software Engineering Internships", Role("other", "intern", False)),
    ("Machine Learning Internships 2026", Role("ml_engineer", "intern", True)),
    ("Data Science Placements", Role("data_scientist", "intern", True)),
]
PLURAL_PROGRAMME_GUARDS = [
    ("Technology Internship Programmes", Role("other", "intern", False)),
    ("Technology Internship Programme 2026", Role("other", "intern", False)),
    ("Data Engineer Summer Intern", Role("data_engineer", "intern", False)),
    ("Software Engineer", Role("other", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), PLURAL_PROGRAMME_CASES + PLURAL_PROGRAMME_GUARDS)
def test_plural_programme(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 8. Bank grades offered joined by "or" are a range, as joined by a slash: the lowest
# ("Associate or Vice President" -> entry, as "Associate/Vice President", kind 2's first case).
# Two titles joined by "or", and a grade or a manager, keep main's readings.
OR_RANGE_CASES = [
    (
        "Quantitative Trading & Research - Machine Learning - Associate or Vice President",
        Role("ml_manager", "entry", True),
    ),
    ("Data Scientist - Associate or Vice President", Role("data_scientist", "entry", True)),
    ("Machine Learning Engineer - Associate or VP", Role("ml_engineer", "entry", True)),
    ("Associate or Vice President, Data Scientist", Role("data_scientist", "entry", True)),
]
OR_RANGE_GUARDS = [
    ("Senior or Lead Data Engineer", Role("data_engineer", "senior", False)),
    ("Software Engineer - Analyst or Associate", Role("other", None, False)),
    ("Senior Associate or Manager", Role("other", "senior", False)),
    ("Vice President - Data Science", Role("ml_manager", "executive", True)),
    (
        "Senior Data Scientist or Lead Data Scientist",
        Role("data_scientist", "senior", True),
    ),
]


@pytest.mark.parametrize(("title", "expected"), OR_RANGE_CASES + OR_RANGE_GUARDS)
def test_or_range(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 9. A data or analytics engineer named first keeps that family whatever data-science team or
# platform follows (the first role named; the earlier label "Staff, Analytics Engineer, GTM
# Data Science & Analytics" reads data_engineer); is_ml as the data-engineer rules give it.
FIRST_ROLE_CASES = [
    ("Senior Data Engineer - Data Science Platform", Role("data_engineer", "senior", False)),
    ("Data Engineer (Data Science)", Role("data_engineer", None, False)),
    ("Data Engineer - Data Science & Analytics", Role("data_engineer", None, False)),
    ("Data Engineer, Data Science Team", Role("data_engineer", None, False)),
    ("Lead Data Engineer - Data Science", Role("data_engineer", "lead", False)),
    ("Analytics Engineer - Data Science", Role("data_engineer", None, False)),
    (
        "Staff, Analytics Engineer, GTM Data Science & Analytics",
        Role("data_engineer", "principal", False),
    ),
]
FIRST_ROLE_GUARDS = [
    ("Data Engineer - Machine Learning", Role("data_engineer", None, True)),
    ("Data Scientist - Data Engineering", Role("data_scientist", None, True)),
    ("Data Engineer or Data Scientist", Role("data_engineer", None, False)),
    ("Data Engineering Manager - Data Science", Role("ml_manager", "lead", True)),
    ("Data Science Engineer", Role("ml_engineer", None, True)),
    ("Data Engineer", Role("data_engineer", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), FIRST_ROLE_CASES + FIRST_ROLE_GUARDS)
def test_first_role(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 10. A bank's or firm's graduate "Analyst Program(me)" is entry (a summer one stays intern).
# The family stays main's: "Engineering" is the track named first and data science only its
# parenthesised sub-track, as the earlier label reads "Data Analyst (Data Science and
# Statistics)" an analyst (other, not ML); "Analyst Program - Data Science" stays data_scientist.
ANALYST_PROGRAMME_CASES = [
    (
        "Analyst Program – Engineering (Data Science) (Manchester)",
        Role("other", "entry", False),
    ),
    ("Analyst Programme - Technology", Role("other", "entry", False)),
    ("2026 Technology Analyst Program - London", Role("other", "entry", False)),
    ("Analyst Program - Data Science", Role("data_scientist", "entry", True)),
    ("Technology Analyst Scheme (Glasgow)", Role("other", "entry", False)),
]
ANALYST_PROGRAMME_GUARDS = [
    ("Summer Analyst Program", Role("other", "intern", False)),
    ("Business Analyst Programme Manager", Role("other", "lead", False)),
    ("Data Analyst", Role("other", None, False)),
    ("Programme Analyst", Role("other", None, False)),
    ("Senior Analyst - Programme Delivery", Role("other", "senior", False)),
]


@pytest.mark.parametrize(("title", "expected"), ANALYST_PROGRAMME_CASES + ANALYST_PROGRAMME_GUARDS)
def test_analyst_programme(title: str, expected: Role) -> None:
    assert classify_title(title) == expected
