"""Policy packs load and validate; a broken pack fails with an error naming the file and field."""

from pathlib import Path

import pytest

from clearpost import BUILTIN_PACKS, PolicyPackError, builtin_pack, load_pack
from clearpost.categories import CATEGORIES

REPO = Path(__file__).resolve().parents[1]
IUK = (REPO / "backend/clearpost/packs/iuk.toml").read_text("utf-8")


@pytest.mark.parametrize("pack_id", BUILTIN_PACKS)
def test_builtin_packs_load(pack_id: str) -> None:
    pack = builtin_pack(pack_id)
    assert pack.id == pack_id
    assert pack.rules
    prefix = {"ids": "IDS ", "lshtm": "LSHTM ", "society": "Society ", "iuk": "IUK ", "qmul": "QMUL "}[pack_id]
    assert all(r.clause.startswith(prefix) for r in pack.rules)
    assert {r.category for r in pack.rules} <= set(CATEGORIES)


def test_disclaimer_rules_only_where_the_policy_has_them() -> None:
    with_rule = {p for p in BUILTIN_PACKS if any(r.category == "disclaimer" for r in builtin_pack(p).rules)}
    assert with_rule == {"ids", "iuk", "society"}


def test_custom_pack_from_file(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(IUK.replace('id = "iuk"', 'id = "acme"', 1), "utf-8")
    assert load_pack(path).id == "acme"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.replace('severity = "block"', 'severity = "blocker"', 1), "field rules[0].severity"),
        (lambda s: s.replace('clause = "IUK 4.18"\n', "", 1), "'clause' is a required property"),
        (lambda s: s.replace('name = "IntegrateUK"\n', "", 1), "'name' is a required property"),
        (lambda s: s.replace('category = "personal-data"', 'category = "gossip"', 1), "field rules[0].category"),
        (lambda s: s.replace('accounts = ["official", "personal"]', 'accounts = ["corporate"]', 1), "field rules[0].accounts[0]"),
        (lambda s: s.replace("schema_version = 1", "schema_version = 2"), "field schema_version"),
        (lambda s: s.replace('id = "iuk-toxicity-official"', 'id = "iuk-personal-data"'), "field rules[1].id: rule id 'iuk-personal-data' is used twice"),
        (lambda s: s.replace('signal = "indirect"', 'signal = "sideways"'), "field rules[7].signal"),
        (lambda s: s.replace("disclaimer = \"The views", "# disclaimer = \"The views"), "field disclaimer: required"),
        (lambda s: s + "\nunknown_key = 1\n", "Additional properties are not allowed"),
        (lambda s: s.replace("[[rules]]", "[[rules]", 1), "not valid TOML"),
    ],
)
def test_broken_pack_names_file_and_field(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.toml"
    path.write_text(change(IUK), "utf-8")
    with pytest.raises(PolicyPackError) as err:
        load_pack(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_missing_and_binary_pack_files(tmp_path: Path) -> None:
    with pytest.raises(PolicyPackError, match="cannot read"):
        load_pack(tmp_path / "nope.toml")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(PolicyPackError, match="not UTF-8"):
        load_pack(binary)


def test_unknown_org_lists_the_packs() -> None:
    with pytest.raises(PolicyPackError) as err:
        builtin_pack("oxford")
    for pack_id in BUILTIN_PACKS:
        assert pack_id in str(err.value)
