"""The slide templates (academy.pptx and the Jinja2 words), installed as `cba_xl.templates`."""
