"""Admin page 嵌入代码: the exact code a partner pastes for a language and channel, with
the widget shown as it will look (a live preview in an iframe of our own origin)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import languages, public_url
from cms.cache_params import EMBED_LAYOUTS, EMBED_LIMIT, EMBED_MAX_LIMIT, EMBED_THEMES
from content.models import Partner, Topic

from .embed import options


class EmbedCodeForm(forms.Form):
    partner = forms.ModelChoiceField(
        Partner.objects.all(),
        label=gettext_lazy("Partner"),
        required=False,
        empty_label=gettext_lazy("(none)"),
    )
    lang = forms.ChoiceField(
        label=gettext_lazy("Language"),
        choices=[(lang.code, lang.name_local) for lang in languages.LANGUAGES],
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), required=False)
    limit = forms.IntegerField(
        label=gettext_lazy("Number of items"),
        min_value=1,
        max_value=EMBED_MAX_LIMIT,
        initial=EMBED_LIMIT,
    )
    theme = forms.ChoiceField(
        label=gettext_lazy("Colours"),
        choices=[("light", gettext_lazy("Light")), ("dark", gettext_lazy("Dark"))],
    )
    layout = forms.ChoiceField(
        label=gettext_lazy("Widget layout"),
        choices=[("list", gettext_lazy("List")), ("cards", gettext_lazy("Cards"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", _("All channels"))] + [
            (topic.slug, topic.name) for topic in Topic.objects.all()
        ]


def embed_code(request):
    if not request.user.has_perm("content.view_partner"):
        raise PermissionDenied
    form = EmbedCodeForm(
        request.GET
        or {
            "lang": languages.DEFAULT,
            "limit": EMBED_LIMIT,
            "theme": EMBED_THEMES[0],
            "layout": EMBED_LAYOUTS[0],
        }
    )
    context = {"header_title": _("Embed code"), "form": form}
    if form.is_valid():
        data = form.cleaned_data
        chosen = options(data)
        base = public_url.root_url()  # the partner's readers load it from the public host
        attributes = {"data-kepu-lang": data["lang"]}
        if data["channel"]:
            attributes["data-kepu-channel"] = data["channel"]
        for name in ("limit", "theme", "layout"):
            attributes[f"data-kepu-{name}"] = str(chosen[name])
        placeholder = " ".join(f'{key}="{value}"' for key, value in attributes.items())
        path = (
            reverse("embed_channel", args=[data["lang"], data["channel"]])
            if data["channel"]
            else reverse("embed", args=[data["lang"]])
        )
        context.update(
            code=f'<div {placeholder}></div>\n<script src="{base}/embed.js" async></script>',
            preview_url=path + "?" + urlencode(chosen),
            partner=data["partner"],
        )
    return TemplateResponse(request, "content/admin/embed_code.html", context)
