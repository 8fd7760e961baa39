"""Syndication for county media centres: feeds, the embeddable widget and embed.js,
oEmbed, share cards and structured data (docs/embedding.md, docs/api.md)."""
