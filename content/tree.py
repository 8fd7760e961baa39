"""The shape of the page tree, by Wagtail's depth (docs/adr/0001-page-localisation.md):
Wagtail's root, then one tree per language: Home → Channel (and info pages) → Article
and Video."""

ROOT_DEPTH = 1  # Wagtail's root page: no language, never shown
HOME_DEPTH = 2  # a language's home page
CHANNEL_DEPTH = 3  # channels, the about page and the privacy notice
ITEM_DEPTH = 4  # articles and videos
