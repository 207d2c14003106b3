"""Signed policy packs: Ed25519 keys, detached signatures (FILE.sig) and their verification.

Public keys are one line of text, the same in a .pub file, config.toml and the extension's
managed storage: `ed25519:<standard base64 of the 32 raw key bytes>`. A key's id is the first
16 hex digits of sha256 of those bytes.

What is signed is one canonical byte string, so a signature never depends on how a file was
read (text mode, newline translation, encoding): a fixed header line, then a JSON object with
sorted keys and ASCII escapes holding the pack's id, version, issue and expiry dates, the
signer's name, the key id and the pack's size, then a newline, then the pack file's exact bytes.
A changed byte, in the pack or in any of those fields, breaks the signature.

The .sig file is text, one `name: value` per line:

    clearpost-pack-signature 1
    pack: qmul-staff
    version: 3
    issued: 2026-09-01
    expires: 2027-08-31
    signer: QMUL Comms
    key: ed25519:...
    sha256: <hex of the pack's bytes>
    signature: <base64 of the 64-byte Ed25519 signature>

The sha256 line only lets a refusal say "the pack changed" rather than "the signature does not
match"; the signature itself covers the bytes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from clearpost.errors import InputError, PackSignatureError, PolicyPackError
from clearpost.policy.pack import PolicyPack, parse_pack

KEY_PREFIX = "ed25519:"
PRIVATE_KEY_NAME = "clearpost-signing.key"
PUBLIC_KEY_NAME = "clearpost-signing.pub"
UNNAMED_SIGNER = "unnamed signer"
SIG_SUFFIX = ".sig"
_SIG_MAGIC = "clearpost-pack-signature 1"
_MESSAGE_MAGIC = b"clearpost-pack-signature\n1\n"
_SIG_FIELDS = ("pack", "version", "issued", "expires", "signer", "key", "sha256", "signature")
_KEY_TEXT = re.compile(r"^ed25519:([A-Za-z0-9+/]{43}=)$")
_SIGNER = re.compile(r"^[^\x00-\x1f\x7f]{1,100}$")
MAX_SIG_BYTES = 4096


@dataclass(frozen=True)
class PublicKey:
    raw: bytes
    name: str | None = None

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()[:16]

    @property
    def text(self) -> str:
        return KEY_PREFIX + base64.b64encode(self.raw).decode("ascii")

    def describe(self) -> str:
        return f"key {self.key_id}" + (f" ({self.name})" if self.name else "")


def public_key_problem(text: object) -> str | None:
    """Why `text` is not a public key in the `ed25519:<base64>` form, or None."""
    if not isinstance(text, str):
        return "must be a string of the form ed25519:<base64 of 32 bytes>"
    m = _KEY_TEXT.match(text.strip())
    if not m:
        return "must be of the form ed25519:<base64 of 32 bytes> (44 characters after the colon, as in a clearpost-signing.pub file)"
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(m.group(1), validate=True))
    except (ValueError, binascii.Error):
        return "is not a valid Ed25519 public key; copy the ed25519: line of the signer's .pub file again"
    return None


def parse_public_key(text: str, name: str | None = None) -> PublicKey:
    """A public key from its text; InputError says what is wrong."""
    problem = public_key_problem(text)
    if problem:
        raise InputError(f"the public key {problem}")
    return PublicKey(base64.b64decode(text.strip()[len(KEY_PREFIX):]), name)


def read_public_key_file(path: str | Path) -> PublicKey:
    """A .pub file: the `ed25519:` line, and the signer's name from a `# signer: NAME` line."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the public key file ({getattr(exc, 'strerror', None) or exc})") from None
    name, key = None, None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.lower().startswith("# signer:"):
            name = stripped.split(":", 1)[1].strip() or None
        elif stripped and not stripped.startswith("#") and key is None:
            key = stripped
    if key is None:
        raise InputError(f"{path}: no ed25519: line; a .pub file written by `clearpost pack keygen` has one")
    problem = public_key_problem(key)
    if problem:
        raise InputError(f"{path}: the public key {problem}")
    return parse_public_key(key, name)


# --- keys ----------------------------------------------------------------------------------

def _write_new(path: Path, data: bytes, mode: int, force: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if force else os.O_EXCL)
    try:
        fd = os.open(path, flags, mode)
    except FileExistsError:
        raise InputError(f"{path} already exists; keep it, or pass --force to replace it (packs signed with it then need signing again)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(path, mode)  # O_CREAT's mode is filtered by the umask, and --force keeps an old mode


def generate_key_pair(out_dir: str | Path, passphrase: bytes, *, name: str = UNNAMED_SIGNER, force: bool = False) -> tuple[Path, Path, PublicKey]:
    """DIR/clearpost-signing.key (PKCS8 PEM, encrypted with `passphrase`, mode 0600) and
    DIR/clearpost-signing.pub (the ed25519: line and the signer's name)."""
    if not passphrase:
        raise InputError("the passphrase is empty; choose one (set CLEARPOST_KEY_PASSPHRASE or type it at the prompt)")
    if not _SIGNER.match(name):
        raise InputError("the signer's name must be 1 to 100 characters on one line")
    out = Path(out_dir)
    try:
        out.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the folder ({exc.strerror})") from None
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(passphrase))
    public = PublicKey(private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw), name)
    key_path, pub_path = out / PRIVATE_KEY_NAME, out / PUBLIC_KEY_NAME
    if not force:
        for p in (key_path, pub_path):
            if p.exists():
                raise InputError(f"{p} already exists; keep it, or pass --force to replace it (packs signed with it then need signing again)")
    _write_new(key_path, pem, 0o600, force)
    pub_text = (f"# Clearpost pack signing key (key id {public.key_id}). Give this file, or its ed25519: line, to IT.\n"
                f"# signer: {name}\n{public.text}\n")
    _write_new(pub_path, pub_text.encode("utf-8"), 0o644, force)
    return key_path, pub_path, public


def load_private_key(path: str | Path, passphrase: bytes) -> Ed25519PrivateKey:
    path = Path(path)
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the signing key ({exc.strerror})") from None
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase or None)
    except TypeError:
        raise InputError(f"{path}: the signing key is encrypted; give its passphrase (CLEARPOST_KEY_PASSPHRASE or the prompt)") from None
    except ValueError:
        raise InputError(f"{path}: wrong passphrase, or not a Clearpost signing key (a .key file written by `clearpost pack keygen`)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{path}: not an Ed25519 key; make one with `clearpost pack keygen`")
    return key


# --- the signed message and the .sig file -------------------------------------------------

@dataclass(frozen=True)
class Signature:
    pack_id: str
    version: int
    issued: dt.date
    expires: dt.date
    signer: str
    key: PublicKey
    sha256: str
    signature: bytes


def signing_message(raw: bytes, *, pack_id: str, version: int, issued: dt.date, expires: dt.date, signer: str, key_id: str) -> bytes:
    """The canonical bytes a signature covers (see the module docstring)."""
    header = {"expires": expires.isoformat(), "id": pack_id, "issued": issued.isoformat(), "key_id": key_id,
              "signer": signer, "size": len(raw), "version": version}
    return _MESSAGE_MAGIC + json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii") + b"\n" + raw


def format_signature(sig: Signature) -> str:
    return (f"{_SIG_MAGIC}\npack: {sig.pack_id}\nversion: {sig.version}\nissued: {sig.issued.isoformat()}\n"
            f"expires: {sig.expires.isoformat()}\nsigner: {sig.signer}\nkey: {sig.key.text}\nsha256: {sig.sha256}\n"
            f"signature: {base64.b64encode(sig.signature).decode('ascii')}\n")


def parse_signature(raw: bytes) -> Signature:
    """A .sig file's fields; ValueError says what is damaged."""
    if len(raw) > MAX_SIG_BYTES:
        raise ValueError("it is far larger than a signature")
    try:
        lines = [line.rstrip("\r") for line in raw.decode("utf-8").split("\n")]
    except UnicodeDecodeError:
        raise ValueError("it is not text") from None
    if lines[0].strip(" \t") != _SIG_MAGIC:
        raise ValueError(f"its first line is not {_SIG_MAGIC!r}")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        if not line.strip(" \t"):
            continue
        name, sep, value = line.partition(":")
        if not sep or name not in _SIG_FIELDS or name in fields:
            raise ValueError("it has a line that is not one of its fields")
        fields[name] = value.strip(" \t")
    missing = [f for f in _SIG_FIELDS if f not in fields]
    if missing:
        raise ValueError(f"it is incomplete (no {', '.join(missing)})")
    try:
        version = int(fields["version"])
        issued, expires = dt.date.fromisoformat(fields["issued"]), dt.date.fromisoformat(fields["expires"])
    except ValueError:
        raise ValueError("its version or dates are unreadable") from None
    problem = public_key_problem(fields["key"])
    if problem:
        raise ValueError(f"its key {problem}")
    try:
        signature = base64.b64decode(fields["signature"], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("its signature is not base64") from None
    if len(signature) != 64 or not re.fullmatch(r"[0-9a-f]{64}", fields["sha256"]) or not _SIGNER.match(fields["signer"]):
        raise ValueError("its signature, sha256 or signer line is cut short or altered")
    return Signature(fields["pack"], version, issued, expires, fields["signer"], parse_public_key(fields["key"]),
                     fields["sha256"], signature)


def signature_path(pack_path: str | Path) -> Path:
    return Path(str(pack_path) + SIG_SUFFIX)


def sign_pack(pack_path: str | Path, private_key: Ed25519PrivateKey, *, signer: str = UNNAMED_SIGNER) -> tuple[Path, Signature]:
    """Write PACK.sig. Refuses a pack that is invalid or has no version, issued or expires."""
    pack_path = Path(pack_path)
    try:
        raw = pack_path.read_bytes()
    except OSError as exc:
        raise PolicyPackError(f"{pack_path}: cannot read the policy pack ({exc.strerror or exc})") from None
    pack = parse_pack(raw, str(pack_path))
    missing = [name for name in ("version", "issued", "expires") if getattr(pack, name) is None]
    if missing:
        raise PolicyPackError(
            f"{pack_path}: cannot sign a pack without {', '.join(missing)}; add them at the top, e.g. "
            "version = 1, issued = 2026-09-01 and expires = 2027-08-31 (dates without quotes)")
    assert pack.version is not None and pack.issued is not None and pack.expires is not None
    if pack.expires < pack.issued:
        raise PolicyPackError(f"{pack_path}: field expires: {pack.expires} is before issued {pack.issued}; expires must be on or after issued")
    if not _SIGNER.match(signer):
        raise InputError("the signer's name must be 1 to 100 characters on one line")
    public = PublicKey(private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw), signer)
    message = signing_message(raw, pack_id=pack.id, version=pack.version, issued=pack.issued, expires=pack.expires,
                              signer=signer, key_id=public.key_id)
    sig = Signature(pack.id, pack.version, pack.issued, pack.expires, signer, public, hashlib.sha256(raw).hexdigest(),
                    private_key.sign(message))
    out = signature_path(pack_path)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(format_signature(sig).encode("utf-8"))
    os.replace(tmp, out)  # a service polling the folder never sees half a signature
    return out, sig


# --- verification --------------------------------------------------------------------------

@dataclass(frozen=True)
class VerifiedPack:
    pack: PolicyPack
    signature: Signature
    raw: bytes

    @property
    def signer(self) -> str:
        return self.signature.signer

    @property
    def key_id(self) -> str:
        return self.signature.key.key_id


def utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def verify_pack(pack_path: str | Path, trusted: Sequence[PublicKey], *, accepted: Mapping[str, int] | None = None,
                today: dt.date | None = None, allow_expired: bool = False, given_key_file: str | None = None) -> VerifiedPack:
    """The pack at `pack_path`, if PACK.sig is a valid signature by one of `trusted`, it has
    not expired and it is not older than the version of the same pack id in `accepted` (the
    newest accepted on this machine). Otherwise PackSignatureError with one sentence: what is
    wrong and what to do."""
    path = Path(pack_path)
    source = str(path)
    today = today or utc_today()

    def refuse(reason: str) -> PackSignatureError:
        return PackSignatureError(source, reason)

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise refuse(f"cannot read the pack file ({exc.strerror or exc}); check the policy path in config.toml") from None
    sig_path = signature_path(path)
    try:
        sig_raw = sig_path.read_bytes()
    except FileNotFoundError:
        raise refuse(f"the pack is not signed: {sig_path.name} is missing; sign it with `clearpost pack sign {path.name} --key KEYFILE` "
                     "and put the .sig file beside it") from None
    except OSError as exc:
        raise refuse(f"cannot read its signature {sig_path.name} ({exc.strerror or exc})") from None
    try:
        sig = parse_signature(sig_raw)
    except ValueError as exc:
        raise refuse(f"the signature file {sig_path.name} is damaged: {exc}; sign the pack again") from None

    key = next((k for k in trusted if k.raw == sig.key.raw), None)
    if key is None:
        if given_key_file is not None:
            given = ", ".join(k.key_id for k in trusted)
            raise refuse(f"it was signed by {sig.signer} with key {sig.key.key_id}, not with the key in {given_key_file} ({given}); "
                         "verify with the signer's own .pub file")
        if not trusted:
            raise refuse("no signing keys are trusted on this machine; add the organisation's public key to trusted_keys in config.toml")
        raise refuse(f"it was signed by {sig.signer} with key {sig.key.key_id}, which this machine does not trust; "
                     "add that public key to trusted_keys (config.toml or IT's managed settings) or have the pack signed with a trusted key")
    if hashlib.sha256(raw).hexdigest() != sig.sha256:
        raise refuse(f"the pack file has changed since {sig.signer} signed it (its bytes differ from the signed ones); "
                     "restore the signed file or sign the changed pack again")
    message = signing_message(raw, pack_id=sig.pack_id, version=sig.version, issued=sig.issued, expires=sig.expires,
                              signer=sig.signer, key_id=sig.key.key_id)
    try:
        Ed25519PublicKey.from_public_bytes(key.raw).verify(sig.signature, message)
    except InvalidSignature:
        raise refuse(f"the signature in {sig_path.name} does not match the pack: the .sig file was altered or made for other contents; "
                     "sign the pack again") from None
    try:
        pack = parse_pack(raw, source)
    except PolicyPackError as exc:
        raise refuse(f"the signed pack is not valid ({exc}); fix it, then sign it again") from None
    if (pack.id, pack.version, pack.issued, pack.expires) != (sig.pack_id, sig.version, sig.issued, sig.expires):
        raise refuse("the pack's id, version or dates are not the ones that were signed; sign the pack again")
    if today > sig.expires and not allow_expired:
        raise refuse(f"version {sig.version} expired on {sig.expires.isoformat()}; ask {sig.signer} for a newer version of the pack")
    accepted_version = (accepted or {}).get(sig.pack_id)
    if accepted_version is not None and sig.version < accepted_version:
        raise refuse(f"it is version {sig.version}, older than version {accepted_version} already accepted on this machine, "
                     f"and going back is not allowed; install version {accepted_version} or newer")
    return VerifiedPack(pack, sig, raw)
