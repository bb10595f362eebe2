"""normalize.roles: table-driven real titles, gold-set thresholds, Hypothesis properties."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize import roles
from normalize.evaluation import score_roles
from normalize.roles import (
    ROLE_FAMILIES,
    SENIORITY_LEVELS,
    Role,
    _product_names,
    classify_ad,
    classify_title,
)

# Real titles (ATS boards 2026, JobSpy 2026, Indeed London 2020) -> expected classification.
CASES = [
    ("Machine Learning Engineer", Role("ml_engineer", None, True)),
    ("Senior Machine Learning Engineer", Role("ml_engineer", "senior", True)),
    ("Staff Machine Learning Engineer", Role("ml_engineer", "principal", True)),
    (" Senior Software Engineer - Machine Learning (f/m/d)", Role("ml_engineer", "senior", True)),
    ("Machine Learning Engineer - Computer Vision", Role("computer_vision_engineer", None, True)),
    ("Machine Learning Engineer III (NLP)", Role("nlp_engineer", "senior", True)),
    ("Lead Machine Learning Engineer - ML Infrastructure", Role("mlops_engineer", "lead", True)),
    ("Senior Software Engineer, Model Serving", Role("mlops_engineer", "senior", True)),
    ("Software Engineer, ML Infra (Junior & New Grad)", Role("mlops_engineer", "entry", True)),
    (
        "Applied Scientist- Pricing, Dynamic Pricing & Offer Selection",
        Role("data_scientist", None, True),
    ),
    ("(Senior) Applied Scientist, Search", Role("data_scientist", None, True)),
    ("Senior / Staff Data Scientist, Growth Product", Role("data_scientist", "senior", True)),
    ("Sr.Data Scientist I", Role("data_scientist", "senior", True)),
    ("Data Scientist I", Role("data_scientist", "entry", True)),
    ("Graduate Data Scientist", Role("data_scientist", "entry", True)),
    ("Data Scientist, Customer Analytics", Role("data_scientist", None, True)),
    ("Data Science Manager", Role("ml_manager", "lead", True)),
    ("Director, Data Science", Role("ml_manager", "executive", True)),
    ("Research Engineer / Research Scientist, Pre-training", Role("research_engineer", None, True)),
    (
        "Research Engineer (Senior Staff+), Safeguards Labs",
        Role("research_engineer", "principal", True),
    ),
    ("Researcher, Alignment", Role("research_scientist", None, True)),
    ("Principal Research Scientist, Database Systems", Role("other", "principal", False)),
    ("Research Associate - Ageing Research", Role("other", None, False)),
    ("UX Researcher – AI Experiences", Role("other", None, False)),
    ("Quantitative Researcher, Early Career ", Role("other", "entry", False)),
    (
        "Member of Technical Staff (ML Engineer, Recommendations & User Modeling)",
        Role("ml_engineer", None, True),
    ),
    ("Staff Software Engineer  (Search Ranking)", Role("ml_engineer", "principal", True)),
    ("Applied AI Engineer, Advertising Agents (New Grad)", Role("ai_engineer", "entry", True)),
    ("Junior AI Engineer", Role("ai_engineer", "entry", True)),
    ("Senior AI Data Engineer", Role("data_engineer", "senior", True)),
    ("Data Engineer - Databricks / AI", Role("data_engineer", None, False)),
    ("Middle Data Engineer (ADB, Python)", Role("data_engineer", "mid", False)),
    ("Associate Analytics Engineer", Role("data_engineer", "entry", False)),
    ("Snowflake Data Engineer - Graduate Career Solutions", Role("data_engineer", None, False)),
    ("Data Analyst / Data Engineer", Role("other", None, False)),
    # keyword traps
    ("Senior AI Programmer", Role("other", "senior", False)),
    ("AI Deployment Engineer, Startups ", Role("other", None, False)),
    ("AI Success Engineer - AMER", Role("other", None, False)),
    ("AI Support Engineer - Dublin", Role("other", None, False)),
    ("Applied AI Architect, Enterprise Tech", Role("other", None, False)),
    ("Recruiter, AI Research", Role("other", None, False)),
    ("Counsel, Privacy and AI Regulation (EU)", Role("other", None, False)),
    ("Labeler / Annotator – AI Response Evaluation (French)", Role("other", None, False)),
    ("VP, AI Marketing Strategy", Role("other", "executive", False)),
    (
        "Data Center Research & Development Engineer, Mechanical - Industrial Compute",
        Role("other", None, False),
    ),
    ("Staff Software Engineer - EDR Agent (Go)", Role("other", "principal", False)),
    ("Staff Perception Hardware Engineer", Role("other", "principal", False)),
    # seniority conventions
    ("Senior AI Engineering Manager ", Role("ml_manager", "lead", True)),
    (
        "Lead Front End Software Engineer - TypeScript React - Vice President",
        Role("other", "executive", False),
    ),
    ("Software Development Engineer II", Role("other", "mid", False)),
    ("Industrial Placement Software Engineer", Role("other", "intern", False)),
    ("Data & People Analytics Graduated Internship (12 months)", Role("other", "intern", False)),
    (
        "Intermediate/Senior/Staff Backend Engineer (C), Tenant Scale: Git ",
        Role("other", "mid", False),
    ),
    ("Founding Data Scientist", Role("data_scientist", None, True)),
]


@pytest.mark.parametrize("title, expected", CASES)
def test_classify_title(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


@pytest.mark.parametrize("title", [None, "", "   ", "!!!", "12345"])
def test_empty_or_garbage(title: str | None) -> None:
    assert classify_title(title) == Role("other", None, False)


def test_gold_dev_thresholds(corpus) -> None:
    rows = [
        json.loads(line) for line in (corpus / "gold" / "roles_dev.jsonl").open() if line.strip()
    ]
    scores = score_roles(rows)
    assert scores["n"] == len(rows) > 100
    assert scores["is_ml_f1"] >= 0.93, scores
    assert scores["role"] >= 0.88, scores
    assert scores["seniority"] >= 0.90, scores


@given(st.text(max_size=200))
def test_properties(title: str) -> None:
    got = classify_title(title)
    assert got.family in ROLE_FAMILIES
    assert got.seniority is None or got.seniority in SENIORITY_LEVELS
    assert isinstance(got.is_ml, bool)
    assert classify_title(title) == got
    if got.family in {"other"}:
        assert got.is_ml is False


# ------------------------------------------------------------------ audit (fresh hand labels)

AUDIT = Path(__file__).resolve().parents[1] / "fixtures" / "roles" / "audit_labels.jsonl"


def test_audit_labels_accuracy() -> None:
    """200 titles hand-labelled after the rules were written (ATS 2026, JobSpy 2026, Indeed
    London 2020, Reed 2019; none from the dev set): the figures measured when the rules were
    last changed."""
    rows = [json.loads(line) for line in AUDIT.open(encoding="utf-8")]
    assert len(rows) == 200
    got = score_roles(rows)
    assert got["is_ml_f1"] >= 0.99
    assert got["role"] >= 0.96
    assert got["seniority"] >= 0.98


# One case per rule fixed during the audit.
AUDIT_RULE_CASES = [
    # an exclusion word only in a qualifier does not undo the ML role named before it
    ("Staff Machine Learning Engineer - Policy & Safety", Role("ml_engineer", "principal", True)),
    ("Senior AI Product Engineer, Agent Governance", Role("ai_engineer", "senior", True)),
    (
        "Machine Learning Engineering Manager - Ads Engagement Modeling",
        Role("ml_manager", "lead", True),
    ),
    # ... unless the qualifier names a customer-facing or advisory function
    (
        "Senior Machine Learning Engineer, Developer Advocacy | UK | Remote",
        Role("other", "senior", False),
    ),
    # (a solutions post; "Machine Learning Engineer (Solutions)" names the team, and audit8,
    # audit27 and audit29 label such titles ML: test_roles_audit29)
    ("Machine Learning Engineer, Solutions Engineering", Role("other", None, False)),
    # ... and an excluded head stays excluded
    ("Senior Security Engineer, AI Security", Role("other", "senior", False)),
    ("VP, AI Marketing Strategy", Role("other", "executive", False)),
    # security (incl. "security software engineer", attack/red team) and QA are not ML
    ("Staff Security Software Engineer, AI Security", Role("other", "principal", False)),
    ("Staff Attack Engineer, AI/LLM", Role("other", "principal", False)),
    ("AI Quality Engineering Lead", Role("other", "lead", False)),
    # "Research Staff" is a research title with no level
    ("Research Staff, LLMs", Role("research_scientist", None, True)),
    ("Research Staff, Voice AI Foundations", Role("research_scientist", None, True)),
]


@pytest.mark.parametrize(("title", "expected"), AUDIT_RULE_CASES)
def test_audit_rules(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------------------------------------------------ issue 14: third audit

AUDIT3 = AUDIT.parent / "audit3_labels.jsonl"


def _audit_scores(path: Path, n: int) -> dict[str, float]:
    """:func:`score_roles` of an audit label file, after checking it holds ``n`` rows."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert len(rows) == n
    return score_roles(rows)


def test_audit3_labels_accuracy() -> None:
    """447 titles labelled by the gold README rules before the issue-14 changes (untuned:
    is_ml F1 0.885, role 78.9%, seniority 96.0%); floors just under the figures measured after
    them (issue targets: F1 0.95, role 92%, seniority 96%)."""
    got = _audit_scores(AUDIT3, 447)
    assert got["is_ml_f1"] >= 0.99
    assert got["role"] >= 0.98
    assert got["seniority"] >= 0.99


# One table per kind of miss fixed for issue 14 (examples of the kind, not the audit's titles).
ML_DUTY_CASES = [
    # a stage of the model life cycle, no ML word: family by duty
    ("Engineer, Distributed Training", Role("mlops_engineer", None, True)),
    ("Software Engineer - Model Compression", Role("mlops_engineer", None, True)),
    ("CUDA Kernel Engineer", Role("mlops_engineer", None, True)),
    ("Research Engineer, Post-Training", Role("research_engineer", None, True)),
    ("Agent Pre-Training, Data Mixtures", Role("research_scientist", None, True)),
    # predictive models in another industry
    ("Pricing Modeller", Role("data_scientist", None, True)),
    ("Fraud Model Developer", Role("data_scientist", None, True)),
    ("Credit Risk Modelling Analyst", Role("data_scientist", None, True)),
]
MANAGER_CASES = [
    ("Engineering Manager, Model Serving", Role("ml_manager", "lead", True)),
    ("TLM, Inference", Role("ml_manager", "lead", True)),
    ("TL, Pre-Training", Role("ml_manager", "lead", True)),
    ("Staff Engineering Manager, Evals", Role("ml_manager", "principal", True)),
]
AI_QUALIFIER_CASES = [
    ("Regional Sales Director, AI", Role("other", "executive", False)),
    ("AI Product Internship", Role("other", "intern", False)),
    ("Director of Product, AI Platform", Role("other", "executive", False)),
    ("Head of APAC, AI", Role("other", "executive", False)),
    ("Security Engineer, AI", Role("other", None, False)),
    ("Software Engineer, AI Reliability Engineering", Role("other", None, False)),
    ("Senior Frontend Engineering Manager, Recommendations", Role("other", "lead", False)),
    ("Manager, Applied AI Architecture", Role("other", "lead", False)),
    ("Chief of Staff, AI", Role("other", None, False)),
]
FAMILY_CASES = [
    ("AI Engineer - Signal Processing", Role("ml_engineer", None, True)),
    ("AI Engineer, On-Device Models", Role("ml_engineer", None, True)),
    ("Machine Learning Intern, Healthcare", Role("data_scientist", "intern", True)),
    ("Product Engineer, AI Platform", Role("ai_engineer", None, True)),
    ("Product Engineer - Inference", Role("mlops_engineer", None, True)),
]
SENIORITY_CASES = [
    # a grade on a manager title
    ("Principal Engineering Manager", Role("other", "principal", False)),
    ("Staff Product Marketing Manager", Role("other", "principal", False)),
    ("Senior Engineering Manager", Role("other", "lead", False)),
    # "Chief" is an executive only as a C-level title; "Head <trade rank>" is not "Head of"
    ("Chief Engineer", Role("other", None, False)),
    ("Trainee Chief Engineer", Role("other", "entry", False)),
    ("Chief Technology Officer", Role("other", "executive", False)),
    ("Chief Data Scientist", Role("data_scientist", "executive", True)),
    ("Head Chef", Role("other", None, False)),
    ("Director's PA", Role("other", None, False)),
    # two levels or two titles: the lowest; an option without a level gives none
    ("Senior Software Engineer / Staff Software Engineer", Role("other", "senior", False)),
    ("Software Engineer / Senior Software Engineer", Role("other", None, False)),
    ("Data Annotator (Entry level OK)", Role("other", None, False)),
    ("Mid-Market Account Executive", Role("other", None, False)),
    # the level word after the role noun
    ("Team Leader", Role("other", "lead", False)),
    ("Operations Associate", Role("other", "entry", False)),
    ("Software Engineer - Graduate 2026", Role("other", "entry", False)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    ML_DUTY_CASES + MANAGER_CASES + AI_QUALIFIER_CASES + FAMILY_CASES + SENIORITY_CASES,
)
def test_issue14_titles(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# (title, description, employer, role, decided by the description/employer)
CONTEXT_CASES = [
    (
        "Software Engineer",
        "You will train deep learning models in PyTorch and run LLM inference on GPUs.",
        "Acme Ltd",
        Role("ml_engineer", None, True),
        True,
    ),
    ("Software Engineer", "We build payment systems in Java and Go.", "Acme Ltd", None, False),
    # two ML terms are not enough from an ordinary employer ...
    ("Software Engineer", "Experience with PyTorch and inference.", "Acme Ltd", None, False),
    # ... one is, from an AI lab
    ("Software Engineer", "You will work on inference APIs.", "Anthropic", None, True),
    ("Senior Research Scientist", "machine learning, pytorch, llm", "Acme", None, False),
    # the title decides when it can: a non-technical or an excluded title stays what it is
    ("Office Manager", "machine learning, pytorch, llm, inference", "Anthropic", None, False),
    ("Account Executive", "machine learning, pytorch, llm, inference", "OpenAI", None, False),
]


@pytest.mark.parametrize(("title", "description", "company", "role", "decided"), CONTEXT_CASES)
def test_classify_ad_context(
    title: str, description: str, company: str, role: Role | None, decided: bool
) -> None:
    got, by_context = classify_ad(title, description, company)
    assert by_context is decided
    assert got.is_ml is (decided or classify_title(title).is_ml)
    if role is not None:
        assert got == role
    if not decided:
        assert got == classify_title(title)


# ------------------------------------------------------------------ issue 14: fourth audit

AUDIT4 = AUDIT.parent / "audit4_labels.jsonl"


def test_audit4_labels_accuracy() -> None:
    """236 titles labelled after the audit3 tuning (untuned: is_ml F1 0.890, role 82.9%,
    seniority 97.5%); floors just under the figures measured after the life-cycle vocabulary
    (issue targets: F1 0.95, role 92%, seniority 96%)."""
    got = _audit_scores(AUDIT4, 236)
    assert got["is_ml_f1"] >= 0.99
    assert got["role"] >= 0.97
    assert got["seniority"] >= 0.98


# One table per kind (examples of the kind, not the audit's titles).
LIFE_CYCLE_CASES = [
    # training systems and accelerator fleets: mlops_engineer
    ("Software Engineer, Training Runtime", Role("mlops_engineer", None, True)),
    ("Training Platform Engineer", Role("mlops_engineer", None, True)),
    ("Senior Engineer, Model Efficiency", Role("mlops_engineer", "senior", True)),
    ("Software Engineer, Quantization", Role("mlops_engineer", None, True)),
    ("Platform Engineer, GPU Clusters", Role("mlops_engineer", None, True)),
    ("Staff Engineer, Accelerator Platform", Role("mlops_engineer", "principal", True)),
    # research stages with an engineering noun and no ML family word: research_engineer
    ("Member of Technical Staff, Pre-Training", Role("research_engineer", None, True)),
    ("Software Engineer, RLHF", Role("research_engineer", None, True)),
    ("Software Engineer, Fine-Tuning", Role("research_engineer", None, True)),
    ("MTS - Modelling", Role("research_engineer", None, True)),
    ("RE/RS, Multimodal Pre-training", Role("research_engineer", None, True)),
    # a model's API is its serving (README: inference work -> mlops_engineer; audit9's
    # "Foundation Model API" label; was ai_engineer before round 6)
    ("Software Engineer, Foundation Models API", Role("mlops_engineer", None, True)),
    ("Neural Network Engineer", Role("ml_engineer", None, True)),
    # corporate training and hardware modelling are not ML
    ("Training Coordinator", Role("other", None, False)),
    ("Learning and Development Training Manager", Role("other", "lead", False)),
]
ML_LEAD_CASES = [
    ("Engineering Manager, Training Runtime", Role("ml_manager", "lead", True)),
    ("Tech Lead, Inference Platform", Role("ml_manager", "lead", True)),
    ("Senior Engineering Manager, GPU Platform", Role("ml_manager", "lead", True)),
    ("Research Manager, Alignment", Role("ml_manager", "lead", True)),
    ("Tech Lead, Payments", Role("other", "lead", False)),
]
QUALIFIER_CASES = [
    # "AI" naming the product of another function or business line
    ("Director, AI Services Delivery", Role("other", "executive", False)),
    ("Head of AI Operations", Role("other", "executive", False)),
    ("Software Engineer, Developer Experience (AI Tools)", Role("other", None, False)),
    ("Network Engineer, AI Clusters", Role("other", None, False)),
    # data science only in a qualifier of another role; the data scientist named is one
    ("Solutions Consultant (AI-Driven Data Science)", Role("other", None, False)),
    ("Data Scientist, Consultant", Role("data_scientist", None, True)),
    # research outside ML
    ("Genomics Researcher", Role("other", None, False)),
    # "Staff Nurse" is a job name, not the Staff level
    ("Staff Nurse - Theatres", Role("other", None, False)),
    ("Senior Staff Nurse, ICU", Role("other", "senior", False)),
    # two titles joined by a bare slash: the lowest level, none when one option has none
    ("Project Engineer/Senior Project Engineer", Role("other", None, False)),
    ("Senior Data Analyst/Lead Data Analyst", Role("other", "senior", False)),
    ("Senior/Staff Software Engineer", Role("other", "senior", False)),
]


@pytest.mark.parametrize(("title", "expected"), LIFE_CYCLE_CASES + ML_LEAD_CASES + QUALIFIER_CASES)
def test_issue14_audit4_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------------------------------------------ issue 14: fifth and sixth audits

AUDIT5 = AUDIT.parent / "audit5_labels.jsonl"
AUDIT6 = AUDIT.parent / "audit6_labels.jsonl"
AUDIT7 = AUDIT.parent / "audit7_labels.jsonl"


@pytest.mark.parametrize(("path", "n"), [(AUDIT5, 382), (AUDIT6, 390), (AUDIT7, 258)])
def test_audit5_to_audit7_labels_accuracy(path: Path, n: int) -> None:
    """Untuned: audit5 F1 0.944, role 86.3%, seniority 97.6%; audit6 F1 0.857, role 87.0%,
    seniority 97.9%; audit7 F1 0.884, role 84.9%, seniority 98.4%. Floors at the issue
    targets, met after the kinds below were fixed."""
    got = _audit_scores(path, n)
    assert got["is_ml_f1"] >= 0.95
    assert got["role"] >= 0.92
    assert got["seniority"] >= 0.96


# One table per kind (examples of the kind, not the audits' titles).
AGENT_PRODUCT_CASES = [
    # engineers of AI agents (voice, coding, chat) at AI companies: ai_engineer
    ("Backend Engineer, Agent", Role("ai_engineer", None, True)),
    ("Lead Agent Engineer", Role("ai_engineer", "lead", True)),
    ("Senior Software Engineer - Coding Agents", Role("ai_engineer", "senior", True)),
    ("Platform Security Agent Engineer", Role("ai_engineer", None, True)),
    ("AI Platform Engineer, Chat Agents", Role("ai_engineer", None, True)),
    # a software agent of another kind stays out
    ("Software Engineer - Endpoint Agent (Rust)", Role("other", None, False)),
    ("Senior Lettings Agent", Role("other", "senior", False)),
]
ML_PLATFORM_CASES = [
    # ML performance, frameworks, kernels, training products: mlops_engineer
    ("Software Engineer, ML Compilers", Role("mlops_engineer", None, True)),
    ("Senior Engineer - AI Performance", Role("mlops_engineer", "senior", True)),
    ("Kernel Performance Engineer, AI Accelerators", Role("mlops_engineer", None, True)),
    ("Backend Engineer, Training Product", Role("mlops_engineer", None, True)),
    ("Forward Deployed Engineer - Inference", Role("mlops_engineer", None, True)),
    ("Software Engineer, Serving", Role("mlops_engineer", None, True)),
    # serving of something else is not model serving
    ("Backend Engineer, Content Serving", Role("other", None, False)),
]
MTS_RESEARCH_CASES = [
    # MTS naming a modality or evaluation: research_engineer (vision: computer_vision_engineer)
    ("Member of Technical Staff - Audio", Role("research_engineer", None, True)),
    ("Member of Technical Staff - Speech", Role("nlp_engineer", None, True)),
    ("MTS, Video", Role("research_engineer", None, True)),
    ("Member of Technical Staff, Model Evaluations", Role("research_engineer", None, True)),
    (
        "Member of Technical Staff - Multimodal, Vision",
        Role("computer_vision_engineer", None, True),
    ),
    # ML research engineering done in another function
    ("Senior Fraud ML Research Engineer", Role("research_engineer", "senior", True)),
    ("Trajectory Prediction Engineer", Role("ml_engineer", None, True)),
]
AI_FUNCTION_QUALIFIER_CASES = [
    # managers whose "AI" qualifies another function are not ML managers
    ("Director, Developer Productivity AI", Role("other", "executive", False)),
    ("Head of AI Ecosystem", Role("other", "executive", False)),
    ("Engineering Manager, BI & AI", Role("other", "lead", False)),
    ("Manager, Finance Systems and AI", Role("other", "lead", False)),
    ("Director of RevOps and AI", Role("other", "executive", False)),
    ("Partner, AI Advisory", Role("other", None, False)),
    ("AI Campaigns Manager", Role("other", "lead", False)),
    ("Learning Manager, AI Skills", Role("other", "lead", False)),
    ("Fraud Model Validation Lead (Machine Learning)", Role("other", "lead", False)),
    ("Solutions Engineer - Identity for AI Agents", Role("other", None, False)),
    ("Forward Deployed Engineer, Security for AI", Role("other", None, False)),
    # a manager of an ML function, or of a data science team serving another function
    ("Senior Engineering Manager, MLE Platform", Role("ml_manager", "lead", True)),
    ("Head of Marketing Data Science", Role("ml_manager", "executive", True)),
    # the first role named decides: a product owner, not a data scientist
    ("Product Owner (Data Scientist)", Role("other", None, False)),
    # data and AI engineering names data engineering first; ML central
    ("Lead Data and ML Engineer", Role("data_engineer", "lead", True)),
    ("Machine Learning Engineer, Finance", Role("ml_engineer", None, True)),
]

SENIORITY_WORD_CASES = [
    # "L2"/"L3" after a role noun read as levels II/III; an explicit level word wins
    ("Backend Developer (L2)", Role("other", "mid", False)),
    ("Data Engineer L1", Role("data_engineer", "entry", False)),
    ("Senior Software Engineer (L2)", Role("other", "senior", False)),
    ("Machine Learning Engineer (6 month contract)", Role("ml_engineer", None, True)),
    # staff of a trade: no level; a field CTO is C-level since round 12 (ROUND12.md)
    # ("Distinguished Engineer" gave none here until round 8, which reads it principal:
    # tests/fixtures/roles/ROUND8.md)
    ("Kitchen Staff - Weekends", Role("other", None, False)),
    ("Field CTO, EMEA", Role("other", "executive", False)),
    ("Distinguished Engineer, Storage", Role("other", "principal", False)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    AGENT_PRODUCT_CASES
    + ML_PLATFORM_CASES
    + MTS_RESEARCH_CASES
    + AI_FUNCTION_QUALIFIER_CASES
    + SENIORITY_WORD_CASES,
)
def test_issue14_audit5_audit6_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------------------------------------------ issue 14: seventh audit
# Untuned on main audit7 scored is_ml F1 0.884, role 84.9%, seniority 98.4%. One table per kind
# of its misses, with new titles of the kind (not audit7's).


ML_WITHOUT_ML_WORDS_CASES = [
    # planning in autonomy (behaviour, motion, trajectory): ml_engineer
    ("Motion Planning Engineer, Autonomous Trucks", Role("ml_engineer", None, True)),
    ("Lead Software Engineer - Behaviour Planning", Role("ml_engineer", "lead", True)),
    ("Trajectory Planning Developer", Role("ml_engineer", None, True)),
    # GPU fleets written with "&"/"and": mlops_engineer
    ("Platform Engineer, GPU and Networking", Role("mlops_engineer", None, True)),
    ("Senior SRE (GPUs & Capacity)", Role("mlops_engineer", "senior", True)),
    # a GenAI/LLM platform is ML platform work
    ("Backend Engineer, LLM Platform", Role("mlops_engineer", None, True)),
    ("Staff Engineer - Gen AI Platform", Role("mlops_engineer", "principal", True)),
    # evals infrastructure built by backend/platform engineers: mlops_engineer
    ("Platform Engineer (Evals)", Role("mlops_engineer", None, True)),
    ("Software Engineer, Evals Infrastructure", Role("mlops_engineer", None, True)),
    # managers of tooling for ML researchers
    ("Senior Engineering Manager - Research Tooling", Role("ml_manager", "lead", True)),
    # the behaviour of models, whatever the noun; an AI lab's model-behaviour team after
    # "Member of Technical Staff" is post-training research (research_engineer, round 5)
    ("MTS - Model Behaviour Architect, Voice", Role("research_engineer", None, True)),
    # a team named after agents or LLMs with no role noun at all
    ("Agentic Workflows ", Role("ai_engineer", None, True)),
    ("LLM Applications - Enterprise", Role("ai_engineer", None, True)),
    # "AI Engineer" with a bare enablement team stays; a business function's enablement does not
    ("Applied AI Engineer, Enablement", Role("ai_engineer", None, True)),
    ("AI Engineer, Sales Enablement", Role("other", None, False)),
]
AI_PRODUCT_QUALIFIER_CASES = [
    # "AI" as the product of an innovation, developer-tooling or observability function
    ("Director, AI Innovation Programmes", Role("other", "executive", False)),
    ("Engineering Manager - GenAI Tooling", Role("other", "lead", False)),
    ("Frontend Engineer, LLM Observability", Role("other", None, False)),
    ("Senior Backend Engineer - Agent Observability Product", Role("other", "senior", False)),
    ("Engineering Manager, Product Analytics Platform (AI)", Role("other", "lead", False)),
    # ...unless the models' compute is named too
    ("Software Engineer, GPU Kernels & AI Tooling", Role("mlops_engineer", None, True)),
    ("Staff Engineer, ML Observability", Role("mlops_engineer", "principal", True)),
]
SENIORITY_FORMS_CASES = [
    # Unicode Roman numerals read as letters (NFKC)
    ("Data Scientist Ⅱ", Role("data_scientist", "mid", True)),
    ("Machine Learning Engineer Ⅲ", Role("ml_engineer", "senior", True)),
    # "(L2)" after more role nouns; a bare "I" between words is no level
    ("Network Technician (L2)", Role("other", "mid", False)),
    ("Cyber Specialist L3", Role("other", "senior", False)),
    ("Lettings Administrator I Brixton I £26,000", Role("other", None, False)),
    # a list of titles offered in parentheses: the lowest, none when one has no level
    ("Data Engineer (Data Engineer, Senior Data Engineer)", Role("data_engineer", None, False)),
    (
        "ML Engineering roles (Senior ML Engineer, Staff ML Engineer)",
        Role("ml_engineer", "senior", True),
    ),
    # technologies in parentheses are not titles
    ("Senior Engineer (Python, Go)", Role("other", "senior", False)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    ML_WITHOUT_ML_WORDS_CASES + AI_PRODUCT_QUALIFIER_CASES + SENIORITY_FORMS_CASES,
)
def test_issue14_audit7_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------------------------------------------ issue 14: round 5 (audit8 seen)
# Untuned on main audit8 scored is_ml F1 0.900, role 78.5%, seniority 99.3%. One table per kind
# of its misses, with new titles of the kind (not audit8's).

ML_TEAM_CASES = [
    # an AI lab's research team after "Member of Technical Staff": research_engineer
    ("Member of Technical Staff - Data Generation", Role("research_engineer", None, True)),
    ("Lead Member of Technical Staff, Reasoning", Role("research_engineer", "lead", True)),
    ("MTS - Frontier Safety", Role("research_engineer", None, True)),
    # synthetic data is made for training models: a data engineer of it counts
    ("Synthetic Data Engineer", Role("data_engineer", None, True)),
    # its ML-systems teams: mlops_engineer
    ("Member of Technical Staff, Efficiency", Role("mlops_engineer", None, True)),
    ("Member of Technical Staff (Backend Engineer, Kernels)", Role("mlops_engineer", None, True)),
    ("Member of Technical Staff - Compiler", Role("mlops_engineer", None, True)),
    ("Senior Engineer, Model Acceleration", Role("mlops_engineer", "senior", True)),
    # a team that names no ML stage stays undecided (not ML by the title)
    ("Member of Technical Staff (Frontend Engineer, Billing)", Role("other", None, False)),
    # ML frameworks and runtimes named as the team: mlops_engineer
    ("Software Engineer - vLLM", Role("mlops_engineer", None, True)),
    ("Senior Software Engineer, PyTorch Compiler", Role("mlops_engineer", "senior", True)),
    ("Compiler Engineer (XLA)", Role("mlops_engineer", None, True)),
    ("Software Engineer, Ray Train", Role("mlops_engineer", None, True)),
    ("X-Ray Engineer", Role("other", None, False)),
    # ...but an ML engineer keeps the family its role noun names
    ("Machine Learning Engineer (PyTorch, AWS)", Role("ml_engineer", None, True)),
    # ML platforms written around the role noun, and kernels with performance
    ("Platform ML Engineer", Role("mlops_engineer", None, True)),
    ("Backend Engineer - AI Feature Store", Role("mlops_engineer", None, True)),
    ("Software Engineer, Training Data Platform", Role("mlops_engineer", None, True)),
    ("Staff Engineer, LLM Performance and Kernels", Role("mlops_engineer", "principal", True)),
    # fellowships: the family follows the track; research on AI security is ML research
    ("Research Fellowship - GPU Kernels", Role("mlops_engineer", None, True)),
    ("Fellows Programme, Model Security", Role("research_scientist", None, True)),
    # managers of ML teams named by modality or model kind
    ("Engineering Manager, Foundation Models", Role("ml_manager", "lead", True)),
    ("Engineering Manager - Multi-Modal Generation", Role("ml_manager", "lead", True)),
]
AI_SUBJECT_QUALIFIER_CASES = [
    # AI as the subject of a workforce programme or a customer segment
    ("Product Engineer, AI Productivity Tools", Role("other", None, False)),
    ("Head of AI Fluency", Role("other", "executive", False)),
    ("Staff Software Engineer, AI-Native Apps", Role("other", "principal", False)),
    # an analyst whose team is data science is an analyst
    ("Business Analyst (Data Science)", Role("other", None, False)),
    # "AI Engineer" named first keeps its family whatever ML words its team carries
    ("Senior AI Engineer - Search ML", Role("ai_engineer", "senior", True)),
]
LEVEL_COMBINATION_CASES = [
    # two titles named together, one executive: the lowest
    ("Senior Data Scientist / Head of Analytics", Role("data_scientist", "senior", True)),
    ("Staff Engineer, Engineering Director - Payments", Role("other", "principal", False)),
    # a bare grade is no title of its own: executive stays
    ("Director, Senior Counsel", Role("other", "executive", False)),
    ("Lead Engineer - VP", Role("other", "executive", False)),
    # "(L3)" after a comma; "(Graduate)" after the role
    ("Backend Developer, (L3) Payments", Role("other", "senior", False)),
    ("Data Scientist (Graduate) - London", Role("data_scientist", "entry", True)),
]


# Beyond audit8: other forms of the same kinds.
ML_NAMED_BY_FIELD_CASES = [
    # a scientist whose field, written after the title, is ML: data_scientist (README: ML
    # Scientist); a research scientist stays research_scientist
    ("Scientist, Deep Learning", Role("data_scientist", None, True)),
    ("Senior Scientist II - Machine Learning", Role("data_scientist", "senior", True)),
    ("Research Scientist, Machine Learning", Role("research_scientist", None, True)),
    # fellowships, residencies and postdocs in ML research
    ("Fellow, Multimodal Learning", Role("research_scientist", None, True)),
    ("AI Residency Programme 2027", Role("research_scientist", None, True)),
    ("Postdoc in Multimodal Learning", Role("research_scientist", None, True)),
    ("Postdoctoral Fellow in Fluid Dynamics", Role("other", None, False)),
    ("Fellowship Consulting - Public Sector / AI", Role("other", None, False)),
    ("Research Engineer / Scientist, Model Red Team", Role("research_engineer", None, True)),
    # a team written once after two titles is the team of both
    (
        "Staff Engineer / Engineering Manager, Model Serving",
        Role("mlops_engineer", "principal", True),
    ),
    ("Engineering Manager / Director, Applied ML", Role("ml_manager", "lead", True)),
    # the framework of GPU kernels named as the role
    ("Senior CUDA Developer", Role("mlops_engineer", "senior", True)),
]
OTHER_FUNCTION_CASES = [
    # AI as the product or site of another engineering discipline or business function
    ("Mechanical Engineer - GPU Clusters", Role("other", None, False)),
    ("Senior Electrical Engineer, AI Campus", Role("other", "senior", False)),
    ("Hardware Engineer, ML Accelerators", Role("other", None, False)),
    ("Business Systems Engineer - GenAI", Role("other", None, False)),
    ("Growth Engineer, GenAI Features", Role("other", None, False)),
    ("Trust and Safety Engineer - LLM Products", Role("other", None, False)),
    ("Machine Learning Engineer, Trust & Safety", Role("ml_engineer", None, True)),
    # the risk, audit and assurance of AI; an advisory post on an AI team
    ("Head of AI Risk", Role("other", "executive", False)),
    ("AI Assurance Manager", Role("other", "lead", False)),
    ("Chief of Staff - Machine Learning Research", Role("other", None, False)),
    # research on the risks of AI is ML research
    ("Researcher, AI Risks", Role("research_scientist", None, True)),
]


ML_LEAD_FORMS_CASES = [
    # leads and managers of ranking/recommendation teams, engineering leads of ML teams
    ("Tech Lead Manager, Ranking", Role("ml_manager", "lead", True)),
    ("Engineering Lead - Model Serving", Role("ml_manager", "lead", True)),
    ("Engineering Lead, Strategic Deals", Role("other", "lead", False)),
    # SVP/EVP are executive grades
    ("SVP, Applied AI", Role("ml_manager", "executive", True)),
    ("EVP Data Science", Role("ml_manager", "executive", True)),
    # an internship by any name
    ("Working Student - Machine Learning", Role("ml_engineer", "intern", True)),
    ("Machine Learning Placement 2027", Role("ml_engineer", "intern", True)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    ML_TEAM_CASES
    + AI_SUBJECT_QUALIFIER_CASES
    + LEVEL_COMBINATION_CASES
    + ML_NAMED_BY_FIELD_CASES
    + OTHER_FUNCTION_CASES
    + ML_LEAD_FORMS_CASES,
)
def test_issue14_audit8_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


AUDIT8 = AUDIT.parent / "audit8_labels.jsonl"


def test_audit8_labels_accuracy() -> None:
    """287 titles, 44% of hard kinds, sealed during round 4 (after it: is_ml F1 0.900, role
    78.5%, seniority 99.3%); floors just under the figures measured after the round-5 kinds
    (F1 0.951, role 91.4%, seniority 100%; 0.961 and 93.4% after round 6's review of two
    forward-deployed managers' labels). Its remaining misses are titles whose labels depend on
    the employer (a Cloudflare research intern, a dash-cam detection engineer)."""
    got = _audit_scores(AUDIT8, 287)
    assert got["is_ml_f1"] >= 0.95
    assert got["role"] >= 0.91
    assert got["seniority"] >= 0.99


# ------------------------------------------------- issue 14: the description where the title is
# undecided (round 5). Four kinds of title; the description decides by the density of the model
# life cycle's vocabulary (distinct terms and occurrences per 1,000 words).

_FILLER = " ".join(["the team ships reliable software to customers every week"] * 100)  # 900 words
_HANDS_ON = (
    "You will train and fine-tune PyTorch models, run distributed training on GPUs, evaluate "
    "them with evals and deploy them with model serving for low-latency inference."
)
_CHEMISTRY = " ".join(["synthesise and characterise polymer samples in the wet laboratory"] * 12)

# (title, description, employer, Role the ad gets, decided by the description/employer)
CONTEXT_KIND_CASES = [
    # technical: three distinct terms, dense enough
    ("Platform Engineer", _HANDS_ON, "Acme", Role("ml_engineer", None, True), True),
    # ... the same terms lost in a long ad are a passing mention
    (
        "Platform Engineer",
        "We use PyTorch, LLMs and inference. " + _FILLER,
        "Acme",
        Role("other", None, False),
        False,
    ),
    # a fellowship reads as research
    ("PhD Fellowship 2027", _HANDS_ON, "Acme", Role("research_scientist", None, True), True),
    # an AI lab's generic title: one term is enough; the employer alone is not
    (
        "Member of Technical Staff",
        "Work on inference.",
        "Cohere Inc.",
        Role("ml_engineer", None, True),
        True,
    ),
    (
        "Member of Technical Staff",
        "Work on billing.",
        "Cohere Inc.",
        Role("other", None, False),
        False,
    ),
    (
        "Software Engineer",
        "Work on inference APIs.",
        "liquid-ai",
        Role("ml_engineer", None, True),
        True,
    ),
    # qualified: an ML role before a customer-facing qualifier, hands-on work described
    (
        "Senior ML Engineer (Partnerships)",
        _HANDS_ON,
        "Acme",
        Role("ml_engineer", "senior", True),
        True,
    ),
    (
        "Senior ML Engineer (Partnerships)",
        "Scope machine learning projects with customers and present LLM demos. " + _FILLER,
        "OpenAI",
        Role("other", "senior", False),
        False,
    ),
    # data: ML central in the description, or only "an advantage"
    ("Data Engineer", _HANDS_ON, "Acme", Role("data_engineer", None, True), True),
    (
        "Data Engineer",
        "Build ETL pipelines in Airflow; machine learning knowledge is an advantage. " + _FILLER,
        "Acme",
        Role("data_engineer", None, False),
        False,
    ),
    # research with no topic: a long description without any ML term is not ML research...
    ("Senior Research Scientist", _CHEMISTRY, "Acme", Role("other", "senior", False), True),
    # ...but a short one, one at an AI lab, or one naming ML work leaves the title's reading
    (
        "Senior Research Scientist",
        "Polymer chemistry.",
        "Acme",
        Role("research_scientist", "senior", True),
        False,
    ),
    (
        "Research Engineer",
        _CHEMISTRY,
        "Anthropic",
        Role("research_engineer", None, True),
        False,
    ),
    ("Research Engineer", _HANDS_ON, "Acme", Role("research_engineer", None, True), False),
    # the title decides when it can
    ("Research Scientist, Chemistry", _HANDS_ON, "Acme", Role("other", None, False), False),
    ("Solutions Architect", _HANDS_ON, "OpenAI", Role("other", None, False), False),
]


@pytest.mark.parametrize(("title", "description", "company", "role", "decided"), CONTEXT_KIND_CASES)
def test_classify_ad_undecided_kinds(
    title: str, description: str, company: str, role: Role, decided: bool
) -> None:
    assert classify_ad(title, description, company) == (role, decided)
    # the title alone gives the same answer unless the description decided
    assert (classify_title(title) != role) is decided


# ---------------------------------- one employer key: the AI-lab list and the board's spelling
# ``[context] ai_employers`` entries and the ad's employer are keyed by the same function
# (normalize.companies.normalize_company, dedup's key), so an entry meets every spelling of its
# employer. On main a separate regex keyed them: the entry "Acme Ltd" met none of these.
_ROLES_TOML = Path(roles.__file__).resolve().parent / "data" / "roles.toml"
_LAB_ML = (Role("ml_engineer", None, True), True)


def _rules_listing(tmp_path: Path, entries: str) -> Any:
    """The rules of roles.toml with ``entries`` (TOML strings) put first in ai_employers."""
    text, n = re.subn(
        r"^ai_employers = \[$",
        f"ai_employers = [\n  {entries}",
        _ROLES_TOML.read_text(),
        flags=re.M,
    )
    assert n == 1
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    return roles._Rules(path)


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("The Acme Company", _LAB_ML),
        ("Acme Ltd", _LAB_ML),
        ("ACME LIMITED", _LAB_ML),
        ("Acme (UK) Ltd.", _LAB_ML),
        ("acme", _LAB_ML),
        # another employer is no AI lab: one term does not make a generic title ML
        ("Acme Robotics Ltd", (Role("other", None, False), False)),
    ],
)
def test_ai_employer_entry_meets_every_spelling(
    company: str, expected: tuple[Role, bool], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(roles, "_RULES", _rules_listing(tmp_path, "'Acme Ltd',"))
    assert classify_ad("Software Engineer", "Work on inference APIs.", company) == expected


@pytest.mark.parametrize(
    "company",
    [
        "Weights & Biases",  # the list's "Weights & Biases": "&" is "and" on both sides
        "Mistral AI SAS",  # a French legal form after the list's "Mistral AI"
        "Hugging Face, Inc.",
        "The Cohere Company",
    ],
)
def test_real_ai_employers_meet_legal_forms(company: str) -> None:
    assert classify_ad("Software Engineer", "Work on inference APIs.", company) == _LAB_ML


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ("'Acme Ltd', 'The Acme Company',", "'Acme Ltd' and 'The Acme Company', one employer"),
        ("' ',", "blank name"),
    ],
)
def test_ai_employers_list_checked_when_loaded(entries: str, message: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        _rules_listing(tmp_path, entries)


def test_field_lead_needs_the_family_field(tmp_path: Path) -> None:
    # [ml] field_lead leaves {field} for the family's `field`: a family naming it without one
    # is refused when the rules load, not compiled with a literal "{field}"
    text, n = re.subn(
        r"^field = 'nlp\|natural language processing'\n", "", _ROLES_TOML.read_text(), flags=re.M
    )
    assert n == 1
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="family 'nlp_engineer' names a field lead, no field"):
        roles._Rules(path)


# ------------------------------------------------- issue 14: round 6 (audit9 seen, audit10 sealed)
# Untuned, audit9 scored is_ml F1 0.909, role 82.8%, seniority 98.4%. One table per kind of its
# misses, with new titles of the kind (none from a label set; each fails on main 7a9fc00,
# checked by running them there), and a table of guards: titles of the same look that must
# keep their reading.

COMPUTE_CASES = [
    # what training and serving run on, named without an ML word: mlops_engineer
    ("Software Engineer, Research Compute", Role("mlops_engineer", None, True)),
    ("Senior Infrastructure Engineer, Frontier Clusters", Role("mlops_engineer", "senior", True)),
    ("Staff Engineer, Supercomputing Platform", Role("mlops_engineer", "principal", True)),
    ("Software Engineer, Cluster Infrastructure Reliability", Role("mlops_engineer", None, True)),
    ("Platform Engineer, Accelerator Health", Role("mlops_engineer", None, True)),
    ("Engineering Manager, Frontier Compute", Role("ml_manager", "lead", True)),
    ("Backend Engineer, LLM API", Role("mlops_engineer", None, True)),
    ("Senior Software Engineer, Model API Platform", Role("mlops_engineer", "senior", True)),
    ("Compiler Engineer (AI Accelerators)", Role("mlops_engineer", None, True)),
    # an infrastructure engineer whose team is ML
    ("Senior DevOps Engineer - ML", Role("mlops_engineer", "senior", True)),
]
AI_PRODUCT_CASES = [
    # an AI lab's assistant or model named as the team (normalize/data/ai_products.txt)
    ("Senior Software Engineer, Gemini App", Role("ai_engineer", "senior", True)),
    ("Backend Engineer, Copilot Chat", Role("ai_engineer", None, True)),
    ("Full Stack Engineer, Le Chat", Role("ai_engineer", None, True)),
    ("Engineering Manager, Grok Voice", Role("ml_manager", "lead", True)),
    ("Software Engineer, Llama Stack", Role("ai_engineer", None, True)),
    # an AI assistant is a product, not an assistant's post
    ("Backend Engineer, AI Assistant", Role("ai_engineer", None, True)),
]
ML_ARTEFACT_CASES = [
    # embeddings as a team; the software of evals (mlops_engineer, as evals infrastructure)
    ("Software Engineer, Embeddings", Role("ml_engineer", None, True)),
    ("Engineering Manager, Embeddings Platform", Role("ml_manager", "lead", True)),
    ("Senior Software Engineer, Text Embeddings Serving", Role("mlops_engineer", "senior", True)),
    ("Software Engineer, Model Evaluation", Role("mlops_engineer", None, True)),
    ("Infrastructure Engineer, Frontier Evals", Role("mlops_engineer", None, True)),
    ("Software Engineer, Safety Evals", Role("mlops_engineer", None, True)),
    # where models are kept and watched (mlops_engineer), their safety (research_engineer),
    # classifiers and diffusion models (ml_engineer), video generation (computer vision),
    # large-scale training, the protocol agents use for tools (ai_engineer)
    ("Senior Software Engineer, Model Registry", Role("mlops_engineer", "senior", True)),
    ("Infrastructure Engineer, Model Weights", Role("mlops_engineer", None, True)),
    ("Software Engineer, Model Safety", Role("research_engineer", None, True)),
    ("Backend Engineer, Trust & Safety Classifiers", Role("ml_engineer", None, True)),
    ("Staff Engineer, Diffusion Models", Role("ml_engineer", "principal", True)),
    ("Software Engineer, Video Generation", Role("computer_vision_engineer", None, True)),
    ("Engineer, Large-Scale Training", Role("mlops_engineer", None, True)),
    ("Full Stack Engineer, Model Context Protocol", Role("ai_engineer", None, True)),
]
RESEARCH_TEAM_CASES = [
    # a software engineer of an AI lab's research team, the data platform of research
    ("Software Engineer, Research", Role("research_engineer", None, True)),
    ("Backend Engineer, Research - Environments", Role("research_engineer", None, True)),
    ("Data Engineer, Data Platform - Research", Role("data_engineer", None, True)),
    # the data models are trained on: ML central for a data engineer
    ("Backend Engineer, Post-Training Data Pipelines", Role("data_engineer", None, True)),
]
DETECTION_CASES = [
    # ML as the method of a security detection engineer
    ("Security Detection Engineer, ML", Role("ml_engineer", None, True)),
    ("Senior Security Detection Engineer (Deep Learning)", Role("ml_engineer", "senior", True)),
]
OTHER_FUNCTION_ROUND6_CASES = [
    # AI qualifying a product team, a support tier, buying or accounting for AI
    ("Senior Software Engineer, AI Agent Experience", Role("other", "senior", False)),
    ("Backline Engineer, GenAI", Role("other", None, False)),
    ("Frontline Engineer - AI Platform", Role("other", None, False)),
    ("Strategic Sourcing Manager, GPU Infrastructure", Role("other", "lead", False)),
    ("Procurement Manager, AI Infrastructure", Role("other", "lead", False)),
    ("Technical Accounting Manager, AI Infrastructure", Role("other", "lead", False)),
    ("Tax Director, Generative AI", Role("other", "executive", False)),
    ("Senior Finance Manager, Generative AI", Role("other", "lead", False)),
    ("Director of ML Products", Role("other", "executive", False)),
]
FAMILY_ROUND6_CASES = [
    # robots, humanoids, vehicles: ml_engineer, not ai_engineer (README: models on devices)
    ("Principal AI Software Engineer, Robotics", Role("ml_engineer", "principal", True)),
    ("AI Engineer, Humanoid Locomotion", Role("ml_engineer", None, True)),
    ("Senior AI Engineer, Self-Driving", Role("ml_engineer", "senior", True)),
    # a data-scientist title at a manager grade: ml_manager
    ("Pricing Data Scientist - Manager", Role("ml_manager", "lead", True)),
    ("Data Scientist (Senior Manager)", Role("ml_manager", "lead", True)),
    # the team lead of an ML team, no other role named
    ("Machine Learning Team Leader", Role("ml_manager", "lead", True)),
    # an AI lab's modality team after "Member of Technical Staff": research_engineer
    ("Senior Member of Technical Staff, Audio AI", Role("research_engineer", "senior", True)),
]
SENIORITY_ROUND6_CASES = [
    # a bare grade offered beside a title: a range, the lowest level (README)
    ("Senior Consultant/Associate", Role("other", "entry", False)),
    ("Senior/Associate Director, Data Science", Role("ml_manager", "senior", True)),
    # abbreviations of vice-president grades: executive (AVP too: the README's VP, as the
    # round-16 labellers of audit20 and audit21 read it)
    ("RVP, Enterprise Sales", Role("other", "executive", False)),
    ("GVP Engineering", Role("other", "executive", False)),
    ("AVP, Machine Learning", Role("ml_manager", "executive", True)),
]
ROUND6_GUARDS = [
    ("Model Risk Manager", Role("other", "lead", False)),
    ("Product Marketing Manager, Gemini", Role("other", "lead", False)),
    ("Full Stack Engineer, Claude Billing", Role("other", None, False)),
    ("Security Engineer, AI Platform", Role("other", None, False)),
    ("Software Engineer, Kubernetes Cluster Infrastructure", Role("other", None, False)),
    ("Staff Software Engineer, Compute Infrastructure", Role("other", "principal", False)),
    ("Research Infrastructure Manager", Role("other", "lead", False)),
    ("AI Software Engineer, Document Processing", Role("ai_engineer", None, True)),
    ("Software Engineer, Access Controls", Role("other", None, False)),
    ("Lead Data Scientist", Role("data_scientist", "lead", True)),
    ("Chief Data Scientist", Role("data_scientist", "executive", True)),
    ("Client Value Partner (CVP)", Role("other", None, False)),
    ("Senior Lead Data Scientist", Role("data_scientist", "lead", True)),
    # round 10: a range, the lowest level (README; audit14's two labellings), no longer lead
    ("Senior Data Analyst / Manager", Role("other", "senior", False)),
    ("Senior/Android Engineer II", Role("other", "senior", False)),
    ("Researcher, Cybersecurity", Role("research_scientist", None, True)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    COMPUTE_CASES
    + AI_PRODUCT_CASES
    + ML_ARTEFACT_CASES
    + RESEARCH_TEAM_CASES
    + DETECTION_CASES
    + OTHER_FUNCTION_ROUND6_CASES
    + FAMILY_ROUND6_CASES
    + SENIORITY_ROUND6_CASES
    + ROUND6_GUARDS,
)
def test_issue14_round6_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


AUDIT9 = AUDIT.parent / "audit9_labels.jsonl"


def test_audit9_labels_accuracy() -> None:
    """316 titles, sealed during round 5 (untuned after it: is_ml F1 0.909, role 82.8%,
    seniority 98.4%); seen in round 6, whose kinds it measured: floors just under the figures
    after them (F1 0.982, role 97.7%, seniority 100%, with the review of its labels)."""
    got = _audit_scores(AUDIT9, 316)
    assert got["is_ml_f1"] >= 0.98
    assert got["role"] >= 0.97
    assert got["seniority"] >= 0.99


def test_product_names_file(tmp_path: Path) -> None:
    """ai_products.txt: comments and blank lines skipped, a space also matches a hyphen or
    nothing, longest names first; a file naming none is an error."""
    path = tmp_path / "products.txt"
    path.write_text("# AI products\n\ngpt 4\ngpt 4o\ndall e\n", encoding="utf-8")
    pattern = re.compile(r"\b" + _product_names(path) + r"\b")
    found = [pattern.search(t) for t in ("gpt-4o mini", "dalle 3", "gpt4")]
    assert [m.group(0) if m else None for m in found] == ["gpt-4o", "dalle", "gpt4"]
    assert pattern.search("gpt 5") is None
    path.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no product names"):
        _product_names(path)


# ------------------------------------------------- issue 14: round 7 (audit10 seen, audit11 sealed)
# Untuned, audit10 scored is_ml F1 0.838, role 70.7%, seniority 98.8%: most misses were AI-lab
# teams named with no ML word. One table per kind, with new titles of the kind written from the
# field's vocabulary (none from a label set; each fails on main e8ed5f7, checked by running them
# there), and guards: titles of the same look that must keep their reading.

MODEL_SAFETY_CASES = [
    # the safety of models against misuse: safeguards, misuse detection, preparedness,
    # red-teaming of models, superalignment
    ("Software Engineer, Safeguards", Role("mlops_engineer", None, True)),
    ("Senior Software Engineer, Safeguards Platform", Role("mlops_engineer", "senior", True)),
    ("Engineering Manager, Safeguards", Role("ml_manager", "lead", True)),
    ("Software Engineer, Model Misuse Detection", Role("ml_engineer", None, True)),
    ("Engineering Manager, Misuse Detection", Role("ml_manager", "lead", True)),
    ("Red Team Engineer, Frontier Models", Role("research_engineer", None, True)),
    ("Software Engineer, Preparedness", Role("research_engineer", None, True)),
    ("Software Engineer, Superalignment", Role("research_engineer", None, True)),
    # detection science on abuse and integrity
    ("Integrity Scientist", Role("data_scientist", None, True)),
    ("Abuse Scientist, Trust", Role("data_scientist", None, True)),
    # privacy as an ML research topic, and ML that preserves privacy
    ("Research Scientist, Privacy", Role("research_scientist", None, True)),
    ("Research Engineer, Differential Privacy", Role("research_engineer", None, True)),
    ("Software Engineer, Federated Learning", Role("ml_engineer", None, True)),
]
FRONTIER_DATA_CASES = [
    # "frontier" as the AI lab's word for frontier models; what they run on
    ("Software Engineer, Frontier Models", Role("ai_engineer", None, True)),
    ("DevOps Engineer, Frontier Platform Infrastructure", Role("mlops_engineer", None, True)),
    # the data that trains models: a data flywheel, human-feedback data, ML data systems
    ("Software Engineer, Data Flywheel", Role("data_engineer", None, True)),
    ("Engineering Manager, Data Flywheel", Role("data_engineer", "lead", True)),
    ("Data Engineer, Human Data", Role("data_engineer", None, True)),
    ("Software Engineer, ML Data Pipelines", Role("data_engineer", None, True)),
    ("Data Development Lead, ML Platform", Role("data_engineer", "lead", True)),
    # a data or analytics engineer whose title ends on an ML qualifier
    ("Analytics Engineer, ML", Role("data_engineer", None, True)),
    ("Data Engineer, ML Features", Role("data_engineer", None, True)),
    ("Data Platform Engineer, AI Infrastructure", Role("data_engineer", None, True)),
]
LIFE_CYCLE_ROUND7_CASES = [
    # research tooling, distillation and compression, inference techniques, parallelism
    ("Software Engineer, Research Tooling", Role("mlops_engineer", None, True)),
    ("Software Engineer, Research Developer Experience", Role("mlops_engineer", None, True)),
    ("Software Engineer, Model Distillation", Role("mlops_engineer", None, True)),
    ("Engineering Manager, Distillation Platform", Role("ml_manager", "lead", True)),
    ("Software Engineer, Speculative Decoding", Role("mlops_engineer", None, True)),
    ("Software Engineer, KV Cache", Role("mlops_engineer", None, True)),
    ("Software Engineer, Model Training", Role("mlops_engineer", None, True)),
    ("Software Engineer, Model Parallelism", Role("mlops_engineer", None, True)),
    ("Software Engineer, SageMaker", Role("mlops_engineer", None, True)),
    # agents that use computers, retrieval-augmented generation, agent frameworks
    ("Software Engineer, Computer Use", Role("ai_engineer", None, True)),
    ("Software Engineer, Retrieval-Augmented Generation", Role("ai_engineer", None, True)),
    ("Software Engineer, LangChain Integrations", Role("ai_engineer", None, True)),
    # ranking, world models, reasoning, modalities' models, an AI lab's models by name
    ("Software Engineer, Reranking", Role("ml_engineer", None, True)),
    ("Software Engineer, Mixture of Experts", Role("ml_engineer", None, True)),
    ("Software Engineer, World Models", Role("research_engineer", None, True)),
    ("Software Engineer, Reasoning", Role("research_engineer", None, True)),
    ("Staff Software Engineer, Audio Models", Role("nlp_engineer", "principal", True)),
    ("Software Engineer, Image Models", Role("computer_vision_engineer", None, True)),
    ("Software Engineer, Veo", Role("ai_engineer", None, True)),
    # predictive models of other industries
    ("Underwriting Models Engineer", Role("data_scientist", None, True)),
    ("Attribution Modelling Analyst", Role("data_scientist", None, True)),
    # ... not an operating, business or data model
    ("Risk Operating Model Manager", Role("other", "lead", False)),
    ("Credit Risk Data Model Analyst", Role("other", None, False)),
]
PRODUCT_SIDE_CASES = [
    # client-side, identity and business work on an AI product: not ML (full-stack work on an
    # AI team was not ML here until round 8, which follows the seen sets' majority: ROUND8.md)
    ("Frontend Engineer, AI Assistant", Role("other", None, False)),
    ("Android Engineer, Gemini", Role("other", None, False)),
    ("React Native Developer, AI Companion App", Role("other", None, False)),
    ("Full Stack Engineer, Generative AI", Role("ai_engineer", None, True)),
    ("Software Engineer, AI Login", Role("other", None, False)),
    ("Billing Engineer, ChatGPT", Role("other", None, False)),
    ("AI Change Manager", Role("other", "lead", False)),
    ("AI Delivery Manager", Role("other", "lead", False)),
    ("Responsible AI Manager", Role("other", "lead", False)),
    # the infrastructure of an AI product, or of one qualified by a name: mlops_engineer
    ("Software Engineer, Claude Infrastructure", Role("mlops_engineer", None, True)),
    ("Platform Engineer, Edge AI", Role("mlops_engineer", None, True)),
]
FIELD_LEAD_CASES = [
    # the lead of the ML field with no other role noun, as "Data Science Lead": ml_engineer
    ("Machine Learning Lead", Role("ml_engineer", "lead", True)),
    ("Lead, Deep Learning", Role("ml_engineer", "lead", True)),
]
SENIORITY_ROUND7_CASES = [
    # an assistant to someone: the level is the person assisted's
    ("Executive Assistant to the CEO", Role("other", None, False)),
    ("PA to Head of Data Science", Role("other", None, False)),
    # a level in parentheses before the role is an option
    ("Remote (Senior) Data Scientist", Role("data_scientist", None, True)),
]
ROUND7_GUARDS = [
    # safeguards of nuclear material and safeguarding of people are not model safety
    ("Engineer, Nuclear Safeguards", Role("other", None, False)),
    ("Safeguarding Manager, Adult Social Care", Role("other", "lead", False)),
    ("Emergency Preparedness Manager", Role("other", "lead", False)),
    ("Process Engineer, Distillation", Role("other", None, False)),
    ("Radiation Protection Scientist", Role("other", None, False)),
    ("Scientist, Data Integrity", Role("other", None, False)),
    ("Software Engineer, Automated Reasoning", Role("other", None, False)),
    ("Software Engineer, Privacy", Role("other", None, False)),
    ("Software Engineer, Frontier Markets Data", Role("other", None, False)),
    ("RAG Status Reporting Analyst", Role("other", None, False)),
    # an ML role, a model or agents named keep the reading
    ("Senior iOS Engineer, Core ML", Role("ml_engineer", "senior", True)),
    ("Full Stack Engineer, Agentic AI", Role("ai_engineer", None, True)),
    ("Full Stack Engineer, Claude", Role("ai_engineer", None, True)),
    ("Machine Learning Engineer, Identity Verification", Role("ml_engineer", None, True)),
    ("Engineering Manager, Responsible AI", Role("ml_manager", "lead", True)),
    ("Data Engineer (Senior)", Role("data_engineer", "senior", False)),
    ("Research Assistant to Professor of Machine Learning", Role("other", None, False)),
    ("AI Lead", Role("other", "lead", False)),
]

# second reading of round 7: safeguards, preparedness and integrity of other fields (nuclear,
# environmental and social safeguards, social care, emergency planning, asset integrity) and
# non-engineers around training data, new titles that round 7's rules read as ML; the AI lab's
# team keeps its reading
ROUND7_REVIEW_GUARDS = [
    ("Project Engineer, Safeguards", Role("other", None, False)),
    ("Engineer, Environmental Safeguards", Role("other", None, False)),
    ("Social Worker Manager - Safeguards", Role("other", "lead", False)),
    ("Team Lead, Safeguards", Role("other", "lead", False)),
    ("Manager, Preparedness and Resilience", Role("other", "lead", False)),
    ("Resilience and Preparedness Engineer", Role("other", None, False)),
    ("Software Engineer, Preparedness and Response", Role("other", None, False)),
    ("Asset Integrity Scientist", Role("other", None, False)),
    ("Principal Software Engineer (Safeguards)", Role("mlops_engineer", "principal", True)),
    ("Tech Lead, Safeguards", Role("ml_manager", "lead", True)),
    # the operations, strategy or analysis around training data is no data engineering
    ("Operations Manager, Frontier Data", Role("other", "lead", False)),
    ("Strategy Lead, Data Flywheel", Role("other", "lead", False)),
    ("Analyst, Frontier Data", Role("other", None, False)),
    # systems and reliability engineers of safeguards (nuclear disciplines); formal-methods
    # and clinical reasoning are not models' reasoning
    ("Systems Engineer - Safeguards", Role("other", None, False)),
    ("Reliability Engineer, Safeguards", Role("other", None, False)),
    ("Software Engineer, Symbolic Reasoning", Role("other", None, False)),
    ("Software Engineer, Formal Reasoning", Role("other", None, False)),
    ("Developer, Clinical Reasoning", Role("other", None, False)),
    # a level in parentheses after the role is the level, whatever follows it
    ("Data Engineer (Senior) London", Role("data_engineer", "senior", False)),
    ("Machine Learning Engineer (Senior) Remote", Role("ml_engineer", "senior", True)),
    ("Data Scientist (Junior) Manchester", Role("data_scientist", "entry", True)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    MODEL_SAFETY_CASES
    + FRONTIER_DATA_CASES
    + LIFE_CYCLE_ROUND7_CASES
    + PRODUCT_SIDE_CASES
    + FIELD_LEAD_CASES
    + SENIORITY_ROUND7_CASES
    + ROUND7_GUARDS
    + ROUND7_REVIEW_GUARDS,
)
def test_issue14_round7_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


AUDIT10 = AUDIT.parent / "audit10_labels.jsonl"


def test_audit10_labels_accuracy() -> None:
    """242 titles, sealed during round 6 (untuned after it: is_ml F1 0.838, role 70.7%,
    seniority 98.8%); seen in round 7, whose kinds it measured: floors just under the figures
    after them (F1 1.000, role 100%, seniority 100%, with round 7's review of three labels)."""
    got = _audit_scores(AUDIT10, 242)
    assert got["is_ml_f1"] >= 0.99
    assert got["role"] >= 0.99
    assert got["seniority"] >= 0.99


AUDIT11 = AUDIT.parent / "audit11_labels.jsonl"


def test_audit11_labels_accuracy() -> None:
    """280 titles, labelled before round 7 and sealed while it changed the rules (AUDIT11.md).
    Untuned after round 7: is_ml F1 0.862, role 77.6%, seniority 98.9%; on the 260 titles whose
    label the title alone settles (``decided_by``), F1 0.955, role 93.2%, seniority 98.8%. Floors
    just under those: the 20 employer-settled titles are beyond what a title can say."""
    got = _audit_scores(AUDIT11, 280)
    assert got["is_ml_f1"] >= 0.86
    assert got["role"] >= 0.77
    assert got["seniority"] >= 0.98
    rows = [json.loads(line) for line in AUDIT11.open(encoding="utf-8")]
    settled = score_roles([row for row in rows if row["decided_by"] == "title"])
    assert settled["n"] == 260
    assert settled["is_ml_f1"] >= 0.95
    assert settled["role"] >= 0.92
    assert settled["seniority"] >= 0.98


# ------------------------------------------ issue 14: three seniority kinds by the gold README
# Titles written for the kind (not taken from a label set); each fails on main eb7585e.

# 1. "Member of <words> Staff" is a membership, not the Staff grade: null (README: Member of
#    Technical Staff gives null), unless another level word is written on it (the seen labels:
#    "Senior Member of Technical Staff, ..." -> senior, "Lead Member of ..." -> lead).
MEMBER_OF_STAFF_CASES = [
    ("Member of Product Staff", None),
    ("Member of Infrastructure Staff, Inference", None),
    ("Members of the Security Staff - Model Weights", None),
    ("Member of Applied Science Staff (Evals)", None),
    ("Member of Staff, Platform", None),
    ("Senior Member of Engineering Staff, Agents", "senior"),
    ("Lead Member of Product Staff", "lead"),
]
# 2. A grade written after a hyphen right after the role noun: README's Level I/II/III ->
#    entry/mid/senior; only 1-3 and I-III there.
TRAILING_GRADE_CASES = [
    ("ServiceNow Developer-2", "mid"),
    ("QA Analyst - 1", "entry"),
    ("Network Engineer -III", "senior"),
    ("Machine Learning Scientist - II (Search)", "mid"),
    ("BI Developer-3, Finance", "senior"),
    # never a span: main read this "Engineer 3" as senior
    ("Engineer 3 Month Contract", None),
]
# 3. Two titles joined by a slash, each with its own level, one of them a lead post without a
#    role noun ("Team Lead Operations"): README's range rule, the lowest level.
LEAD_POST_RANGE_CASES = [
    ("Team Lead Operations / Senior Field Service Technician", "senior"),
    ("Senior Backend Developer / Tech Lead", "senior"),
    ("Technical Lead Payments/Senior Java Developer", "senior"),
    ("Junior Analyst / Team Leader", "entry"),
]
# 4. Two titles joined by a slash, one with a numbered grade (README: Level I/II/III ->
#    entry/mid/senior; a range takes the lowest): each title read whole; main 4bba82a read the
#    ladder word alone (principal, senior)
NUMBERED_RANGE_CASES = [
    ("Data Scientist III / Staff Data Scientist", "senior"),
    ("Senior Data Scientist / Data Scientist II", "mid"),
    ("Staff Engineer / Engineer III", "senior"),
    ("Principal Software Engineer / Software Engineer II", "mid"),
]
# Guards: readings these rules must keep (main already reads them so).
SENIORITY_KINDS_GUARDS = [
    # numbered grades in both titles, or the lower one a level word
    ("Data Scientist I / Data Scientist II", "entry"),
    ("Machine Learning Engineer II/III", "mid"),
    ("Senior Software Engineer / Software Engineer III", "senior"),
    ("Junior Data Analyst / Data Analyst II", "entry"),
    # the other option no title of its own: the ladder word decides, as before
    ("Machine Learning Engineer III / Staff", "principal"),
    ("Member of Technical Staff, Pre-Training", None),
    ("Member of Data Staff, Junior", "entry"),
    ("Principal Member of Technical Staff", "principal"),
    ("Staff Product Designer", "principal"),
    ("Senior Staff Engineer, Platform", "principal"),
    ("Kitchen Staff", None),
    ("Chief of Staff, Research", None),
    # a year, a count, a span or a rank is no grade
    ("Graduate Data Engineer 2025", "entry"),
    ("Data Engineer 2026", None),
    ("3 Data Analysts", None),
    ("Top 50 Developer Programme", None),
    ("Python Developer - 6 Month Contract", None),
    ("Data Consultant - 3 days onsite", None),
    ("Software Engineer - 4", None),
    ("Test Engineer - I/O Validation", None),
    # numbered grades already read, and an explicit level word over them
    ("Platform Engineer II", "mid"),
    ("Senior Analyst - 2", "senior"),
    # a lead post with the same or no level beside it
    ("Team Lead / Data Engineer", "lead"),
    ("Team Lead Support", "lead"),
    ("Lead Engineer / Staff Engineer", "lead"),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    MEMBER_OF_STAFF_CASES
    + TRAILING_GRADE_CASES
    + LEAD_POST_RANGE_CASES
    + NUMBERED_RANGE_CASES
    + SENIORITY_KINDS_GUARDS,
)
def test_issue14_seniority_kinds(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# ------------------------------------------------- issue 14, round 8 (audit12 seen, audit13 sealed)
# Titles written for each kind of audit12's misses (not taken from a label set); the kind blocks
# fail on main 3bb471b, the guards keep their reading. Counts behind each decision: ROUND8.md.

# 1. A software engineer on a team or product named as AI, no ML word: the seen sets read most
#    of them ML (ai_engineer; its infrastructure, mlops_engineer), full-stack ones too
AI_NAMED_TEAM_CASES = [
    ("Principal Engineer, AI Developer Experience", Role("ai_engineer", "principal", True)),
    ("Staff Engineer, AI Code Assistant", Role("ai_engineer", "principal", True)),
    ("Backend Engineer, Code Generation", Role("ai_engineer", None, True)),
    ("Senior Software Engineer - AI Search", Role("ai_engineer", "senior", True)),
    ("Full Stack Engineer, Insurance AI", Role("ai_engineer", None, True)),
    ("Full-Stack Developer, Clinical AI", Role("ai_engineer", None, True)),
    ("Software Engineer, Chatbot Platform", Role("ai_engineer", None, True)),
    ("Software Engineer, Multimodal Experiences", Role("ai_engineer", None, True)),
    ("Backend Engineer, Mixtral Serving", Role("mlops_engineer", None, True)),
    ("Software Engineer (ML/AI Services)", Role("ml_engineer", None, True)),
]
# ... the sub-kinds the seen sets read not ML: AI beside one software stack, client-side (an
# SDK too), billing, securing AI
AI_NAMED_TEAM_NOT_ML_CASES = [
    ("Senior Backend Developer (Django/AI)", Role("other", "senior", False)),
    ("Software Engineer (SAP & AI)", Role("other", None, False)),
    ("SDK Engineer, Generative AI", Role("other", None, False)),
    ("Software Engineer, Billing - Acme Copilot", Role("other", None, False)),
    ("Full Stack Engineer, Securing AI Agents", Role("other", None, False)),
]
AI_NAMED_TEAM_GUARDS = [
    ("Security Engineer, AI Agents", Role("other", None, False)),
    ("Software Engineer, AI-Assisted Developer Productivity", Role("other", None, False)),
    ("Staff Engineer, DevEx AI Tooling", Role("other", "principal", False)),
    ("Software Engineer, Developer Experience", Role("other", None, False)),
    ("Android Engineer, Chatbot", Role("other", None, False)),
    ("Frontend Engineer, GPT Apps", Role("other", None, False)),
    ("Compiler Engineer, Code Generation", Role("other", None, False)),
    ("Software Engineer, Code Generation Tools (LLVM)", Role("other", None, False)),
    ("SEO Specialist, AI Search", Role("other", None, False)),
    ("Head of AI Services", Role("other", "executive", False)),
    ("Senior Software Engineer (Python, LLMs, Agents)", Role("ai_engineer", "senior", True)),
]
# 2. ML and AI joined in one token, GPT, multimodal, models or tokens served as a service
JOINED_TOKEN_CASES = [
    ("Senior AIML Engineer", Role("ml_engineer", "senior", True)),
    ("Lead Developer, MLAI", Role("ml_engineer", "lead", True)),
    ("MLAI Platform Engineer", Role("mlops_engineer", None, True)),
    ("Software Engineer, GPT Infrastructure", Role("mlops_engineer", None, True)),
    ("Site Reliability Engineer, GPT Serving", Role("mlops_engineer", None, True)),
    ("Backend Engineer, Multimodal", Role("ai_engineer", None, True)),
    ("Platform Engineer, Models-as-a-Service", Role("mlops_engineer", None, True)),
    ("Infrastructure Generalist, LLM Serving", Role("mlops_engineer", None, True)),
]
# 3. Family: an ML/AI engineer on the platform, infrastructure or efficiency; ML networking;
#    search quality (as search ranking and relevance)
FAMILY_ROUND8_CASES = [
    ("AI Engineer, Infrastructure", Role("mlops_engineer", None, True)),
    ("Machine Learning Engineer - Platform", Role("mlops_engineer", None, True)),
    ("Software Engineer, ML Efficiency", Role("mlops_engineer", None, True)),
    ("Senior Software Engineer, LLM Networking", Role("mlops_engineer", "senior", True)),
    ("Software Engineer, Search Quality", Role("ml_engineer", None, True)),
    ("Engineering Manager, Search Quality", Role("ml_manager", "lead", True)),
]
FAMILY_ROUND8_GUARDS = [
    ("Machine Learning Engineer, Growth Platform", Role("ml_engineer", None, True)),
    ("Network Engineer, AI Clusters", Role("other", None, False)),
    ("Search Quality Rater", Role("other", None, False)),
]
# 4. is_ml false positives: the infrastructure, operations and review tooling of a safeguards
#    team; performance at an AI lab with nothing named that performs; the first role named
FALSE_POSITIVE_ROUND8_CASES = [
    ("Backend Engineer, Safeguards Operations Tooling", Role("other", None, False)),
    ("Engineering Lead, Safeguards Review Tools", Role("other", "lead", False)),
    ("Software Engineer, Safeguards Infra", Role("other", None, False)),
    ("Member of Technical Staff, Performance", Role("other", None, False)),
    ("Member of Technical Staff - Performance Engineer", Role("other", None, False)),
    ("Market Research / Insight Analyst / Data Scientist", Role("other", None, False)),
    # a client's manager is neither the level nor a manager of ML ("Asset Manager": the firm)
    ("Data Scientist - Asset Manager", Role("data_scientist", None, True)),
]
FALSE_POSITIVE_ROUND8_GUARDS = [
    ("Software Engineer, Safeguards", Role("mlops_engineer", None, True)),
    ("Member of Technical Staff, GPU Performance", Role("mlops_engineer", None, True)),
    ("Machine Learning / Data Scientist", Role("data_scientist", None, True)),
]
# 5. Seniority: a client's manager is no level; Distinguished Engineer; the Portuguese ladder;
#    French C-level "Chef de la ..."
SENIORITY_ROUND8_CASES = [
    ("Data Analyst - Hedge Fund Manager", None),
    ("Software Engineer at a Global Investment Manager", None),
    ("Distinguished Software Engineer", "principal"),
    ("Analista de Dados Pleno", "mid"),
    ("Desenvolvedor Júnior", "entry"),
    ("Engenheira de Dados Sênior", "senior"),
    ("Chef de la direction financière", "executive"),
    ("Cheffe de l'information", "executive"),
]
SENIORITY_ROUND8_GUARDS = [
    ("Fund Manager", "lead"),
    ("Data Analyst - Project Manager", "lead"),
    ("Distinguished Architect", None),
    ("Chef de Partie", None),
    ("Demi Chef de Partie, Hotel", None),
    ("Head Chef de la Maison", None),
    # "Assistant <role>" gives no level (two seen labels to one); "Senior-Staff" stays a range
    ("Assistant Data Engineer", None),
    ("Senior-Staff Engineer", "senior"),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    AI_NAMED_TEAM_CASES
    + AI_NAMED_TEAM_NOT_ML_CASES
    + AI_NAMED_TEAM_GUARDS
    + JOINED_TOKEN_CASES
    + FAMILY_ROUND8_CASES
    + FAMILY_ROUND8_GUARDS
    + FALSE_POSITIVE_ROUND8_CASES
    + FALSE_POSITIVE_ROUND8_GUARDS,
)
def test_issue14_round8_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


@pytest.mark.parametrize(("title", "expected"), SENIORITY_ROUND8_CASES + SENIORITY_ROUND8_GUARDS)
def test_issue14_round8_seniority(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# ------------------------------------------------- issue 14, round 9 (audit13 seen, audit14 sealed)
# Titles written for each kind of audit13's misses (not taken from a label set); the kind blocks
# fail on main 822ff0e, the guards keep their reading. Counts behind each decision: ROUND9.md.

# 1. Client-side work written with a parenthesis before the role or after it as the team
CLIENT_SIDE_ROUND9_CASES = [
    ("Staff Frontend (React) Engineer, GenAI Studio", Role("other", "principal", False)),
    ("Lead Agentic Engineer - Frontend", Role("other", "lead", False)),
    ("Senior AI Engineer (iOS)", Role("other", "senior", False)),
    ("Software Engineer, Android - Copilot", Role("other", None, False)),
    ("Generative AI Developer (UI/UX)", Role("other", None, False)),
]
CLIENT_SIDE_ROUND9_GUARDS = [
    # a model or on-device word keeps the ML reading; "web" after the role is not client-side
    ("ML Engineer (Frontend Models)", Role("ml_engineer", None, True)),
    ("Senior Software Engineer, On-Device AI (Android)", Role("ml_engineer", "senior", True)),
    ("Principal Software Engineer, GenAI (Web & Mobile)", Role("ai_engineer", "principal", True)),
    ("Software Engineer - Android", Role("other", None, False)),
    ("AI Engineer, Mobile Perception", Role("computer_vision_engineer", None, True)),
]

# 2. AI as a tool of one's own function: AI tools, AI-accelerated delivery, a business
#    function's internal systems
AI_TOOL_ROUND9_CASES = [
    ("Software Engineer, People Systems & GenAI", Role("other", None, False)),
    ("Staff Engineer - AI-Powered SDLC", Role("other", "principal", False)),
    ("Backend Engineer, Workplace Technology and LLM Tools", Role("other", None, False)),
    ("Senior Software Engineer, Agentic Tools for HR", Role("other", "senior", False)),
]
AI_TOOL_ROUND9_GUARDS = [
    # AI developer tools are a product for developers (round 8); agents built for delivery too
    ("Senior Software Engineer, AI Developer Tools", Role("ai_engineer", "senior", True)),
    ("Principal Engineer, Agentic SDLC", Role("ai_engineer", "principal", True)),
    ("Data Scientist, People Analytics & AI", Role("data_scientist", None, True)),
    ("Machine Learning Engineer, People Systems", Role("ml_engineer", None, True)),
    ("Software Engineer, Finance Systems & GenAI", Role("other", None, False)),
]

# 3. An AI assistant as a software engineer's team (audit13's label, none against)
ASSISTANT_TEAM_ROUND9_CASES = [
    ("Backend Engineer - Assistant Platform", Role("ai_engineer", None, True)),
    ("Staff Software Engineer, Virtual Assistant", Role("ai_engineer", "principal", True)),
]
ASSISTANT_TEAM_ROUND9_GUARDS = [
    ("Assistant Software Engineer", Role("other", None, False)),
    ("Frontend Engineer, Digital Assistant", Role("other", None, False)),
    ("Assistant Site Engineer", Role("other", None, False)),
]

# 4. Family: the first of two fields named, application platforms, data and evaluation of AI,
#    infrastructure of AI
FAMILY_ROUND9_CASES = [
    ("Senior ML/Research Engineer - Trust & Integrity", Role("ml_engineer", "senior", True)),
    ("Research/ML Engineer, Reasoning", Role("research_engineer", None, True)),
    ("Machine Learning Engineer, Safeguards Classifiers", Role("ml_engineer", None, True)),
    ("ML Engineer - Ranking and AI Platform", Role("ml_engineer", None, True)),
    ("Senior Machine Learning Engineer, Ads/ML Platform", Role("ml_engineer", "senior", True)),
    ("Senior Backend Engineer, GenAI Data & Evaluation", Role("ml_engineer", "senior", True)),
    ("Software Engineer - Logistics Data and AI", Role("ml_engineer", None, True)),
    ("Cloud Engineer (AI Research)", Role("mlops_engineer", None, True)),
    ("Staff Platform Engineer, ML Labs", Role("mlops_engineer", "principal", True)),
    ("Backend Software Engineer, ML Environments", Role("mlops_engineer", None, True)),
]
FAMILY_ROUND9_GUARDS = [
    # (AI named first: ai_engineer since audit21 kind 1, ROUND16_AUDIT21.md)
    ("AI/ML Engineer", Role("ai_engineer", None, True)),
    ("Senior Machine Learning Engineer, GenAI Platform", Role("mlops_engineer", "senior", True)),
    ("Staff+ Software Engineer, Safeguards", Role("mlops_engineer", "principal", True)),
    ("Research Engineer, Safeguards", Role("research_engineer", None, True)),
    ("Data and AI Engineer", Role("data_engineer", None, True)),
    ("Principal Consultant - Data & AI", Role("other", "principal", False)),
    ("Fullstack Engineer, RL Environments", Role("ml_engineer", None, True)),
    ("Senior Backend Engineer, ML Data & Evaluations", Role("ml_engineer", "senior", True)),
]

# 6. Seniority: Semi Senior is below senior; an L-number in parentheses after the team
SENIORITY_ROUND9_CASES = [
    ("Semi-Senior Tax Accountant", "mid"),
    ("Audit Semi Senior - Manchester", "mid"),
    ("Data Engineer - Ingestion (L3)", "senior"),
    ("Software Developer, Payments Platform (L2)", "mid"),
    ("Backend Engineer, Growth (L3)", "senior"),
]
SENIORITY_ROUND9_GUARDS = [
    ("Senior Tax Accountant", "senior"),
    ("Tech Lead (L6)", "lead"),
    ("Field CTO - Retail", "executive"),
    ("Qualified Social Worker Level 3", None),
    ("Chef de Partie (L3)", None),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    CLIENT_SIDE_ROUND9_CASES
    + CLIENT_SIDE_ROUND9_GUARDS
    + AI_TOOL_ROUND9_CASES
    + AI_TOOL_ROUND9_GUARDS
    + ASSISTANT_TEAM_ROUND9_CASES
    + ASSISTANT_TEAM_ROUND9_GUARDS
    + FAMILY_ROUND9_CASES
    + FAMILY_ROUND9_GUARDS,
)
def test_issue14_round9_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


@pytest.mark.parametrize(("title", "expected"), SENIORITY_ROUND9_CASES + SENIORITY_ROUND9_GUARDS)
def test_issue14_round9_seniority(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# Second reading of rounds 8 and 9 (ROUND9.md, "Second reading"): new titles of the kinds the
# rounds' rules cover, where a rule fired where it should not. Each failed before its fix.
# 1. An assistant to someone after a software engineer's role is the assistant's post, not an
#    AI assistant team ({assistant_team}).
# 2. Multimodal transport, logistics and freight are no multimodal models.
# 3. The NLP and LLM words name a model: the client side after them does not undo the ML role.
# 4. Three or more options whose first is a head-of post: the first post is that head.
SECOND_READING_CASES = [
    ("Software Engineer, Assistant to CTO", Role("other", None, False)),
    ("Platform Engineer - Assistant to the Head of Platform", Role("other", None, False)),
    ("Multimodal Transport Software Engineer", Role("other", None, False)),
    ("Software Engineer, Multimodal Freight", Role("other", None, False)),
    ("Multi-modal Logistics Engineer", Role("other", None, False)),
    ("NLP Engineer (UI)", Role("nlp_engineer", None, True)),
    ("Senior LLM Engineer - Mobile", Role("ai_engineer", "senior", True)),
    ("Head of Data / ML Engineer / Analyst", Role("ml_manager", "executive", True)),
]
SECOND_READING_GUARDS = [
    ("Backend Engineer - Virtual Assistant", Role("ai_engineer", None, True)),
    ("Software Engineer, Multimodal AI", Role("ai_engineer", None, True)),
    ("Software Engineer, API Multimodal", Role("ai_engineer", None, True)),
    ("Principal Agentic Engineer (Front-end)", Role("other", "principal", False)),
    ("Business / Data Analyst / Data Scientist", Role("other", None, False)),
]
# 5. Seniority: "Chef de la ..." is a French C-level title only for an executive's domain (not
#    a kitchen's "Chef de la cuisine"); "(L3 ...)" is a grade only when the bracket holds the
#    grade alone ("(L3 Harris)" is a company, "(L3 Support)" a support tier).
SENIORITY_SECOND_READING_CASES = [
    ("Chef de la Cuisine", None),
    ("Cheffe de la pâtisserie", None),
    ("Data Engineer (L3 Harris)", None),
    ("Electrical Engineer (L3 Technologies)", None),
    ("Network Engineer (L3 Support)", None),
]
SENIORITY_SECOND_READING_GUARDS = [
    ("Chef de la technologie", "executive"),
    ("Chef de l'exploitation", "executive"),
    ("Developer (L2)", "mid"),
    ("Software Engineer-Platform Engineering (L3)", "senior"),
    ("Software Engineer, L3", "senior"),
]


@pytest.mark.parametrize(("title", "expected"), SECOND_READING_CASES + SECOND_READING_GUARDS)
def test_issue14_second_reading_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"), SENIORITY_SECOND_READING_CASES + SENIORITY_SECOND_READING_GUARDS
)
def test_issue14_second_reading_seniority(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# Round 10 (ROUND10.md): new titles of audit14's kinds of miss; each CASE failed on main
# 95c293b, the guards keep their reading. Counts behind each decision: ROUND10.md.
# 1. A range with a manager word: the lowest level, each option a title with its own level.
MANAGER_RANGE_ROUND10_CASES = [
    ("Senior Financial Analyst / Manager", "senior"),
    ("Data Manager / Senior Data Engineer", "senior"),
    ("Junior Analyst / Assistant Manager", "entry"),
    ("Senior Consultant / Manager - Audit", "senior"),
    ("Lead Developer / Senior Developer / Development Manager", "senior"),
]
MANAGER_RANGE_ROUND10_GUARDS = [
    ("Manager / Senior Manager, Tax", "lead"),
    ("Software Test Engineer/Deputy Manager", "lead"),
    ("Senior/ Manager, Data Engineering", "lead"),
    ("Engineering Manager / Tech Lead, ML Platform", "lead"),
    ("Lead / Senior Data Analyst", "senior"),
    ("Senior Data Analyst / Head of Data", "senior"),
    ("Principal Product Manager", "principal"),
]
# 3. Level IV after the role: senior, the README's highest numbered level; a level word still
#    decides ("Staff ... IV": principal). Round 10 read (L4) senior too; round 11 reads a bare
#    (L4) as no level (audit16, both labellings): see NUMBERED_ROUND11_CASES.
NUMBERED_ROUND10_CASES = [
    ("Network Integration Engineer IV", "senior"),
    ("Data Analyst IV", "senior"),
    ("Systems Developer (L4)", None),
    ("Backend Engineer, Growth (L4)", None),
]
NUMBERED_ROUND10_GUARDS = [
    ("Staff Software Developer IV", "principal"),
    ("Staff Software Engineer (L4)", "principal"),
    ("Engineering Manager (L4)", "lead"),
    ("Software Engineer III", "senior"),
    ("Data Analyst Level 4 Apprenticeship", "entry"),
    ("Network Engineer (L4 Support)", None),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    MANAGER_RANGE_ROUND10_CASES
    + MANAGER_RANGE_ROUND10_GUARDS
    + NUMBERED_ROUND10_CASES
    + NUMBERED_ROUND10_GUARDS,
)
def test_issue14_round10_seniority(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# 2. Three or more options whose first is a bare "Researcher" and none an ML role: not ML.
RESEARCHER_LIST_ROUND10_CASES = [
    ("Researcher / Policy Analyst / Writer", Role("other", None, False)),
    ("Senior Researcher / Data Analyst / Statistician", Role("other", "senior", False)),
    ("Researcher / Interviewer / Analyst", Role("other", None, False)),
]
RESEARCHER_LIST_ROUND10_GUARDS = [
    ("Researcher", Role("research_scientist", None, True)),
    ("Researcher / Data Scientist", Role("research_scientist", None, True)),
    ("Researcher / ML Engineer / Data Scientist", Role("research_scientist", None, True)),
    ("Researcher, NLP / Data Scientist / Analyst", Role("research_scientist", None, True)),
    (
        "Research Engineer / Software Engineer / Data Engineer",
        Role("research_engineer", None, True),
    ),
    ("Data Analyst / Researcher / Statistician", Role("other", None, False)),
]
# 4. AI-team titles: the sub-kinds recounted over all seen sets (ROUND10.md); changed only the
#    AI-word + productivity team (1 ML / 7 not) and a client word with "full stack" or a level
#    word before the role (0 / 6).
AI_TEAM_ROUND10_CASES = [
    ("Backend Engineer, Agent Productivity", Role("other", None, False)),
    ("Senior Software Engineer - Agentic Productivity", Role("other", "senior", False)),
    ("Frontend Senior Software Engineer, AI Search Experience", Role("other", "senior", False)),
    ("iOS Full Stack Engineer, Claude", Role("other", None, False)),
]
AI_TEAM_ROUND10_GUARDS = [
    (
        "Distinguished Engineer, Agentic SDLC & Non-Linear Productivity",
        Role("ai_engineer", "principal", True),
    ),
    ("Software Engineer, Productivity - Training Runtime", Role("mlops_engineer", None, True)),
    ("Senior Full Stack Engineer, Agents", Role("ai_engineer", "senior", True)),
    ("Backend Staff Software Engineer, AI Platform", Role("mlops_engineer", "principal", True)),
    ("Frontend ML Engineer, On-Device Models", Role("ml_engineer", None, True)),
    ("Software Engineer, Agent Infrastructure", Role("ai_engineer", None, True)),
    ("Senior Go Engineer (AI Lab)", Role("ai_engineer", "senior", True)),
    ("Software Engineer, Code Generation", Role("ai_engineer", None, True)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    RESEARCHER_LIST_ROUND10_CASES
    + RESEARCHER_LIST_ROUND10_GUARDS
    + AI_TEAM_ROUND10_CASES
    + AI_TEAM_ROUND10_GUARDS,
)
def test_issue14_round10_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# Review of round 10: a client word with a level word before the role (round 10's widening)
# kept the ML reading only for the old short list of ML words; the ML words of {client_team}
# (perception, vision, speech, robotics) and reinforcement learning keep it too. Each CASE
# failed on round 10's merge f948b62; the GUARDS keep round 10's client-side reading.
CLIENT_ML_WORD_REVIEW10_CASES = [
    ("Web Senior Engineer, Reinforcement Learning", Role("ml_engineer", "senior", True)),
    ("Frontend Lead Engineer, Speech Recognition", Role("nlp_engineer", "lead", True)),
    ("Web Engineer, Reinforcement Learning", Role("ml_engineer", None, True)),
]
CLIENT_ML_WORD_REVIEW10_GUARDS = [
    ("Frontend Senior Software Engineer, AI", Role("other", "senior", False)),
    ("UI Lead Engineer, Applied AI", Role("other", "lead", False)),
    ("Frontend Full Stack Engineer, AI Models", Role("ai_engineer", None, True)),
]


@pytest.mark.parametrize(
    ("title", "expected"), CLIENT_ML_WORD_REVIEW10_CASES + CLIENT_ML_WORD_REVIEW10_GUARDS
)
def test_issue14_review10_client_ml_words(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ---------------------------------- issue 14, round 11 (ROUND11.md): new titles, none copied
# from a label set. Each CASE failed on main 5695f11; the GUARDS keep main's reading.
# 1. A grade offered or a manager, the role noun once: the grade when below lead (a range takes
#    the lowest level; audit16's "... Tax Senior or Manager", both labellings).
GRADE_OR_MANAGER_ROUND11_CASES = [
    ("Audit Senior or Manager", "senior"),
    ("Accounts Senior or Assistant Manager", "senior"),
    ("Tax Semi Senior or Manager", "mid"),
]
GRADE_OR_MANAGER_ROUND11_GUARDS = [
    ("Corporate Tax Supervisor or Manager", "lead"),
    ("Senior/ Manager, Data Engineering", "lead"),
    ("Principal or Manager, Audit", "principal"),
    ("Audit Manager or Senior Manager", "lead"),
]
# 2. Work-study and newly qualified posts: entry, as apprentices; "Experienced and Newly
#    Qualified" is a range (the lowest).
ENTRY_ROUND11_CASES = [
    ("Alternance - Data Analyst", "entry"),
    ("Développeur Python en Alternance", "entry"),
    ("Newly Qualified Social Worker", "entry"),
    ("Newly Qualified Nurse - Band 5", "entry"),
    ("Staff Nurse - Experienced and Newly Qualified", "entry"),
    ("Teacher of Maths - Experienced or Newly Qualified", "entry"),
]
ENTRY_ROUND11_GUARDS = [
    ("Apprentice Data Analyst", "entry"),
    ("Experienced Nurse", "mid"),
    ("Qualified Accountant", None),
]
# 3. The CISO acronym is C-level as CTO and CFO are; "Field CTO" too since round 12 (with
#    audit17: 4 seen rows executive, 3 none). A bare (L4) is no level (audit16, both
#    labellings); IV stays senior.
EXECUTIVE_NUMBERED_ROUND11_CASES = [
    ("Deputy CISO", "executive"),
    ("Field CISO, EMEA", "executive"),
    ("Backend Engineer (L4)", None),
    ("Data Analyst (L4)", None),
]
EXECUTIVE_NUMBERED_ROUND11_GUARDS = [
    ("Field CTO", "executive"),
    ("CTO", "executive"),
    ("Industrial Security CSSO", None),
    ("Software Engineer IV", "senior"),
    ("Staff Software Engineer (L4)", "principal"),
    ("Software Engineer (L3)", "senior"),
    ("Software Engineer (L1)", "entry"),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    GRADE_OR_MANAGER_ROUND11_CASES
    + GRADE_OR_MANAGER_ROUND11_GUARDS
    + ENTRY_ROUND11_CASES
    + ENTRY_ROUND11_GUARDS
    + EXECUTIVE_NUMBERED_ROUND11_CASES
    + EXECUTIVE_NUMBERED_ROUND11_GUARDS,
)
def test_issue14_round11_seniority(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# Round 11's review: a CISO (or any C acronym) after "the" is the team or the boss, and a CISO
# after a comma or dash is the team, not the holder's own title. Each CASE failed on ead836b
# (executive); the GUARDS keep its reading.
CISO_TEAM_REVIEW11_CASES = [
    ("Security Engineer - Office of the CISO", None),
    ("Chief of Staff to the CISO", None),
    ("Senior Security Engineer, CISO", "senior"),
    ("GRC Analyst - CISO", None),
    ("Programme Manager, Office of the CTO", "lead"),
]
CISO_TEAM_REVIEW11_GUARDS = [
    ("Group CISO", "executive"),
    ("CISO - Group Security", "executive"),
    ("Co-Founder, CTO", "executive"),
    ("Interim CFO", "executive"),
]


@pytest.mark.parametrize(
    ("title", "expected"), CISO_TEAM_REVIEW11_CASES + CISO_TEAM_REVIEW11_GUARDS
)
def test_issue14_review11_ciso_team(title: str, expected: str | None) -> None:
    assert classify_title(title).seniority == expected


# 4. The access controls of an AI product's enterprise admins: identity and access work, not ML
#    (3 seen rows, all not ML). The kinds recounted and kept (ROUND11.md) keep main's reading:
#    a bare Safeguards team, full stack on an AI-named team, AI developer experience, search
#    quality.
ACCESS_CONTROLS_ROUND11_CASES = [
    ("Software Engineer, ChatGPT Admin Controls", Role("other", None, False)),
    ("Backend Engineer, Claude Enterprise Controls", Role("other", None, False)),
    ("Staff Software Engineer - Access Controls, Codex", Role("other", "principal", False)),
]
ACCESS_CONTROLS_ROUND11_GUARDS = [
    ("ML Engineer, Enterprise Controls", Role("ml_engineer", None, True)),
    ("Software Engineer, Claude Enterprise", Role("ai_engineer", None, True)),
    ("Senior AI Software Engineer, AI Controls", Role("ml_engineer", "senior", True)),
    ("Software Engineer, Humanoid Controls", Role("other", None, False)),
    ("Senior Software Engineer (Safeguards)", Role("mlops_engineer", "senior", True)),
    ("Full Stack Engineer, Gemini Apps", Role("ai_engineer", None, True)),
    ("Senior Full Stack Engineer, Finance AI", Role("ai_engineer", "senior", True)),
    ("Backend Engineer, AI Developer Experience", Role("ai_engineer", None, True)),
    ("Software Engineer - Search Quality, Maps", Role("ml_engineer", None, True)),
]


@pytest.mark.parametrize(
    ("title", "expected"), ACCESS_CONTROLS_ROUND11_CASES + ACCESS_CONTROLS_ROUND11_GUARDS
)
def test_issue14_round11_access_controls(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ---------------------------------- issue 14: the sets labelled by the title alone (AUDIT12.md)
# Each was labelled with `certain` (false: the title's words leave is_ml open), sealed while one
# round changed the rules, then scored untuned; floors just under the figures measured since.
TITLE_ALONE_SETS = [
    # untuned on f135418: is_ml F1 0.839, role 74.2%, seniority 97.3% (209 certain: 0.959 /
    # 89.2% / 97.1%); seen in round 8, whose kinds it measured (ROUND8.md)
    ("audit12", 257, (0.98, 0.96, 0.99), 209, (0.99, 0.99, 0.98)),
    # sealed during round 8, untuned after it: 0.919 / 83.3% / 98.5% (193 certain: 1.000 /
    # 89.3% / 97.9%); seen in round 9, whose kinds it measured (ROUND9.md)
    ("audit13", 263, (0.96, 0.96, 0.99), 193, (0.99, 0.99, 0.99)),
    # sealed during round 9, untuned after it: 0.895 / 95.9% / 98.8% (207 certain: 0.986 /
    # 100% / 98.6%; issue 14's targets: 0.95, 92%, 96%); seen in round 10 (0.922, 95.9%, 99.6%)
    ("audit14", 256, (0.89, 0.95, 0.98), 207, (0.98, 0.99, 0.98)),
    # sealed during round 10, untuned after it: 0.966 / 97.7% / 99.2% (the targets met on every
    # title; 223 certain: 1.000 / 100% / 99.1%)
    ("audit15", 257, (0.96, 0.97, 0.99), 223, (0.99, 0.99, 0.99)),
    # sealed during session 14, untuned on 366a89f: 0.947 / 100% / 98.1% (240 certain: 0.977 /
    # 100% / 97.9%); with audit15, the 519 titles this code had not seen: 0.959 / 98.6% / 98.7%;
    # seen in round 11 (0.964 / 100% / 100%; 240 certain: 1.000 / 100% / 100%)
    ("audit16", 262, (0.96, 0.99, 0.99), 240, (0.99, 0.99, 0.99)),
    # sealed during round 11, untuned before and after it (the same answers): 0.900 / 85.7% /
    # 99.3% (21 ML, all 4 is_ml misses uncertain; 247 certain: 1.000 / 100% / 99.2%); seen in
    # round 12 (0.952 / 95.2% / 100%)
    ("audit17", 268, (0.95, 0.95, 0.99), 247, (0.99, 0.99, 0.99)),
    # sealed during round 12, untuned after it: 0.960 / 100% / 98.5% (12 ML; 248 certain: 1.000
    # / 100% / 98.4%); audit15-18, each untuned: 1,049 titles, 0.948 / 96.2% / 98.8%
    ("audit18", 262, (0.95, 0.99, 0.98), 248, (0.99, 0.99, 0.98)),
    # a new source (Adzuna's 2026 API, Indeed UK, LinkedIn: AUDIT19.md), each set untuned when
    # first scored, then seen in round 16. audit19 untuned on 7d03991: 0.879 / 83.3% / 95.5%
    # (226 certain: 0.951 / 84.0% / 95.6%)
    ("audit19", 269, (0.91, 0.93, 0.97), 226, (0.98, 0.97, 0.97)),
    # untuned after the audit19 round (ebebe80): 0.882 / 75.6% / 97.7% (certain: 0.930 / 80.6%
    # / 97.8%)
    ("audit20", 263, (0.90, 0.83, 0.99), 223, (0.96, 0.88, 0.99)),
    # untuned after the audit19 and audit20 rounds (6a8d440): 0.923 / 83.1% / 99.2% (certain:
    # 0.974 / 86.2% / 99.1%)
    ("audit21", 256, (0.94, 0.94, 0.99), 222, (0.99, 0.99, 0.99)),
    # untuned after all of round 16 (fb8467a), the last set: 0.857 / 88.2% / 95.1% (17 ML;
    # 212 certain: 1.000 / 100% / 95.3%)
    ("audit22", 226, (0.85, 0.88, 0.95), 212, (0.99, 0.99, 0.95)),
    # a second new source (data-analyst dashboards, Reed and Adzuna dumps, AI labs' ATS boards:
    # AUDIT23.md), session 17. audit23 untuned on 2087add: 0.906 / 83.1% / 97.0% (238 certain:
    # 0.953 / 89.2% / 97.1%); seen in session 17's round (0.949 / 85.4% / 97.8%)
    ("audit23", 269, (0.94, 0.85, 0.97), 238, (0.99, 0.91, 0.97)),
    # AI labs' boards and graduate lists (74 titles, 27 ML), sealed during session 17's round,
    # untuned before and after it (the same answers): 0.912 / 85.2% / 100% (68 certain: 0.943 /
    # 84.6% / 100%); after audit25's round (its "Machine Learning Science Intern"): 92.6% family
    ("audit24", 74, (0.91, 0.92, 0.99), 68, (0.94, 0.92, 0.99)),
    # graduate and intern lists (156 titles, 12 ML), labelled after session 17's first round,
    # untuned on a8b7ad5: 0.909 / 66.7% / 93.6% (150 certain: 0.889 / 70.0% / 93.3%); seen
    # in its round (1.000 / 83.3% / 94.2%)
    ("audit25", 156, (0.99, 0.83, 0.94), 150, (0.99, 0.89, 0.93)),
    # a third new source (Adzuna and Reed dumps, Greenhouse and Ashby boards of AI labs and UK
    # employers: AUDIT26.md), session 18. Untuned on 1a66e6e: 0.937 / 88.3% / 95.9% (207
    # certain: 0.973 / 88.9% / 97.1%); seen in session 18's round (0.949 / 88.3% / 96.4%)
    ("audit26", 221, (0.94, 0.88, 0.96), 207, (0.98, 0.88, 0.97)),
    # the same repositories' unread pages, labelled after session 18's round: untuned on
    # ac2f2d7 0.979 / 95.9% / 98.1% (204 certain: 1.000 / 98.6% / 98.0%); since audit28's round
    # ("(Leadership)" is lead) seniority 98.6%
    ("audit27", 215, (0.97, 0.95, 0.98), 204, (0.99, 0.98, 0.97)),
    # a fourth source (LinkedIn internship lists, Reed/Totaljobs/Indeed scrapes), labelled after
    # audit27's round: untuned on 82ddf6c 0.941 / 87.9% / 98.3% (222 certain: 0.962 / 90.0% /
    # 98.2%); seen in its round: 0.957 / 89.7% / 99.1%
    ("audit28", 233, (0.95, 0.89, 0.99), 222, (0.97, 0.91, 0.99)),
    # Built In London's AI listings, Civil Service Jobs and jobs.ac.uk (AUDIT29.md), session
    # 19, untuned on 2b7c493: 0.923 / 82.2% / 93.3% (250 certain: 0.956 / 82.7% / 92.0%); seen
    # in its round: 0.935 / 84.6% / 98.2%. Seven family misses are "AI/ML Engineer" titles its
    # instructions read ml_engineer, against the README's first-named rule the rules keep
    ("audit29", 342, (0.93, 0.84, 0.98), 250, (0.97, 0.85, 0.97)),
    # Glassdoor UK data-science ads (2024), Civil Service Jobs' last pages, an Adzuna London
    # tech page (AUDIT29.md), labelled after session 19's round, not reviewed: untuned on
    # 692fac6 (and on 86e9e52, the same) 0.955 / 89.8% / 98.5% (289 certain: 0.981 / 94.2% /
    # 99.0%)
    ("audit30", 343, (0.95, 0.89, 0.98), 289, (0.98, 0.94, 0.98)),
]


@pytest.mark.parametrize(("name", "n", "floors", "n_certain", "certain_floors"), TITLE_ALONE_SETS)
def test_title_alone_sets_accuracy(
    name: str,
    n: int,
    floors: tuple[float, float, float],
    n_certain: int,
    certain_floors: tuple[float, float, float],
) -> None:
    path = AUDIT.parent / f"{name}_labels.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    certain = [row for row in rows if row["certain"] is True]
    assert (len(rows), len(certain)) == (n, n_certain)
    for part, (f1, role, seniority) in ((rows, floors), (certain, certain_floors)):
        got = score_roles(part)
        assert got["is_ml_f1"] >= f1
        assert got["role"] >= role
        assert got["seniority"] >= seniority


# Round 12 (tests/fixtures/roles/ROUND12.md): audit17's kinds, on new titles.
# 1. ML work named by a stage of the model life cycle without an ML word: the collective
#    communication of distributed training (mlops_engineer), context engineering of LLM
#    applications (ai_engineer), imitation learning of robots (ml_engineer).
LIFE_CYCLE_ROUND12_CASES = [
    ("Senior Software Engineer, Collective Communications", Role("mlops_engineer", "senior", True)),
    (
        "Staff Engineer - Collective Communication Library",
        Role("mlops_engineer", "principal", True),
    ),
    ("Software Engineer, All-Reduce Performance", Role("mlops_engineer", None, True)),
    ("Founding Context Engineer", Role("ai_engineer", None, True)),
    ("Senior Context Engineer", Role("ai_engineer", "senior", True)),
    ("Software Engineer - Imitation Learning", Role("ml_engineer", None, True)),
    ("Robotics Software Engineer, Imitation Learning", Role("ml_engineer", None, True)),
]
# broad words alone, communications jobs and OS kernels stay as they were (or become not ML)
LIFE_CYCLE_ROUND12_GUARDS = [
    ("Internal Communications Manager", Role("other", "lead", False)),
    ("Satellite Communications Engineer", Role("other", None, False)),
    ("Unified Communications Engineer", Role("other", None, False)),
    ("Fund Accountant - Collective Investments", Role("other", None, False)),
    ("Software Engineer, Context", Role("other", None, False)),
    ("Context Designer", Role("other", None, False)),
    ("Software Engineer, Manipulation", Role("other", None, False)),
    ("Teleoperation Software Engineer", Role("other", None, False)),
    ("Linux Kernel Engineer", Role("other", None, False)),
    ("Senior Embedded Kernel Engineer", Role("other", "senior", False)),
    ("TPU Kernel Engineer, Training", Role("mlops_engineer", None, True)),
]
# 2. A C-level acronym after the qualifier "Field" is C-level (with audit17: 4 seen labellings
#    executive, 3 none).
FIELD_C_LEVEL_ROUND12_CASES = [
    ("Field CTO - Healthcare", Role("other", "executive", False)),
    ("Field CIO, Financial Services", Role("other", "executive", False)),
]
FIELD_C_LEVEL_ROUND12_GUARDS = [
    ("Field Service Engineer", Role("other", None, False)),
    ("Executive Assistant to the Field CTO", Role("other", None, False)),
    ("CTO Office Engineer", Role("other", None, False)),
]
# 3. "(Expert)" in parentheses after a role noun is senior (audit17, both labellings);
#    "Expert" as the role noun, "Advanced" and "(Specialist)" keep what they gave.
EXPERT_ROUND12_CASES = [
    ("Data Engineer (Expert)", Role("data_engineer", "senior", False)),
    ("Backend Developer (Expert)", Role("other", "senior", False)),
]
EXPERT_ROUND12_GUARDS = [
    ("Subject Matter Expert (SME)", Role("other", None, False)),
    ("Cloud Security Expert", Role("other", None, False)),
    ("Staff Domain Expert, Payments", Role("other", "principal", False)),
    ("Data Analyst (Advanced)", Role("other", None, False)),
    ("Advanced Engineer, Thermal Systems", Role("other", None, False)),
    ("Software Engineer (Specialist)", Role("other", None, False)),
    ("Nurse (Expert)", Role("other", None, False)),
]
# 4. Full stack on an AI-named team or product: the seen count is a tie with audit17 (7 ML / 7
#    not), so main's reading stands: ML unless a business function or client side is named.
FULL_STACK_ROUND12_GUARDS = [
    ("Full Stack Software Engineer, Applied AI Products", Role("ai_engineer", None, True)),
    ("Full Stack Engineer, Claude Education", Role("ai_engineer", None, True)),
    ("Full Stack Engineer, ChatGPT Billing", Role("other", None, False)),
]


@pytest.mark.parametrize(
    ("title", "expected"),
    LIFE_CYCLE_ROUND12_CASES
    + LIFE_CYCLE_ROUND12_GUARDS
    + FIELD_C_LEVEL_ROUND12_CASES
    + FIELD_C_LEVEL_ROUND12_GUARDS
    + EXPERT_ROUND12_CASES
    + EXPERT_ROUND12_GUARDS
    + FULL_STACK_ROUND12_GUARDS,
)
def test_round12_kinds(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------------------------- issue 14: role nouns in the plural (session 14)
# Recruiters advertise several hires at once ("Machine Learning Engineers (x3)"). Main read the
# plural past every rule written for the noun: "Senior and Principal Machine Learning Engineers"
# was not ML (round 11 review), "Data Analyst Apprentices" had no level (audit18). A role or
# grade noun in the plural now reads as the singular; "managers" and "directors" do not, as
# they name a team or product as often ("Advanced Resource Managers": audit12, audit14).
PLURAL_CASES = [
    ("Senior and Principal Machine Learning Engineers", Role("ml_engineer", "senior", True)),
    ("Machine Learning Engineers (x3)", Role("ml_engineer", None, True)),
    ("Computer Vision Engineers - Robotics", Role("computer_vision_engineer", None, True)),
    ("NLP Engineers, Search", Role("nlp_engineer", None, True)),
    ("MLOps Engineers", Role("mlops_engineer", None, True)),
    ("Research Engineers, Pretraining", Role("research_engineer", None, True)),
    ("AI Developers (Python)", Role("ai_engineer", None, True)),
    ("Data Analyst Apprentices, Finance", Role("other", "entry", False)),
    ("Data Science Trainees", Role("data_scientist", "entry", True)),
    ("Senior Data Engineers", Role("data_engineer", "senior", False)),
]
PLURAL_GUARDS = [
    ("Graduate Data Scientists", Role("data_scientist", "entry", True)),
    ("Software Engineer - Package Managers", Role("other", None, False)),
    ("Sales Leads Coordinator", Role("other", None, False)),
    ("General Managers", Role("other", None, False)),
    ("Directors of Engineering", Role("other", None, False)),
    ("Care Officers", Role("other", None, False)),
    ("Statisticians - Clinical Trials", Role("other", None, False)),
]
# Round 12 review: after "to" the plural names whom the job serves, not the hire; read as the
# singular it gave these entry (new titles, no seen label has one).
PLURAL_AFTER_TO = [
    ("Mentor to Apprentices", Role("other", None, False)),
    ("Assessor to Trainees", Role("other", None, False)),
    ("Pastoral Support to Graduates", Role("other", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), PLURAL_CASES + PLURAL_GUARDS + PLURAL_AFTER_TO)
def test_plural_role_nouns(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# --------------------------- issue 14: a research desk after another role noun (session 14)
# A title ending in a research team is a researcher's ("Member of Technical Staff, Research"),
# but not when a desk or office role noun names the post: a bank's "Analyst, Equity Research"
# read research_scientist and ML on main (review of round 12). No corpus or label title changes.
RESEARCH_DESK_CASES = [
    ("Analyst, Equity Research", Role("other", None, False)),
    ("Senior Analyst, Credit Research", Role("other", "senior", False)),
    ("Associate, Equity Research", Role("other", "entry", False)),
    ("Consultant - Market Research", Role("other", None, False)),
    ("Data Analyst, Research", Role("other", None, False)),
]
RESEARCH_DESK_GUARDS = [
    ("Member of Technical Staff, Research", Role("research_scientist", None, True)),
    ("Scientist, Research", Role("research_scientist", None, True)),
    ("Intern, Research", Role("research_scientist", "intern", True)),
    ("Research Associate, Machine Learning", Role("research_scientist", None, True)),
]


@pytest.mark.parametrize(("title", "expected"), RESEARCH_DESK_CASES + RESEARCH_DESK_GUARDS)
def test_research_desk_after_a_role_noun(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------ issue 14: ML named in a quant or trading title (session 14)
# Quantitative finance and trading are not ML by their words ("Quantitative Researcher": gold
# dev), but main also excluded a title that names machine learning as the post's field: a
# "Software Engineer (Machine Learning) - Trading" was not ML while "... - Payments" was. The
# seen titles with an ML word and a trading or quant word read 4 ML / 1 not (the one an AI
# qualifier of a finance function). No corpus or label title changes.
QUANT_ML_CASES = [
    ("Software Engineer (Machine Learning) - Trading", Role("ml_engineer", None, True)),
    ("Software Engineer, Machine Learning - Trading", Role("ml_engineer", None, True)),
    ("Quantitative Researcher - Machine Learning", Role("research_scientist", None, True)),
    ("Quant Researcher (Deep Learning)", Role("research_scientist", None, True)),
]
QUANT_ML_GUARDS = [
    ("Quantitative Researcher", Role("other", None, False)),
    ("Quant Developer", Role("other", None, False)),
    ("Trading Systems Engineer", Role("other", None, False)),
    ("AI Trading Assistant", Role("other", None, False)),
    ("Treasury Finance AI and Quantitative Analytics, Americas", Role("other", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), QUANT_ML_CASES + QUANT_ML_GUARDS)
def test_ml_named_in_a_quant_or_trading_title(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ------------------------ issue 14: probe 13, realistic UK-board title shapes (session 14)
# A probe of 259 hand-labelled synthetic titles (/work/round13/probe_titles.jsonl; PROBE13.md)
# found three rules misreading common shapes on main: "legal" excluded the title when it named
# the sector or employer after an engineer's or scientist's role ("Senior NLP Engineer - Legal
# Tech", "Data Scientist - Legal & General", though every data-scientist title counts); the lead
# of MLOps, computer vision or NLP with no other role noun read not ML, while "Machine Learning
# Lead" reads ML; a scientist whose field named first is computer vision, NLP, deep or
# reinforcement learning or LLMs read not ML ("NLP Data Scientist" is data_scientist in the
# seen labels). No corpus or label title changes.
PROBE13_CASES = [
    ("Senior NLP Engineer - Legal Tech", Role("nlp_engineer", "senior", True)),
    ("Machine Learning Engineer - Legal AI", Role("ml_engineer", None, True)),
    ("Data Scientist - Legal & General", Role("data_scientist", None, True)),
    ("Data Scientist, Legal", Role("data_scientist", None, True)),
    ("MLOps Engineer - Legal & General", Role("mlops_engineer", None, True)),
    ("MLOps Lead", Role("mlops_engineer", "lead", True)),
    ("Lead, MLOps", Role("mlops_engineer", "lead", True)),
    ("Computer Vision Lead", Role("computer_vision_engineer", "lead", True)),
    ("NLP Lead", Role("nlp_engineer", "lead", True)),
    ("Computer Vision Scientist", Role("data_scientist", None, True)),
    ("NLP Scientist", Role("data_scientist", None, True)),
    ("Deep Learning Scientist", Role("data_scientist", None, True)),
    ("Reinforcement Learning Scientist", Role("data_scientist", None, True)),
    ("LLM Scientist", Role("data_scientist", None, True)),
]
PROBE13_GUARDS = [
    ("Legal Counsel - Machine Learning", Role("other", None, False)),
    ("Legal Engineer - AI", Role("other", None, False)),
    ("Senior Legal Engineer (AI)", Role("other", "senior", False)),
    ("Head of Legal, AI", Role("other", "executive", False)),
    ("Legal Operations Manager - AI", Role("other", "lead", False)),
    ("AI Legal Specialist", Role("other", None, False)),
    ("Technology Lawyer - AI & Data Protection", Role("other", None, False)),
    ("Vision Scientist", Role("other", None, False)),
    ("Enterprise AI Lead", Role("other", "lead", False)),
    ("MLOps Team Lead", Role("ml_manager", "lead", True)),
    ("NLP Research Scientist", Role("research_scientist", None, True)),
]


@pytest.mark.parametrize(("title", "expected"), PROBE13_CASES + PROBE13_GUARDS)
def test_probe13_title_shapes(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# A second blind batch of probe 13 (/work/round13/probe_titles_2.jsonl) found an internship
# named otherwise than "intern" read not ML unless the family was ml_engineer ("AI Placement
# Student", "Year in Industry - Machine Learning", "Computer Vision Placement"): the family
# rules now take every internship name the seniority rules read as intern (not "co-op", also
# a UK retailer's name); consulting as the function stays excluded, as every seen consulting
# title but a data scientist's reads ("Working Student AI & Management Consulting"). A research
# topic of batteries in the plural is as non-ML as "battery". No corpus or label title changes.
PROBE13_INTERNSHIP_CASES = [
    ("Year in Industry - Machine Learning", Role("ml_engineer", "intern", True)),
    ("Summer Student - Machine Learning", Role("ml_engineer", "intern", True)),
    ("Year in Industry - AI", Role("ai_engineer", "intern", True)),
    ("AI Placement Student", Role("ai_engineer", "intern", True)),
    ("AI Working Student", Role("ai_engineer", "intern", True)),
    ("Computer Vision Placement", Role("computer_vision_engineer", "intern", True)),
    ("NLP Placement Student", Role("nlp_engineer", "intern", True)),
    ("MLOps Placement", Role("mlops_engineer", "intern", True)),
    ("Research Scientist - Batteries", Role("other", None, False)),
]
PROBE13_INTERNSHIP_GUARDS = [
    ("Working Student AI & Management Consulting (Nordics)", Role("other", "intern", False)),
    ("Marketing Placement - AI", Role("other", "intern", False)),
    ("Placement Student - Sales (AI)", Role("other", "intern", False)),
    ("Co-op - Machine Learning", Role("other", "intern", False)),
    ("Machine Learning Placement", Role("ml_engineer", "intern", True)),
    ("Consultant, Data Scientist, Consulting", Role("data_scientist", None, True)),
    ("Research Scientist - Battery", Role("other", None, False)),
    # an engineer or scientist at a consultancy keeps the post (main's reading; the first
    # version of the consulting exclusion read these not ML: second reading)
    ("Machine Learning Engineer - Consulting", Role("ml_engineer", None, True)),
    ("ML Engineer, AI Consulting", Role("ml_engineer", None, True)),
    ("Machine Learning Consulting Engineer", Role("ml_engineer", None, True)),
]


@pytest.mark.parametrize(
    ("title", "expected"), PROBE13_INTERNSHIP_CASES + PROBE13_INTERNSHIP_GUARDS
)
def test_probe13_internship_names(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# ---------------------------------- one home for each named part of roles.toml
# A phrase list or separator written as a named part (``{range_separator}``, ``{grade_separator}``)
# is written there only: a rule written inline beside it drifts (round 16 second read: two mid
# rules repeated range_separator, the ml_manager ``unless`` grade_separator). Each fragment below
# is the part's mark; it must occur once among the TOML's strings, in the part's own value.
def _toml_strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for v in node for s in _toml_strings(v)]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _toml_strings(v)]
    return []


@pytest.mark.parametrize(
    ("section", "part", "mark", "homes"),
    [
        ("seniority", "range_separator", r"\bor\b|\band\b|\+|,", 1),
        ("seniority", "grade_separator", r"\s*/\s*|\s+or\s+", 1),
        ("seniority", "mid_not_level", "east|west|wales", 1),
        # the "(Senior) Manager, <post>" rewrite and ml_manager's "VP/Director, <post>"
        ("clean", "graded_post", "(?:[a-z/]+ ){0,6}?", 1),
        # the same four nouns are also [ml] maker_roles, a part of its own (the legal and
        # consulting exclusions), expanded after [clean]'s parts
        ("clean", "graded_post_noun", "(?:engineer|scientist|developer|researcher)", 2),
    ],
)
def test_named_part_has_one_home(section: str, part: str, mark: str, homes: int) -> None:
    with _ROLES_TOML.open("rb") as fh:
        data = tomllib.load(fh)
    assert mark in data[section][part]
    assert sum(s.count(mark) for s in _toml_strings(data)) == homes
