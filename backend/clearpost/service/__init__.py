"""The local checking service (`clearpost serve`): see `app.py` for the API and who may call it."""

from clearpost.service.app import STATE, create_app, openapi_document, wait_until_ready
from clearpost.service.config import ServiceConfig, ensure_token, home_dir, load_config

__all__ = ["STATE", "ServiceConfig", "create_app", "ensure_token", "home_dir", "load_config", "openapi_document", "wait_until_ready"]
