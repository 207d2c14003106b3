"""The service's state in CLEARPOST_HOME (default ~/.clearpost): config.toml and the API token.

    org = "iuk"                    # or: policy = "/path/to/our-pack.toml"
    profile_disclaimer = false
    [official_handles]
    x = ["@IntegrateUK"]
    linkedin = ["IntegrateUK"]       # LinkedIn shows names: the Page's name, spaces and accents allowed

A missing config.toml means defaults (the organisation then comes with each request). The token
is created on first start, 32 random bytes, in a file only the user can read (0600).
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from clearpost.draft import PLATFORMS
from clearpost.errors import ConfigError, PolicyPackError
from clearpost.policy import PolicyPack, builtin_pack, load_pack
from clearpost.schema import describe, field_path, parse_toml, schema_errors

HOME_ENV = "CLEARPOST_HOME"
CONFIG_NAME = "config.toml"
TOKEN_NAME = "token"


def home_dir() -> Path:
    configured = os.environ.get(HOME_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".clearpost"


def normalise_handle(handle: str) -> str:
    """Handles and names compare without "@", case or extra white space: "@IntegrateUK" is
    "integrateuk", and "Université  Côte Ltd" is "université côte ltd" (the extension's norm())."""
    return " ".join(handle.split()).lstrip("@").lower()


@dataclass(frozen=True)
class ServiceConfig:
    pack: PolicyPack | None = None
    profile_disclaimer: bool = False
    official_handles: dict[str, frozenset[str]] = field(default_factory=dict)
    source: str = "defaults"

    def is_official(self, platform: str, handle: str) -> bool:
        return normalise_handle(handle) in self.official_handles.get(platform, frozenset())


def load_config(home: Path) -> ServiceConfig:
    path = home / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ServiceConfig()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror})") from None
    data = parse_toml(raw, str(path), ConfigError, "configuration")
    errors = schema_errors("config.schema.json", data)
    if errors:
        first = errors[0]
        raise ConfigError(f"{path}: field {field_path(first)} {describe(first)}")

    pack = None
    try:
        if "policy" in data:
            policy = Path(data["policy"]).expanduser()
            pack = load_pack(policy if policy.is_absolute() else home / policy)
        elif "org" in data:
            pack = builtin_pack(data["org"])
    except PolicyPackError as exc:
        key = "policy" if "policy" in data else "org"
        raise ConfigError(f"{path}: field {key}: {exc}") from None
    handles = {
        platform: frozenset(normalise_handle(h) for h in data.get("official_handles", {}).get(platform, []))
        for platform in PLATFORMS
    }
    return ServiceConfig(pack=pack, profile_disclaimer=data.get("profile_disclaimer", False),
                         official_handles=handles, source=str(path))


def ensure_token(home: Path) -> str:
    """The API token, created on first use. Refuses a token file others can read."""
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{home}: cannot create the Clearpost folder ({exc.strerror}); set {HOME_ENV} to a folder you own") from None
    path = home / TOKEN_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_token(path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot create the token file ({exc.strerror})") from None
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(token + "\n")
    return token


def _read_token(path: Path) -> str:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(f"{path}: the token file can be read by other users (mode {mode:04o}); run `chmod 600 {path}`")
    token = path.read_text(encoding="ascii", errors="replace").strip()
    if len(token) < 32 or not token.replace("-", "").replace("_", "").isalnum():
        raise ConfigError(f"{path}: the token file is damaged; delete it and restart Clearpost to make a new one (then pair the extension again)")
    return token
