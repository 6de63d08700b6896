"""kg's spaCy pipeline components, one module per component, as spaCy keeps one pipe a file.

Each follows spaCy's ``span_ruler.py``: ``__init__`` loads and compiles its data once (files
under ``kg/data``, named in the pipeline config), ``__call__`` matches and sets annotations.
No word list or pattern lives in a module. The names they are registered under are all in
:mod:`kg.nlp.factories`; the order of the pipeline is ``kg.nlp.PIPELINE``.

=====================  ==========================================================================
``kg_sentences``       :mod:`.sentences` — sentence starts after 。！？；… and at line breaks
``kg_lac_ner``         :mod:`.lac_ner` — LAC's PER/LOC/ORG/TIME words -> PERSON / places / ORG / DATE
``kg_char_patterns``   :mod:`.char_patterns` — regex patterns (市卫健委, 《documents》)
``kg_suffix_entities`` :mod:`.suffix_entities` — a typed head word (…局, …工程, …会议, …村) plus the
                       name words before it
``kg_enumerations``    :mod:`.enumerations` — items of a list closed by a kind noun (公安、卫健等部门)
``kg_titles``          :mod:`.titles` — titles / posts into ``doc.spans["titles"]``
``kg_entity_filter``   :mod:`.entity_filter` — drops or trims LAC's typical mistakes
``kg_elided``          :mod:`.elided` — 省 of 省、市红十字会 into ``doc.spans["elided"]``
``kg_nested``          :mod:`.nested` — names inside longer names into ``doc.spans["nested"]``
=====================  ==========================================================================
"""
