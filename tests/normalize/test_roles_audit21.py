"""normalize.roles: the kinds of error of a third fresh real audit of 256 UK titles (issue 14,
audit21: Adzuna's 2026 API, Indeed and LinkedIn).

The titles are made up in the shapes UK boards write, a few taken from the audit's examples of
each kind, labelled by the roles section of ../shared/corpus/gold/README.md and the earlier
label sets before the classifier was changed. Each kind has CASES (main's answer was wrong) and
GUARDS (main's answer, which must be kept); tests/fixtures/roles/ROUND16_AUDIT21.md records
main's answers.
"""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title

# 1. AI joined to ML before one engineer noun, AI named first: the first field named decides
# (README: a dual title takes the first role named; dev: "Senior Computer Vision/AI Engineer"
# -> computer_vision_engineer): ai_engineer. ML named first, and a platform, research or
# engineering-lead noun after the fields, keep main's answer.
AI_ML_CASES = [
    (
        "AI and Machine Learning Engineer (2 Year Fixed Term Contract)",
        Role("ai_engineer", None, True),
    ),
    ("Graduate AI and Machine Learning Engineer", Role("ai_engineer", "entry", True)),
    ("AI/ML Engineer", Role("ai_engineer", None, True)),
    ("Associate Principal AI& ML Engineer", Role("ai_engineer", "principal", True)),
    (
        "Vice President, Artificial Intelligence & Machine Learning Engineer",
        Role("ai_engineer", "executive", True),
    ),
    ("Senior AI & ML Engineer - Fintech", Role("ai_engineer", "senior", True)),
    ("Lead AI / ML Engineer", Role("ai_engineer", "lead", True)),
    ("AI and ML Engineer (Remote)", Role("ai_engineer", None, True)),
    ("Principal AI/ML Engineer, Payments", Role("ai_engineer", "principal", True)),
    ("Junior AI & Machine Learning Engineer", Role("ai_engineer", "entry", True)),
    # a level word between the field and the engineer noun
    ("AI & ML Lead Engineer", Role("ai_engineer", "lead", True)),
    ("AI/ML Senior Engineer", Role("ai_engineer", "senior", True)),
]
AI_ML_GUARDS = [
    ("ML/AI Engineer", Role("ml_engineer", None, True)),
    ("Data Science/ML Engineer", Role("ml_engineer", None, True)),
    ("AI/ML Scientist", Role("data_scientist", None, True)),
    ("AI/ML Platform Engineer", Role("mlops_engineer", None, True)),
    ("AI/ML Infrastructure Engineer", Role("mlops_engineer", None, True)),
    ("AI/ML Engineering Lead", Role("ml_manager", "lead", True)),
    ("Machine Learning & AI Engineer", Role("ml_engineer", None, True)),
    ("Senior Manager, AI/ML Engineering", Role("ml_manager", "lead", True)),
    (
        "Senior Specialist Solutions Architect - AI & ML Engineer",
        Role("other", "senior", False),
    ),
    ("Head of AI and Machine Learning Engineering", Role("ml_manager", "executive", True)),
    ("Senior Computer Vision/AI Engineer", Role("computer_vision_engineer", "senior", True)),
    ("AI/ML Research Engineer", Role("research_engineer", None, True)),
    ("AI & Data Engineer", Role("data_engineer", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), AI_ML_CASES + AI_ML_GUARDS)
def test_ai_named_before_ml(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 2. ML infrastructure written as an ML or AI engineer's team (README: ML infrastructure,
# platform, inference and training-systems work -> mlops_engineer): compilers, runtime,
# kernels, accelerators, performance tooling, serving, distributed training. A business's or a
# product's performance after the role, and a bare "Performance", keep main's answer.
ML_SYSTEMS_TEAM_CASES = [
    ("Machine Learning Engineer, Performance Tooling", Role("mlops_engineer", None, True)),
    ("Machine Learning Engineer, Compiler", Role("mlops_engineer", None, True)),
    ("ML Engineer - Runtime", Role("mlops_engineer", None, True)),
    ("Senior Machine Learning Engineer, Kernels", Role("mlops_engineer", "senior", True)),
    ("ML Engineer, Accelerators", Role("mlops_engineer", None, True)),
    ("Staff ML Engineer, Compilers", Role("mlops_engineer", "principal", True)),
    ("Senior AI Engineer, Compilers", Role("mlops_engineer", "senior", True)),
    ("Machine Learning Engineer - Kernels and Performance", Role("mlops_engineer", None, True)),
    # the team in parentheses, as after a comma (main's alternative needed a word after ")")
    ("ML Engineer (Compiler & Runtime)", Role("mlops_engineer", None, True)),
    ("Machine Learning Engineer (Platform)", Role("mlops_engineer", None, True)),
    ("AI Engineer (Runtime)", Role("mlops_engineer", None, True)),
]
ML_SYSTEMS_TEAM_GUARDS = [
    ("ML Engineer, Performance Marketing", Role("ml_engineer", None, True)),
    ("ML Engineer - Search Performance", Role("ml_engineer", None, True)),
    ("Machine Learning Engineer - Performance", Role("ml_engineer", None, True)),
    ("AI Engineer, Performance Analytics", Role("ai_engineer", None, True)),
    ("ML Engineer, Runtime Marketing", Role("ml_engineer", None, True)),
    ("Machine Learning Engineer, Ranking", Role("ml_engineer", None, True)),
    ("ML Engineer, Content Platform", Role("ml_engineer", None, True)),
    ("AI Engineer (Model Serving)", Role("mlops_engineer", None, True)),
    ("Machine Learning Engineer - Distributed Training", Role("mlops_engineer", None, True)),
    ("Machine Learning Engineer, Platform", Role("mlops_engineer", None, True)),
]


@pytest.mark.parametrize(("title", "expected"), ML_SYSTEMS_TEAM_CASES + ML_SYSTEMS_TEAM_GUARDS)
def test_ml_systems_team(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 3. The platform or infrastructure of data science, written before the engineer noun (a slash
# list of fields or alone): ML platform work, mlops_engineer (README). A data engineer or a data
# scientist named first, and a manager, keep main's answer.
DS_PLATFORM_CASES = [
    ("Senior AI/Data Science Platform Engineer", Role("mlops_engineer", "senior", True)),
    ("Data Science Platform Engineer", Role("mlops_engineer", None, True)),
    ("ML/Data Science Platform Engineer", Role("mlops_engineer", None, True)),
    ("AI/Data Science Infrastructure Engineer", Role("mlops_engineer", None, True)),
    ("Lead Data Science Platform Engineer - Python", Role("mlops_engineer", "lead", True)),
]
DS_PLATFORM_GUARDS = [
    ("Senior Data Engineer - Data Science Platform", Role("data_engineer", "senior", False)),
    ("Data Scientist - Data Science Platform", Role("data_scientist", None, True)),
    ("AI/Data Science Engineer", Role("ml_engineer", None, True)),
    ("Data Science Platform Manager", Role("ml_manager", "lead", True)),
    ("Senior Data Platform Engineer", Role("data_engineer", "senior", False)),
]


@pytest.mark.parametrize(("title", "expected"), DS_PLATFORM_CASES + DS_PLATFORM_GUARDS)
def test_data_science_platform(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 4. Two posts joined by a slash without spaces at the head of the title, the left one a whole
# post ending in its post noun: two titles, the first named decides (README), as with spaces.
# Fields sharing one post noun stay one title; a post noun offered alone after the slash, and a
# slash inside parentheses, keep main's answer.
POSTS_SLASHED_CASES = [
    ("Applied Scientist/Machine Learning Engineer Gaia", Role("data_scientist", None, True)),
    ("Data Engineer/Data Scientist", Role("data_engineer", None, False)),
    ("Data Scientist/Machine Learning Engineer - Retail", Role("data_scientist", None, True)),
    ("Senior Data Analyst/Data Scientist", Role("other", "senior", False)),
    ("Software Engineer/Machine Learning Engineer", Role("other", None, False)),
]
POSTS_SLASHED_GUARDS = [
    ("Machine Learning Engineer/Data Scientist", Role("ml_engineer", None, True)),
    ("Research Scientist/Software Engineer - NLP", Role("research_scientist", None, True)),
    ("Data Science/ML Engineer", Role("ml_engineer", None, True)),
    ("Senior Computer Vision/AI Engineer", Role("computer_vision_engineer", "senior", True)),
    (
        "Research Engineer/Research Scientist, Pre-training",
        Role("research_engineer", None, True),
    ),
    ("Senior AI Data Scientist/Engineer", Role("data_scientist", "senior", True)),
    (
        "Member of Technical Staff (Data Scientist/Engineer, Online Metrics)",
        Role("data_scientist", None, True),
    ),
    ("Business Data Analyst/Data Architect", Role("other", None, False)),
    ("Data Engineer/Architect - Hybrid/London - £68,000", Role("data_engineer", None, False)),
    ("Senior Data Scientist/ Machine Learning Developer", Role("data_scientist", "senior", True)),
    # a field or team after the bare slash, no post noun: the post's qualifier, one title, as on
    # 7d03991 (round 16 second read: main had read these as two titles, other)
    ("Software Engineer/ML", Role("ml_engineer", None, True)),
    ("Software Engineer/LLM", Role("ai_engineer", None, True)),
    ("Backend Engineer/GenAI", Role("ai_engineer", None, True)),
    ("Software Developer/Machine Learning", Role("ml_engineer", None, True)),
    ("Senior Software Engineer/AI Platform", Role("mlops_engineer", "senior", True)),
    # a lead post after the bare slash is a title of its own (audit5's label)
    (
        "Principal software developer/Tech Lead, Agent Framework - Observability",
        Role("ai_engineer", "lead", True),
    ),
]


@pytest.mark.parametrize(("title", "expected"), POSTS_SLASHED_CASES + POSTS_SLASHED_GUARDS)
def test_posts_slashed(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 5. The lead of a joined field with no other post noun, as "Applied AI Lead" (audit20): the
# first field named decides, AI -> ai_engineer, ML -> ml_engineer, lead, ML. A bare "AI Lead",
# an engineering lead, and AI/ML as the subject of a function keep main's answer.
JOINED_FIELD_LEAD_CASES = [
    ("Applied AI & ML Lead - Markets Operations", Role("ai_engineer", "lead", True)),
    ("AI & ML Lead", Role("ai_engineer", "lead", True)),
    ("AI/ML Lead - Financial Services", Role("ai_engineer", "lead", True)),
    ("ML & AI Lead", Role("ml_engineer", "lead", True)),
    ("Senior AI and Machine Learning Lead", Role("ai_engineer", "lead", True)),
    ("Applied AI/ML Lead", Role("ai_engineer", "lead", True)),
    ("Lead, AI & ML", Role("ai_engineer", "lead", True)),
    ("Lead - AI/ML", Role("ai_engineer", "lead", True)),
    ("Principal AI/ML Lead", Role("ai_engineer", "principal", True)),
]
JOINED_FIELD_LEAD_GUARDS = [
    ("AI Lead", Role("other", "lead", False)),
    ("Applied AI Lead", Role("ai_engineer", "lead", True)),
    ("ML Lead", Role("ml_engineer", "lead", True)),
    ("AI/ML Engineering Lead", Role("ml_manager", "lead", True)),
    ("AI & ML Delivery Lead", Role("other", "lead", False)),
    ("AI/ML Product Lead", Role("other", "lead", False)),
    ("AI & ML Strategy Lead", Role("other", "lead", False)),
]


@pytest.mark.parametrize(("title", "expected"), JOINED_FIELD_LEAD_CASES + JOINED_FIELD_LEAD_GUARDS)
def test_joined_field_lead(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 6. An assistant director or vice president is a grade of the director or VP, not an
# assistant's post: over an ML field, ml_manager, executive, as "Director - Data Science". An
# assistant's post, an assistant to someone, a business function and a grade over an
# administrative post keep main's answer.
ASSISTANT_GRADE_CASES = [
    ("Assistant Director - Data Science - Charing Cross", Role("ml_manager", "executive", True)),
    ("Assistant Director, Machine Learning", Role("ml_manager", "executive", True)),
    ("Assistant Vice President, Machine Learning", Role("ml_manager", "executive", True)),
    ("Assistant Director, AI Engineering", Role("ml_manager", "executive", True)),
    ("Assistant Vice-President - Data Science", Role("ml_manager", "executive", True)),
]
ASSISTANT_GRADE_GUARDS = [
    ("Associate Director - Data Science", Role("ml_manager", "executive", True)),
    ("Assistant Director of Data Science", Role("ml_manager", "executive", True)),
    ("Associate Director, AI Engineering", Role("ml_manager", "executive", True)),
    ("Director - Data Science", Role("ml_manager", "executive", True)),
    ("Assistant Data Scientist", Role("data_scientist", None, True)),
    ("Research Assistant in Machine Learning", Role("research_scientist", None, True)),
    ("Executive Assistant to the Director of Data Science", Role("other", None, False)),
    ("Assistant Director of Finance - AI", Role("other", "executive", False)),
    (
        "Assistant Director - Data Science Programme Administration",
        Role("other", "executive", False),
    ),
]


@pytest.mark.parametrize(("title", "expected"), ASSISTANT_GRADE_CASES + ASSISTANT_GRADE_GUARDS)
def test_assistant_grade(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# 7. Learning and development posts in an ML field teach it (as the teaching posts of audit19):
# a learning consultant, designer, specialist, partner or advisor, L&D, an instructional
# designer -> other, not ML. The learning of models ("Machine Learning Consultant", "Deep
# Learning Engineer", "Active Learning Specialist") keeps main's answer.
LEARNING_POST_CASES = [
    ("Senior Learning Consultant - AI & ML Engineering", Role("other", "senior", False)),
    ("L&D Specialist - AI and Data Science", Role("other", None, False)),
    ("Learning Advisor, Data Science", Role("other", None, False)),
    ("Learning Partner - Data Science and AI Academy", Role("other", None, False)),
]
LEARNING_POST_GUARDS = [
    ("Learning Designer - Machine Learning", Role("other", None, False)),
    ("Instructional Designer - AI & Machine Learning", Role("other", None, False)),
    ("Learning and Development Partner - AI", Role("other", None, False)),
    ("Learning Specialist - Machine Learning", Role("other", None, False)),
    ("Machine Learning Consultant", Role("other", None, False)),
    ("Deep Learning Engineer", Role("ml_engineer", None, True)),
    ("Machine Learning Specialist", Role("other", None, False)),
    ("Reinforcement Learning Engineer", Role("ml_engineer", None, True)),
    ("Senior Machine Learning Scientist", Role("data_scientist", "senior", True)),
    ("Learning Scientist", Role("other", None, False)),
    ("Principal AI Learning & Enablement Partner", Role("other", "principal", False)),
]


@pytest.mark.parametrize(("title", "expected"), LEARNING_POST_CASES + LEARNING_POST_GUARDS)
def test_learning_post(title: str, expected: Role) -> None:
    assert classify_title(title) == expected
