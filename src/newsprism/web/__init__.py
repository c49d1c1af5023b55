"""The web app of ``newsprism serve``: story list and search, story reports, article views, ad-hoc analysis, JSON API."""
