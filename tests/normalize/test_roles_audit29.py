"""normalize.roles: the kinds of error of audit29 (issue 14, session 19): fresh real UK titles
from Built In London's AI listings, Civil Service Jobs and jobs.ac.uk (tests/fixtures/roles/
AUDIT29.md). Each kind has CASES (main's answer at 2b7c493 was wrong: the audit's titles and
titles of the same shape) and GUARDS (answers that must be kept)."""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title

CASES = [
    # 1. "solutions" as the team or work of an ML post, not a solutions post
    ("Machine Learning Engineer - Customer Solutions", Role("ml_engineer", None, True)),
    ("Machine Learning Engineer (Solutions)", Role("ml_engineer", None, True)),
    # 2. "Eng" is the role noun written short
    ("Senior Backend Eng (AI)", Role("ai_engineer", "senior", True)),
    ("Machine Learning and AI Eng", Role("ml_engineer", None, True)),
    # 3. a funded place for a research student is a student's post (README: Working Student)
    ("PhD Studentship", Role("other", "intern", False)),
    ("ESRC Funded PhD Studentship: Human Geography", Role("other", "intern", False)),
    ("MSc by Research studentship: tissue characterisation", Role("other", "intern", False)),
    ("PhD Scholarship Opportunities", Role("other", "intern", False)),
    # 4. placements as the work of an office post is no placement
    ("Placements Administrative Assistant", Role("other", None, False)),
    # 5. an academic post offered at two levels: a range whose lowest has none
    ("Lecturer/ Senior Lecturer in Sports Therapy", Role("other", None, False)),
    ("Senior Lecturer / Lecturer in Sport and Exercise Physiology", Role("other", None, False)),
    # 6. "Lead Gen AI": a lead of generative AI, not lead generation
    ("Lead Gen AI Engineer", Role("ai_engineer", "lead", True)),
    # 7. a DevOps or SRE engineer whose focus is ML or AI runs ML systems
    (
        "Senior DevOps Engineer – Azure & Databricks (AI/ML Focus)",
        Role("mlops_engineer", "senior", True),
    ),
]

GUARDS = [
    # solutions posts stay customer-facing, whatever comes before them
    ("Gen AI - Solutions Architect - Home based", Role("other", None, False)),
    ("AI Solutions Engineer (Staff)", Role("other", "principal", False)),
    ("Customer Engineer, AI Solutions", Role("other", None, False)),
    # a level written once on a post, and two different posts, keep their level
    ("Senior Lecturer in Sports Therapy", Role("other", "senior", False)),
    ("Senior Developer / Data Scientist", Role("other", "senior", False)),
    ("Junior AI Engineer / Machine Learning Engineer", Role("ai_engineer", "entry", True)),
    ("Industrial Placement", Role("other", "intern", False)),
    ("Eng Manager", Role("other", "lead", False)),
    ("Lead Gen Specialist", Role("other", None, False)),
    ("Senior DevOps Engineer - Azure", Role("other", "senior", False)),
    # the README's dual-title rule: "AI/ML Engineer" names AI first
    ("AI/ML Engineer", Role("ai_engineer", None, True)),
]


@pytest.mark.parametrize(("title", "role"), CASES + GUARDS)
def test_audit29_kinds(title: str, role: Role) -> None:
    assert classify_title(title) == role
