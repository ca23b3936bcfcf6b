"""Policy profiles: each jurisdiction's numbers, with their sources, as TOML data.

Owns the public profile API. One ``<id>.toml`` per jurisdiction type lives in this
directory: ``national`` (民法典 and 物业管理条例 defaults, plus documented Gongzhi defaults
where the nation is silent) and one per seed (``hunan-shaoyang`` 000, ``jiangxi-zhanggong``
001, ``henan-draft`` 002, ``hunan-ziyang`` 003, ``shaanxi-xixian`` 004), each extending
``national`` and overriding what its seed changes. The schema (``schema.py``) declares
every key; loading (``loader.py``) validates and resolves inheritance. See
docs/profiles.md.
"""

from gongzhi.rules.profiles.loader import (
    DEFAULT_PROFILE_ID,
    PROFILE_DIR,
    Parameter,
    PolicyProfile,
    Problem,
    ProfileError,
    ProfileSummary,
    UnknownProfileError,
    get_profile,
    list_profiles,
    load_profile_file,
)
from gongzhi.rules.profiles.schema import (
    FREQUENCIES,
    GROUPS,
    LEVELS,
    PARAMS,
    SCHEMA,
    ParamSpec,
    ParamValue,
    format_value,
)

__all__ = [
    "DEFAULT_PROFILE_ID",
    "FREQUENCIES",
    "GROUPS",
    "LEVELS",
    "PARAMS",
    "PROFILE_DIR",
    "SCHEMA",
    "ParamSpec",
    "ParamValue",
    "Parameter",
    "PolicyProfile",
    "Problem",
    "ProfileError",
    "ProfileSummary",
    "UnknownProfileError",
    "format_value",
    "get_profile",
    "list_profiles",
    "load_profile_file",
]
