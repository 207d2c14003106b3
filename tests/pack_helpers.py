"""Signed packs for the pack tests: an organisation's pack (from the built-in iuk one) at a
chosen version and dates, written and signed with a given key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clearpost.policy.authoring import new_pack_text
from clearpost.policy.signing import PublicKey, sign_pack

FAR_FUTURE = dt.date(2099, 12, 31)


def pack_text(*, version: int = 1, issued: dt.date = dt.date(2026, 1, 1), expires: dt.date = FAR_FUTURE,
              pack_id: str = "acme", clause: str = "IUK", extra: str = "") -> str:
    """The iuk pack as the organisation `pack_id`, with its clauses renamed `clause` (so a
    finding shows which version of the pack produced it)."""
    text = new_pack_text("iuk", pack_id=pack_id)
    text = re.sub(r"(?m)^version = .*$", f"version = {version}", text)
    text = re.sub(r"(?m)^issued = .*$", f"issued = {issued.isoformat()}", text)
    text = re.sub(r"(?m)^expires = .*$", f"expires = {expires.isoformat()}", text)
    text = text.replace('clause = "IUK ', f'clause = "{clause} ')
    if extra:
        text = text.replace("\n[[rules]]", "\n" + extra.strip() + "\n\n[[rules]]", 1)
    return text


def public_of(key: Ed25519PrivateKey, name: str | None = None) -> PublicKey:
    from cryptography.hazmat.primitives import serialization

    return PublicKey(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw), name)


def write_signed(path: Path, key: Ed25519PrivateKey, *, signer: str = "ACME Comms", **kw: object) -> bytes:
    """Write the pack and its .sig (each replaced atomically); the pack's bytes."""
    raw = pack_text(**kw).encode("utf-8")  # type: ignore[arg-type]
    tmp = path.with_name(path.name + ".new")
    tmp.write_bytes(raw)
    tmp.replace(path)
    sign_pack(path, key, signer=signer)
    return raw
