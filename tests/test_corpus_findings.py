"""clearpost.corpus_findings: the fixed corpus behind `make findings`, and its one boundary."""

from pathlib import Path

import pytest

from clearpost.corpus_findings import corpus, main
from tests.conftest import shared_dir


def test_the_corpus_is_the_same_every_time() -> None:
    # Two checkouts compared with `cmp` must read the same texts in the same order.
    first, second = corpus(shared_dir()), corpus(shared_dir())
    assert first == second
    assert len(first) == 11_540
    assert all(text.strip() for text in first)


def test_a_folder_without_the_shared_data_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "findings.jsonl"
    assert main([str(out), "--shared", str(tmp_path)]) == 2
    assert "holds no eval/dev.jsonl" in capsys.readouterr().err
    assert not out.exists()
