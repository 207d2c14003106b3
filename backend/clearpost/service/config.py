"""The service's state in CLEARPOST_HOME (default ~/.clearpost): config.toml and the API token.

    org = "iuk"                    # or: policy = "/path/to/our-pack.toml"
    trusted_keys = ["ed25519:..."] # then the policy pack must be signed (our-pack.toml.sig) by one of these
    profile_disclaimer = false
    [official_handles]
    x = ["@IntegrateUK"]
    linkedin = ["IntegrateUK"]       # LinkedIn shows names: the Page's name, spaces and accents allowed

A missing config.toml means defaults (the organisation then comes with each request). The token
is created on first start, 32 random bytes, in a file only the user can read (0600).

With trusted keys (here, or pushed by IT through the extension into managed-trusted-keys.json)
the policy pack is verified before use; a refused pack does not stop the service: what stays in
force and why is in `ServiceConfig.in_force` and `.refused` (see clearpost.policy.trust).
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from clearpost.draft import PLATFORMS
from clearpost.errors import ConfigError, InputError, PolicyPackError
from clearpost.policy import PolicyPack, builtin_pack, load_pack
from clearpost.policy.signing import PublicKey
from clearpost.policy.trust import PackInForce, Refusal, load_policy, parse_keys, read_managed_keys, union_keys
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
    """Immutable: the service swaps in a new one (a reloaded pack, new managed keys) in one assignment."""

    pack: PolicyPack | None = None
    profile_disclaimer: bool = False
    official_handles: dict[str, frozenset[str]] = field(default_factory=dict)
    source: str = "defaults"
    home: Path | None = None
    policy_path: Path | None = None  # the configured pack file, watched for changes
    fallback_org: str | None = None  # config.toml's org when policy is set: stands in if nothing else can
    config_keys: tuple[PublicKey, ...] = ()
    managed_keys: tuple[PublicKey, ...] = ()
    in_force: PackInForce | None = None  # how `pack` got here (signed, by whom); None: derived from `pack`
    refused: Refusal | None = None

    def is_official(self, platform: str, handle: str) -> bool:
        return normalise_handle(handle) in self.official_handles.get(platform, frozenset())

    @property
    def trusted_keys(self) -> tuple[PublicKey, ...]:
        return union_keys(self.config_keys, self.managed_keys)

    @property
    def pack_in_force(self) -> PackInForce | None:
        if self.in_force is not None:
            return self.in_force
        return PackInForce.of(self.pack) if self.pack is not None else None

    def reload_policy(self) -> ServiceConfig:
        """This config with the policy file verified again (after it changed, or the keys did)."""
        if self.policy_path is None:
            return self
        in_force, refused = load_policy(self.policy_path, self.trusted_keys, self.home,
                                        current=self.pack_in_force, fallback_org=self.fallback_org)
        return replace(self, pack=in_force.pack if in_force else None, in_force=in_force, refused=refused)


def _read_config(home: Path) -> dict[str, Any] | None:
    path = home / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc.strerror})") from None
    data = parse_toml(raw, str(path), ConfigError, "configuration")
    errors = schema_errors("config.schema.json", data)
    if errors:
        first = errors[0]
        raise ConfigError(f"{path}: field {field_path(first)} {describe(first)}")
    return data


def _config_keys(home: Path, data: dict[str, Any]) -> tuple[PublicKey, ...]:
    try:
        return parse_keys(data.get("trusted_keys", []), "trusted_keys")
    except InputError as exc:
        raise ConfigError(f"{home / CONFIG_NAME}: field {exc}") from None


def read_trusted_keys(home: Path) -> tuple[PublicKey, ...]:
    """The keys this machine trusts: config.toml's trusted_keys and IT's managed ones."""
    data = _read_config(home) or {}
    return union_keys(_config_keys(home, data), read_managed_keys(home))


def load_config(home: Path) -> ServiceConfig:
    path = home / CONFIG_NAME
    data = _read_config(home)
    if data is None:
        return ServiceConfig(home=home, managed_keys=read_managed_keys(home))

    config_keys = _config_keys(home, data)
    managed_keys = read_managed_keys(home)
    handles = {
        platform: frozenset(normalise_handle(h) for h in data.get("official_handles", {}).get(platform, []))
        for platform in PLATFORMS
    }
    config = ServiceConfig(profile_disclaimer=data.get("profile_disclaimer", False), official_handles=handles,
                           source=str(path), home=home, config_keys=config_keys, managed_keys=managed_keys)
    try:
        if "policy" in data:
            policy = Path(data["policy"]).expanduser()
            policy = policy if policy.is_absolute() else home / policy
            config = replace(config, policy_path=policy, fallback_org=data.get("org"))
            if not config.trusted_keys:
                # No key trusted: the pack is used as it is, and a broken one stops the service as before.
                pack = load_pack(policy)
                return replace(config, pack=pack, in_force=PackInForce(pack, source=str(policy)))
            return config.reload_policy()
        if "org" in data:
            return replace(config, pack=builtin_pack(data["org"]))
    except PolicyPackError as exc:
        key = "policy" if "policy" in data else "org"
        raise ConfigError(f"{path}: field {key}: {exc}") from None
    return config


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
