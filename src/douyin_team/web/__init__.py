"""The web app (`douyin-team serve`): pages and a JSON API over the core and the store.

An adapter like the CLI: it calls the core and the store; neither imports it. `web.app.create_app` builds
the app (uvicorn loads it by that name, in each worker process, so importing this package stays light).
"""

from .config import WebSettings, settings_from_env
from .workers import STARTUP_FAILURE, serve_workers

__all__ = ["STARTUP_FAILURE", "WebSettings", "serve_workers", "settings_from_env"]
