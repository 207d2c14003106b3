"""Signed packs: keys, FILE.sig, and every way verification refuses a pack (a byte flipped
anywhere, another key, expired, rolled back, truncated, unsigned), each with its own message;
a fuzz of pack and signature files that always ends in a clear PolicyPackError; rotation to
a second key; and `clearpost pack keygen/sign/verify` through cli.main."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clearpost import InputError, PolicyPackError
from clearpost.cli import main
from clearpost.errors import PackSignatureError
from clearpost.policy.authoring import check_pack
from clearpost.policy.pack import parse_pack
from clearpost.policy.signing import (
    PRIVATE_KEY_NAME,
    PUBLIC_KEY_NAME,
    UNNAMED_SIGNER,
    generate_key_pair,
    load_private_key,
    parse_public_key,
    public_key_problem,
    read_public_key_file,
    sign_pack,
    signature_path,
    verify_pack,
)
from tests.pack_helpers import FAR_FUTURE, pack_text, public_of, write_signed

KEY_A = Ed25519PrivateKey.generate()
KEY_B = Ed25519PrivateKey.generate()
PUB_A, PUB_B = public_of(KEY_A), public_of(KEY_B)


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    path = tmp_path / "acme.toml"
    write_signed(path, KEY_A, version=3)
    return path


def _refusal(path: Path, keys: tuple[object, ...] = (PUB_A,), **kw: object) -> str:
    with pytest.raises(PackSignatureError) as err:
        verify_pack(path, keys, **kw)  # type: ignore[arg-type]
    assert err.value.source == str(path)
    assert str(err.value).startswith(f"{path}: ")
    return err.value.reason


# --- accepted ---------------------------------------------------------------------------------

def test_a_signed_pack_verifies_with_who_signed_it(signed: Path) -> None:
    v = verify_pack(signed, [PUB_B, PUB_A])
    assert v.pack.id == "acme" and v.pack.version == 3
    assert v.signer == "ACME Comms" and v.key_id == PUB_A.key_id
    assert v.signature.expires == FAR_FUTURE and v.signature.issued == dt.date(2026, 1, 1)
    assert len(PUB_A.key_id) == 16 and PUB_A.key_id == hashlib.sha256(PUB_A.raw).hexdigest()[:16]


def test_the_signature_covers_exact_bytes_whatever_their_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(pack_text().replace("\n", "\r\n").encode("utf-8"))
    sign_pack(path, KEY_A)
    assert verify_pack(path, [PUB_A]).signer == UNNAMED_SIGNER
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))  # what a text-mode copy on another OS would do
    assert "changed since" in _refusal(path)


def test_expiry_day_itself_is_still_valid(signed: Path) -> None:
    assert verify_pack(signed, [PUB_A], today=FAR_FUTURE).pack.version == 3


def test_same_or_newer_version_than_accepted_is_fine(signed: Path) -> None:
    assert verify_pack(signed, [PUB_A], accepted={"acme": 3, "other": 9}).pack.version == 3
    assert verify_pack(signed, [PUB_A], accepted={"acme": 2}).pack.version == 3


# --- refused, each with its own message -------------------------------------------------------

def _flip(path: Path, index: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[index] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("where", ["first", "second", "middle", "last", "id =", "version =", "issued =", "expires =",
                                   "severity =", "disclaimer =", "clause ="])
def test_one_byte_flipped_anywhere_in_the_pack_is_refused(signed: Path, where: str) -> None:
    raw = signed.read_bytes()
    index = {"first": 0, "second": 1, "middle": len(raw) // 2, "last": len(raw) - 1}.get(where)
    if index is None:
        index = raw.index(b"\n" + where.encode()) + len(where) + 3  # inside the value
    _flip(signed, index)
    reason = _refusal(signed)
    assert "the pack file has changed since ACME Comms signed it" in reason
    assert "sign the changed pack again" in reason


@pytest.mark.parametrize(("line", "old", "new"), [
    ("pack", "pack: acme", "pack: acne"),
    ("version", "version: 3", "version: 4"),
    ("issued", "issued: 2026-01-01", "issued: 2026-01-02"),
    ("expires", "expires: 2099-12-31", "expires: 2099-12-30"),
    ("signer", "signer: ACME Comms", "signer: ACME Comma"),
])
def test_a_changed_field_in_the_signature_file_breaks_the_signature(signed: Path, line: str, old: str, new: str) -> None:
    sig = signature_path(signed)
    text = sig.read_text("utf-8")
    assert old in text
    sig.write_text(text.replace(old, new), "utf-8")
    reason = _refusal(signed)
    assert "does not match the pack" in reason, line


def test_a_changed_pack_with_its_recorded_hash_updated_still_fails(signed: Path) -> None:
    """Whoever changes the pack and fixes up the sha256 line still cannot make the signature fit."""
    text = signed.read_text("utf-8").replace("version = 3", "version = 9")
    signed.write_text(text, "utf-8")
    sig = signature_path(signed)
    lines = [(f"sha256: {hashlib.sha256(text.encode()).hexdigest()}" if line.startswith("sha256:") else line)
             for line in sig.read_text("utf-8").splitlines()]
    sig.write_text("\n".join(lines) + "\n", "utf-8")
    assert "does not match the pack" in _refusal(signed)


def test_a_flipped_bit_in_the_signature_itself(signed: Path) -> None:
    sig = signature_path(signed)
    lines = sig.read_text("utf-8").splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("signature: "))
    value = lines[i][len("signature: "):]
    lines[i] = "signature: " + ("B" if value[0] != "B" else "C") + value[1:]
    sig.write_text("\n".join(lines) + "\n", "utf-8")
    assert "does not match the pack" in _refusal(signed)


def test_signed_by_another_key(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    write_signed(path, KEY_B, signer="Someone Else")
    reason = _refusal(path, (PUB_A,))
    assert f"signed by Someone Else with key {PUB_B.key_id}, which this machine does not trust" in reason
    assert "trusted_keys" in reason
    given = _refusal(path, (PUB_A,), given_key_file="acme.pub")
    assert f"not with the key in acme.pub ({PUB_A.key_id})" in given


def test_no_trusted_keys_at_all(signed: Path) -> None:
    assert "no signing keys are trusted on this machine" in _refusal(signed, ())


def test_expired(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    write_signed(path, KEY_A, version=2, issued=dt.date(2020, 1, 1), expires=dt.date(2020, 12, 31))
    reason = _refusal(path)
    assert reason == "version 2 expired on 2020-12-31; ask ACME Comms for a newer version of the pack"
    assert verify_pack(path, [PUB_A], allow_expired=True).pack.version == 2


def test_rollback_to_an_older_version(signed: Path) -> None:
    reason = _refusal(signed, accepted={"acme": 4})
    assert reason == ("it is version 3, older than version 4 already accepted on this machine, and going back is not "
                      "allowed; install version 4 or newer")


@pytest.mark.parametrize("keep", [0, 1, 40, 0.5, -1])
def test_truncated_pack(signed: Path, keep: float) -> None:
    raw = signed.read_bytes()
    cut = int(len(raw) * keep) if isinstance(keep, float) else (keep if keep >= 0 else len(raw) + keep)
    signed.write_bytes(raw[:cut])
    assert "changed since" in _refusal(signed)


@pytest.mark.parametrize("keep", [0, 10, 60, 150, 0.9, -3])
def test_truncated_signature(signed: Path, keep: float) -> None:
    sig = signature_path(signed)
    raw = sig.read_bytes()
    cut = int(len(raw) * keep) if isinstance(keep, float) else (keep if keep >= 0 else len(raw) + keep)
    sig.write_bytes(raw[:cut])
    reason = _refusal(signed)
    assert "acme.toml.sig is damaged" in reason and "sign the pack again" in reason


def test_missing_signature(signed: Path) -> None:
    signature_path(signed).unlink()
    reason = _refusal(signed)
    assert reason.startswith("the pack is not signed: acme.toml.sig is missing")
    assert "clearpost pack sign acme.toml --key KEYFILE" in reason


def test_missing_pack(tmp_path: Path) -> None:
    assert "cannot read the pack file" in _refusal(tmp_path / "nowhere.toml")


def test_every_refusal_has_its_own_message(tmp_path: Path) -> None:
    reasons = set()
    for case in ("flip", "other-key", "expired", "rollback", "truncated", "unsigned"):
        path = tmp_path / f"{case}.toml"
        kw: dict[str, object] = {}
        if case == "expired":
            kw = {"issued": dt.date(2020, 1, 1), "expires": dt.date(2020, 12, 31)}
        write_signed(path, KEY_B if case == "other-key" else KEY_A, **kw)
        if case == "flip":
            _flip(path, 100)
        elif case == "truncated":
            signature_path(path).write_bytes(signature_path(path).read_bytes()[:50])
        elif case == "unsigned":
            signature_path(path).unlink()
        reason = _refusal(path, accepted={"acme": 2} if case == "rollback" else None)
        reasons.add(reason.split(";")[0].split(":")[0][:30])
    assert len(reasons) == 6


# --- rotation -----------------------------------------------------------------------------------

def test_rotation_to_a_second_key(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    write_signed(path, KEY_A, version=1)
    assert verify_pack(path, [PUB_A]).key_id == PUB_A.key_id
    # Both keys trusted while the new one takes over: packs signed by either are accepted.
    assert verify_pack(path, [PUB_A, PUB_B]).key_id == PUB_A.key_id
    write_signed(path, KEY_B, version=2, signer="ACME Comms (2027 key)")
    assert verify_pack(path, [PUB_A, PUB_B]).signer == "ACME Comms (2027 key)"
    # The old key removed: the new pack still verifies, a pack signed with the old key no longer does.
    assert verify_pack(path, [PUB_B]).pack.version == 2
    write_signed(path, KEY_A, version=3)
    assert "which this machine does not trust" in _refusal(path, (PUB_B,))


# --- fuzz: a clear error every time, never a traceback ------------------------------------------

_TOKENS = [b"[[rules]]", b"[extra.confidential]", b"=", b'"', b"'", b"\n", b"[", b"]", b"{", b"}", b"\x00", b"\xff\xfe",
           b"version = 0", b"expires = 2020-13-40", b"issued = \"2026-01-01\"", b"patterns = ['(a+)+']",
           b"words = []", b"category = \"gossip\"", b"#", b"\\u0000", b"1979-05-27T07:32:00Z", b"inf", b"-", b"."]


def _mutate(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randrange(len(data) + 1) if data else 0
        if op == 0 and data:
            data[min(at, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            del data[at:at + rng.randint(1, 40)]
        elif op == 2:
            data[at:at] = rng.choice(_TOKENS)
        elif op == 3:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif op == 4:
            lines = bytes(data).split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
        else:
            data = data[:at]
    return bytes(data)


def test_fuzzed_pack_files_always_give_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fuzzed.toml"
    original = write_signed(path, KEY_A, extra='[extra.confidential]\nwords = ["Project Kestrel"]\npatterns = [\'\\bPRJ-\\d{4}\\b\']')
    sig = signature_path(path).read_bytes()
    rng = random.Random(20261202)
    loaded = refused = 0
    for case in range(300):
        mutated = _mutate(original, rng)
        try:
            parse_pack(mutated, str(path))
            loaded += 1
        except PolicyPackError as exc:
            assert str(path) in str(exc), (case, str(exc))
            assert "Traceback" not in str(exc)
            refused += 1
        path.write_bytes(mutated)
        try:  # what `clearpost pack check` runs: every problem listed, each naming the file
            check_pack(path)
        except PolicyPackError as exc:
            assert str(exc).count(str(path)) >= 1, (case, str(exc))
        # The same file, signed before it was mutated: refused every time it differs.
        if mutated != original:
            with pytest.raises(PackSignatureError) as err:
                verify_pack(path, [PUB_A])
            assert err.value.reason
    assert refused > 100  # most mutations break the pack; some (in comments) do not
    path.write_bytes(original)
    assert verify_pack(path, [PUB_A]).pack.id == "acme"
    assert sig == signature_path(path).read_bytes()


def test_fuzzed_signature_files_always_give_a_clear_refusal(signed: Path) -> None:
    sig = signature_path(signed)
    original = sig.read_bytes()
    rng = random.Random(7)
    for _ in range(300):
        mutated = _mutate(original, rng)
        sig.write_bytes(mutated)
        if mutated == original:
            continue
        try:
            verify_pack(signed, [PUB_A])
        except PackSignatureError as exc:
            assert exc.reason and str(signed) in str(exc)
        else:  # only the order of the lines, or white space around them, can change harmlessly
            def fields(raw: bytes) -> list[bytes]:
                return sorted(line.strip(b" \t\r") for line in raw.split(b"\n") if line.strip(b" \t\r"))

            assert fields(mutated) == fields(original)


# --- keys ----------------------------------------------------------------------------------------

def test_keygen_writes_an_encrypted_private_key_only_the_user_can_read(tmp_path: Path) -> None:
    key_path, pub_path, public = generate_key_pair(tmp_path / "keys", b"correct horse", name="ACME Comms")
    assert key_path.name == PRIVATE_KEY_NAME and pub_path.name == PUBLIC_KEY_NAME
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in key_path.read_bytes()
    assert read_public_key_file(pub_path) == public
    assert public.name == "ACME Comms" and public.text.startswith("ed25519:") and len(public.text) == 52
    private = load_private_key(key_path, b"correct horse")
    assert public_of(private).raw == public.raw
    with pytest.raises(InputError, match="wrong passphrase"):
        load_private_key(key_path, b"wrong")
    with pytest.raises(InputError, match="already exists"):
        generate_key_pair(tmp_path / "keys", b"correct horse")
    with pytest.raises(InputError, match="passphrase is empty"):
        generate_key_pair(tmp_path / "other", b"")


@pytest.mark.parametrize(("text", "problem"), [
    ("ed25519:abc", "must be of the form ed25519:<base64 of 32 bytes>"),
    ("rsa:" + "A" * 43 + "=", "must be of the form"),
    ("ed25519:" + "A" * 44, "must be of the form"),
    (42, "must be a string"),
])
def test_bad_public_keys(text: object, problem: str) -> None:
    assert problem in (public_key_problem(text) or "")


def test_public_key_text_round_trips() -> None:
    assert parse_public_key(PUB_A.text).raw == PUB_A.raw
    assert public_key_problem(PUB_A.text) is None


def test_sign_refuses_a_pack_without_version_or_dates(tmp_path: Path) -> None:
    path = tmp_path / "iuk-copy.toml"
    path.write_bytes((Path(__file__).parents[1] / "backend/clearpost/packs/iuk.toml").read_bytes().replace(b'id = "iuk"', b'id = "copy"'))
    with pytest.raises(PolicyPackError) as err:
        sign_pack(path, KEY_A)
    assert "cannot sign a pack without version, issued, expires" in str(err.value)
    assert str(path) in str(err.value)
    assert not signature_path(path).exists()


# --- the CLI ---------------------------------------------------------------------------------------

@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLEARPOST_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CLEARPOST_KEY_PASSPHRASE", "correct horse battery")
    return tmp_path / "home"


def test_cli_keygen_sign_verify(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys"
    assert main(["pack", "keygen", "--out", str(keys), "--name", "ACME Comms"]) == 0
    out = capsys.readouterr().out
    public = read_public_key_file(keys / PUBLIC_KEY_NAME)
    assert public.text in out and public.key_id in out and "ACME Comms" in out
    assert stat.S_IMODE((keys / PRIVATE_KEY_NAME).stat().st_mode) == 0o600

    pack = tmp_path / "our-pack.toml"
    pack.write_text(pack_text(version=5), "utf-8")
    assert main(["pack", "sign", str(pack), "--key", str(keys / PRIVATE_KEY_NAME)]) == 0
    out = capsys.readouterr().out
    assert "version 5" in out and "signer ACME Comms" in out and f"{pack}.sig" in out

    assert main(["pack", "verify", str(pack), "--pubkey", str(keys / PUBLIC_KEY_NAME)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"OK: {pack} is version 5 of IntegrateUK's pack")
    assert f"signed by ACME Comms with key {public.key_id}" in out and "expires 2099-12-31" in out

    # Against this machine's keys: none trusted yet, then config.toml's trusted_keys.
    assert main(["pack", "verify", str(pack)]) == 1
    assert "no signing keys are trusted on this machine" in capsys.readouterr().err
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(f'trusted_keys = ["{public.text}"]\n', "utf-8")
    assert main(["pack", "verify", str(pack)]) == 0
    capsys.readouterr()

    pack.write_bytes(pack.read_bytes().replace(b'severity = "warn"', b'severity = "info"', 1))
    assert main(["pack", "verify", str(pack)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"clearpost: refused: {pack}: the pack file has changed since ACME Comms signed it")


def test_cli_verify_reports_rollback_against_this_machine(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "acme.toml"
    write_signed(pack, KEY_A, version=2)
    home.mkdir()
    (home / "config.toml").write_text(f'trusted_keys = ["{PUB_A.text}"]\n', "utf-8")
    (home / "accepted-packs.json").write_text(json.dumps({"acme": 3}), "utf-8")
    assert main(["pack", "verify", str(pack)]) == 1
    assert "older than version 3 already accepted on this machine" in capsys.readouterr().err


def test_cli_sign_with_the_wrong_passphrase_or_no_passphrase(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    keys = tmp_path / "keys"
    assert main(["pack", "keygen", "--out", str(keys)]) == 0
    assert "Signer: unnamed signer" in capsys.readouterr().out
    pack = tmp_path / "acme.toml"
    pack.write_text(pack_text(), "utf-8")
    monkeypatch.setenv("CLEARPOST_KEY_PASSPHRASE", "not it")
    assert main(["pack", "sign", str(pack), "--key", str(keys / PRIVATE_KEY_NAME)]) == 2
    assert "wrong passphrase" in capsys.readouterr().err
    monkeypatch.delenv("CLEARPOST_KEY_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", None)
    assert main(["pack", "sign", str(pack), "--key", str(keys / PRIVATE_KEY_NAME)]) == 2
    assert "no passphrase: set CLEARPOST_KEY_PASSPHRASE" in capsys.readouterr().err
    assert not signature_path(pack).exists()


def test_cli_keygen_refuses_to_overwrite(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "keygen", "--out", str(tmp_path)]) == 0
    before = (tmp_path / PRIVATE_KEY_NAME).read_bytes()
    assert main(["pack", "keygen", "--out", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / PRIVATE_KEY_NAME).read_bytes() == before


def test_cli_verify_with_a_bad_pubkey_file_is_a_usage_error(signed: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = signed.parent / "bad.pub"
    bad.write_text("ed25519:nope\n", "utf-8")
    assert main(["pack", "verify", str(signed), "--pubkey", str(bad)]) == 2
    assert "bad.pub: the public key must be of the form" in capsys.readouterr().err
