"""The `cba-xl` command line: a thin layer over `cba_xl.api`."""
