"""Clearpost: checks a social media draft against an organisation's policy, on this machine.

    from clearpost import Engine, Draft, builtin_pack
    result = Engine().check(Draft("text", account="personal", platform="x"), builtin_pack("iuk"))
"""

from clearpost.draft import Draft
from clearpost.engine import CheckResult, Engine
from clearpost.errors import ClearpostError, ConfigError, InputError, ModelError, PackSignatureError, PolicyPackError
from clearpost.findings import Finding, Hit, Severity
from clearpost.policy import BUILTIN_PACKS, PolicyPack, builtin_pack, load_pack

__all__ = [
    "BUILTIN_PACKS", "CheckResult", "ClearpostError", "ConfigError", "Draft", "Engine", "Finding", "Hit",
    "InputError", "ModelError", "PackSignatureError", "PolicyPack", "PolicyPackError", "Severity", "builtin_pack", "load_pack",
]
__version__ = "0.1.0"
