"""normalize.skills: real phrasings, the skills-eval dev set, Reed's own tags, properties."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.evaluation import score_skills
from normalize.skills import extract_skills, skill_category, skill_names, to_label_scheme

CANONICAL = set(skill_names())

# Phrasings from real ads in the corpus (skills-eval, Reed 2023, JobSpy 2026).
CASES = [
    (
        "Proficiency in at least one programming language commonly used within Data Engineering, "
        "such as Python, Scala, or Java.",
        ["Python", "Scala", "Java"],
    ),
    (
        "a high-throughput, low-latency system (primarily written in Go) responsible for ingesting",
        ["Go"],
    ),
    ("We work closely with Go-To-Market and Finance partners", []),
    ("led by Altimeter Capital, Conviction Partners, and Spark Capital.", []),
    (
        "distributed processing technologies and frameworks, such as Spark, Hadoop, Flink",
        ["Spark", "Hadoop", "Flink"],
    ),
    (
        "Fluency in SQL and Python; comfort with experiment design and causal inference",
        ["SQL", "Python", "Causal inference"],
    ),
    (
        "Hands-on experience with CI/CD systems (Builtekite, Github Actions), test frameworks",
        ["CI/CD", "GitHub Actions"],
    ),
    (
        "container technologies (Docker, Kubernetes) and infrastructure as code (Pulumi, "
        "Terraform).",
        ["Docker", "Kubernetes", "Pulumi", "Terraform"],
    ),
    (
        "designing and optimizing large-scale machine learning systems(e.g., PyTorch).",
        ["Machine Learning", "PyTorch"],
    ),
    ("resource allocation planning tools driven by rich-ML models.", ["Machine Learning"]),
    ("Python Developer (Django, Docker, AWS)", ["Python", "Django", "Docker", "AWS"]),
    (
        "Experience with R, Python and SQL for statistical analysis",
        ["R", "Python", "SQL", "Statistics"],
    ),
    ("R&D tax credits", []),
    ("Members of Cloudforce One are at the helm of leveraging", []),
    (
        "deploy models with AWS SageMaker and Vertex AI; TensorFlow/Keras, scikit-learn",
        ["AWS SageMaker", "Vertex AI", "TensorFlow", "Keras", "scikit-learn"],
    ),
    ("JavaScript and Java", ["JavaScript", "Java"]),
    (
        "hold the AWS Certified Machine Learning – Specialty",
        ["AWS Certified Machine Learning - Specialty"],
    ),
    (
        "LLMs, RAG pipelines with LangChain and vLLM on CUDA GPUs",
        ["LLM", "RAG", "LangChain", "vLLM", "CUDA"],
    ),
    ("contact Julia in HR", []),
    ("scientific programming in Julia or Rust", ["Julia", "Rust"]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_extract_skills(text: str, expected: list[str]) -> None:
    assert extract_skills(text) == expected


@pytest.mark.parametrize(
    "skill, category",
    [
        ("Python", "language"),
        ("PyTorch", "framework"),
        ("Airflow", "data"),
        ("MLflow", "mlops"),
        ("AWS SageMaker", "cloud"),
        ("A/B testing", "method"),
        ("AWS Certified Machine Learning - Specialty", "certification"),
        ("Cobol", None),
    ],
)
def test_skill_category(skill: str, category: str | None) -> None:
    assert skill_category(skill) == category


def test_label_scheme_projection() -> None:
    skills = ["Keras", "Scala", "GitHub Actions", "Deep Learning", "Machine Learning", "GCP"]
    assert to_label_scheme(skills) == ["TensorFlow", "CI/CD", "Machine Learning"]
    with pytest.raises(KeyError):
        to_label_scheme(skills, scheme="nope")


def test_skills_eval_micro_f1(corpus) -> None:
    """Micro-F1 >= 0.90 against the skills-eval labels, in their 61-skill vocabulary."""
    path = corpus / "skills-eval" / "skills_eval.jsonl"
    scores = score_skills(json.loads(line) for line in path.open() if line.strip())
    assert scores["f1"] >= 0.90, scores


def test_reed_tags_recall(corpus) -> None:
    """Reed's own skill tags that are taxonomy skills are found in the ad text (second check)."""
    path = corpus / "reed-2023" / "reed_python_developer_2023.csv"
    found = total = 0
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            got = set(extract_skills(row["description"]))
            tags = {t.strip() for t in row["skills"].splitlines() if t.strip()}
            for tag in tags:
                canon = extract_skills(tag)
                if canon and canon[0] in CANONICAL and tag.lower() in row["description"].lower():
                    total += 1
                    found += canon[0] in got
    assert total > 20
    assert found / total >= 0.85


@given(st.text(max_size=2000))
def test_properties(text: str) -> None:
    got = extract_skills(text)
    assert len(got) == len(set(got))
    assert set(got) <= CANONICAL
    assert extract_skills(text) == got
    assert all(skill_category(s) is not None for s in got)


@given(st.lists(st.sampled_from(sorted(CANONICAL)), max_size=8))
def test_list_of_names_is_found(names: list[str]) -> None:
    text = "Experience with " + ", ".join(names) + "."
    got = extract_skills(text)
    assert len(got) == len(set(got))
    assert set(got) <= CANONICAL
