"""Ingest: newspaper page files -> :class:`kg.model.Article` s.

* :func:`decode_page` / :func:`decode_file` — bytes to text (a BOM's encoding, UTF-16 without
  BOM, UTF-8, GB18030, Big5 with a warning; other encodings refused; LF endings), and
  :func:`kg.ingest.decode.read_page_bytes`, which refuses FIFOs, devices and huge files unread;
* :func:`split_page` — one page's text to its items (headlines, 本报讯 leads and datelines,
  bylines, photo captions, paragraphs re-joined where the layout broke them), every character
  of ``Article.text`` mapped back into the page by ``Article.segments``;
* :func:`plan_pages` (every page with its name, dates and profile, checked before any is
  read), :func:`read_page`, :func:`read_pages`, :func:`load_manifest` — files and folders,
  manifests, control characters removed, one clear :class:`kg.errors.InputError` per bad file.

Word lists and patterns are data: ``kg/data/ingest/`` (see :mod:`kg.ingest.rules`).
"""

from kg.ingest.decode import decode_bytes, decode_file, decode_page
from kg.ingest.files import Page, PageJob, articles_of, iter_page_files, load_manifest, plan_pages, read_page, read_pages
from kg.ingest.split import split_page

__all__ = ["Page", "PageJob", "articles_of", "decode_bytes", "decode_file", "decode_page", "iter_page_files", "load_manifest", "plan_pages", "read_page", "read_pages", "split_page"]
