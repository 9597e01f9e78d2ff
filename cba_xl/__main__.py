import sys

from cba_xl.cli.main import main

sys.exit(main())
