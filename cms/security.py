"""Security headers on every answer of ours.

Public pages get a strict Content-Security-Policy: scripts only from our own origin or
inline blocks whose hash the template declared with {% inline_script %} (the service
worker's registration, the widget's resize message); no plugins, no base-tag or form
hijacking, no framing but by ourselves (the embed widget sets its own frame-ancestors
from the registered partners). Styles may be inline: the channel colour is a style
attribute, and CSS cannot run code. Wagtail's admin uses inline scripts throughout, so
it gets only the directives it tolerates.
"""

import base64
import hashlib
from urllib.parse import urlsplit

from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def script_hash(source):
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def allow_inline_script(request, source):
    """Let this response run one inline script, by the hash of its text."""
    if request is not None:
        request.csp_script_hashes = [
            *getattr(request, "csp_script_hashes", []),
            script_hash(source),
        ]


def media_sources():
    """Where pictures, video and audio come from: us, and the object store's public URL."""
    base = getattr(settings, "KEPU_MEDIA_PUBLIC_ORIGIN", "")
    return "'self' data:" + (f" {base}" if base else "")


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


def plays_here(url):
    """Whether readers' browsers may load the media at absolute ``url`` under
    media-src: it is on the site's own address or the object store's public one. Media
    from anywhere else is blocked, and is not let in: each reader's address would go to a
    third party, who could then tell who watched what."""
    ours = {
        _origin(getattr(settings, "KEPU_SITE_URL", "")),
        _origin(getattr(settings, "WAGTAILADMIN_BASE_URL", "")),
        (getattr(settings, "KEPU_MEDIA_PUBLIC_ORIGIN", "") or "").lower(),
    } - {""}
    return _origin(url) in ours


def public_policy(request):
    media = media_sources()
    scripts = " ".join(["'self'", *getattr(request, "csp_script_hashes", [])])
    return {
        "default-src": "'self'",
        "script-src": scripts,
        "style-src": "'self' 'unsafe-inline'",
        "img-src": media,
        "media-src": media,
        "font-src": "'self'",
        "connect-src": "'self'",
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'self'",
    }


ADMIN_POLICY = {"object-src": "'none'", "base-uri": "'self'", "frame-ancestors": "'self'"}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()" for feature in ("camera", "microphone", "geolocation", "payment", "usb")
)


def parse(policy):
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(ADMIN_PREFIXES):
            policy = dict(ADMIN_POLICY)
        else:
            policy = public_policy(request)
            response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
            response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        # A view's own directives (the widget's frame-ancestors) win over the defaults.
        policy.update(parse(response.get("Content-Security-Policy", "")))
        response["Content-Security-Policy"] = "; ".join(f"{k} {v}" for k, v in policy.items())
        return response
