"""Resolution: surface names + article context -> canonical entities with stable ids.

Inputs are plain strings and small context objects, so the stage is tested alone::

    from kg.resolve import Resolver, Context
    r = Resolver()                                  # default profile: 太原日报
    r.resolve("市委组织部", "ORG", Context("p/001")).label   # '中共太原市委组织部'

Modules: ``profile`` (newspaper profiles), ``gazetteer`` (jionlp's admin divisions),
``places`` and ``orgs`` (the rules), ``tables`` (the data files), ``resolver`` (the API).
"""

from .context import Context
from .gazetteer import AdminPlace, Gazetteer
from .profile import HomeUnit, Profile, available_profiles, load_profile
from .resolver import Resolved, Resolver

__all__ = [
    "AdminPlace",
    "Context",
    "Gazetteer",
    "HomeUnit",
    "Profile",
    "Resolved",
    "Resolver",
    "available_profiles",
    "load_profile",
]
