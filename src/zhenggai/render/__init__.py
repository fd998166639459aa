"""That data as text and files, in the language of `labels` and the catalogs, with
every user text made safe (`safetext`): the one output interface (`output`: every
command's formats, one shape, picked by name), terminal tables, JSON, CSV, Markdown
and the CI formats of findings; documents (`document`) as HTML (jinja2 templates,
`html`) and Word in the 公文 layout (`docx`); the 台账 as xlsx, CSV, JSON and
iCalendar; SVG charts and the leaders' page.

May import `reports`, `checks`, `ledger` and everything below; never `workspace` or
`cli`.
"""
