"""Policy packs: one organisation's social media policy as data."""

from clearpost.policy.pack import BUILTIN_PACKS, PolicyPack, Rule, builtin_pack, load_pack, resolve_pack

__all__ = ["BUILTIN_PACKS", "PolicyPack", "Rule", "builtin_pack", "load_pack", "resolve_pack"]
