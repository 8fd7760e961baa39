"""Admin page 嵌入代码: the exact code a partner pastes for a language and channel, with
the widget shown as it will look (a live preview in an iframe of our own origin)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from cms import languages, public_url
from content.models import Partner, Topic

from .embed import options


class EmbedCodeForm(forms.Form):
    partner = forms.ModelChoiceField(
        Partner.objects.all(), label="合作方", required=False, empty_label="（不指定）"
    )
    lang = forms.ChoiceField(
        label="语言", choices=[(lang.code, lang.name_local) for lang in languages.LANGUAGES]
    )
    channel = forms.ChoiceField(label="频道", required=False)
    limit = forms.IntegerField(label="条数", min_value=1, max_value=20, initial=5)
    theme = forms.ChoiceField(label="配色", choices=[("light", "浅色"), ("dark", "深色")])
    layout = forms.ChoiceField(label="版式", choices=[("list", "列表"), ("cards", "卡片")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "全部频道")] + [
            (topic.slug, topic.name) for topic in Topic.objects.all()
        ]


def embed_code(request):
    if not request.user.has_perm("content.view_partner"):
        raise PermissionDenied
    form = EmbedCodeForm(
        request.GET or {"lang": "zh-hans", "limit": 5, "theme": "light", "layout": "list"}
    )
    context = {"header_title": "嵌入代码", "form": form}
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
