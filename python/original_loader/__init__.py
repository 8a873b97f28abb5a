"""A Python port of the original ``insert_async_parallel`` loader, before and after its
rewrite, split into one switch per claimed change so each claim can be measured alone.

Nothing here imports psycopg or pydantic at package import time: the worker has to be able
to report missing packages on its protocol before anything else fails.
"""

APT_LINE = "apt-get install -y python3-psycopg python3-psycopg-pool python3-pydantic"
