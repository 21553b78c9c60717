"""The web app (`douyin-team serve`): pages and a JSON API over the core and the store.

An adapter like the CLI: it calls the core and the store; neither imports it. `create_app` builds the app.
"""
