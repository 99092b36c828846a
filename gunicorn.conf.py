"""gunicorn settings, read from the working directory (``gunicorn.conf.py`` is gunicorn's
default config file; ``-c gunicorn.conf.py`` names it explicitly).

The ``Server`` header does not name the server software or its version (issue 11):
gunicorn writes its own name into every response, so the name it writes is replaced."""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = "IOP-registret"
