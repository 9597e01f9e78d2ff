"""The xlwings Lite edition: the same custom functions and buttons as the Windows add-in, for
Excel on Windows, macOS and the web with nothing installed but the Lite add-in. `cba-xl lite`
writes the `main.py` and `requirements.txt` that go into Lite's editor."""
