"""credentials: passwords, passcodes, keys, tokens and login details; not advice about them."""

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
