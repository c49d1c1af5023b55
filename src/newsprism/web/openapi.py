"""The JSON API's OpenAPI 3 description, written by hand so it says exactly what the handlers do."""

from __future__ import annotations

from typing import Any

ID_PATTERN = r"^[A-Za-z0-9_-]{1,80}$"

_ERROR = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _param(name: str, where: str, description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "description": description, "required": required, "schema": schema}


def document(version: str) -> dict[str, Any]:
    """The OpenAPI document served at ``/openapi.json``."""
    story_id = _param("story_id", "path", "Story id, as listed by /api/stories.",
                      {"type": "string", "pattern": ID_PATTERN}, required=True)
    article_id = _param("article_id", "path", "Article id (\"a\" + 12 hex digits).",
                        {"type": "string", "pattern": ID_PATTERN}, required=True)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newsprism",
            "version": version,
            "description": "Stories of the newsprism store and their reports (schema newsprism.report/1). "
                           "Read-only; every offset is a character offset into the article's cleaned text.",
        },
        "paths": {
            "/api/stories": {"get": {
                "summary": "List stories, or search them",
                "description": "Without q: stories, most recent first. With q: stories whose title or articles "
                               "match an SQLite FTS5 query (plain words, \"quoted phrases\", AND, OR, NOT). "
                               "A query FTS5 cannot parse gives 400 with a message.",
                "parameters": [
                    _param("q", "query", "Search words (at most 300 characters).",
                           {"type": "string", "maxLength": 300}),
                    _param("limit", "query", "How many stories (1-500).",
                           {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}),
                    _param("offset", "query", "How many to skip (listing only).",
                           {"type": "integer", "minimum": 0, "default": 0}),
                ],
                "responses": {
                    "200": {"description": "Stories", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/StoryList"}}}},
                    "400": _ERROR,
                },
            }},
            "/api/stories/{story_id}": {"get": {
                "summary": "One story with its report",
                "description": "The story and its full report. The report is computed on first request and "
                               "cached in the store.",
                "parameters": [story_id, _param("report", "query", "0 to leave the report out.",
                                                {"type": "integer", "enum": [0, 1], "default": 1})],
                "responses": {
                    "200": {"description": "The story", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["story"],
                        "properties": {"story": {"$ref": "#/components/schemas/Story"},
                                       "report": {"$ref": "#/components/schemas/Report"}}}}}},
                    "400": _ERROR,
                    "404": _ERROR,
                },
            }},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article with its cleaned text",
                "parameters": [article_id],
                "responses": {
                    "200": {"description": "The article", "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Article"}}}},
                    "400": _ERROR,
                    "404": _ERROR,
                },
            }},
        },
        "components": {"schemas": _schemas()},
    }


def _schemas() -> dict[str, Any]:
    string_or_null = {"type": ["string", "null"]}
    span = {"type": "object", "required": ["article", "start", "end"],
            "properties": {"article": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"},
                           "text": {"type": "string"}}}
    return {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
        "StoryArticle": {"type": "object", "properties": {
            "id": {"type": "string"}, "source": {"type": "string"}, "title": string_or_null,
            "outlet": string_or_null, "published": string_or_null,
            "copy_of": {**string_or_null, "description": "Id of the article this one is a near-duplicate of."}}},
        "Story": {"type": "object", "required": ["id", "articles"], "properties": {
            "id": {"type": "string"}, "title": string_or_null, "first_seen": string_or_null,
            "last_seen": string_or_null,
            "articles": {"type": "array", "items": {"$ref": "#/components/schemas/StoryArticle"}}}},
        "StoryList": {"type": "object", "required": ["stories"], "properties": {
            "stories": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}},
            "count": {"type": "integer"}, "query": string_or_null, "limit": {"type": "integer"},
            "offset": {"type": "integer"}}},
        "Article": {"type": "object", "required": ["id", "text"], "properties": {
            "id": {"type": "string"}, "text": {"type": "string"}, "title": string_or_null,
            "outlet": string_or_null, "url": string_or_null, "published": string_or_null,
            "author": string_or_null, "source": {"type": "string"}, "words": {"type": "integer"}}},
        "Span": span,
        "Report": {"type": "object", "description": "The newsprism.report/1 contract.",
                   "required": ["schema", "story"], "properties": {
                       "schema": {"const": "newsprism.report/1"},
                       "story": {"type": "object"},
                       "summary": {"type": "array", "items": {"type": "object", "properties": {
                           "text": {"type": "string"}, "sources": {"type": "array", "items": span}}}},
                       "facts": {"type": "array", "items": {"type": "object", "properties": {
                           "id": {"type": "string"}, "text": {"type": "string"},
                           "status": {"enum": ["shared", "unique", "conflict"]},
                           "support": {"type": "array", "items": span},
                           "conflict": {"type": ["object", "null"]}}}},
                       "quotes": {"type": "array", "items": {"type": "object"}},
                       "quote_groups": {"type": "array", "items": {"type": "object", "properties": {
                           "agreement": {"enum": ["identical", "truncated", "reworded", "paraphrased"]}}}},
                       "claims": {"type": "array", "items": {"type": "object"}},
                       "entities": {"type": "array", "items": {"type": "object"}},
                       "timeline": {"type": "array", "items": {"type": "object"}},
                       "outlets": {"type": "array", "items": {"type": "object"}},
                       "cleaning": {"type": "array", "items": {"type": "object"}},
                       "notes": {"type": "array", "items": {"type": "string"}}}},
    }
