"""What the credit services share: the policy profile that governs a company or a project
(seed 000 §17; seed 004 §15: the catalogue, grades and blacklist are the profile's)."""

from __future__ import annotations

from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules.profiles import PolicyProfile


def company_profile(company: PropertyCompany) -> PolicyProfile:
    """The profile of the jurisdiction the company is filed with (its supervisor's rules)."""
    return effective_profile(company.filed_with)


def project_profile(project: Project) -> PolicyProfile:
    return effective_profile(project.community)
