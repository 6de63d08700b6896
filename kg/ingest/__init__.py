"""Ingest: newspaper page files -> :class:`kg.model.Article` s.

* :func:`decode_file` — bytes to text (UTF-8 with or without BOM, else GB18030; LF endings);
* :func:`split_page` — one page's text to its items (headlines, 本报讯 leads and datelines,
  bylines, photo captions, paragraphs re-joined where the layout broke them), every character
  of ``Article.text`` mapped back into the page by ``Article.segments``;
* :func:`iter_page_files`, :func:`load_manifest`, :func:`read_pages` — files and folders,
  the year from a manifest, one clear :class:`kg.errors.InputError` per bad file.

Word lists and patterns are data: ``kg/data/ingest/`` (see :mod:`kg.ingest.rules`).
"""

from kg.ingest.decode import decode_bytes, decode_file, decode_page
from kg.ingest.files import Page, PageJob, articles_of, iter_page_files, load_manifest, plan_pages, read_page, read_pages
from kg.ingest.split import split_page

__all__ = ["Page", "PageJob", "articles_of", "decode_bytes", "decode_file", "decode_page", "iter_page_files", "load_manifest", "plan_pages", "read_page", "read_pages", "split_page"]
