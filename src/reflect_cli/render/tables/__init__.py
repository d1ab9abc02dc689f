"""Sessions as tidy tables with a data dictionary: ``schema`` (every table's columns,
types, meanings and keys), ``build`` (the rows), ``people`` (a person's id) and
``package`` (the CSVs and ``datapackage.json``)."""
