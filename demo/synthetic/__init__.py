"""A clearly labelled synthetic data set at a chosen scale, and its removal.

See docs/SYNTHETIC.md. `generator.synthetic_generate` builds it in bulk from the
distributions of the real catalogue (`distributions`); `removal.synthetic_remove`
deletes all of it and nothing else. What marks a record as synthetic is defined
once, in `markers`.
"""
