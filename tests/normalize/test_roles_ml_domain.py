"""normalize.roles: an ML post named first keeps its domain (issue 14, round 16).

The titles are made up in the shapes UK boards and ATS pages write, labelled by the roles
section of ../shared/corpus/gold/README.md before the classifier was changed ("a dual title
takes the first role named"; AI sales, recruiting and legal roles are false). Each CASE read
not ML on main; each GUARD must keep main's reading.
"""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title

# An ML post (ML, AI, NLP, vision, MLOps, ML research) named before the first separator, with
# an always-excluded word only in the qualifier after it: the qualifier is the post's domain
# (what it models or builds for), and the first role named is an ML one. "Sales" followed by a
# modelling or analytics noun (forecasting, analytics, pricing, propensity, prediction, data,
# insights, intelligence) is a modelling domain, not the customer-facing sales function.
ML_DOMAIN_CASES = [
    ("Machine Learning Engineer, Recruitment Platform", Role("ml_engineer", None, True)),
    ("Machine Learning Engineer - Sales Forecasting", Role("ml_engineer", None, True)),
    (
        "Senior Machine Learning Engineer - Sales Forecasting",
        Role("ml_engineer", "senior", True),
    ),
    ("ML Engineer, Sales Analytics", Role("ml_engineer", None, True)),
    ("Staff ML Engineer - Sales Pricing", Role("ml_engineer", "principal", True)),
    ("Machine Learning Engineer (Sales Propensity)", Role("ml_engineer", None, True)),
    ("ML Engineer - Sales Prediction", Role("ml_engineer", None, True)),
    ("Machine Learning Engineer, Sales Data", Role("ml_engineer", None, True)),
    ("Deep Learning Engineer, Sales Forecasting", Role("ml_engineer", None, True)),
    (
        "Machine Learning Engineer, Talent Acquisition Platform",
        Role("ml_engineer", None, True),
    ),
    ("AI Engineer - Recruitment Platform", Role("ai_engineer", None, True)),
    ("Senior AI Engineer, Recruiting Products", Role("ai_engineer", "senior", True)),
    ("NLP Engineer, Recruitment Search", Role("nlp_engineer", None, True)),
    (
        "Computer Vision Engineer - Retail Sales Analytics",
        Role("computer_vision_engineer", None, True),
    ),
    ("MLOps Engineer - Sales Forecasting Platform", Role("mlops_engineer", None, True)),
    ("Machine Learning Engineer - Translation", Role("ml_engineer", None, True)),
    ("ML Engineer - Data Centre Energy Optimisation", Role("ml_engineer", None, True)),
]
# Readings that already held on main and must hold after: legal after an engineer's role, ML
# research in another function ([ml] exclude_unless), a bar-separated dual title, and the data
# scientist's domain (probe 14).
ML_DOMAIN_KEPT = [
    ("NLP Engineer - Legal Documents", Role("nlp_engineer", None, True)),
    ("ML Research Scientist, Recruitment Matching", Role("research_scientist", None, True)),
    (
        "Machine Learning Research Engineer - Sales Intelligence",
        Role("research_engineer", None, True),
    ),
    ("Lead Machine Learning Engineer | Sales Insights", Role("ml_engineer", "lead", True)),
    ("Data Scientist - Sales Analytics", Role("data_scientist", None, True)),
    ("Applied Scientist - Sales Tech", Role("data_scientist", None, True)),
    ("Data Scientist (Sales)", Role("data_scientist", None, True)),
]
# Still not ML: an excluded post written after the ML post (another post offered); the
# customer-facing sales function as the qualifier (sales alone, enablement, pre-sales, sales
# engineering or development, solutions); an excluded word in the head, before or inside the
# role ("AI Sales Engineer", "Recruitment AI Engineer": the post is the sales or recruiting
# one, as "Sales Forecasting Data Scientist" in probe 14); executives and sellers of AI sales
# lines; an ML post named after the excluded one; a bare research post whose only topic is
# recruitment (no ML word: the research topic decides, and recruitment is no ML topic).
ML_DOMAIN_GUARDS = [
    ("ML Engineer - Recruiter", Role("other", None, False)),
    ("Machine Learning Engineer - Recruitment Consultant", Role("other", None, False)),
    ("AI Engineer - Sales Executive", Role("other", None, False)),
    ("NLP Engineer - Translator", Role("other", None, False)),
    ("Machine Learning Engineer - Legal Counsel", Role("other", None, False)),
    ("Machine Learning Engineer - Sales Data Annotator", Role("other", None, False)),
    ("AI Engineer, Sales", Role("other", None, False)),
    ("Machine Learning Engineer - Sales", Role("other", None, False)),
    ("AI Engineer - Sales Enablement", Role("other", None, False)),
    ("ML Solutions Engineer, Sales", Role("other", None, False)),
    ("AI Engineer (Pre-Sales)", Role("other", None, False)),
    ("AI Engineer, Sales Engineering", Role("other", None, False)),
    ("Machine Learning Engineer - Sales Development", Role("other", None, False)),
    ("AI Engineer - Sales and Solutions", Role("other", None, False)),
    ("AI Engineer, Sales Data Solutions", Role("other", None, False)),
    ("AI Sales Engineer", Role("other", None, False)),
    ("Recruitment AI Engineer", Role("other", None, False)),
    ("Sales Forecasting Data Scientist", Role("other", None, False)),
    ("Machine Learning Recruiter", Role("other", None, False)),
    ("Head of Sales, AI Platform", Role("other", "executive", False)),
    ("VP Sales, Machine Learning Solutions", Role("other", "executive", False)),
    ("Director of AI Sales - Forecasting", Role("other", "executive", False)),
    ("Account Executive, AI Sales Intelligence", Role("other", None, False)),
    ("Sales Engineer - Machine Learning", Role("other", None, False)),
    ("Recruiter - Machine Learning Engineer", Role("other", None, False)),
    ("Data Scientist - Recruiter", Role("other", None, False)),
    ("Research Scientist - Recruitment", Role("other", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), ML_DOMAIN_CASES + ML_DOMAIN_KEPT + ML_DOMAIN_GUARDS)
def test_ml_post_named_first_keeps_its_domain(title: str, expected: Role) -> None:
    assert classify_title(title) == expected
