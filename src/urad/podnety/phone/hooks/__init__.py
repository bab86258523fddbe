"""Views the PBX reaches without a Plone login (token or address checked).

Everything an anonymous client can call in the phone channel is here:
``@@pbx-hook``, ``@@pbx-recording`` and ``@@pbx-announcement``.
"""
