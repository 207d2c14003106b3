"""CLEARPOST_HOME: config.toml validated with errors naming the field; the token file; and
`clearpost serve` / `clearpost token` run for real as processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from clearpost import ConfigError
from clearpost.service.config import ensure_token, load_config


def _write(home: Path, text: str) -> None:
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(text, encoding="utf-8")


def test_missing_config_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.pack is None and config.profile_disclaimer is False


def test_full_config_is_read(tmp_path: Path) -> None:
    _write(tmp_path, 'org = "ids"\nprofile_disclaimer = true\n[official_handles]\nx = ["@IDS_UK", "ids_events"]\nlinkedin = ["ids"]\n')
    config = load_config(tmp_path)
    assert config.pack is not None and config.pack.id == "ids"
    assert config.profile_disclaimer is True
    assert config.is_official("x", "@ids_uk") and config.is_official("x", "IDS_EVENTS")
    assert not config.is_official("instagram", "@IDS_UK")


def test_linkedin_page_names_with_spaces_and_accents_are_official_accounts(tmp_path: Path) -> None:
    _write(tmp_path, '[official_handles]\nlinkedin = ["Université Côte d\'Azur", "IntegrateUK Ltd"]\n')
    config = load_config(tmp_path)
    assert config.is_official("linkedin", "université  côte d'azur")
    assert config.is_official("linkedin", " IntegrateUK LTD ")
    assert not config.is_official("linkedin", "IntegrateUK")


def test_policy_file_relative_to_home(tmp_path: Path) -> None:
    pack = (Path(__file__).parents[1] / "backend/clearpost/packs/iuk.toml").read_text(encoding="utf-8")
    (tmp_path / "ours.toml").write_text(pack.replace('id = "iuk"', 'id = "ours"', 1), encoding="utf-8")
    _write(tmp_path, 'policy = "ours.toml"\n')
    config = load_config(tmp_path)
    assert config.pack is not None and config.pack.id == "ours"


@pytest.mark.parametrize(("text", "message"), [
    ('org = 5\n', "field org must be a string"),
    ('org = "acme"\n', "field org: unknown organisation 'acme'"),
    ('policy = "nowhere.toml"\n', "field policy:"),
    ('profile_disclaimer = "yes"\n', "field profile_disclaimer must be true or false"),
    ('colour = "red"\n', "unknown field(s) 'colour'"),
    ('[official_handles]\nx = "@IDS"\n', "field official_handles.x must be a list"),
    ('[official_handles]\nx = ["not a handle!"]\n', "field official_handles.x[0] is not in the expected form: X handles"),
    ('[official_handles]\ninstagram = ["Integrate UK"]\n', "field official_handles.instagram[0] is not in the expected form: Instagram usernames"),
    ('[official_handles]\nlinkedin = ["   "]\n', "field official_handles.linkedin[0] is not in the expected form: LinkedIn shows"),
    ('[official_handles]\nlinkedin = ["Acme\\u0007Ltd"]\n', "field official_handles.linkedin[0] is not in the expected form"),
    ('[official_handles]\nfacebook = ["ids"]\n', "field official_handles has unknown field(s) 'facebook'"),
    ('org = "iuk\n', "not valid TOML"),
])
def test_bad_config_names_the_file_and_field(tmp_path: Path, text: str, message: str) -> None:
    _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert message in str(err.value)
    assert str(tmp_path / "config.toml") in str(err.value)


def test_token_is_created_once_with_0600(tmp_path: Path) -> None:
    home = tmp_path / "home"
    token = ensure_token(home)
    assert len(token) >= 40
    assert stat.S_IMODE((home / "token").stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert ensure_token(home) == token
    assert ensure_token(tmp_path / "other") != token


def test_token_readable_by_others_is_refused(tmp_path: Path) -> None:
    ensure_token(tmp_path)
    os.chmod(tmp_path / "token", 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        ensure_token(tmp_path)


def test_damaged_token_is_refused(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "token", os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, b"short\n")
    os.close(fd)
    with pytest.raises(ConfigError, match="damaged"):
        ensure_token(tmp_path)


# --- the real processes ------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "CLEARPOST_HOME": str(home)}


def test_token_command_prints_the_same_token(tmp_path: Path) -> None:
    first = subprocess.run([sys.executable, "-m", "clearpost", "token"], env=_env(tmp_path), capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-m", "clearpost", "token"], env=_env(tmp_path), capture_output=True, text=True, check=True)
    assert first.stdout == second.stdout
    assert first.stdout.strip() == (tmp_path / "token").read_text().strip()


def test_serve_answers_then_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    _write(tmp_path, 'org = "iuk"\n')
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "clearpost", "serve", "--port", str(port)], env=_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        token = (tmp_path / "token")
        base = f"http://127.0.0.1:{port}"
        status = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and status != "ready":
            try:
                with urllib.request.urlopen(f"{base}/v1/health", timeout=2) as resp:
                    status = json.load(resp)["status"]
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.1)
        assert status == "ready"
        request = urllib.request.Request(
            f"{base}/v1/check", data=json.dumps({"text": "Secret draft about IntegrateUK: call Sam on 07700 900461", "platform": "x"}).encode(),
            headers={"Authorization": f"Bearer {token.read_text().strip()}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            body = json.load(resp)
        assert "personal-data" in {f["category"] for f in body["findings"]}
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert f"http://127.0.0.1:{port}" in out and token.read_text().strip() in out
    assert "Secret draft" not in out + err and "07700" not in out + err


def test_serve_on_a_busy_port_says_so(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "clearpost", "serve", "--port", str(port)], env=_env(tmp_path),
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "already in use" in result.stderr


def test_serve_with_a_bad_config_says_which_field(tmp_path: Path) -> None:
    _write(tmp_path, 'org = "acme"\n')
    result = subprocess.run([sys.executable, "-m", "clearpost", "serve", "--port", str(_free_port())], env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "field org" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_serve_rejects_a_bad_port(port: str) -> None:
    result = subprocess.run([sys.executable, "-m", "clearpost", "serve", "--port", port], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "port must be" in result.stderr
