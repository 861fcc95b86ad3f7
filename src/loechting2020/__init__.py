"""The executable compendium of Løchting et al. (2020), BMC Public Health, doi:10.1186/s12889-020-09804-0.

Its own code: the transcribed Table 1 (:mod:`~loechting2020.cleaning`), the audit of the article's printed
numbers (:mod:`~loechting2020.audit`), the focus group's synthesis (:mod:`~loechting2020.synthesis`), its
sentences and figures (:mod:`~loechting2020.story`, :mod:`~loechting2020.figures`), the lesson's checks
(:mod:`~loechting2020.lesson`), the reader's edition and handout (:mod:`~loechting2020.site`,
:mod:`~loechting2020.handout`, :mod:`~loechting2020.references`) and the notebook build
(:mod:`~loechting2020.notebooks`, :mod:`~loechting2020.run`, :mod:`~loechting2020.lab`). It uses
:mod:`likertkit` as any user would. Standard library only at import, so Make can use the build modules before
the environment exists.
"""
