"""credentials: passwords, passcodes, keys, tokens and login details; not advice about them."""

import re

import pytest

SECRETS = [
    "The wifi password is Welcome2024!",
    "Zoom passcode: 889123",
    "login: admin / pass Hunter22",
    "Door code for the lab is 4471#",
    "API key: sk_live_51HxYzAbCdEfGhIjKlMnOpQr",
    "github token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    "aws key AKIAIOSFODNN7EXAMPLE for the bucket",
    "slack token for the bot: xoxb-2481392749-2489271894-Kd83hF82hd82Jd8",
]
ADVICE = [
    "Tips for choosing a strong passphrase: use four random words.",
    "Never share your password with anyone, including IT staff.",
    "Reset your password at the start of each term.",
    "The API documentation is now online.",
    "We pass 2024 with record numbers of graduates.",
    "Our token of thanks to all volunteers: free cake at 3pm.",
]


@pytest.mark.parametrize("text", SECRETS)
def test_fires(fired, text: str) -> None:
    assert "credentials" in fired(text, "qmul", "official")


@pytest.mark.parametrize("text", ADVICE)
def test_quiet(fired, text: str) -> None:
    assert "credentials" not in fired(text, "qmul", "official")


def test_only_regex_plugins_so_the_pattern_prefilter_skips_nothing() -> None:
    """The check answers a sentence that none of its plugins' patterns match without calling
    detect-secrets. That is exact only while every plugin reports nothing but what its patterns
    find: a plugin added to the list that is not regex-based fails here first."""
    from detect_secrets.plugins.base import BasePlugin, RegexBasedDetector
    from detect_secrets.settings import get_plugins

    from clearpost.checks.credentials import _use_our_plugins

    shapes = _use_our_plugins()
    plugins = get_plugins()
    assert len(plugins) == 23 and len(shapes) >= len(plugins)
    for plugin in plugins:
        assert isinstance(plugin, RegexBasedDetector), type(plugin).__name__
        assert type(plugin).analyze_line is BasePlugin.analyze_line, type(plugin).__name__
    # The patterns are searched as one alternation: joining them must not renumber a back-reference.
    assert not any(re.search(r"\\[1-9]|\(\?P=", p.pattern) for p in shapes)


@pytest.mark.parametrize("text", [*SECRETS, *ADVICE, "AKIA in lower case: akiaiosfodnn7example", "xoxb-not-a-token",
                                  "-----BEGIN RSA PRIVATE KEY-----", "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE1/a1B2c3D4e5F6g7H8i9J0k1L2"])
def test_one_alternation_matches_where_any_pattern_does(text: str) -> None:
    from clearpost.checks.credentials import _any_of, _use_our_plugins

    shapes = _use_our_plugins()
    assert (_any_of(shapes).search(text) is not None) == any(p.search(text) for p in shapes)


@pytest.mark.parametrize("text", SECRETS + ADVICE)
def test_prefilter_gives_what_detect_secrets_gives(text: str) -> None:
    from detect_secrets.core.scan import scan_line

    from clearpost.checks.credentials import _secrets_in, _use_our_plugins

    _use_our_plugins()
    expected = tuple((s.type, text.find(s.secret_value) if s.secret_value else -1, len(s.secret_value or "")) for s in scan_line(text))
    assert _secrets_in([text]) == [expected]
