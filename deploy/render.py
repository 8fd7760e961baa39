"""Fill the ${KEPU_*} placeholders of an nginx template from the environment (or given
values); nginx's own $variables are left as they are.

    python deploy/render.py deploy/nginx/kepu.conf.template > /etc/nginx/conf.d/kepu.conf
"""

import os
import re
import string
import sys


def render(template, values=None):
    values = {**os.environ, **(values or {})}
    missing = sorted(set(re.findall(r"\$\{(KEPU_[A-Z_]+)\}", template)) - set(values))
    if missing:
        raise KeyError(f"set {', '.join(missing)} to render the nginx configuration")
    return string.Template(template).safe_substitute(values)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        sys.stdout.write(render(f.read()))
