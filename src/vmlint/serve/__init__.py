"""``vmlint serve``: a local drafting page over the library (needs ``pip install 'vmlint[serve]'``).

``command`` parses the command line and runs the server, ``guard`` checks every request
(Host, Origin, token, size), ``app`` is the JSON API and serves the page in ``static/``,
``folder`` keeps every path inside the folder being served.
"""
