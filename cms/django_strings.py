"""Django's own strings that can reach a public page, listed here so that
``makemessages`` copies them into the site's catalogues.

Without our own translation, a Tibetan page would show these in Chinese (the default
language) and a Mongolian page in Cyrillic (Django's ``mn`` catalogue is for
Mongolia). The project's ``locale/`` comes first in LOCALE_PATHS, so these win.
Nothing calls this module; it only has to exist for makemessages.
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import ngettext_noop as ngettext
from django.utils.translation import pgettext_noop as pgettext


def _months_and_days():
    # django.utils.dates: month and weekday names used by the |date filter.
    return [
        _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
        _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
        pgettext("alt. month", "January"), pgettext("alt. month", "February"),
        pgettext("alt. month", "March"), pgettext("alt. month", "April"),
        pgettext("alt. month", "May"), pgettext("alt. month", "June"),
        pgettext("alt. month", "July"), pgettext("alt. month", "August"),
        pgettext("alt. month", "September"), pgettext("alt. month", "October"),
        pgettext("alt. month", "November"), pgettext("alt. month", "December"),
        _("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"),
        _("Saturday"), _("Sunday"),
        _("a.m."), _("p.m."), _("AM"), _("PM"), _("midnight"), _("noon"),
    ]  # fmt: skip


def _form_errors():
    # django.forms and django.core.validators: the errors a public form can show.
    return [
        _("This field is required."),
        _("Enter a valid value."),
        _("Enter a valid URL."),
        _("Enter a valid email address."),
        _("Enter a whole number."),
        _("Enter a number."),
        _("Select a valid choice. %(value)s is not one of the available choices."),
        ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            1,
        ),
        ngettext(
            "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
            1,
        ),
        _("Null characters are not allowed."),
        _("Forbidden"),
        _("CSRF verification failed. Request aborted."),
    ]
