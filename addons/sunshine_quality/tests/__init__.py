from . import test_install
from . import test_intake
from . import test_clocks
from . import test_loop
