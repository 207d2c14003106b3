"""`clearpost serve`: run the service on 127.0.0.1 until Ctrl+C or SIGTERM."""

from __future__ import annotations

import errno
import logging
import sys
from pathlib import Path

from aiohttp import web

from clearpost.errors import ConfigError
from clearpost.service.app import create_app
from clearpost.service.config import CONFIG_NAME, ensure_token, load_config

DEFAULT_PORT = 8765
_EXTENSION_DIR = Path(__file__).resolve().parents[3] / "dist" / "extension"


def serve(*, port: int, home: Path) -> int:
    config = load_config(home)
    token = ensure_token(home)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)  # it lists every recognizer at INFO
    app = create_app(config, token)
    address = f"http://127.0.0.1:{port}"
    in_force = config.pack_in_force
    if in_force is None:
        org = f"none configured: each request names one, or set org in {home / CONFIG_NAME}"
    else:
        signed = f", signed by {in_force.signer} (key {in_force.key_id})" if in_force.signed else ""
        expires = f", valid until {in_force.pack.expires}" if in_force.pack.expires else ""
        org = f"{in_force.pack.id}: {in_force.describe()}{signed}{expires}, from {in_force.source}"
    if config.refused is not None:
        org += f"\n  REFUSED:       {config.refused.file}: {config.refused.reason}; still checking with {config.refused.kept}"
    if config.policy_path is not None:
        org += "\n  watching:      the pack file and its .sig; a new signed version is used without a restart"
    extension = (f"chrome://extensions, turn on Developer mode, Load unpacked, choose {_EXTENSION_DIR}"
                 if _EXTENSION_DIR.is_dir() else "the browser extension is not built in this checkout yet")
    print(f"""Clearpost is listening on {address} (127.0.0.1 only; the checks load in a few seconds)
  token:         {token}    (`clearpost token` prints it again)
  organisation:  {org}
  extension:     {extension}
  pairing:       open the extension's options, paste the token, press "Test connection"
  stop:          Ctrl+C""", flush=True)
    try:
        web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None, shutdown_timeout=5)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} is already in use: is Clearpost already running? Stop it, or pass --port") from None
        raise ConfigError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror})") from None
    return 0
