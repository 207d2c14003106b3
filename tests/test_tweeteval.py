"""The product's figure on real tweets (TweetEval offensive test split, counted as the product
flags: toxicity or profanity at warn or block), and the rules that keep test out of tuning."""

from __future__ import annotations

import subprocess
import sys

import pytest

from clearpost import Engine
from clearpost.checks.toxicity import ToxicityCheck
from clearpost.errors import InputError
from clearpost.tweeteval import flagged_at, macro_f1, read_split, run_tweeteval, score_split
from tests.conftest import shared_dir

# The shipped model, thresholds and rules measured 0.773 (models/README.md; 0.765 before issue 12's retraining). Issue 3 asks for 0.78;
# this guards against regressions below what ships, it is not that bar.
SHIPPED_OFFENSIVE_TEST_MACRO_F1 = 0.773


def test_offensive_test_split_macro_f1_does_not_regress(engine: Engine) -> None:
    toxicity = engine.checks["toxicity"]
    assert isinstance(toxicity, ToxicityCheck)
    texts, labels = read_split(shared_dir(), "offensive", "test")
    scores = score_split(engine, toxicity, texts, labels)
    f1 = macro_f1(scores.labels, flagged_at(scores, toxicity.thresholds).astype(int))
    assert f1 >= SHIPPED_OFFENSIVE_TEST_MACRO_F1 - 0.005
    # The model earns its place: rules and lexicons alone score lower.
    assert macro_f1(scores.labels, scores.rules_flagged.astype(int)) < f1


def test_macro_f1_by_hand() -> None:
    import numpy as np

    labels = np.array([1, 1, 0, 0])
    assert macro_f1(labels, np.array([1, 1, 0, 0])) == 1.0
    assert macro_f1(labels, np.array([1, 0, 0, 0])) == pytest.approx((2 / 3 + 0.8) / 2)


def test_calibrating_on_test_is_refused() -> None:
    with pytest.raises(InputError, match="never chosen on test"):
        run_tweeteval(shared=shared_dir(), split="test", tasks=("offensive",), calibrate_now=True, save=False, as_json=True)


def test_missing_data_says_what_to_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = subprocess.run([sys.executable, "-m", "clearpost", "tweeteval", "--shared", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "pass --shared" in run.stderr
