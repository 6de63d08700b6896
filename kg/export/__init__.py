"""Export: the one networkx graph written for its users, never by re-running NLP.

* :func:`to_rdf` / :func:`write_turtle` — RDF in the kg ontology (``ontology/kg.ttl``), with
  W3C ORG posts and PROV-O evidence; query it with :func:`kg.query.run_query`.
* :func:`write_html` — an offline pyvis page (everything inlined, no CDN).
* :func:`write_json` / :func:`read_json` — networkx node-link JSON (edge ends ``from``/``to``).

Every writer is atomic (temporary file + ``os.replace``) and deterministic.
"""

from __future__ import annotations

from kg.export.html import write_html
from kg.export.jsonfile import read_json, write_json
from kg.export.turtle import to_rdf, write_turtle

__all__ = ["to_rdf", "write_turtle", "write_html", "write_json", "read_json"]
