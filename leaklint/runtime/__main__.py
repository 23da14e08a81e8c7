"""``python -m leaklint.runtime run script.py``: the runtime commands without the main CLI."""
from leaklint.runtime.commands import main

main()
