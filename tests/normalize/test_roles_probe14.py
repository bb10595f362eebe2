"""normalize.roles: title shapes found by probe 14 (tests/fixtures/roles/PROBE14.md).

Each table holds titles that read wrong on main before its fix, then guards: titles that
must keep main's reading. The titles are made up in the shapes UK boards write (a synthetic
probe), labelled by ../shared/corpus/gold/README.md before the classifier was run.
"""

from __future__ import annotations

import pytest

from normalize.roles import Role, classify_title, undecided_kind

# A research assistant is the academic research post that Oxford, UCL and others advertise as
# "Postdoctoral Research Assistant": the research gate decides it, as a research associate's
# ("Research Associate in Machine Learning" is ML, a bare one or another field is not). The
# assistant exclusion (an assistant's post) read every one not ML.
RESEARCH_ASSISTANT_CASES = [
    ("Postdoctoral Research Assistant in Machine Learning", Role("research_scientist", None, True)),
    ("Research Assistant in Computer Vision", Role("research_scientist", None, True)),
    (
        "Postdoctoral Research Assistant in Natural Language Processing",
        Role("research_scientist", None, True),
    ),
    ("Research Assistant (Deep Learning) - Fixed Term", Role("research_scientist", None, True)),
]
RESEARCH_ASSISTANT_GUARDS = [
    ("Research Assistant", Role("other", None, False)),
    ("Research Assistant in Psychology", Role("other", None, False)),
    ("Clinical Research Assistant", Role("other", None, False)),
    ("Teaching Assistant - Machine Learning", Role("other", None, False)),
    ("Marketing Research Assistant - AI", Role("other", None, False)),
    ("Research Assistant to the Head of AI", Role("other", "executive", False)),
    ("Executive Assistant - AI Lab", Role("other", None, False)),
    ("Frontend Engineer, AI Assistant", Role("other", None, False)),
]


@pytest.mark.parametrize(
    ("title", "expected"), RESEARCH_ASSISTANT_CASES + RESEARCH_ASSISTANT_GUARDS
)
def test_probe14_research_assistant(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# LLMs spelled out: the ML words knew "large language model(s)", the ai_engineer family only
# "LLM(s)", so "Large Language Model Engineer" had no family and read not ML.
LARGE_LANGUAGE_MODEL_CASES = [
    ("Large Language Model Engineer", Role("ai_engineer", None, True)),
    ("Senior Large Language Model Engineer", Role("ai_engineer", "senior", True)),
    ("Large Language Models Engineer", Role("ai_engineer", None, True)),
    ("Software Engineer, Large Language Models", Role("ai_engineer", None, True)),
    ("Large Language Model Developer", Role("ai_engineer", None, True)),
]
LARGE_LANGUAGE_MODEL_GUARDS = [
    ("LLM Engineer", Role("ai_engineer", None, True)),
    ("Machine Learning Engineer - Large Language Models", Role("ml_engineer", None, True)),
    ("Large Language Model Infrastructure Engineer", Role("mlops_engineer", None, True)),
    ("Large Language Model Trainer", Role("other", None, False)),
    ("Large Language Model Product Manager", Role("other", "lead", False)),
    ("Solutions Architect - Large Language Models", Role("other", None, False)),
]


@pytest.mark.parametrize(
    ("title", "expected"), LARGE_LANGUAGE_MODEL_CASES + LARGE_LANGUAGE_MODEL_GUARDS
)
def test_probe14_large_language_model_spelled_out(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# The lead of an ML platform or infrastructure team with no other role noun read not ML,
# while "MLOps Lead" and "Machine Learning Lead" (probe 13) read ML: the mlops_engineer family
# now takes the lead of ML platform, infrastructure and operations in the same two forms.
ML_PLATFORM_LEAD_CASES = [
    ("Machine Learning Platform Lead", Role("mlops_engineer", "lead", True)),
    ("ML Platform Lead", Role("mlops_engineer", "lead", True)),
    ("Senior ML Infrastructure Lead", Role("mlops_engineer", "lead", True)),
    ("Lead, ML Platform", Role("mlops_engineer", "lead", True)),
    ("Lead - Machine Learning Infrastructure", Role("mlops_engineer", "lead", True)),
    ("Machine Learning Platform Lead (Hybrid, London)", Role("mlops_engineer", "lead", True)),
]
ML_PLATFORM_LEAD_GUARDS = [
    ("MLOps Lead", Role("mlops_engineer", "lead", True)),
    ("Lead, MLOps", Role("mlops_engineer", "lead", True)),
    ("LLMOps Lead", Role("mlops_engineer", "lead", True)),
    # an AI product's platform as often: left as main reads it
    ("AI Platform Lead", Role("other", "lead", False)),
    ("ML Platform Product Lead", Role("other", "lead", False)),
    ("Head of ML Platform", Role("ml_manager", "executive", True)),
    ("ML Platform Team Lead", Role("ml_manager", "lead", True)),
    ("Platform Lead", Role("other", "lead", False)),
]


@pytest.mark.parametrize(("title", "expected"), ML_PLATFORM_LEAD_CASES + ML_PLATFORM_LEAD_GUARDS)
def test_probe14_ml_platform_lead(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# An operating system's kernel engineer named with the system after the role ("Kernel Engineer
# - Linux") read as a GPU kernel's (ML systems): only "Linux Kernel Engineer", with the system
# first, was kept apart. A bare "Kernel Engineer" keeps main's ML reading (a call left open).
OS_KERNEL_CASES = [
    ("Kernel Engineer - Linux", Role("other", None, False)),
    ("Senior Kernel Engineer, Embedded Linux", Role("other", "senior", False)),
    ("Kernel Engineer - Device Drivers", Role("other", None, False)),
    ("Kernel Engineer - RTOS", Role("other", None, False)),
]
OS_KERNEL_GUARDS = [
    # (already not ML on main: the client-side exclusion of "Android")
    ("Kernel Engineer (Android)", Role("other", None, False)),
    ("Linux Kernel Engineer", Role("other", None, False)),
    ("Kernel Engineer", Role("mlops_engineer", None, True)),
    ("TPU Kernel Engineer", Role("mlops_engineer", None, True)),
    ("Kernel Engineer - CUDA", Role("mlops_engineer", None, True)),
    ("Kernel Engineer, Inference", Role("mlops_engineer", None, True)),
    ("Kernel Engineer - Osaka", Role("mlops_engineer", None, True)),
    ("Software Engineer - GPU Kernels", Role("mlops_engineer", None, True)),
]


@pytest.mark.parametrize(("title", "expected"), OS_KERNEL_CASES + OS_KERNEL_GUARDS)
def test_probe14_os_kernel_named_after_the_role(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


def test_probe14_os_kernel_left_to_the_description() -> None:
    # a technical title with no ML word: the description decides, as for "Linux Kernel Engineer"
    assert undecided_kind("Kernel Engineer - Linux") == "technical"
    assert undecided_kind("Linux Kernel Engineer") == "technical"
    assert undecided_kind("Kernel Engineer") is None


# A teacher of data science (jobs.ac.uk's "Lecturer in Data Science", a bootcamp's "Data
# Science Instructor") read data_scientist, ML: every data-scientist title counts before the
# exclusions, and "data science" made one. Teaching posts are excluded ("Lecturer in Machine
# Learning" reads not ML on main), so these now read as that one does.
DATA_SCIENCE_TEACHER_CASES = [
    ("Lecturer in Data Science", Role("other", None, False)),
    ("Senior Lecturer in Data Science", Role("other", "senior", False)),
    ("Teaching Fellow in Data Science", Role("other", None, False)),
    ("Professor of Data Science", Role("other", None, False)),
    ("Lecturer in Applied Data Science", Role("other", None, False)),
    ("Data Science Instructor", Role("other", None, False)),
    ("Data Science Trainer - Bootcamp", Role("other", None, False)),
]
DATA_SCIENCE_TEACHER_GUARDS = [
    ("Lecturer in Machine Learning", Role("other", None, False)),
    ("Data Scientist - Teaching and Learning Analytics", Role("data_scientist", None, True)),
    ("Data Scientist (Education)", Role("data_scientist", None, True)),
    ("Research Fellow in Data Science", Role("data_scientist", None, True)),
    ("Senior Data Scientist", Role("data_scientist", "senior", True)),
]


@pytest.mark.parametrize(
    ("title", "expected"), DATA_SCIENCE_TEACHER_CASES + DATA_SCIENCE_TEACHER_GUARDS
)
def test_probe14_teacher_of_data_science(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# A camera or sensor named after a vision role as what it works on ("Computer Vision Engineer
# (Camera/Lidar)") read not ML: the hardware exclusion of the computer_vision_engineer family
# fired on the word anywhere. It now fires on a camera or sensor before the role noun (the
# hardware of the sensor: "Camera Software Engineer"), and on hardware and image quality
# anywhere, as before.
VISION_CAMERA_CASES = [
    ("Computer Vision Engineer (Camera/Lidar)", Role("computer_vision_engineer", None, True)),
    ("Senior Perception Engineer (Lidar/Camera)", Role("computer_vision_engineer", "senior", True)),
    ("Perception Engineer - Camera", Role("computer_vision_engineer", None, True)),
    ("Computer Vision Engineer, Sensor Fusion", Role("computer_vision_engineer", None, True)),
]
VISION_CAMERA_GUARDS = [
    ("Perception Sensor Software Engineer", Role("other", None, False)),
    ("Camera Perception Engineer", Role("other", None, False)),
    ("Staff Perception Hardware Engineer", Role("other", "principal", False)),
    ("Perception Engineer - Camera Hardware", Role("other", None, False)),
    ("Sr. Image Quality Hardware Engineer", Role("other", "senior", False)),
    ("Computer Vision Camera Intern", Role("other", "intern", False)),
    ("Perception Engineer (Lidar)", Role("computer_vision_engineer", None, True)),
]


@pytest.mark.parametrize(("title", "expected"), VISION_CAMERA_CASES + VISION_CAMERA_GUARDS)
def test_probe14_camera_after_a_vision_role(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# "Staff" as the noun, the staff of a kind ending the title or one of its options, read as the
# Staff grade (principal): only the trades listed in [clean] neutral were kept apart. Two
# corpus titles change so ("Support Worker / Care Assistant / Support Staff", "Support Worker
# Aylesbury Bank Staff": principal on main, no level now).
STAFF_NOUN_CASES = [
    ("Serving Staff - Restaurant", Role("other", None, False)),
    ("Support Staff", Role("other", None, False)),
    ("Agency Staff", Role("other", None, False)),
    ("Support Worker / Care Assistant / Support Staff", Role("other", None, False)),
    ("Academic Staff (Computer Science)", Role("other", None, False)),
]
STAFF_NOUN_GUARDS = [
    ("Bar Staff", Role("other", None, False)),
    ("Staff Machine Learning Engineer", Role("ml_engineer", "principal", True)),
    ("Machine Learning Engineer, Staff", Role("ml_engineer", "principal", True)),
    ("Data Scientist (Staff)", Role("data_scientist", "principal", True)),
    ("ML Engineer Staff", Role("ml_engineer", "principal", True)),
    ("Sr Staff / Staff Applied Scientist", Role("data_scientist", "principal", True)),
    ("Staff / Principal ML Engineer", Role("ml_engineer", "principal", True)),
    ("Senior Staff Data Scientist", Role("data_scientist", "principal", True)),
    ("Engineering Staff - Machine Learning", Role("ml_engineer", "principal", True)),
    ("Member of Technical Staff", Role("other", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), STAFF_NOUN_CASES + STAFF_NOUN_GUARDS)
def test_probe14_staff_as_a_noun(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# Machine translation, an NLP field, read not ML: the translators' exclusion ("translat...")
# fired on it, and no family named it. A translator, and post-editing of machine translation
# (a linguist's work), stay not ML.
MACHINE_TRANSLATION_CASES = [
    ("Machine Translation Engineer", Role("nlp_engineer", None, True)),
    ("Senior Machine Translation Engineer", Role("nlp_engineer", "senior", True)),
    ("Software Engineer, Machine Translation", Role("nlp_engineer", None, True)),
    ("Applied Scientist, Machine Translation", Role("data_scientist", None, True)),
    ("Research Scientist - Machine Translation", Role("research_scientist", None, True)),
]
MACHINE_TRANSLATION_GUARDS = [
    ("Translator - German", Role("other", None, False)),
    ("Translation Project Manager", Role("other", "lead", False)),
    ("Machine Translation Post-Editor", Role("other", None, False)),
    ("Freelance Translator (Machine Translation Post-Editing)", Role("other", None, False)),
    ("Translator/Linguist (Freelance)", Role("other", None, False)),
]


@pytest.mark.parametrize(
    ("title", "expected"), MACHINE_TRANSLATION_CASES + MACHINE_TRANSLATION_GUARDS
)
def test_probe14_machine_translation(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


# The serving of ads, content or web pages read as model serving (mlops_engineer, ML): "Ad
# Serving Engineer". Such titles are now technical titles with no ML word, which the
# description decides, as "Software Engineer, Ad Serving" already was.
AD_SERVING_CASES = [
    ("Ad Serving Engineer", Role("other", None, False)),
    ("Software Engineer - Ads Serving Infrastructure", Role("other", None, False)),
    ("Senior Engineer, Ad Serving Platform", Role("other", "senior", False)),
    ("Content Serving Platform Engineer", Role("other", None, False)),
]
AD_SERVING_GUARDS = [
    ("Software Engineer, Ad Serving", Role("other", None, False)),
    ("Serving Infrastructure Engineer", Role("mlops_engineer", None, True)),
    ("Model Serving Engineer", Role("mlops_engineer", None, True)),
    ("Software Engineer, Serving Platform", Role("mlops_engineer", None, True)),
    ("Staff Software Engineer, Model Serving", Role("mlops_engineer", "principal", True)),
]


@pytest.mark.parametrize(("title", "expected"), AD_SERVING_CASES + AD_SERVING_GUARDS)
def test_probe14_ad_serving(title: str, expected: Role) -> None:
    assert classify_title(title) == expected


def test_probe14_ad_serving_left_to_the_description() -> None:
    assert undecided_kind("Ad Serving Engineer") == "technical"


# A data scientist whose domain, written after the role, holds an always-excluded word (sales,
# recruitment, data centres, translation) read not ML, though every data-scientist title
# counts (README). A post written there ("Data Scientist - Recruiter") or before the scientist
# ("Recruitment Consultant - Data Scientist") still excludes.
SCIENTIST_DOMAIN_CASES = [
    ("Data Scientist - Sales Analytics", Role("data_scientist", None, True)),
    ("Data Scientist, Sales Forecasting", Role("data_scientist", None, True)),
    ("Senior Data Scientist - Sales & Marketing", Role("data_scientist", "senior", True)),
    ("Data Scientist - Recruitment Analytics", Role("data_scientist", None, True)),
    ("Data Scientist (Sales)", Role("data_scientist", None, True)),
    ("Data Scientist - Data Centre Energy", Role("data_scientist", None, True)),
    ("Applied Scientist - Sales Tech", Role("data_scientist", None, True)),
]
SCIENTIST_DOMAIN_GUARDS = [
    ("Data Scientist Recruiter", Role("other", None, False)),
    ("Recruitment Consultant - Data Scientist", Role("other", None, False)),
    ("Sales Engineer - Data Science", Role("other", None, False)),
    ("Data Scientist - Recruiter", Role("other", None, False)),
    ("Data Scientist (Counsel)", Role("other", None, False)),
    ("Data Scientist - AI Trainer (Freelance)", Role("other", None, False)),
    ("Sales Forecasting Data Scientist", Role("other", None, False)),
    ("Data Annotation Specialist, Data Science", Role("other", None, False)),
    ("Machine Learning Engineer - Sales", Role("other", None, False)),
]


@pytest.mark.parametrize(("title", "expected"), SCIENTIST_DOMAIN_CASES + SCIENTIST_DOMAIN_GUARDS)
def test_probe14_data_scientist_domain_after_the_role(title: str, expected: Role) -> None:
    assert classify_title(title) == expected
