"""What this machine trusts, and which pack is in force.

Trusted keys come from config.toml (`trusted_keys`) and from IT's managed settings, which the
extension pushes to the service (kept in CLEARPOST_HOME/managed-trusted-keys.json). Once any
key is trusted, the configured pack is used only if it is signed by one of them, has not
expired and is not older than the newest version of it this machine has accepted
(CLEARPOST_HOME/accepted-packs.json). A copy of the last accepted pack and its signature is
kept (last-good-pack.toml and .sig) so that a refused pack, even at start-up, never leaves the
user unchecked: the pack in force stays, else that copy, else the built-in `org` of config.toml.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clearpost.errors import InputError, PackSignatureError, PolicyPackError
from clearpost.policy.pack import PolicyPack, builtin_pack, load_pack
from clearpost.policy.signing import PublicKey, VerifiedPack, format_signature, parse_public_key, signature_path, verify_pack

MANAGED_KEYS_NAME = "managed-trusted-keys.json"
ACCEPTED_NAME = "accepted-packs.json"
LAST_GOOD_NAME = "last-good-pack.toml"
MAX_MANAGED_KEYS = 16

log = logging.getLogger("clearpost.trust")


@dataclass(frozen=True)
class PackInForce:
    """A pack the service uses, and how it got there."""

    pack: PolicyPack
    signed: bool = False
    signer: str | None = None
    key_id: str | None = None
    source: str = "built-in"

    @classmethod
    def of(cls, pack: PolicyPack) -> PackInForce:
        """An unsigned pack: built-in (source packs/<id>.toml) or a file."""
        return cls(pack, source="built-in" if pack.source.startswith("packs/") else pack.source)

    @classmethod
    def verified(cls, v: VerifiedPack, source: str) -> PackInForce:
        return cls(v.pack, signed=True, signer=v.signer, key_id=v.key_id, source=source)

    def to_dict(self) -> dict[str, Any]:
        p = self.pack
        return {"id": p.id, "name": p.name, "version": p.version,
                "issued": p.issued.isoformat() if p.issued else None,
                "expires": p.expires.isoformat() if p.expires else None,
                "signed": self.signed, "signer": self.signer, "key_id": self.key_id, "source": self.source}

    def describe(self) -> str:
        """'version 3 of QMUL's pack', 'the built-in iuk pack'."""
        if self.source == "built-in":
            return f"the built-in {self.pack.id} pack ({self.pack.name})"
        owner = f"{self.pack.name}'s pack"
        return f"version {self.pack.version} of {owner}" if self.pack.version is not None else owner


@dataclass(frozen=True)
class Refusal:
    """A pack the service would not load: which file, why (one sentence), and what stays."""

    file: str
    reason: str
    kept: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "reason": self.reason, "kept": self.kept}


NOTHING_KEPT = "no pack: none has been accepted on this machine yet, so each check must name a built-in organisation"


# --- trusted keys --------------------------------------------------------------------------

def union_keys(*groups: Iterable[PublicKey]) -> tuple[PublicKey, ...]:
    seen: dict[bytes, PublicKey] = {}
    for group in groups:
        for key in group:
            seen.setdefault(key.raw, key)
    return tuple(seen.values())


def parse_keys(texts: Sequence[str], where: str) -> tuple[PublicKey, ...]:
    """Keys from their `ed25519:` texts; InputError names `where[i]`."""
    keys = []
    for i, text in enumerate(texts):
        try:
            keys.append(parse_public_key(text))
        except InputError as exc:
            raise InputError(f"{where}[{i}]: {exc}") from None
    return tuple(keys)


def read_managed_keys(home: Path) -> tuple[PublicKey, ...]:
    """The keys IT pushed last; none if the file is missing or unreadable (then logged)."""
    path = home / MANAGED_KEYS_NAME
    try:
        data = json.loads(path.read_text("utf-8"))
        return parse_keys(data["keys"][:MAX_MANAGED_KEYS], str(path))
    except FileNotFoundError:
        return ()
    except (OSError, ValueError, KeyError, TypeError, InputError) as exc:
        log.warning("%s is unreadable (%s); ignoring it until the extension sends the managed keys again", path, type(exc).__name__)
        return ()


def write_managed_keys(home: Path, keys: Sequence[PublicKey]) -> None:
    _write_json(home / MANAGED_KEYS_NAME, {"keys": [k.text for k in keys]})


# --- no rollback -----------------------------------------------------------------------------

def read_accepted(home: Path | None) -> dict[str, int]:
    if home is None:
        return {}
    try:
        data = json.loads((home / ACCEPTED_NAME).read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("%s is unreadable (%s); treating it as empty", home / ACCEPTED_NAME, type(exc).__name__)
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)}


def record_accepted(home: Path | None, verified: VerifiedPack) -> None:
    """Remember the version (the highest per pack id) and keep a copy as the last good pack."""
    if home is None:
        return
    accepted = read_accepted(home)
    sig = verified.signature
    if accepted.get(sig.pack_id, 0) < sig.version:
        accepted[sig.pack_id] = sig.version
        _write_json(home / ACCEPTED_NAME, accepted)
    last = home / LAST_GOOD_NAME
    try:
        if last.read_bytes() == verified.raw:
            return
    except OSError:
        pass
    _write_bytes(signature_path(last), format_signature(sig).encode("utf-8"))
    _write_bytes(last, verified.raw)


def _write_json(path: Path, data: Any) -> None:
    _write_bytes(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --- the pack in force ---------------------------------------------------------------------

def load_policy(policy: Path, keys: Sequence[PublicKey], home: Path | None, *,
                current: PackInForce | None = None, fallback_org: str | None = None) -> tuple[PackInForce | None, Refusal | None]:
    """The configured pack if this machine accepts it, else what stays in force and why."""
    try:
        if not keys:
            return PackInForce.of(load_pack(policy)), None
        verified = verify_pack(policy, keys, accepted=read_accepted(home))
    except PackSignatureError as exc:
        reason = exc.reason
    except PolicyPackError as exc:
        reason = str(exc)
        if reason.startswith(f"{policy}: "):
            reason = reason[len(f"{policy}: "):]
    else:
        try:
            record_accepted(home, verified)
        except OSError as exc:
            log.warning("cannot record the accepted pack in %s (%s)", home, exc.strerror)
        return PackInForce.verified(verified, str(policy)), None

    kept = current or _last_good(keys, home) or _builtin(fallback_org)
    log.warning("policy pack %s refused: %s", policy, reason)
    return kept, Refusal(str(policy), reason, kept.describe() if kept else NOTHING_KEPT)


def _last_good(keys: Sequence[PublicKey], home: Path | None) -> PackInForce | None:
    if home is None or not keys or not (home / LAST_GOOD_NAME).exists():
        return None
    try:
        verified = verify_pack(home / LAST_GOOD_NAME, keys, allow_expired=True)
    except PolicyPackError:
        return None
    return PackInForce.verified(verified, str(home / LAST_GOOD_NAME))


def _builtin(org: str | None) -> PackInForce | None:
    if org is None:
        return None
    try:
        return PackInForce.of(builtin_pack(org))
    except PolicyPackError:
        return None
